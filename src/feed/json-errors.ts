import { FeedFormatError } from './validate.js';

// The errors and limits of JSON feeds. The scanner that enforces them (json-scan.ts) is a chunk
// loaded only for large or broken JSON, so these live apart from it, in the entry file.

/**
 * What a JSON feed may hold. Both are far beyond real feeds (an HSDS export nests about 8
 * levels; a 20 MB native feed holds about 1.5 million values) and far below what freezes a
 * page: JSON.parse of 2 MB of `[[[[…` took 1.5 s here, and of ten million zeros 1 s.
 */
export const JSON_LIMITS = { depth: 64, values: 5_000_000 } as const;

/**
 * The values allowed in a text of this many characters: `JSON_LIMITS.values` up to 20 MiB (the
 * default `max-feed-mb`), and as many per character beyond, so a host who raises `max-feed-mb`
 * for a national directory is not stopped by a count meant for 20 MiB.
 */
export function valueLimit(length: number): number {
  return Math.max(JSON_LIMITS.values, Math.ceil((length * JSON_LIMITS.values) / (20 * 1024 * 1024)));
}

/** The reply is not readable JSON: the widget says so instead of guessing. */
export class FeedJsonError extends FeedFormatError {
  override name = 'FeedJsonError';
  /**
   * @param detail What is wrong and where, without the words "not valid JSON", for a
   *   sentence that says those itself (the finder's `feedErrorJson`).
   */
  constructor(readonly detail: string) {
    super(`it is not valid JSON (${detail}).`);
  }
}

/** The feed is well-formed, but larger or deeper than any feed needs to be. */
export class FeedLimitError extends FeedFormatError {
  override name = 'FeedLimitError';
}
