import { nextTask, SLICE_MS } from '../util/yield.js';
import { bodyBytes, type FeedBody } from './body.js';

export type FetchErrorKind = 'http' | 'network' | 'timeout' | 'too-large' | 'empty' | 'aborted';

/** Why a feed could not be fetched, in words a partner can act on. */
export class FeedFetchError extends Error {
  override name = 'FeedFetchError';
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    /** Requests started, including the one that failed. */
    readonly attempts: number,
    readonly status?: number,
    readonly statusText?: string,
  ) {
    super(message);
  }
}

export interface RetryInfo {
  /** The attempt that just failed (1-based). */
  attempt: number;
  /** How long to wait before the next attempt. */
  delayMs: number;
  reason: string;
}

export interface FetchFeedOptions {
  /** Aborts everything, including a backoff wait; the error then has kind `aborted`. */
  signal?: AbortSignal;
  /**
   * How long to wait for the server's answer, then for each piece of the body (a large body
   * taken as a Blob gets this plus time for its declared size at 20 kB/s); 0 or less turns it
   * off. Default 15 s.
   */
  timeoutMs?: number;
  /** Largest body accepted. Default `DEFAULT_MAX_BYTES`. */
  maxBytes?: number;
  /** Attempts in total, the first included. Default 3. */
  maxAttempts?: number;
  /** First backoff delay, doubled per retry, with jitter. Default 500 ms. */
  baseDelayMs?: number;
  /**
   * First backoff delay after a 429 or 503 without a readable `Retry-After` (cross-origin, the
   * header is hidden unless the server exposes it): a server that is overloaded or limiting
   * requests is given longer than a glitch. Doubled per retry, with jitter. Default 2 s.
   */
  busyDelayMs?: number;
  /** Longest `Retry-After` honoured; a server asking for more fails at once. Default 30 s. */
  maxRetryAfterMs?: number;
  /**
   * A body whose declared `Content-Length` is above this many bytes (five times it when the body
   * is compressed, `Content-Encoding`) is taken as a `Blob` (the
   * result's `blob`, not `bytes`): the browser keeps it, and the page never reads it, so it can
   * go to a worker whole. Reading 50 MB on the page held it for over a second at 4× CPU
   * slowdown; as a Blob, not at all. Off by default.
   */
  blobAboveBytes?: number;
  /**
   * Called when the headers show a body that will come as a Blob (above `blobAboveBytes`),
   * before it is read: the worker that reads it can start while it downloads.
   */
  onBlob?: () => void;
  fetch?: typeof fetch;
  /** Waits between attempts; must reject when `signal` aborts. Injectable for tests. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onRetry?: (info: RetryInfo) => void;
  /** Asked before each retry; false ends with the failure at once (a page that has something else to show). */
  shouldRetry?: () => boolean | Promise<boolean>;
}

export interface FetchedFeed {
  bytes: Uint8Array;
  contentType: string;
  /** The URL after redirects. */
  url: string;
  status: number;
}

/** What `fetchFeed` gives for a large body when asked to (`blobAboveBytes`): the same, with a Blob. */
export interface FetchedBlob extends Omit<FetchedFeed, 'bytes'> {
  blob: Blob;
}

/**
 * The slowest download a large feed (a Blob, whose progress cannot be seen) is given time for,
 * beyond the timeout: 20 kB a second, below a weak 3G or an EDGE connection. 2.9 MB: 145 s more.
 */
const SLOWEST_BYTES_PER_S = 20_000;

/** How many times its compressed size a compressed feed is guessed to be (see `blobAboveBytes`). */
const COMPRESSION_GUESS = 5;

/** The largest feed the widget loads unless its `max-feed-mb` says otherwise, in MiB. */
export const DEFAULT_MAX_FEED_MB = 20;

/** 20 MiB: the largest feed the widget loads by default, and what the CLI reads by default. */
export const DEFAULT_MAX_BYTES = DEFAULT_MAX_FEED_MB * 1024 * 1024;

// CORS-safelisted (short, no special characters), so a cross-origin feed needs no preflight.
const ACCEPT = 'application/json, application/geo+json, text/csv;q=0.9, text/plain;q=0.8, */*;q=0.1';

