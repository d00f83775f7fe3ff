import type { SkippedRecord } from '../types.js';
import type { FeedFormat } from './formats/format.js';
import { groupByKind } from './report.js';
import { counted, MAX_LENGTH, quote } from './text.js';
import { idPrefixOf, placeName } from './validate.js';

/*
 * A feed's problems as people read them: in the console (a chunk of its own, loaded only when a
 * feed has problems to tell) and in the CLI.
 */

const EXAMPLES = 5;

/** A CSV reader's reason that names its row itself ("row 3 (data row 2) has…"). */
const NAMES_ITS_ROW = /^row \d+ \(data row \d+\)/;

/** Where a problem is, as a person counts ("record 3 (id "x")", "data row 3", "feature 3"), or `whole` for the feed's own. */
export function problemPlace(item: SkippedRecord, format: FeedFormat | undefined, whole = 'feed'): string {
  if (item.index < 0) return whole;
  const where = placeName(item.index, idPrefixOf(format));
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
