import { jsonKind, nativeOutput, stringEnd, validation, withinLimits, type ParseOptions } from './parse-feed.js';
import { fieldResolver } from './field-map.js';
import { nativeRecords } from './validate.js';
import { keyAt, recordsStart, skipSpace, valueEnd } from './leading.js';
import { nearestServices, type NearestServices } from './preview.js';

/*
 * A large feed's services nearest a place, found in its text before the text is parsed: for
 * the page's early page sorted from a place, in the feed worker (feed-worker.ts). The nearest
 * need every record's position, and before this the worker parsed the whole text first (the
 * bench's 100,000 services, 51 MB, in a worker: JSON.parse 0.45–0.7 s, then the first reading of
 * every parsed record's position 0.1–0.2 s). Here each record is found in the text, and only
 * its `id`, `lat` and `lng` are read from it (the same scan: about 0.4 s, median of six cold
 * workers); the nearest records alone are then parsed and checked, by preview.ts, as the whole
 * feed's will be. Only for a native feed whose start says so plainly (leading.ts,
 * recordsStart), read without a field map or a format forced. A smaller feed is parsed first
 * instead (earlyNearest, PARSE_FIRST_CHARS), and that parse serves the whole feed's reading.
 */

/** Records HSDS detection looks at (hsds-detect.ts): a bare array's first say whether it is ours. */
const DETECT_RECORDS = 20;

const resolve = fieldResolver();

/**
 * Whether a record with these keys (in their order, repeats included) is read as it is: all
 * are our fields, none read as another field's (fieldResolver). Then its id and position are
 * its `id`, `lat` and `lng` (and, without both of those, its `coordinates` or `address`).
 */
function readAsIs(keys: readonly string[]): boolean {
  const probe: Record<string, unknown> = {};
  // defineProperty: a key "__proto__" is an own key, as JSON.parse makes it.
  for (const key of keys) Object.defineProperty(probe, key, { value: null, enumerable: true, writable: true, configurable: true });
  return resolve(probe) === probe;
}

/** The JSON value between `start` and `end`, read as JSON.parse reads it, quicker for a plain string or number. */
function valueAt(text: string, start: number, end: number): unknown {
  const c = text.charCodeAt(start);
  if (c === 0x22 /* " */) {
    const inner = text.slice(start + 1, end - 1);
    return inner.includes('\\') ? JSON.parse(text.slice(start, end)) : inner;
  }
  // Valid JSON numbers read the same with Number; a feed with one that is not valid is refused as a whole.
  if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) return Number(text.slice(start, end));
  return JSON.parse(text.slice(start, end));
}

/**
 * A JSON array or object nested no more than `depth` deep (a record's address, its hours), in
 * one regular expression: the engine's own loop, not one of ours per character. Strings may hold
 * anything escaped; the brackets' kinds are not paired, as valid JSON pairs them (text that is
 * not valid is refused by the whole parse). Each step has one way to match, so a value nested
 * deeper fails in linear time, and is then walked character by character.
 */
function nested(depth: number): string {
  const inner = String.raw`[^"{}\[\]]|"(?:[^"\\]|\\.)*"`;
  return String.raw`[\[{](?:${inner}${depth > 1 ? `|${nested(depth - 1)}` : ''})*[\]}]`;
}
const NESTED = new RegExp(nested(4), 'y');

/** Where the JSON value that starts at `at` ends (leading.ts's valueEnd, quicker for an array or object). */
function skipValue(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
    NESTED.lastIndex = at;
    try {
      if (NESTED.test(text)) return NESTED.lastIndex;
    } catch {
      // Too long for the engine's stack: walked instead.
    }
  }
  return valueEnd(text, at);
}

const blank = (value: unknown) => value === undefined || value === null || value === '';

/** A record's `id`, `lat` and `lng` alone, from a record read as it is (readAsIs): its fields already ours. */
class Light {
  constructor(
    readonly id: unknown,
    readonly lat: unknown,
    readonly lng: unknown,
  ) {}
}

interface ScannedRecords {
  /** Each record with its `id`, `lat` and `lng` alone, or whole where those may not say its id and position. */
  light: unknown[];
  /** Where each record starts and ends in the text. */
  starts: number[];
  ends: number[];
}

/**
 * The records of the array that opens at `open`, found without parsing them; undefined when the
 * text is not JSON there, or, in a feed object (whose keys before the array are `before`), a key
 * after the array repeats one, as JSON.parse would then keep another value.
 */
