import type { SkippedRecord } from '../types.js';
import type { FeedFormat } from './formats/format.js';
import { FIELDS } from './field-map.js';
import { counted, MAX_LENGTH, quote } from './text.js';
import { placeName } from './validate.js';

const EXAMPLES = 5;
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

/** A CSV reader's reason that names its row itself ("row 3 (data row 2) has…"). */
const NAMES_ITS_ROW = /^row \d+ \(data row \d+\)/;

/** Where a problem is, as a person counts ("record 3 (id "x")", "data row 3", "feature 3"), or `whole` for the feed's own. */
export function problemPlace(item: SkippedRecord, format: FeedFormat | undefined, whole = 'feed'): string {
  if (item.index < 0) return whole;
  const where = placeName(item.index, format === 'csv' ? 'row' : format === 'geojson' ? 'feature' : 'record');
  return item.id ? `${where} (id ${quote(item.id, MAX_LENGTH.name)})` : where;
}

/** "data row 13: reason", or the reason alone where it names its row already. */
export function problemLine(item: SkippedRecord, format: FeedFormat | undefined, whole?: string): string {
  if (format === 'csv' && !item.id && NAMES_ITS_ROW.test(item.reason)) return item.reason;
  return `${problemPlace(item, format, whole)}: ${item.reason}`;
}

/**
 * Logs one collapsed console group for a feed: counts per kind of problem with a few
 * examples each, instead of a line per record (a 14k-row feed can have thousands).
 */
export function logFeedReport(label: string, shown: number, skipped: SkippedRecord[], warnings: SkippedRecord[], format?: FeedFormat) {
  if (!skipped.length && !warnings.length) return;
  console.groupCollapsed(
    `naloxone-finder: ${label}: ${counted(shown, 'service')} shown, ${counted(skipped.length, 'record')} skipped, ${counted(warnings.length, 'warning')}`,
  );
  for (const [title, list] of [
    ['skipped', skipped],
    ['warning', warnings],
  ] as const) {
    for (const { items } of groupByKind(list)) {
      const lines = items.slice(0, EXAMPLES).map((r) => problemLine(r, format));
      const more = items.length > EXAMPLES ? `\n  …and ${items.length - EXAMPLES} more (all are in the nf-feed-load event's detail)` : '';
      console.warn(`${title} ×${items.length}\n  ${lines.join('\n  ')}${more}`);
    }
  }
  console.groupEnd();
}
