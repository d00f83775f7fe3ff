import { FeedNoValidRecordsError, type FeedResult } from './parse-feed.js';
import { FeedJsonError, FeedLimitError } from './json-errors.js';
import { FeedFormatError } from './validate.js';
import { adoptIndex } from '../query/spatial-index.js';
import { nextTask } from '../util/yield.js';
import { startWorker } from '../util/module-worker.js';
// Resolved here: the worker has no document to resolve a relative feed URL against.
import { absolute } from './fetch-feed.js';
import { bodySize, type FeedBody } from './body.js';
import type { ReadOptions } from './read-feed.js';
import type { DoneMessage, WorkerMessage, WorkerRequest } from './feed-worker-protocol.js';
import type { Service, SkippedRecord } from '../types.js';

// The page's side of the feed worker (feed-worker.ts): start it, hand it the bytes, take the
// result back in parts. Loaded only for feeds above the worker threshold (read-feed.ts).

/** Name of the performance measure each worker-read feed leaves: how long the worker took, for the bench and tests. */
export const WORKER_MEASURE = 'naloxone-finder: feed read in a worker';

let toldOnPage = false;

/** Once per page: why large feeds are read on the page, and what would move them off it. */
function tellOnPage(reason: string) {
  if (toldOnPage) return;
  toldOnPage = true;
  console.info(
    `naloxone-finder: the feed is parsed on the page because workers are blocked or unavailable here (${reason}). ` +
      "It still works; allowing workers from this site (CSP worker-src 'self', and the Trusted Types policy name naloxone-finder where Trusted Types are enforced) keeps the page responsive while large feeds load.",
  );
}

/**
 * Which way of starting the worker comes first. The drop-in build sets this to true
 * (moduleWorker in rollup.config.js): there both ways load the same built file, so the Trusted
 * Types policy goes first and a page that enforces them and allows the name sees no violation.
 * From source or the npm package, bundlers bundle the worker only from the plain
 * `new Worker(new URL(…), { type: 'module' })`, so that goes first, and the policy only where it throws.
 */
const POLICY_FIRST = false;

/** A worker whose script has loaded and runs, or undefined (after saying why) when there can be none. */
export function startFeedWorker(signal?: AbortSignal): Promise<Worker | undefined> {
  return startWorker(
    {
      href: new URL('./feed-worker.js', import.meta.url).href,
      plain: () => new Worker(new URL('./feed-worker.js', import.meta.url), { type: 'module' }),
      policyFirst: POLICY_FIRST,
      onPage: tellOnPage,
    },
    signal,
  );
}

/** Rebuilds a feed error the worker reported as the class the page's path would have thrown. */
function feedError(message: Extract<WorkerMessage, { type: 'error' }>): Error {
  switch (message.name) {
    case 'FeedJsonError':
      return new FeedJsonError(message.detail ?? message.message);
    case 'FeedNoValidRecordsError':
      return new FeedNoValidRecordsError(message.skipped ?? [], message.warnings ?? []);
    case 'FeedLimitError':
      return new FeedLimitError(message.message);
    case 'FeedFormatError':
      return new FeedFormatError(message.message);
    default:
      return new Error(message.message);
  }
}

export function readInWorker(
  worker: Worker,
  body: FeedBody,
  options: ReadOptions,
  saveAs: string | undefined,
  cacheDays: number | undefined,
): Promise<FeedResult> {
  const { signal } = options;
  const started = performance.now();
  // Before the bytes are transferred to the worker, which leaves them empty here.
  const size = bodySize(body);
  const lists = { services: [] as Service[], skipped: [] as SkippedRecord[], warnings: [] as SkippedRecord[] };
  return new Promise<FeedResult>((resolve, reject) => {
    const end = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = ({ data }: MessageEvent<WorkerMessage>) => {
      if (data.type === 'nearest' || data.type === 'first') {
        options.onPreview?.(JSON.parse(data.json) as Service[], data.type === 'nearest' ? data.nearest : undefined);
      } else if (data.type === 'part') {
        // Parts arrive in order, each its own short task; push, not concat, keeps one array.
        const list = lists[data.field] as unknown[];
        const part = JSON.parse(data.json) as unknown[];
        // The feed's first services, sent while the worker checks the rest.
        if (data.early) options.onPreview?.(part as Service[]);
        for (const item of part) list.push(item);
      } else if (data.type === 'done') {
        end();
        const result = assemble(data);
        // As on the page's path: what the page then does with the services is a task of its own.
        nextTask().then(() => resolve(result), reject);
      } else if (data.type === 'error') {
        end();
        reject(feedError(data));
      }
    };
    const assemble = (done: DoneMessage): FeedResult => {
      const result: FeedResult = { format: done.format, services: lists.services, skipped: lists.skipped, warnings: lists.warnings };
      if (done.title !== undefined) result.title = done.title;
      if (done.updated !== undefined) result.updated = done.updated;
      // The query looks the index up by this very array, so it is never built again on the page.
      adoptIndex(result.services, done.index);
      performance.measure(WORKER_MEASURE, { start: started, detail: { bytes: size, blob: body instanceof Blob, services: result.services.length } });
      return result;
    };
    // The worker ran, then failed (out of memory, say): the bytes are gone with it, so this is an error of the feed.
    const onError = (event: ErrorEvent) => {
      event.preventDefault();
      end();
      worker.terminate();
      reject(new FeedFormatError(`it could not be read (${event.message || 'the feed worker stopped'}).`));
    };
    const onAbort = () => {
      end();
      worker.terminate();
      reject(signal?.reason);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (signal?.aborted) return onAbort();
    const request: WorkerRequest = {
      body,
      options: pick(options),
      ...(saveAs !== undefined ? { save: { url: absolute(saveAs), contentType: options.contentType ?? '', maxAgeDays: cacheDays } } : {}),
    };
    // Bytes are transferred, not copied: copying 100 MB would itself be a long task. The page
    // keeps no copy. A Blob is passed as a handle: the worker reads it from the browser.
    worker.postMessage(request, body instanceof Blob ? [] : [body.buffer]);
  });
}

function pick({ format, fieldMap, defaultTypes, contentType, allowNoValidRecords, onPreview, previewFrom }: ReadOptions): WorkerRequest['options'] {
  const out: WorkerRequest['options'] = {};
  if (onPreview) out.preview = true;
  if (onPreview && previewFrom) out.previewFrom = { lat: previewFrom.lat, lng: previewFrom.lng };
  if (format !== undefined) out.format = format;
  if (fieldMap !== undefined) out.fieldMap = fieldMap;
  if (defaultTypes !== undefined) out.defaultTypes = defaultTypes;
  if (contentType !== undefined) out.contentType = contentType;
  if (allowNoValidRecords !== undefined) out.allowNoValidRecords = allowNoValidRecords;
  return out;
}
