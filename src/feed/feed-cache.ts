import { bodySize, type FeedBody } from './body.js';

/** A feed as it was last loaded and shown successfully. */
export interface CachedFeed {
  bytes: Uint8Array;
  contentType: string;
  /** The day it was saved (YYYY-MM-DD, UTC), for "showing data from …": no time of day is kept. */
  savedAt: string;
}

/** The same, for a large copy when asked to (`blobAboveBytes`): a Blob the page has not read. */
export interface CachedBlob extends Omit<CachedFeed, 'bytes'> {
  blob: Blob;
}

export interface CacheOptions {
  /** Days a copy is kept (default 30); 0 keeps none and removes the one there is. */
  maxAgeDays?: number;
  /**
   * A copy in Cache Storage larger than this many bytes is given as a Blob (`blob`, not
   * `bytes`), for a worker to read: reading 50 MB on the page is a long task on a slow phone.
   */
  blobAboveBytes?: number;
  /** Today, for tests. */
  now?: Date;
}

export const DEFAULT_CACHE_DAYS = 30;
const DAY_MS = 86_400_000;

const CACHE_NAME = 'naloxone-finder-v1';
const STORAGE_PREFIX = 'naloxone-finder-v1 ';
const SAVED_AT = 'x-nf-saved-at';
/** Feeds kept: the most recently saved URLs. */
const KEEP = 5;
/** localStorage is the host page's too (about 5 MB in all): leave most of it to the partner. */
const MAX_STORAGE_CHARS = 1024 * 1024;

/*
 * Only the partner's public feed is stored, keyed by its URL, with the day it was saved (no
 * time of day), and only for `maxAgeDays`; nothing about the visitor.
 * Cache Storage (secure contexts) holds bytes as they came; localStorage is the fallback.
 * Storage may be missing, disabled or full: every function here resolves, never throws.
 */

/**
 * Keeps `feed` as the last good copy of `src`, replacing the previous one. Call it only after
 * the feed was read and had valid records, so a failed or empty reply never replaces good data.
 * Its body is the bytes, or the Blob they came in (a large feed, in the worker), stored as it
 * is: reading it again to store it would hold a second copy of a national feed.
 */
export async function saveLastGoodFeed(src: string, feed: { body: FeedBody; contentType: string }, options: CacheOptions = {}): Promise<void> {
  const url = storageUrl(src);
  if (!url || bodySize(feed.body) === 0) return;
  if (maxAge(options) === 0) return removeLastGood(url);
  const savedAt = dayOf(options.now ?? new Date());
  if (await saveToCache(url, feed, savedAt, options)) removeFromStorage(url);
  // localStorage takes small copies only, as text: never a Blob, which is over 2 MB.
  else if (feed.body instanceof Uint8Array) saveToStorage(url, feed.body, feed.contentType, savedAt, options);
}

/**
 * The last good copy of `src`, or undefined when there is none, it is older than `maxAgeDays`
 * (then it is removed), or storage is unavailable.
 */
export function loadLastGoodFeed(src: string, options?: CacheOptions & { blobAboveBytes?: undefined }): Promise<CachedFeed | undefined>;
export function loadLastGoodFeed(src: string, options: CacheOptions): Promise<CachedFeed | CachedBlob | undefined>;
export async function loadLastGoodFeed(src: string, options: CacheOptions = {}): Promise<CachedFeed | CachedBlob | undefined> {
  const url = storageUrl(src);
  if (!url) return undefined;
  const days = maxAge(options);
  if (days === 0) {
    await removeLastGood(url);
    return undefined;
  }
  const found = (await loadFromCache(url, options.blobAboveBytes)) ?? loadFromStorage(url);
  if (!found) return undefined;
  if (!young(found.savedAt, options)) {
    await removeLastGood(url);
    return undefined;
  }
  // Copies saved before days alone were kept still carry a time: show and hand on the day only.
  return { ...found, savedAt: found.savedAt.slice(0, 10) };
}

