import type { SkippedRecord } from '../types.js';
import type { logFeedReport } from './console-report.js';
import { FIELDS } from './field-map.js';

const FIELD_NAMES = new Set<string>(FIELDS);

/**
 * The kind of a problem: its reason with the record's own values (numbers, quoted text other
 * than our field names) replaced by "…", so thousands of rows collapse into a few lines.
 */
export function kindOf(reason: string): string {
  return reason.replace(/"[^"]*"|\d+(\.\d+)?/g, (match) => (match.startsWith('"') && FIELD_NAMES.has(match.slice(1, -1)) ? match : '…'));
}

/** Problems grouped by kind, the most frequent first. */
export function groupByKind(items: readonly SkippedRecord[]): { kind: string; items: SkippedRecord[] }[] {
  const groups = new Map<string, SkippedRecord[]>();
  for (const item of items) {
    const kind = kindOf(item.reason);
    const group = groups.get(kind);
    if (group) group.push(item);
    else groups.set(kind, [item]);
  }
  return [...groups].map(([kind, list]) => ({ kind, items: list })).sort((a, b) => b.items.length - a.items.length);
}

/**
 * The console's summary of a feed's problems (console-report.ts), a chunk of its own loaded only
 * for a feed with something to tell.
 */
export function reportLater(...args: Parameters<typeof logFeedReport>): void {
  const [, , skipped, warnings] = args;
  if (skipped.length || warnings.length) void import('./console-report.js').then((m) => m.logFeedReport(...args));
}
