import { detectTextFormat, jsonKind, nativeOutput, stringEnd, validation, withinLimits, type ParseOptions } from './parse-feed.js';
import { DuplicateState, validateInto, type ParsedFeed } from './validate.js';
import { readGeoJson } from './formats/geojson.js';
import type { Service } from '../types.js';

/*
 * A large feed's first services, read from the start of its bytes alone, for the page's early
 * page in feed order (feed-worker.ts): the worker sends them before it reads, decodes and parses
 * the whole file (at 100,000 services, 51 MB: about 0.7 s here). Only where the start says
 * plainly where the records are and what they are: a native feed (`{"version": 1, …,
 * "services": [`, or a bare array), or a GeoJSON FeatureCollection (`{"type":
 * "FeatureCollection", …, "features": [`). Anything else waits for the whole file. Its reading
 * of where the records begin (recordsStart) and of JSON values without parsing them (skipSpace,
 * valueEnd) serves nearest-in-text.ts too, for the early page sorted from a place.
 */

/**
 * Services sent from the start (and, sorted from a place, found nearest in the text:
 * nearest-in-text.ts): a page of 20 with most partners' types and filters. Few, so
 * they come soon: at 14k records (a worker on this machine, console timing, four loads), the
 * first 1,000 took 110–185 ms from the request to their message (reading 1 MiB 16–32 ms, finding
 * 2,000 records 32–82 ms, checking 1,000 56–105 ms), the first 200 from 256 KiB 55–85 ms.
 */
export const LEADING_SERVICES = 200;

/** Bytes read from the start: 200 services of 1 kB each, with room for skipped records. */
export const HEAD_BYTES = 256 * 1024;

/** Top-level keys that make a feed HSDS (hsds-detect.ts): before the records, the start cannot tell. */
const HSDS_KEYS = new Set(['contents', 'service_at_locations', 'total_items', 'total_pages', 'page_number']);

/** A value before the records larger than this is not read (a title or a version is short). */
const META_CHARS = 10_000;

/** Fewer records than this cannot tell an HSDS list from ours (hsds-detect.ts looks at 20). */
const MIN_RECORDS = 20;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** Where a number, true, false or null ends: at a space, comma or closing bracket. */
const endsLiteral = (c: number) => isSpace(c) || c === 0x2c /* , */ || c === 0x5d /* ] */ || c === 0x7d; /* } */

/** The first character at or after `at` that is not JSON whitespace (the text's length when none is). */
export function skipSpace(text: string, at: number): number {
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/** Where the JSON value that starts at `at` ends, or -1 when it may go on past the text's end. */
export function valueEnd(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === 0x22 /* " */) return stringEnd(text, at);
  if (first === 0x5b /* [ */ || first === 0x7b /* { */) {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        const end = stringEnd(text, i);
        if (end < 0) return -1;
        i = end - 1;
      } else if (c === 0x5b || c === 0x7b) depth++;
      else if ((c === 0x5d /* ] */ || c === 0x7d) /* } */ && --depth === 0) return i + 1;
    }
    return -1;
  }
  // A number, true, false or null: it ends at what follows it, which must be in the text.
  let i = at;
  while (i < text.length && !endsLiteral(text.charCodeAt(i))) i++;
  return i < text.length && i > at ? i : -1;
}

/**
 * The key that opens at `at` in a JSON object (its quote) and where its value starts (after the
 * colon and any space); undefined when the text there is not a key.
 */
export function keyAt(text: string, at: number): { name: string; value: number } | undefined {
  if (text.charCodeAt(at) !== 0x22 /* " */) return undefined;
  const keyEnd = stringEnd(text, at);
  if (keyEnd < 0) return undefined;
  const colon = skipSpace(text, keyEnd);
  if (text.charCodeAt(colon) !== 0x3a /* : */) return undefined;
  return { name: JSON.parse(text.slice(at, keyEnd)) as string, value: skipSpace(text, colon + 1) };
}

/** Where a JSON feed's records begin: the `[` of its array, with what comes before it. */
export interface RecordsStart {
  /** The array's `[`. */
  open: number;
  /** The top-level values before the records (a bare array has none). */
  meta: Record<string, unknown>;
  /** The key the records are under, when they are in an object. */
  key?: 'services' | 'features';
}

/**
 * Where the records of a JSON feed (`text`, or its start) begin, when the text says plainly
 * that they are a native feed's (`{"version": 1, …, "services": [`, or a bare array) or GeoJSON
 * features (`{"type": "FeatureCollection", …, "features": [`); undefined otherwise, or when a
 * key before them is repeated (JSON.parse keeps its last value), an HSDS key, or a long value.
 */