/**
 * Whether a last good copy of `src` young enough to show is kept, without reading it: a refresh
 * that fails can then show it at once rather than try again.
 */
export async function hasLastGoodFeed(src: string, options: CacheOptions = {}): Promise<boolean> {
  const url = storageUrl(src);
  if (!url || maxAge(options) === 0) return false;
  try {
    const response = await savedResponse(url);
    const savedAt = response?.headers.get(SAVED_AT) ?? savedAtOf(localStore()?.getItem(STORAGE_PREFIX + url) ?? '');
    return !!savedAt && young(savedAt, options);
  } catch {
    return false;
  }
}

/** Saved no more than `maxAgeDays` days ago, counted in whole days. */
function young(savedAt: string, options: CacheOptions): boolean {
  const savedDay = Date.parse(savedAt.slice(0, 10));
  const today = Date.parse(dayOf(options.now ?? new Date()));
  return !Number.isNaN(savedDay) && (today - savedDay) / DAY_MS <= maxAge(options);
}

function maxAge(options: CacheOptions): number {
  const days = options.maxAgeDays ?? DEFAULT_CACHE_DAYS;
  return Number.isFinite(days) && days >= 0 ? days : DEFAULT_CACHE_DAYS;
}

/** YYYY-MM-DD in UTC: the finest time the store keeps. */
function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

async function removeLastGood(url: string) {
  removeFromStorage(url);
  try {
    const storage = cacheStorage();
    if (storage && (await withTimeout(storage.has(CACHE_NAME)))) await withTimeout((await storage.open(CACHE_NAME)).delete(url));
  } catch {
    // Storage unavailable: nothing stored to remove.
  }
}

/**
 * The absolute URL without its fragment, or undefined for schemes not worth keeping
 * (`blob:` and `data:` URLs live only as long as the page, or carry the feed themselves).
 */
function storageUrl(src: string): string | undefined {
  try {
    const url = new URL(src, globalThis.document?.baseURI);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/**
 * Cache Storage can hang rather than fail (seen in headless Chromium): give up after a few
 * seconds, so loading a feed never waits on it and localStorage still gets its turn.
 */
const STORAGE_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('Cache Storage did not answer')), STORAGE_TIMEOUT_MS);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

function cacheStorage(): CacheStorage | undefined {
  try {
    return globalThis.caches ?? undefined;
  } catch {
    return undefined;
  }
}

async function saveToCache(url: string, feed: { body: FeedBody; contentType: string }, savedAt: string, options: CacheOptions): Promise<boolean> {
  let cache: Cache;
  try {
    const storage = cacheStorage();
    if (!storage) return false;
    cache = await withTimeout(storage.open(CACHE_NAME));
    const headers = { 'content-type': feed.contentType, [SAVED_AT]: savedAt };
    await withTimeout(cache.put(url, new Response(feed.body as Uint8Array<ArrayBuffer> | Blob, { headers })));
  } catch {
    return false;
  }
  await pruneCache(cache, options).catch(() => undefined);
  return true;
}

/**
 * Keeps the KEEP newest copies, and none older than this page keeps its own: a copy of a feed no
 * page asks for any more (its `src` changed) would otherwise stay, and with it the day this
 * browser opened a page with the widget.
 */
async function pruneCache(cache: Cache, options: CacheOptions) {
  // Newest first (keys come in the order they were put), so a tie on savedAt keeps the newer.
  const requests = [...(await cache.keys())].reverse();
  const dated = await Promise.all(requests.map(async (request) => ({ request, savedAt: (await cache.match(request))?.headers.get(SAVED_AT) ?? '' })));
  // ISO 8601 times in UTC sort as text.
  dated.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  await Promise.all(dated.filter(({ savedAt }, i) => i >= KEEP || !young(savedAt, options)).map(({ request }) => cache.delete(request)));
}