function scanRecords(text: string, open: number, before?: readonly string[]): ScannedRecords | undefined {
  const light: unknown[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  // The previous record's keys, and whether it was read as it is: records nearly always share
  // their keys, in the same order, so each key is compared in the text, not copied out of it.
  let last: (string | undefined)[] = [];
  let lastAsIs = false;
  const plans = new Map<string, boolean>();
  const keys: (string | undefined)[] = [];
  let at = skipSpace(text, open + 1);
  if (text.charCodeAt(at) !== 0x5d /* ] */) {
    for (;;) {
      const start = at;
      if (text.charCodeAt(at) === 0x7b /* { */) {
        let count = 0;
        let same = true;
        let plain = true;
        let id = -1;
        let idEnd = -1;
        let lat = -1;
        let latEnd = -1;
        let lng = -1;
        let lngEnd = -1;
        at = skipSpace(text, at + 1);
        if (text.charCodeAt(at) !== 0x7d /* } */) {
          for (;;) {
            if (text.charCodeAt(at) !== 0x22) return undefined;
            const keyEnd = stringEnd(text, at);
            if (keyEnd < 0) return undefined;
            const previous = last[count];
            let key: string | undefined;
            if (previous !== undefined && keyEnd - at - 2 === previous.length && text.startsWith(previous, at + 1)) {
              key = previous;
            } else {
              same = false;
              const raw = text.slice(at + 1, keyEnd - 1);
              // An escaped key: its record is parsed whole, as JSON.parse reads it.
              if (raw.includes('\\')) plain = false;
              else key = raw;
            }
            keys[count++] = key;
            at = skipSpace(text, keyEnd);
            if (text.charCodeAt(at) !== 0x3a /* : */) return undefined;
            const value = skipSpace(text, at + 1);
            const valueEnds = skipValue(text, value);
            if (valueEnds < 0) return undefined;
            // A repeated key keeps its last value, as JSON.parse does.
            if (key === 'id') {
              id = value;
              idEnd = valueEnds;
            } else if (key === 'lat') {
              lat = value;
              latEnd = valueEnds;
            } else if (key === 'lng') {
              lng = value;
              lngEnd = valueEnds;
            }
            at = skipSpace(text, valueEnds);
            const c = text.charCodeAt(at);
            if (c === 0x2c /* , */) at = skipSpace(text, at + 1);
            else if (c === 0x7d) break;
            else return undefined;
          }
        }
        const end = at + 1;
        if (!same || count !== last.length) {
          last = keys.slice(0, count);
          if (!plain) lastAsIs = false;
          else {
            const signature = last.join('\u0000');
            let asIs = plans.get(signature);
            if (asIs === undefined) plans.set(signature, (asIs = readAsIs(last as string[])));
            lastAsIs = asIs;
          }
        }
        const latValue = lat < 0 ? undefined : valueAt(text, lat, latEnd);
        const lngValue = lng < 0 ? undefined : valueAt(text, lng, lngEnd);
        // Without `lat` and `lng`, a position may be in other fields: such a record is parsed whole.
        light.push(
          lastAsIs && !(blank(latValue) && blank(lngValue))
            ? new Light(id < 0 ? undefined : valueAt(text, id, idEnd), latValue, lngValue)
            : JSON.parse(text.slice(start, end)),
        );
        starts.push(start);
        ends.push(end);
        at = end;
      } else {
        // Not an object: the same for the whole feed, which skips it.
        const end = valueEnd(text, at);
        if (end < 0) return undefined;
        light.push(JSON.parse(text.slice(start, end)));
        starts.push(start);
        ends.push(end);
        at = end;
      }
      at = skipSpace(text, at);
      const c = text.charCodeAt(at);
      if (c === 0x2c) at = skipSpace(text, at + 1);
      else if (c === 0x5d) break;
      else return undefined;
    }
  }
  at = skipSpace(text, at + 1);
  if (before) {
    // The rest of the feed object: a key after the records must not repeat one.
    const seen = new Set(before);
    while (text.charCodeAt(at) === 0x2c) {
      at = skipSpace(text, at + 1);
      const key = keyAt(text, at);
      if (!key || seen.has(key.name)) return undefined;
      seen.add(key.name);
      const end = valueEnd(text, key.value);
      if (end < 0) return undefined;
      at = skipSpace(text, end);
    }
    if (text.charCodeAt(at) !== 0x7d) return undefined;
    at = skipSpace(text, at + 1);
  }
  return at === text.length ? { light, starts, ends } : undefined;
}

/**
 * The `size` services nearest `options.previewFrom` (preview.ts, nearestServices), exactly as
 * they would be from the parsed feed, from the text of a native feed of more than `size`
 * records; undefined for any other feed, or text that is not JSON (the whole parse says what
 * is wrong).
 */
export function nearestInText(text: string, options: ParseOptions, size: number): NearestServices | undefined {
  const from = options.previewFrom;
  if (!from || options.fieldMap || (options.format && options.format !== 'auto' && options.format !== 'json')) return undefined;
  try {
    const start = recordsStart(text);
    if (!start || start.key === 'features') return undefined;
    const scanned = scanRecords(text, start.open, start.key ? [...Object.keys(start.meta), start.key] : undefined);
    if (!scanned || scanned.light.length <= size) return undefined;
    const { light, starts, ends } = scanned;
    // The kind of feed, from its first records as the whole feed's detection reads them.
    const first = JSON.parse(`[${text.slice(starts[0], ends[Math.min(DETECT_RECORDS, light.length) - 1])}]`) as unknown[];
    const doc = start.key ? { ...start.meta, services: first } : first;
    if (jsonKind(doc, options) !== 'native') return undefined;
    // An unsupported version throws here as it will for the whole feed.
    nativeRecords(doc);
    const output = { records: light as Record<string, unknown>[], indexes: light.map((_, i) => i), skipped: [], warnings: [] };
    const { recordAt, validateOptions } = validation(output, 'native', options);
    // A Light is read as it is: the field map's resolver would give it back unchanged.
    const lightAt = (i: number) => (light[i] instanceof Light ? light[i] : recordAt(i));
    // A record to be checked is parsed whole, in place of its id and position, once all those are read.
    const fullAt = (i: number) => {
      light[i] = JSON.parse(text.slice(starts[i], ends[i]));
      return recordAt(i);
    };
    // Without a field map (above), every entry's own id and position are the resolver's too: a
    // Light's by how it was read, a whole record's as any record's (keepsOwnPlace).
    return nearestServices(light.length, lightAt, output.indexes, validateOptions, from, size, { fullAt, asIs: light });
  } catch {
    return undefined;
  }
}

/**
 * Up to this many characters (8 Mi), JSON.parse and a pass over the parsed records find the
 * nearest sooner than the scan, whose code runs cold in a new worker: at 14k records (2.9 MB),
 * in fresh workers on this machine, 141 ms against 202 (medians of 8), and at 20k (10 MB) 363
 * against 404 (6); at 40k (20 MB) the scan was the quicker, 458 ms against 517 (5), and at 100k
 * (51 MB) it takes about 0.4 s against JSON.parse's 0.45–0.7 s alone. The whole feed's reading
 * then uses this parse, not one of its own.
 */
export const PARSE_FIRST_CHARS = 8 * 1024 * 1024;

/** The nearest found before a feed is read whole, and the text parsed, when it was. */
export interface EarlyNearest {
  nearest?: NearestServices;
  /**
   * JSON.parse of the text, when it is within the limits, for parseFeed to read in place of
   * parsing it again (`onText`); else undefined. A function: the limits are checked once the
   * nearest have gone to the page (14 ms of a 2.9 MB text here, before it was parsed).
   */
  parsed?: () => unknown;
}

/**
 * The `size` services nearest `options.previewFrom` of a large feed, before it is read whole:
 * from the parsed text up to `parseFirstChars` (nearestParsed), from the text itself above
 * (nearestInText). Undefined when neither can tell.
 */
export function earlyNearest(text: string, options: ParseOptions, size: number, parseFirstChars = PARSE_FIRST_CHARS): EarlyNearest | undefined {
  if (text.length <= parseFirstChars) return nearestParsed(text, options, size);
  const nearest = nearestInText(text, options, size);
  return nearest && { nearest };
}

/**
 * The text parsed as parseFeed parses it (JSON.parse), with, for a native feed of more than
 * `size` records, its `size` services nearest `options.previewFrom` read as parseFeed's own
 * preview reads them (preview.ts), field map included. Undefined where parseFeed would not parse
 * it so: CSV, text that is not JSON, or a value that is no feed. Text over the limits, which
 * parseFeed leaves to the scanner to say so, gives its nearest (the error then follows them, as
 * for a feed broken after its first records) but not its parse.
 */
export function nearestParsed(text: string, options: ParseOptions, size: number): EarlyNearest | undefined {
  const from = options.previewFrom;
  if (!from || options.format === 'csv') return undefined;
  const json = text.replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch {
    return undefined;
  }
  // Text that parses to a string or number is not read as JSON by parseFeed (detectTextFormat).
  if (typeof doc !== 'object' || doc === null) return undefined;
  const parsed = () => (withinLimits(json) ? doc : undefined);
  try {
    if (jsonKind(doc, options) !== 'native') return { parsed };
    const output = nativeOutput(doc, options);
    if (output.records.length <= size) return { parsed };
    const { recordAt, validateOptions, asIs } = validation(output, 'native', options);
    return { parsed, nearest: nearestServices(output.records.length, recordAt, output.indexes, validateOptions, from, size, { asIs }) };
  } catch {
    // An unsupported version, say: the whole reading says so.
    return { parsed };
  }
}
