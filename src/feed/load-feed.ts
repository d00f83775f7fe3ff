import { fetchFeed, FeedFetchError, type FetchErrorKind } from './fetch-feed.js';
import { FeedJsonError, FeedNoValidRecordsError, type FeedResult, type ParseOptions } from './parse-feed.js';
import { endUnusedWorker, lastGoodCode, readFeed, startWorkerForFeed, WORKER_ABOVE_BYTES } from './read-feed.js';
import { CLOSED_REASON, FeedFormatError } from './validate.js';
import { bodyOf } from './body.js';
import type { SkippedRecord } from '../types.js';

/**
 * `no-valid-records`: the feed has records, but every one was skipped (see `skipped`).
 * `empty` is a feed with no records at all (or an empty reply).
 */
export type FeedErrorKind = FetchErrorKind | 'json' | 'format' | 'no-valid-records';

/** Why a feed could not be loaded, with what a partner needs to fix it. */
export class FeedLoadError extends Error {
  override name = 'FeedLoadError';
  /** For `json`: what is wrong and where, without the words "not valid JSON" (the message has them). */
  readonly detail?: string;
  /** For `no-valid-records`: every record, with its index and why it was skipped. */
  readonly skipped?: SkippedRecord[];

  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    readonly status?: number,
    readonly statusText?: string,
    readonly attempts?: number,
    extra: { detail?: string; skipped?: SkippedRecord[] } = {},
  ) {
    super(message);
    if (extra.detail !== undefined) this.detail = extra.detail;
    if (extra.skipped) this.skipped = extra.skipped;
  }

  static from(error: unknown): FeedLoadError {
    if (error instanceof FeedLoadError) return error;
    if (error instanceof FeedFetchError) return new FeedLoadError(error.kind, error.message, error.status, error.statusText, error.attempts);
    if (error instanceof FeedJsonError) return new FeedLoadError('json', error.message, undefined, undefined, undefined, { detail: error.detail });
    if (error instanceof FeedNoValidRecordsError) {
      return new FeedLoadError('no-valid-records', error.message, undefined, undefined, undefined, { skipped: error.skipped });
    }
    if (error instanceof FeedFormatError) return new FeedLoadError('format', error.message);
    if (error instanceof DOMException && error.name === 'AbortError') return new FeedLoadError('aborted', 'Loading was stopped.');
    return new FeedLoadError('format', error instanceof Error ? error.message : String(error));
  }
}

export interface LoadedFeed extends FeedResult {
  /** Set when the refresh failed and the last good copy is shown: when that copy was saved. */
  staleSince?: string;
  /** Why the refresh failed, when a stale copy is shown. */
  refreshError?: FeedLoadError;
}

export interface LoadOptions extends ParseOptions {
  /** Limit for each attempt, in milliseconds (default 15 s). */
  timeoutMs?: number;
  /** Largest feed accepted, in bytes (default 20 MiB). */
  maxBytes?: number;
  /** Feeds larger than this many bytes are read in a worker (default 2 MiB; read-feed.ts). */
  workerAboveBytes?: number;
  /** Days to keep the last good copy on the device (default 30); 0 keeps none. */
  cacheDays?: number;
}

/**
 * Fetches, reads and validates a feed. A good feed (one with at least one service) is kept
 * as the last good copy for its URL; when a refresh fails, or brings nothing usable, that
 * copy is returned with `staleSince` instead, so a bad day on the server never empties the
 * list. Large feeds are read off the page, in a worker (read-feed.ts). With no copy to fall back on, the error is thrown; a feed whose records were all
 * skipped is such an error (`no-valid-records`), while a feed with no records is returned empty.
 */
export async function loadFeed(src: string, options: LoadOptions = {}): Promise<LoadedFeed> {
  // The last good copy's code, a chunk of its own off the first paint, is asked for beside the
  // feed: in memory by the time a failure needs it, even if the connection has gone by then.
  lastGoodCode().catch(() => undefined);
  let failure: FeedLoadError;
  let worker: Promise<Worker | undefined> | undefined;
  try {
    // A body declared larger than the worker threshold comes as a Blob, read by the worker
    // alone, which starts as soon as the headers say so (once, whatever the attempts).
    const blobAboveBytes = options.workerAboveBytes ?? WORKER_ABOVE_BYTES;
    const onBlob = () => void (worker ??= startWorkerForFeed(options.signal));
    // With a last good copy to show, a failed try is not tried again: a visitor waits one
    // timeout (15 s) for a server that does not answer, not three and the waits between (46 s).
    // Looked up once, at the first failure, whatever the tries.
    let copy: Promise<boolean> | undefined;
    const shouldRetry = async () =>
      !(await (copy ??= lastGoodCode().then(
        ({ hasLastGoodFeed }) => hasLastGoodFeed(src, { maxAgeDays: options.cacheDays }),
        () => false,
      )));
    const got = await fetchFeed(src, { signal: options.signal, timeoutMs: options.timeoutMs, maxBytes: options.maxBytes, blobAboveBytes, onBlob, shouldRetry });
    // Saved as the last good copy when it has services (by the worker, for a large feed).
    const result = await readFeed(bodyOf(got), got.contentType, { ...options, saveAs: src, worker });
    worker = undefined;
    if (result.services.length) return result;
    const empty = new FeedLoadError('empty', `${src} lists no services.`);
    return (await lastGood(src, options, empty)) ?? result;
  } catch (error) {
    // A worker started for a body that never came whole (too large, the connection broke) is
    // ended; one that read the feed has closed itself.
    endUnusedWorker(worker);
    failure = FeedLoadError.from(error);
    if (failure.kind === 'aborted' || options.signal?.aborted) throw failure;
  }
  const stale = await lastGood(src, options, failure);
  if (!stale) throw failure;
  return stale;
}

/**
 * The last good copy of `src`, read again, marked stale because of `refreshError`. Services the
 * refresh marks `closed` are left out of it: that is the partner's word, not a bad day (a feed
 * whose every service closed would otherwise show them all as they were).
 */
async function lastGood(src: string, options: LoadOptions, refreshError: FeedLoadError): Promise<LoadedFeed | undefined> {
  // A large copy comes as a Blob, read by the worker alone, as a large feed does.
  let cached;
  try {
    const { loadLastGoodFeed } = await lastGoodCode();
    cached = await loadLastGoodFeed(src, { maxAgeDays: options.cacheDays, blobAboveBytes: options.workerAboveBytes ?? WORKER_ABOVE_BYTES });
  } catch {
    // Its code could not load: there is no copy to show.
  }
  if (!cached) return undefined;
  try {
    const feed = await readFeed(bodyOf(cached), cached.contentType, options);
    const closed = new Set(refreshError.skipped?.filter((s) => s.id !== undefined && s.reason.includes(CLOSED_REASON)).map((s) => s.id));
    const services = closed.size ? feed.services.filter((service) => !closed.has(service.id)) : feed.services;
    return services.length ? { ...feed, services, staleSince: cached.savedAt, refreshError } : undefined;
  } catch {
    return undefined;
  }
}
