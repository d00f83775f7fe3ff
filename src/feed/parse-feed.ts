import { FeedFormatError, DuplicateState, idPrefixOf, nativeRecords, validateInto, type ParsedFeed } from './validate.js';
import { forEachSliced, nextTask, SLICE_MS } from '../util/yield.js';
import { FeedJsonError, JSON_LIMITS, valueLimit } from './json-errors.js';
import { fieldResolver, keepsOwnPlace, readTypeMap, recordsAt, type FieldMap } from './field-map.js';
import { looksLikeGeoJson } from './formats/geojson-detect.js';
import { looksLikeHsds } from './formats/hsds-detect.js';
import { counted, describe, isObject, listOf, own, quote } from './text.js';
import { excelSeparator } from './formats/excel-separator.js';
import type { FeedFormat, FormatOutput } from './formats/format.js';
import type { ServiceType } from './service-types.js';
import type { LatLng, Service, SkippedRecord } from '../types.js';
import { groupByKind } from './report.js';
import type { NearestServices } from './preview.js';

export type { FeedFormat };
export { FeedJsonError };
export { FeedLimitError, JSON_LIMITS } from './json-errors.js';

/**
 * The feed has records but none can be shown: not an empty list, a broken one. Carries every
 * skipped record with its reason; the message sums up the commonest reasons.
 */
export class FeedNoValidRecordsError extends FeedFormatError {
  override name = 'FeedNoValidRecordsError';
  constructor(
    readonly skipped: SkippedRecord[],
    readonly warnings: SkippedRecord[],
    hint = '',
  ) {
    super(noValidRecordsMessage(skipped) + hint);
  }
}

/**
 * When no record has a name, the columns (or keys) the first record has, so a partner sees that
 * none was read as "name" and how to point at the right one ("Name of site").
 */
function unnamedHint(skipped: readonly SkippedRecord[], first: unknown): string {
  if (!isObject(first) || !skipped.every((s) => s.reason.includes('"name" is missing'))) return '';
  const keys = Object.keys(first).filter((key) => key.trim());
  if (!keys.length) return '';
  const shown = listOf(keys.slice(0, 8).map((key) => quote(key)));
  return ` No column or key was read as "name"; the first record has ${shown}${keys.length > 8 ? ', …' : ''}: name the one with the services' names in the field map (for example {"name": ${quote(keys[0])}}).`;
}

/** Reasons named in the message; the rest are counted. */
const REASONS_SHOWN = 3;

function noValidRecordsMessage(skipped: readonly SkippedRecord[]): string {
  const groups = groupByKind(skipped);
  const count = (n: number) => counted(n, 'record');
  const shown = groups.slice(0, REASONS_SHOWN).map(({ kind, items }) => `${kind} (${count(items.length)})`);
  const rest = groups.slice(REASONS_SHOWN).reduce((n, g) => n + g.items.length, 0);
  if (rest) shown.push(`other problems (${count(rest)})`);
  const all = skipped.length === 1 ? 'its only record cannot be shown' : `none of its ${count(skipped.length)} can be shown`;
  return `${all}. ${groups.length > 1 ? 'Commonest reasons' : 'Reason'}: ${shown.join('; ')}.`;
}

export interface ParseOptions {
  /**
   * Force a format instead of detecting it from the content: `native`, `geojson`, `hsds`,
   * `csv`, or `json` (any JSON kind, detected).
   */
  format?: FeedFormat | 'json' | 'auto';
  fieldMap?: FieldMap;
  defaultTypes?: readonly ServiceType[];
  /** The response's Content-Type, a hint for detection. */
  contentType?: string;
  signal?: AbortSignal;
  /**
   * Return a feed whose records were all skipped, instead of throwing FeedNoValidRecordsError:
   * for reports that list every record, like the CLI's `validate`.
   */
  allowNoValidRecords?: boolean;
  /**
   * Decode and parse JSON each in one go rather than in time slices, with no yield between the
   * steps: for a worker, whose thread no visitor waits on. The same results and errors: JSON the
   * limits allow is parsed by JSON.parse itself. In Node, for a 51 MB feed: decoding 0.2 s
   * against 0.7 s in pieces, and the limit check with JSON.parse 0.6 s against 1.25 s for the
   * scanner. In a worker at 14k records, the yield after parsing alone took 6–8 ms.
   */
  blocking?: boolean;
  /**
   * Called once, while the rest is still checked, with the first `PREVIEW_SERVICES` services of
   * a feed that has more records. A later record never changes an earlier service, so these are
   * the result's first services, as it will have them: a page can show them early. See also
   * `previewFrom`. Read in the feed worker in feed order, it may first be called with fewer,
   * read from the file's start before the rest (leading.ts): each call's are the result's first.
   */
  onPreview?: (services: Service[], nearest?: Omit<NearestServices, 'services'>) => void;
  /**
   * With `onPreview`, for a page that lists services nearest this point: the preview is then
   * the services nearest it, not the feed's first, with `nearest` saying which (preview.ts):
   * every service of the result nearer than `withinKm`, in feed order, each as the result will
   * hold it.
   */
  previewFrom?: LatLng;
  /**
   * Called with the feed's text once decoded, before it is parsed: the feed worker's early page
   * sorted from a place (nearest-in-text.ts). It may return the text already parsed, as this
   * would parse it (JSON.parse, within the limits), which is then read in place of parsing again.
   */
  onText?: (text: string) => unknown;
}

