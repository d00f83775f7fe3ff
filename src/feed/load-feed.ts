import { FeedFormatError, parseNativeFeed, type ParsedFeed } from './validate.js';

export type FeedErrorKind = 'http' | 'network' | 'json' | 'format' | 'aborted';

/** Why a feed could not be loaded, with what a partner needs to fix it. */
export class FeedLoadError extends Error {
  override name = 'FeedLoadError';
  constructor(
    readonly kind: FeedErrorKind,
    message: string,
    readonly status?: number,
    readonly statusText?: string,
  ) {
    super(message);
  }
}

/**
 * Fetches and validates a feed. The request carries nothing about the visitor: no
 * credentials, no referrer beyond the origin, and never their location.
 */
export async function loadFeed(src: string, signal?: AbortSignal): Promise<ParsedFeed> {
  let response: Response;
  try {
    response = await fetch(src, { signal, credentials: 'omit', referrerPolicy: 'strict-origin-when-cross-origin', headers: { Accept: 'application/json' } });
  } catch (error) {
    if (signal?.aborted) throw new FeedLoadError('aborted', `Loading ${src} was aborted.`);
    throw new FeedLoadError('network', `Network error loading ${src}: ${(error as Error).message}`);
  }
  if (!response.ok) {
    throw new FeedLoadError('http', `${src} answered HTTP ${response.status} ${response.statusText}`.trim(), response.status, response.statusText);
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const start = text.trimStart().slice(0, 1);
    const hint = start === '<' ? 'the response looks like HTML or XML' : (error as Error).message;
    throw new FeedLoadError('json', hint, response.status);
  }
  try {
    return parseNativeFeed(data);
  } catch (error) {
    if (error instanceof FeedFormatError) throw new FeedLoadError('format', error.message, response.status);
    throw error;
  }
}