interface Failure {
  kind: FetchErrorKind;
  /** The message without the attempt count. */
  detail: string;
  retry: boolean;
  status?: number;
  statusText?: string;
  retryAfterMs?: number;
  /** 429 or 503: the server is limiting requests or overloaded. */
  busy?: boolean;
}

/**
 * Fetches a feed's bytes, retrying what is likely to pass on a second try: network errors,
 * timeouts, 5xx and 429. A `Retry-After` (seconds or an HTTP date) is honoured when the
 * browser lets us read it, which cross-origin needs `Access-Control-Expose-Headers:
 * Retry-After`; without it a 429 or 503 backs off from `busyDelayMs` instead. Other 4xx,
 * oversized and empty bodies fail at once. The request carries nothing about the visitor: no cookies or credentials, only
 * the page's origin as referrer, no query added.
 *
 * A timeout counts as transient (a stalled connection on a moving phone often recovers), so
 * it is retried like a network error. `timeoutMs` bounds each wait for the server, not the
 * whole download: a server that never answers costs `maxAttempts × timeoutMs` plus the waits
 * between attempts (each at most `baseDelayMs × 2^n`, or `busyDelayMs × 2^n`, or a
 * `Retry-After` of at most `maxRetryAfterMs`), about 51 s with the defaults when it sends no
 * readable `Retry-After`. A body is waited for while it keeps coming (a Blob: for its size).
 */
export function fetchFeed(src: string, options?: FetchFeedOptions & { blobAboveBytes?: undefined }): Promise<FetchedFeed>;
export function fetchFeed(src: string, options: FetchFeedOptions): Promise<FetchedFeed | FetchedBlob>;
export async function fetchFeed(src: string, options: FetchFeedOptions = {}): Promise<FetchedFeed | FetchedBlob> {
  const { maxAttempts = 3, baseDelayMs = 500, busyDelayMs = 2000, maxRetryAfterMs = 30_000, onRetry } = options;
  const caller = options.signal ?? new AbortController().signal;
  const sleep = options.sleep ?? abortableSleep;

  for (let attempt = 1; ; attempt++) {
    if (caller.aborted) throw aborted(src, attempt - 1);
    const result = await attemptFetch(src, caller, options);
    if (!('kind' in result)) return result;
    if (result.kind === 'aborted') throw aborted(src, attempt);

    const fail = (detail = result.detail, retried = result.retry) =>
      new FeedFetchError(result.kind, retried || attempt > 1 ? `${detail} (${tries(attempt)})` : detail, attempt, result.status, result.statusText);
    if (!result.retry || attempt >= maxAttempts || (options.shouldRetry && !(await options.shouldRetry()))) throw fail();
    if (result.retryAfterMs !== undefined && result.retryAfterMs > maxRetryAfterMs) {
      throw fail(
        `${result.detail} and asked to wait ${seconds(result.retryAfterMs)} before trying again, longer than the ${seconds(maxRetryAfterMs)} limit`,
        false,
      );
    }

    const backoff = (result.busy ? busyDelayMs : baseDelayMs) * 2 ** (attempt - 1);
    const delayMs = result.retryAfterMs ?? Math.round(backoff / 2 + (Math.random() * backoff) / 2);
    onRetry?.({ attempt, delayMs, reason: result.detail });
    try {
      // Raced against the signal too, so a sleep that ignores it still ends promptly.
      await untilAborted(sleep(delayMs, caller), caller);
    } catch (error) {
      if (caller.aborted) throw aborted(src, attempt);
      throw error;
    }
  }
}