/** The copy of a feed saved in Cache Storage, if any. */
async function savedResponse(url: string): Promise<Response | undefined> {
  // CacheStorage.match with cacheName does not create the cache when it is missing.
  const storage = cacheStorage();
  return storage && (await withTimeout(storage.match(url, { cacheName: CACHE_NAME })));
}

async function loadFromCache(url: string, blobAboveBytes = Infinity): Promise<CachedFeed | CachedBlob | undefined> {
  try {
    const response = await savedResponse(url);
    const savedAt = response?.headers.get(SAVED_AT);
    if (!response || !savedAt) return undefined;
    const contentType = response.headers.get('content-type') ?? '';
    // A Blob of a stored body is a handle: the bytes are read only where they are wanted.
    const blob = await withTimeout(response.blob());
    if (blob.size > blobAboveBytes) return { blob, contentType, savedAt };
    return { bytes: new Uint8Array(await withTimeout(blob.arrayBuffer())), contentType, savedAt };
  } catch {
    return undefined;
  }
}

function localStore(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}

/** The day a localStorage item (see saveToStorage) was saved, its first line ('' when damaged). */
const savedAtOf = (item: string) => item.slice(0, Math.max(0, item.indexOf('\n')));

// One item per URL: "<savedAt>\n<content type>\n<t|b><text or base64>", savedAt first so
// pruning reads it without parsing the rest.
function saveToStorage(url: string, bytes: Uint8Array, contentType: string, savedAt: string, options: CacheOptions) {
  try {
    const store = localStore();
    if (!store || bytes.byteLength > MAX_STORAGE_CHARS) return;
    const value = `${savedAt}\n${contentType.replace(/[\r\n]/g, '')}\n${encode(bytes)}`;
    if (value.length > MAX_STORAGE_CHARS) return;
    store.setItem(STORAGE_PREFIX + url, value);
    pruneStorage(store, STORAGE_PREFIX + url, options);
  } catch {
    // Quota exceeded or storage disabled: the previous copy, if any, stays.
  }
}

/** As pruneCache: the KEEP newest, none older than this page keeps its own. */
function pruneStorage(store: Storage, newest: string, options: CacheOptions) {
  const dated: { key: string; savedAt: string }[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(STORAGE_PREFIX)) continue;
    const value = store.getItem(key) ?? '';
    dated.push({ key, savedAt: savedAtOf(value) });
  }
  dated.sort((a, b) => Number(b.key === newest) - Number(a.key === newest) || b.savedAt.localeCompare(a.savedAt));
  dated.forEach(({ key, savedAt }, i) => {
    if (i >= KEEP || !young(savedAt, options)) store.removeItem(key);
  });
}

function loadFromStorage(url: string): CachedFeed | undefined {
  try {
    const value = localStore()?.getItem(STORAGE_PREFIX + url);
    if (!value) return undefined;
    const first = value.indexOf('\n');
    const second = value.indexOf('\n', first + 1);
    const savedAt = value.slice(0, first);
    if (first < 0 || second < 0 || Number.isNaN(Date.parse(savedAt))) return undefined;
    return { bytes: decode(value.slice(second + 1)), contentType: value.slice(first + 1, second), savedAt };
  } catch {
    return undefined;
  }
}

function removeFromStorage(url: string) {
  try {
    localStore()?.removeItem(STORAGE_PREFIX + url);
  } catch {
    // Storage unavailable: nothing to remove.
  }
}

/** UTF-8 feeds are kept as text (smaller); anything else (a Windows-1252 CSV) as base64. */
function encode(bytes: Uint8Array): string {
  try {
    return `t${new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)}`;
  } catch {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return `b${btoa(binary)}`;
  }
}

function decode(payload: string): Uint8Array {
  if (payload.startsWith('t')) return new TextEncoder().encode(payload.slice(1));
  if (!payload.startsWith('b')) throw new Error('unknown encoding');
  const binary = atob(payload.slice(1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