/** Services in a preview (`onPreview`): enough for a first page of most partners' types. */
export const PREVIEW_SERVICES = 1000;

export interface FeedResult extends ParsedFeed {
  format: FeedFormat;
}

/**
 * Turns the feed's bytes into text. UTF-8 first; a file that is not valid UTF-8 is almost
 * always a spreadsheet saved as Windows-1252, so "Cl\xEDnica" reads "Clínica". A byte order
 * mark is dropped in every case: Excel writes a UTF-8 one even on a file whose other bytes are
 * Windows-1252, and read as Windows-1252 it would become "ï»¿" in front of the first header.
 * Decoded a piece at a time with yields between, so 20 MB never blocks the page in one go.
 */
export async function decodeFeed(bytes: Uint8Array, signal?: AbortSignal, blocking = false): Promise<{ text: string; encoding: string }> {
  const decode = (body: Uint8Array, encoding: string, fatal = false) => decodeSliced(body, encoding, signal, fatal, blocking);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: await decode(bytes, 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: await decode(bytes, 'utf-16be'), encoding: 'utf-16be' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: await decode(body, 'utf-8', true), encoding: 'utf-8' };
  } catch (error) {
    // A fatal decoder throws a TypeError on the first byte that is not UTF-8.
    if (!(error instanceof TypeError)) throw error;
    return { text: await decode(body, 'windows-1252'), encoding: 'windows-1252' };
  }
}

/** Bytes decoded per TextDecoder call: about a millisecond here. */
const DECODE_BYTES = 1024 * 1024;

async function decodeSliced(bytes: Uint8Array, encoding: string, signal?: AbortSignal, fatal = false, blocking = false): Promise<string> {
  const decoder = new TextDecoder(encoding, { fatal });
  // In one call, decoding is about four times quicker than in pieces (51 MB: 0.2 against 0.7 s in Node).
  if (blocking || bytes.length <= DECODE_BYTES) return decoder.decode(bytes);
  const parts: string[] = [];
  let sliceStart = performance.now();
  for (let at = 0; at < bytes.length; at += DECODE_BYTES) {
    // stream: true keeps a character split between two pieces whole.
    parts.push(decoder.decode(bytes.subarray(at, at + DECODE_BYTES), { stream: at + DECODE_BYTES < bytes.length }));
    if (performance.now() - sliceStart > SLICE_MS) {
      await nextTask(signal);
      sliceStart = performance.now();
    }
  }
  return parts.join('');
}

/**
 * Tells JSON from CSV from the first characters, and names what was received when it is
 * neither (an HTML error page, JavaScript, XML), so a partner knows what to fix.
 */