async function attemptFetch(src: string, caller: AbortSignal, options: FetchFeedOptions): Promise<FetchedFeed | FetchedBlob | Failure> {
  const { timeoutMs = 15_000, maxBytes = DEFAULT_MAX_BYTES, blobAboveBytes } = options;
  const fetchImpl = options.fetch ?? fetch;
  // One controller per attempt, aborted by the caller or the timer. Linked by hand rather
  // than with AbortSignal.any (Chromium 116+, Safari 17.4+) so older phones behave the same.
  const controller = new AbortController();
  const signal = controller.signal;
  let timedOut = false;
  const onCallerAbort = () => controller.abort(caller.reason);
  caller.addEventListener('abort', onCallerAbort);
  // The wait for the server: for its answer, then for each piece of the body, so a download
  // that keeps coming on a slow connection is never cut off (2.9 MB takes about a minute on
  // 3G), while one that stalls still ends. What `interrupted` reports if it runs out.
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waitingFor = `${src} took longer than ${seconds(timeoutMs)}`;
  const wait = (ms: number, what: string) => {
    clearTimeout(timer);
    waitingFor = what;
    if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) return;
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`Timed out after ${ms} ms`, 'TimeoutError'));
    }, ms);
  };
  wait(timeoutMs, waitingFor);
  const interrupted = (): Failure =>
    caller.aborted || !timedOut
      ? { kind: 'aborted', detail: `Loading ${src} was aborted`, retry: false }
      : { kind: 'timeout', detail: waitingFor, retry: true };

  try {
    let response: Response;
    try {
      response = await untilAborted(
        fetchImpl(src, {
          signal,
          method: 'GET',
          credentials: 'omit',
          referrerPolicy: 'strict-origin-when-cross-origin',
          cache: 'no-cache',
          headers: { Accept: ACCEPT },
        }),
        signal,
      );
    } catch (error) {
      if (signal.aborted) return interrupted();
      // In a browser a refused cross-origin request looks exactly like being offline.
      const hint = typeof document === 'undefined' ? '' : ' — offline, or the server does not allow cross-origin requests';
      return { kind: 'network', detail: `Could not reach ${src}: ${(error as Error)?.message || error}${hint}`, retry: true };
    }

    const { status } = response;
    const statusText = response.statusText.trim();
    if (!response.ok) {
      discard(response);
      const transient = status >= 500 || status === 429;
      return {
        kind: 'http',
        detail: `${src} answered HTTP ${status}${statusText ? ` ${statusText}` : ''}`,
        retry: transient,
        status,
        statusText,
        retryAfterMs: transient ? retryAfter(response) : undefined,
        busy: status === 429 || status === 503,
      };
    }

    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > maxBytes) {
      discard(response);
      return {
        kind: 'too-large',
        detail: `${src} is larger than the ${size(maxBytes)} limit (Content-Length ${declared.toLocaleString('en-US')} bytes)`,
        retry: false,
        status,
      };
    }

    // A compressed body declares the bytes sent: a JSON or CSV feed is 3–10 times that once
    // decompressed, so 5 times is the guess (a 2.9 MB feed sent gzipped declares 0.5 MB). The
    // header is readable on the same origin, or where the server exposes it.
    const compressed = /gzip|br|deflate|zstd/i.test(response.headers.get('content-encoding') ?? '');
    const asBlob = blobAboveBytes !== undefined && (compressed ? declared * COMPRESSION_GUESS : declared) > blobAboveBytes;
    if (asBlob) options.onBlob?.();
    let body: Awaited<ReturnType<typeof readBody>> | Blob;
    if (asBlob) {
      // The browser fills a Blob out of sight, so its download gets time for its size instead.
      const ms = timeoutMs + Math.ceil((declared / SLOWEST_BYTES_PER_S) * 1000);
      wait(ms, `${src} took longer than ${seconds(ms)} to download its ${size(declared)}`);
      body = await readBlob(response, signal);
    } else {
      const stalled = `${src} sent nothing for ${seconds(timeoutMs)} while the feed downloaded`;
      body = await readBody(response, signal, maxBytes, () => wait(timeoutMs, stalled));
    }
    if (body === 'interrupted') return interrupted();
    // A Blob's declared length is the bytes sent, which compression makes fewer than the feed's.
    if (body === 'too-large' || (body instanceof Blob && body.size > maxBytes)) {
      const got = body instanceof Blob ? `${size(body.size)} once decompressed` : `stopped after receiving more than ${size(maxBytes)}`;
      return { kind: 'too-large', detail: `${src} is larger than the ${size(maxBytes)} limit (${got})`, retry: false, status };
    }
    if (body instanceof Error) {
      return { kind: 'network', detail: `The connection to ${src} broke while reading the feed (${body.message})`, retry: true, status };
    }
    if (await isBlank(body)) return { kind: 'empty', detail: `The feed at ${src} is empty`, retry: false, status };
    const got = { contentType: response.headers.get('content-type') ?? '', url: response.url || absolute(src), status };
    return body instanceof Blob ? { blob: body, ...got } : { bytes: body, ...got };
  } finally {
    clearTimeout(timer);
    caller.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * Reads the body chunk by chunk, stopping as soon as it passes `maxBytes`. Chunks already
 * received resolve one after another without leaving the task, so it yields to the page
 * every SLICE_MS: reading 20 MB at once blocked the page for over a second.
 */
async function readBody(
  response: Response,
  signal: AbortSignal,
  maxBytes: number,
  onProgress: () => void,
): Promise<Uint8Array | Error | 'interrupted' | 'too-large'> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  // fetch() errors its own body on abort; this also ends streams that ignore the signal.
  const onAbort = () => reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener('abort', onAbort);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let sliceStart = performance.now();
  try {
    for (;;) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await nextTask();
        sliceStart = performance.now();
      }
      if (signal.aborted) return 'interrupted';
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch (error) {
        return signal.aborted ? 'interrupted' : (error as Error);
      }
      if (signal.aborted) return 'interrupted';
      if (step.done) break;
      onProgress();
      total += step.value.byteLength;
      if (total > maxBytes) {
        reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(step.value);
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(total);
  let offset = 0;
  // Copied in slices too: 50 MB in one go is a long task on a slow phone.
  sliceStart = performance.now();
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTask();
      if (signal.aborted) return 'interrupted';
      sliceStart = performance.now();
    }
  }
  return bytes;
}