export function recordsStart(text: string): RecordsStart | undefined {
  let at = skipSpace(text, 0);
  const meta: Record<string, unknown> = {};
  if (text[at] === '[') return { open: at, meta };
  if (text[at] !== '{') return undefined;
  for (at = skipSpace(text, at + 1); ; at = skipSpace(text, at + 1)) {
    const key = keyAt(text, at);
    if (!key) return undefined;
    const { name } = key;
    at = key.value;
    if (HSDS_KEYS.has(name) || Object.prototype.hasOwnProperty.call(meta, name)) return undefined;
    if ((name === 'services' || name === 'features') && text[at] === '[') {
      // A native feed says its version first (then it is never HSDS); GeoJSON says its type.
      if (name === 'services' ? meta['version'] === undefined : meta['type'] !== 'FeatureCollection') return undefined;
      return { open: at, meta, key: name };
    }
    const end = valueEnd(text, at);
    if (end < 0 || end - at > META_CHARS) return undefined;
    meta[name] = JSON.parse(text.slice(at, end));
    at = skipSpace(text, end);
    if (text[at] !== ',') return undefined;
  }
}

/**
 * The document the start of a JSON feed (`text`) begins, with its first `max` records (at most)
 * in place of them all; undefined when the start holds no more than a few records, or all of
 * them, or does not show plainly that the records are a native feed's or GeoJSON features (recordsStart).
 */
export function leadingDocument(text: string, max: number): unknown {
  const found = recordsStart(text);
  if (!found) return undefined;
  const { meta, key } = found;
  const start = found.open + 1;
  let end = start;
  let count = 0;
  let at = skipSpace(text, start);
  for (; count < max; count++) {
    if (count > 0) {
      if (text[at] !== ',') break;
      at = skipSpace(text, at + 1);
    }
    const next = valueEnd(text, at);
    if (next < 0) break;
    end = next;
    at = skipSpace(text, next);
  }
  // The whole array is in the start: the whole feed is as quick.
  if (text[at] === ']' || count < Math.min(max, MIN_RECORDS)) return undefined;
  const json = `[${text.slice(start, end)}]`;
  if (!withinLimits(json)) return undefined;
  const records = JSON.parse(json) as unknown[];
  return key ? { ...meta, [key]: records } : records;
}

/**
 * The first `max` services of a feed of which only the start was parsed (`doc`, its first
 * records: feed-worker.ts), as the whole feed's result begins, since a later record never
 * changes an earlier service. Undefined where the start cannot tell: a feed that is not native
 * JSON or GeoJSON, or whose first records have no ids (ids by place, unless a later record has one).
 */
export function firstServices(doc: unknown, options: ParseOptions, max: number): Service[] | undefined {
  const kind = jsonKind(doc, options);
  // A native feed as detected, its records where the start found them.
  if (kind !== 'geojson' && (kind !== 'native' || options.format === 'native' || options.fieldMap?.records)) return undefined;
  const output = kind === 'geojson' ? readGeoJson(doc) : nativeOutput(doc, options);
  const { recordAt, validateOptions, byPlace } = validation(output, kind, options);
  if (byPlace) return undefined;
  const into: ParsedFeed = { services: [], skipped: [], warnings: [] };
  const state = new DuplicateState();
  for (let i = 0; i < output.records.length && into.services.length < max; i++) {
    validateInto(recordAt(i), output.indexes[i], validateOptions, into, state);
  }
  return into.services;
}

/**
 * The first `max` services of a feed, as the whole feed's result will begin, from `head`, its
 * first bytes; undefined when they cannot tell (leadingDocument), or are not UTF-8. Never an
 * error: the whole file says what is wrong.
 */
export function leadingServices(head: Uint8Array, options: ParseOptions, max: number): Service[] | undefined {
  try {
    return leadingOf(head, options, max);
  } catch {
    return undefined;
  }
}

function leadingOf(head: Uint8Array, options: ParseOptions, max: number): Service[] | undefined {
  // A byte that is not UTF-8 makes the whole file Windows-1252 (decodeFeed); UTF-16 is left to it.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return undefined;
  let text: string;
  try {
    // stream: a character cut at the end is kept back, not an error.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    return undefined;
  }
  if (options.format === 'csv' || detectTextFormat(text, options.contentType) !== 'json') return undefined;
  // Twice as many records as services: some may be skipped, or shown once.
  const doc = leadingDocument(text, 2 * max);
  return doc === undefined ? undefined : firstServices(doc, options, max);
}
