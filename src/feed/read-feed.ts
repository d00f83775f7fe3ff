import { parseFeed, type FeedResult, type ParseOptions } from './parse-feed.js';
import { bodyBytes, bodySize, type FeedBody } from './body.js';

/** The code that keeps and reads the last good copy (feed-cache.ts): a chunk of its own, off the first paint. */
export const lastGoodCode = () => import('./feed-cache.js');

/** 2 MiB: above this a feed is read in a worker; below it, the page's time-sliced path is quicker (no worker start-up). */
export const WORKER_ABOVE_BYTES = 2 * 1024 * 1024;

export interface ReadOptions extends ParseOptions {
  /** Feeds larger than this many bytes are read in a worker (default WORKER_ABOVE_BYTES). */
  workerAboveBytes?: number;
  /** Keep a feed with services as the last good copy of this URL. */
  saveAs?: string;
  /** Days the copy is kept (feed-cache.ts). */
  cacheDays?: number;
  /** A feed worker already starting (`startWorkerForFeed`): used for a large body, ended otherwise. */
  worker?: Promise<Worker | undefined>;
}

/**
 * Starts a feed worker, its page side a chunk of its own (most feeds are small and never need
 * it). Started before the body is in (`readFeed`'s `worker`), the chunk and the worker's script
 * load while the feed downloads.
 */
export function startWorkerForFeed(signal?: AbortSignal): Promise<Worker | undefined> {
  // The starter the chunk imports (shared with the map's), asked for beside it, not after it.
  import('../util/module-worker.js').catch(() => undefined);
  const starting = import('./worker-client.js').then(({ startFeedWorker }) => startFeedWorker(signal));
  // Aborted before anyone awaits it (the download stopped): not an unhandled rejection. Whoever
  // awaits it still sees the abort.
  starting.catch(() => undefined);
  return starting;
}

/** Ends a worker started early that is not used (the body was small, or never came). */
export function endUnusedWorker(worker: Promise<Worker | undefined> | undefined): void {
  worker?.then(
    (w) => w?.terminate(),
    () => undefined,
  );
}

/**
 * A feed's bytes → services, as parseFeed gives them: in a module worker for large feeds (with
 * the spatial index built there too, and the last good copy saved there), on the page otherwise
 * or when workers are unavailable or blocked. Both paths run the same parseFeed. A Blob (what
 * fetchFeed gives for a large body) goes to the worker unread; the page reads it only where
 * there is no worker.
 */
export async function readFeed(body: FeedBody, contentType: string, options: ReadOptions = {}): Promise<FeedResult> {
  const { workerAboveBytes = WORKER_ABOVE_BYTES, saveAs, cacheDays, worker: early, ...parseOptions } = options;
  if (bodySize(body) > workerAboveBytes) {
    const worker = await (early ?? startWorkerForFeed(options.signal));
    if (worker) {
      const { readInWorker } = await import('./worker-client.js');
      return readInWorker(worker, body, { ...parseOptions, contentType }, saveAs, cacheDays);
    }
  } else endUnusedWorker(early);
  const bytes = await bodyBytes(body);
  const result = await parseFeed(bytes, { ...parseOptions, contentType });
  if (saveAs !== undefined && result.services.length) {
    // loadFeed asked for the chunk as the feed started.
    lastGoodCode()
      .then(({ saveLastGoodFeed }) => saveLastGoodFeed(saveAs, { body: bytes, contentType }, { maxAgeDays: cacheDays }))
      .catch(() => undefined);
  }
  return result;
}
