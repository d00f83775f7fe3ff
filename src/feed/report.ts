import type { SkippedRecord } from '../types.js';

const EXAMPLES = 5;

/** "\"lat\" \"abc\" is not a number" → "\"lat\" … is not a number": groups problems of one kind. */
function kindOf(reason: string): string {
  return reason.replace(/"[^"]*"(?=[^"]*$)|\d+(\.\d+)?/g, (m) => (m.startsWith('"') && /^"[a-zA-Z]+"$/.test(m) ? m : '…'));
}

/**
 * Logs one collapsed console group for a feed: counts per kind of problem with a few
 * examples each, instead of a line per record (a 14k-row feed can have thousands).
 */
export function logFeedReport(label: string, shown: number, skipped: SkippedRecord[], warnings: SkippedRecord[]) {
  if (!skipped.length && !warnings.length) return;
  console.groupCollapsed(`naloxone-finder: ${label}: ${shown} services shown, ${skipped.length} records skipped, ${warnings.length} warnings`);
  for (const [title, list] of [
    ['skipped', skipped],
    ['warning', warnings],
  ] as const) {
    const groups = new Map<string, { count: number; examples: SkippedRecord[] }>();
    for (const item of list) {
      const key = kindOf(item.reason);
      const group = groups.get(key) ?? { count: 0, examples: [] };
      group.count++;
      if (group.examples.length < EXAMPLES) group.examples.push(item);
      groups.set(key, group);
    }
    for (const { count, examples } of groups.values()) {
      const where = (r: SkippedRecord) => (r.index < 0 ? 'feed' : `record ${r.index}${r.id ? ` (id "${r.id}")` : ''}`);
      const lines = examples.map((r) => `${where(r)}: ${r.reason}`);
      const more = count > EXAMPLES ? `\n  …and ${count - EXAMPLES} more (all are in the nf-feed-load event's detail)` : '';
      console.warn(`${title} ×${count}\n  ${lines.join('\n  ')}${more}`);
    }
  }
  console.groupEnd();
}
