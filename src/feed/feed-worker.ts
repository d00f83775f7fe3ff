import { parseFeed, FeedNoValidRecordsError } from './parse-feed.js';
import { FeedJsonError } from './json-errors.js';
import { saveLastGoodFeed } from './feed-cache.js';
import { ServiceIndex } from '../query/spatial-index.js';
import { bodyBytes, bodySize } from './body.js';
import { HEAD_BYTES, LEADING_SERVICES, leadingServices } from './leading.js';
import type { ErrorMessage, NearestMessage, WorkerMessage, WorkerRequest } from './feed-worker-protocol.js';

/*
 * The feed worker: decodes, parses, validates and indexes a large feed with the very code the
 * page uses (parseFeed), then hands the result back in parts, so no single message takes the
 * page long to receive. It also keeps the last good copy, so that write costs the page nothing.
 * One feed per worker: the page starts one per load and this one closes itself when done.
 */

// Typed by hand: the project's lib is DOM, whose `self` is a Window.
const scope = self as unknown as {
  postMessage(message: WorkerMessage, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  close(): void;
};

/**
 * Records per message: the page parses each part in a task of its own, about 8 ms for 1,000
 * services at 4× CPU slowdown (2,000 in one message: 30 ms, with more time lost to garbage collection).
 */
const PART_SIZE = 1000;

function sendInParts(field: 'services' | 'skipped' | 'warnings', list: readonly unknown[], from = 0) {
  for (let at = from; at < list.length; at += PART_SIZE) {
    scope.postMessage({ type: 'part', field, json: JSON.stringify(list.slice(at, at + PART_SIZE)) });
  }
}

function errorMessage(error: unknown): ErrorMessage {
  const out: ErrorMessage = {
    type: 'error',
    name: error instanceof Error ? error.name : 'Error',
    message: error instanceof Error ? error.message : String(error),
  };
  if (error instanceof FeedJsonError) out.detail = error.detail;
  if (error instanceof FeedNoValidRecordsError) {
    out.skipped = error.skipped;
    out.warnings = error.warnings;
  }
  return out;
}

async function handle({ body, options, save }: WorkerRequest) {
  let result: Awaited<ReturnType<typeof parseFeed>> | undefined;
  let sent = 0;
  try {
    // The nearest preview's chunk (nearest-in-text.ts, with preview.ts, which parseFeed's own
    // import then finds), fetched while the body is read: at 14k records, preview.ts's import
    // after the parse took 6–11 ms fetched here, 13–18 when it was not.
    const inText = options.preview && options.previewFrom ? import('./nearest-in-text.js').catch(() => undefined) : undefined;
    // Nobody waits on this thread: decode and parse in one go (the same results and errors).
    // The first services go to the page while the rest is checked, for its early page. The
    // rest follow once all are checked: sent meanwhile, the page's parts and their garbage
    // collection competed with this thread for the CPU, and its longest tasks grew (at 4×, 100k:
    // 203–291 ms against 158–193 ms).
    const { preview, ...parseOptions } = options;
    // In feed order, the first services are read from the file's start, before the whole of it
    // (leading.ts); the first 1,000 follow as before, for a page of types those do not fill.
    let bytes: Promise<Uint8Array> | undefined;
    if (preview && !options.previewFrom && bodySize(body) > HEAD_BYTES) {
      const head = body instanceof Blob ? new Uint8Array(await body.slice(0, HEAD_BYTES).arrayBuffer()) : body.subarray(0, HEAD_BYTES);
      // The browser reads the rest of a Blob meanwhile.
      bytes = bodyBytes(body);
      bytes.catch(() => undefined);
      const first = leadingServices(head, parseOptions, LEADING_SERVICES);
      if (first?.length) scope.postMessage({ type: 'first', json: JSON.stringify(first) });
    }
    const onPreview = preview
      ? (first: unknown[], nearest?: NearestMessage['nearest']) => {
          const json = JSON.stringify(first);
          if (nearest) return scope.postMessage({ type: 'nearest', json, nearest });
          scope.postMessage({ type: 'part', field: 'services', json, early: true });
          sent = first.length;
        }
      : undefined;
    // Sorted from a place, the nearest are found before the feed is read whole: from the text
    // parsed first when it is small enough, else from the text itself (nearest-in-text.ts); the
    // nearest 1,000 follow once all is parsed, for a page of types those do not fill.
    const data = bytes ?? bodyBytes(body);
    // Its error is thrown where it is awaited, below.
    data.catch(() => undefined);
    const nearestOf = (await inText)?.earlyNearest;
    const onText =
      onPreview && nearestOf
        ? (text: string) => {
            const early = nearestOf(text, parseOptions, LEADING_SERVICES);
            if (early?.nearest) {
              const { services, ...nearest } = early.nearest;
              onPreview(services, nearest);
            }
            // Parsed there (a smaller feed): parseFeed reads that, not a parse of its own.
            return early?.parsed?.();
          }
        : undefined;
    // The bytes are parseFeed's alone: the last good copy is saved from the body as it came (a
    // Blob is stored as it is), so they go with parseFeed. Kept and copied for the save, they
    // raised the renderer's peak memory at 100k from about 625 to 700–775 MB.
    result = await parseFeed(await data, { ...parseOptions, blocking: true, onPreview, onText });
  } catch (error) {
    scope.postMessage(errorMessage(error));
    return;
  }
  const index = ServiceIndex.build(result.services).data;
  sendInParts('services', result.services, sent);
  sendInParts('skipped', result.skipped);
  sendInParts('warnings', result.warnings);
  const done: WorkerMessage = { type: 'done', format: result.format, index };
  if (result.title !== undefined) done.title = result.title;
  if (result.updated !== undefined) done.updated = result.updated;
  scope.postMessage(done, [index.tree, index.rows.buffer]);
  const hasServices = result.services.length > 0;
  // The page has its own copy now: let this one go while the feed is saved (100k services hold
  // about 70 MB here, which the heap would otherwise keep until the write ends).
  result = undefined;
  // After the reply: the page need not wait for storage. Same rule as the page's path: only a
  // feed with services replaces the last good copy.
  if (save && hasServices) await saveLastGoodFeed(save.url, { body, contentType: save.contentType }, { maxAgeDays: save.maxAgeDays });
}

scope.onmessage = (event) => {
  scope.onmessage = null;
  void handle(event.data).finally(() => scope.close());
};
scope.postMessage({ type: 'ready' });