export function detectTextFormat(text: string, contentType = ''): 'json' | 'csv' {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  const preview = describe(start.slice(0, 60).replace(/\s+/g, ' '));
  if (!start) throw new FeedFormatError('the feed is empty.');
  if (start[0] === '{' || start[0] === '[') return 'json';
  if (/^<(!doctype\s+html|html|head|body)\b/i.test(start)) {
    throw new FeedFormatError(`received an HTML page, not a feed (it starts ${preview}). Check that the address points at the data file.`);
  }
  if (/^<(\?xml|[a-z])/i.test(start)) throw new FeedFormatError(`received XML (it starts ${preview}); use JSON, GeoJSON, CSV or HSDS JSON.`);
  if (/javascript|ecmascript/i.test(contentType) || /^(\/\/|\/\*|\(function|(function|var|let|const|import|export|window|document)\b)/.test(start)) {
    throw new FeedFormatError(`received JavaScript (it starts ${preview}), not a feed.`);
  }
  const firstLine = start.split(/\r\n|\n|\r/, 1)[0];
  if (/[,;\t]/.test(firstLine) || /csv/i.test(contentType) || excelSeparator(start)) return 'csv';
  throw new FeedFormatError(`received text that is neither JSON nor CSV (it starts ${preview}).`);
}

/**
 * Up to this many characters one JSON.parse is quick whatever the text holds (nested
 * brackets included: about 20 ms here), so a small, well-formed feed is parsed at once and
 * the scanner, a chunk of its own, is fetched only for larger or broken text.
 */
const SCAN_ABOVE_CHARS = 64 * 1024;

async function parseJson(text: string, signal?: AbortSignal, blocking = false): Promise<unknown> {
  if ((blocking || text.length <= SCAN_ABOVE_CHARS) && withinLimits(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // The scanner says what is wrong and where.
    }
  }
  try {
    const { parseJsonSliced } = await import('./json-scan.js');
    return await parseJsonSliced(text, signal);
  } catch (error) {
    // The scan reports syntax errors itself; this is only a safety net should it ever let
    // through something JSON.parse refuses.
    if (error instanceof SyntaxError) throw new FeedJsonError(error.message);
    throw error;
  }
}

/** Where the JSON string that opens at `at` ends (after its closing quote: the first after an even number of backslashes), or -1 when it runs past the text. */
export function stringEnd(text: string, at: number): number {
  for (let from = at + 1; ;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let slashes = 0;
    while (text.charCodeAt(quote - 1 - slashes) === 0x5c /* \ */) slashes++;
    if (slashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/**
 * Whether JSON text stays within `JSON_LIMITS`, so JSON.parse may build it: its deepest
 * nesting of brackets and braces, and at most as many values as the limit allows (counted
 * from above: every string, key or not, every container, and one more per comma and colon).
 * Text that seems over either, or has a string left open, is left to the scanner, which
 * counts exactly and says what is wrong. One pass, skipping strings with indexOf: 51 MB in
 * about 70 ms in Node.
 */
export function withinLimits(text: string): boolean {
  let depth = 0;
  let deepest = 0;
  let values = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      values++;
      i = stringEnd(text, i) - 1;
      if (i < 0) return false;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      values++;
      deepest = Math.max(deepest, ++depth);
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    } else if (c === 0x2c /* , */ || c === 0x3a /* : */) {
      values++;
    }
  }
  return deepest <= JSON_LIMITS.depth && values <= valueLimit(text.length);
}

/** Feed bytes or text in any supported format → validated services; throws as parseFeedData does. */
export async function parseFeed(input: Uint8Array | string, options: ParseOptions = {}): Promise<FeedResult> {
  const warnings: ParsedFeed['warnings'] = [];
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    const decoded = await decodeFeed(input, options.signal, options.blocking);
    if (!options.blocking) await nextTask(options.signal);
    text = decoded.text;
    if (decoded.encoding === 'windows-1252') {
      warnings.push({ index: -1, reason: 'the feed is not UTF-8; it was read as Windows-1252. Save it as UTF-8 to be sure every character shows right.' });
    }
  }
  const parsed = options.onText?.(text);
  const forced = options.format && options.format !== 'auto' ? options.format : undefined;
  const kind = forced === 'csv' ? 'csv' : forced ? 'json' : detectTextFormat(text, options.contentType);
  let result: FeedResult;
  if (kind === 'csv') {
    const { readCsv } = await import('./formats/csv.js');
    result = await validateOutput(await readCsv(text.replace(/^\uFEFF/, ''), { signal: options.signal }), 'csv', options);
  } else {
    const doc = parsed !== undefined ? parsed : await parseJson(text.replace(/^\uFEFF/, ''), options.signal, options.blocking);
    if (!options.blocking) await nextTask(options.signal);
    result = await parseFeedData(doc, options);
  }
  result.warnings.unshift(...warnings);
  return result;
}

/**
 * Already-parsed JSON (a feed, GeoJSON, HSDS, or any document with a field map) → services.
 * Throws FeedNoValidRecordsError when there are records but none is valid (unless
 * `allowNoValidRecords`); a feed with no records at all is returned, empty.
 */
export async function parseFeedData(doc: unknown, options: ParseOptions = {}): Promise<FeedResult> {
  const kind = jsonKind(doc, options);
  if (kind === 'geojson') {
    // Loaded only for GeoJSON, as the CSV and HSDS readers are.
    const { readGeoJson } = await import('./formats/geojson.js');
    return validateOutput(readGeoJson(doc), 'geojson', options);
  }
  if (kind === 'hsds') {
    const { readHsds } = await import('./formats/hsds.js');
    return validateOutput(readHsds(doc, { typeMap: options.fieldMap?.typeMap }), 'hsds', options);
  }
  if (kind === 'csv') throw new FeedFormatError('"format" is csv, but the feed is JSON.');
  return validateOutput(nativeOutput(doc, options), 'native', options);
}

/** Which kind of feed parsed JSON is: the `format` forced, else read from the content. */
export function jsonKind(doc: unknown, options: ParseOptions): FeedFormat {
  // "json" says only that the feed is JSON: which kind is still read from the content.
  const forced = options.format && options.format !== 'auto' && options.format !== 'json' ? options.format : undefined;
  if (forced) return forced;
  if (looksLikeGeoJson(doc)) return 'geojson';
  return !options.fieldMap?.records && looksLikeHsds(doc) ? 'hsds' : 'native';
}

/** A native feed's records (or those at the field map's `records`), with its title and where they were found. */
export function nativeOutput(doc: unknown, options: ParseOptions): FormatOutput {
  const meta: { title?: string; updated?: string; warnings: SkippedRecord[] } = { warnings: [] };
  const records = options.fieldMap?.records ? recordsAt(doc, options.fieldMap.records) : nativeRecords(doc, meta);
  return { records: records as Record<string, unknown>[], indexes: records.map((_, i) => i), skipped: [], ...meta };
}

/**
 * How a format's records are read and checked: each record through the field map, and whether a
 * native feed's records need ids. `byPlace` is set when none of `records` has one: each is then
 * given one by its place.
 */
export function validation(output: FormatOutput, format: FeedFormat, options: ParseOptions) {
  // HSDS output is already in our field names: only the field map's defaults apply to it.
  const map = output.native ? { defaults: options.fieldMap?.defaults } : options.fieldMap;
  const resolve = fieldResolver(map);
  const { records } = output;
  const recordAt = (i: number) => {
    const record = records[i];
    return typeof record === 'object' && record !== null && !Array.isArray(record) ? resolve(record) : record;
  };
  // A native feed's records need ids, unless none has one: then it is a portal's export (a bare
  // array of rows), and each is given one by its place, as CSV rows are, rather than all skipped.
  let requireId = format === 'native' && !options.fieldMap?.records;
  const hasId = (i: number) => {
    const record = recordAt(i);
    const id = isObject(record) ? own(record, 'id') : undefined;
    return id !== undefined && id !== null && id !== '';
  };
  const byPlace = requireId && records.length > 0 && !records.some((_, i) => hasId(i));
  if (byPlace) requireId = false;
  const validateOptions = {
    defaultTypes: options.defaultTypes,
    // HSDS output has its taxonomy already mapped through the type map: never map twice.
    typeMap: output.native ? undefined : readTypeMap(options.fieldMap),
    requireId,
    idPrefix: idPrefixOf(format),
  };
  // The records as they came, where those with their own id and position read the same unresolved.
  const asIs = keepsOwnPlace(map) && records;
  return { recordAt, validateOptions, byPlace, asIs };
}

async function validateOutput(output: FormatOutput, format: FeedFormat, options: ParseOptions): Promise<FeedResult> {
  const result: FeedResult = { format, services: [], skipped: [...output.skipped], warnings: [...output.warnings] };
  if (output.title) result.title = output.title;
  if (output.updated) result.updated = output.updated;
  const { records } = output;
  const { recordAt, validateOptions, byPlace, asIs } = validation(output, format, options);
  if (byPlace) {
    result.warnings.push({
      index: -1,
      reason: 'no record has an "id": each was given "record-N" by its place, which changes when records are added or removed before it',
    });
  }
  const state = new DuplicateState();
  let { onPreview } = options;
  if (onPreview && options.previewFrom) {
    if (records.length > PREVIEW_SERVICES) {
      const { nearestServices } = await import('./preview.js');
      const { services, ...nearest } = nearestServices(records.length, recordAt, output.indexes, validateOptions, options.previewFrom, PREVIEW_SERVICES, {
        asIs,
      });
      onPreview(services, nearest);
    }
    onPreview = undefined;
  }
  // In time slices, so thousands of records never freeze a slow phone; then one more yield so
  // the page renders the result in a task of its own.
  await forEachSliced(
    records,
    (_, i) => {
      validateInto(recordAt(i), output.indexes[i], validateOptions, result, state);
      if (onPreview && result.services.length === PREVIEW_SERVICES && i < records.length - 1) {
        onPreview(result.services.slice());
        onPreview = undefined;
      }
    },
    options.signal,
  );
  await nextTask(options.signal);
  if (!result.services.length && result.skipped.length && !options.allowNoValidRecords) {
    throw new FeedNoValidRecordsError(result.skipped, result.warnings, unnamedHint(result.skipped, records[0]));
  }
  return result;
}
