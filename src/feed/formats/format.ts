import type { SkippedRecord } from '../../types.js';

export type FeedFormat = 'native' | 'geojson' | 'csv' | 'hsds';

/**
 * What a format reader hands to the shared pipeline: records still in the partner's shape
 * (CSV rows keyed by header, GeoJSON properties) or, for structured formats like HSDS,
 * already in our field names. The pipeline maps fields, normalizes and validates them.
 */
export interface FormatOutput {
  /** The records, in source order. */
  records: Record<string, unknown>[];
  /**
   * Source position of each record (same length as `records`): what `index` in skipped and
   * warnings refers to, so a partner can find the row. For CSV, the 0-based data row.
   */
  indexes: number[];
  /** Records already in our field names (HSDS); the field map is not applied to them. */
  native?: boolean;
  title?: string;
  updated?: string;
  /** Records the reader could not turn into a record at all. */
  skipped: SkippedRecord[];
  /** Problems that did not stop a record. */
  warnings: SkippedRecord[];
}