/** The whole body as a Blob, which the browser fills without the page's help (see `blobAboveBytes`). */
async function readBlob(response: Response, signal: AbortSignal): Promise<Blob | Error | 'interrupted'> {
  try {
    return await untilAborted(response.blob(), signal);
  } catch (error) {
    return signal.aborted ? 'interrupted' : (error as Error);
  }
}

/** `Retry-After` in ms (seconds or an HTTP date), or undefined when absent or unreadable. */
function retryAfter(response: Response): number | undefined {
  // Cross-origin, the header is readable only if the server lists it in Access-Control-Expose-Headers.
  const value = response.headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // Only an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT" or its two older forms): Date.parse
  // alone reads "1.5" or "5 min" as dates long past, which would mean retrying at once.
  if (!HTTP_DATE.test(value)) return undefined;
  // The asctime form ends with the year and means GMT; Date.parse would read it as local time.
  const at = Date.parse(/\d{4}$/.test(value) ? `${value} GMT` : value);
  if (Number.isNaN(at)) return undefined;
  // Measured against the server's own clock when it says what time it is.
  const serverNow = Date.parse(response.headers.get('date') ?? '');
  return Math.max(0, at - (Number.isNaN(serverNow) ? Date.now() : serverNow));
}

const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,? [\w -]+ \d{1,2}:\d{2}:\d{2}( GMT| \d{4})$/;

/** Rejects with the signal's reason as soon as it aborts, whatever `promise` does. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Frees the connection of a response whose body is not wanted. */
function discard(response: Response) {
  response.body?.cancel().catch(() => undefined);
}

function aborted(src: string, attempts: number) {
  return new FeedFetchError('aborted', `Loading ${src} was aborted`, attempts);
}

/**
 * Empty, or only whitespace (after an optional UTF-8 byte order mark). A Blob over 64 kB is
 * not read here: one of whitespace alone is left to the parser, which says the feed is empty.
 */
async function isBlank(body: FeedBody): Promise<boolean> {
  if (body instanceof Blob) return body.size <= BLANK_HEAD && isBlank(await bodyBytes(body));
  const bytes = body;
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

/** `src` resolved against the page (a worker has no document to resolve a relative URL against). */
export function absolute(src: string): string {
  try {
    return new URL(src, globalThis.document?.baseURI).href;
  } catch {
    return src;
  }
}

const BLANK_HEAD = 64 * 1024;

const tries = (n: number) => `${n} ${n === 1 ? 'try' : 'tries'}`;

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${oneDecimal(ms / 1000)} s`);

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${oneDecimal(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${oneDecimal(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}

const oneDecimal = (n: number) => String(Math.round(n * 10) / 10);
