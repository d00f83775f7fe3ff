import type { ParseError, ParseResult, Parser } from 'papaparse';
import { FeedFormatError } from '../validate.js';
import { describe, listOf, plural } from '../text.js';
import { nextTask, SLICE_MS } from '../../util/yield.js';
import { FeedJsonError, FeedLimitError, scanJson } from '../json-scan.js';
import type { FormatOutput } from './format.js';
import { excelSeparator } from './excel-separator.js';

export interface ReadCsvOptions {
  /** Aborting stops the read between chunks and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * Characters parsed between two yields to the event loop. 64 Ki characters are about 500 rows
 * of a typical directory export: a few milliseconds here, well under 50 ms on a slow phone.
 */
const CHUNK_CHARS = 64 * 1024;

/** Enough text to guess the delimiter and line breaks from the first rows. */
const SNIFF_CHARS = 64 * 1024;
const SNIFF_ROWS = 10;

/**
 * The longest value a cell may have. Nothing a directory shows is longer than 2,000
 * characters (longer text is cut); a 10 MB value made papaparse block the page for 0.6 s
 * (it re-reads an unfinished row at every chunk).
 */
export const MAX_CSV_VALUE = 100_000;

/** `|` is left out on purpose: partners use it inside cells to separate list values. */
const DELIMITERS = [',', ';', '\t'];
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

interface Header {
  /** Its spreadsheet row number. */
  row: number;
  cells: string[];
  /** Its cells trimmed, and those not empty. */
  names: string[];
  named: string[];
  errors: ParseError[];
}

interface Column {
  /** Position of the column in every row. */
  at: number;
  key: string;
}

/**
 * Reads CSV text into records keyed by header name, values kept as the exact strings
 * of the file (not trimmed, not typed); mapping and normalizing fields is the caller's job.
 *
 * - The first row that is not blank is the header, after up to MAX_TITLE_ROWS rows of one
 *   filled cell, or of a few cells with a number or date ("Updated,2026-11-01") above a row
 *   with more cells and none (a title or note, skipped with a warning); header names are trimmed and a byte
 *   order mark is dropped. A column without a name is ignored and a repeated name is read
 *   as `name_1`, `name_2`, ... (as papaparse does), each with a warning at index -1.
 * - Blank lines, whitespace-only lines and rows of empty cells are not records. A cell holding
 *   only a placeholder ("N/A", "#N/A", "-", "TBD", "NULL") is read as empty: its key is absent.
 * - Delimiter (comma, semicolon or tab) and line breaks (LF, CRLF, CR) are detected; Excel's
 *   `sep=X` first line sets the delimiter instead and is not read as a row.
 * - `indexes[i]` is the 0-based data row of `records[i]` (the first row after the header
 *   is 0); `skipped` and `warnings` use the same numbering. Messages also name the row as
 *   a spreadsheet numbers it (the header is row 1, blank lines count), e.g.
 *   `row 13 (data row 12) has 5 values, the header has 6 columns: no value for "website".`
 * - A row with too few values is kept without the missing keys; one with too many is kept
 *   without the extra values (a warning unless they are all empty). A row with a quote that
 *   is never closed is skipped, because its last value swallowed the rest of the file.
 * - Throws FeedFormatError when nothing can be read: empty text, an HTML/XML or JSON
 *   document, or a header with only one named column (not a delimited table).
 *
 * Parsing runs in chunks with a yield to the event loop between them, so a file of
 * 10,000+ rows does not block the page. papaparse is loaded on first use.
 */
export async function readCsv(text: string, options: ReadCsvOptions = {}): Promise<FormatOutput> {
  const { signal } = options;
  signal?.throwIfAborted();
  await rejectOtherFormats(text, signal);
  const { default: Papa } = await import('papaparse');
  signal?.throwIfAborted();

  const hint = excelSeparator(text);
  if (hint) text = hint.rest;
  const sniff = sniffDialect(Papa, text);
  if (hint) sniff.delimiter = hint.delimiter;
  const cut = await cutLongValues(text, sniff.delimiter, signal);
  text = cut.text;
  const table = new Table(sniff.delimiter, cut);

  await new Promise<void>((resolve, reject) => {
    // parser.abort() calls `complete`, so a failure must settle the promise first.
    const fail = (parser: Parser, reason: unknown) => {
      reject(reason);
      parser.abort();
    };
    Papa.parse<string[]>(text, {
      delimiter: sniff.delimiter,
      newline: sniff.newline,
      header: false,
      // Blank rows are dropped by Table instead, so spreadsheet row numbers stay countable.
      skipEmptyLines: false,
      chunkSize: CHUNK_CHARS,
      // papaparse streams strings too (its types only mention files).
      chunk(results: ParseResult<string[]>, parser: Parser) {
        try {
          table.add(results);
        } catch (error) {
          fail(parser, error);
          return;
        }
        parser.pause();
        nextTask(signal).then(
          () => parser.resume(),
          (reason: unknown) => fail(parser, reason),
        );
      },
      complete: () => resolve(),
    });
  });
  return table.finish();
}

/** Accumulates parsed chunks into records. */
class Table {
  readonly output: FormatOutput = { records: [], indexes: [], skipped: [], warnings: [] };
  private columns: Column[] | undefined;
  /** Rows of one filled cell before the header: a title, unless no header follows. */
  private readonly titles: { row: number; text: string }[] = [];
  /** A row of several filled cells read as the header once the row after it shows it is not a note (noteAbove). */
  private pending: Header | undefined;
  private width = 0;
  /** Rows seen so far, blank ones included: the spreadsheet row number of the last row. */
  private row = 0;
  private dataRow = 0;

  /** Lengths of the values cut out, in file order, consumed as their markers are met. */
  private cutAt = 0;

  constructor(
    private readonly delimiter: string,
    private readonly cut: Cuts,
  ) {}

  add(results: ParseResult<string[]>): void {
    const rows = results.data;
    const errors = new Map<number, ParseError[]>();
    for (const error of results.errors) {
      // An error past the last row belongs to an unfinished row that the next chunk parses again.
      if (error.row === undefined || error.row >= rows.length) continue;
      errors.set(error.row, [...(errors.get(error.row) ?? []), error]);
    }
    rows.forEach((cells, i) => {
      this.row++;
      if (isBlank(cells)) return;
      const strays = this.cut.strays ? this.restoreQuotes(cells) : undefined;
      // The row after a possible header says whether it was one, or a note above it.
      if (this.pending && !this.noteAbove(cells)) this.setHeader(this.pending);
      if (this.columns) this.addRecord(cells, errors.get(i), strays);
      else if (strays)
        throw new FeedFormatError(`the CSV header (row ${this.row}) has a quote (") in column ${strays[0] + 1} that is never closed where the name ends.`);
      else this.readHeader(cells, errors.get(i));
    });
  }

  finish(): FormatOutput {
    if (this.pending) this.setHeader(this.pending);
    if (!this.columns) throw this.titles.length ? oneColumn(this.titles[0].text) : new FeedFormatError('the CSV is empty: it has no header row.');
    return this.output;
  }

  /** Puts back the stray opening quotes cutLongValues took out of `cells`; the columns (0-based) they were in. */
  private restoreQuotes(cells: string[]): number[] | undefined {
    let at: number[] | undefined;
    cells.forEach((cell, i) => {
      if (!cell.startsWith(this.cut.quote)) return;
      cells[i] = `"${cell.slice(this.cut.quote.length)}`;
      (at ??= []).push(i);
    });
    return at;
  }

  /** The columns (0-based) and lengths of the values in `cells` that were cut out. */
  private cutValues(cells: string[]): { at: number; length: number }[] {
    const found: { at: number; length: number }[] = [];
    if (!this.cut.lengths.length) return found;
    cells.forEach((cell, at) => {
      if (cell === this.cut.marker || cell === `"${this.cut.marker}`) found.push({ at, length: this.cut.lengths[this.cutAt++] });
    });
    return found;
  }

  private readHeader(cells: string[], errors: ParseError[] = []): void {
    const [long] = this.cutValues(cells);
    if (long) {
      throw new FeedFormatError(
        `the CSV header (row ${this.row}) has a value of ${count(long.length)} characters in column ${long.at + 1}, ` +
          `more than the ${count(MAX_CSV_VALUE)} a value may have: is this a CSV file?`,
      );
    }
    if (errors.some((e) => e.code === 'MissingQuotes')) {
      throw new FeedFormatError(`the CSV header (row ${this.row}) has a quote (") that is never closed.`);
    }
    const names = cells.map((cell) => cell.trim()); // trim() also drops a byte order mark
    const named = names.filter(Boolean);
    // A title or a note above the table, as spreadsheets often have: one filled cell. Skipped when
    // a header follows within a few rows (names, no numbers); else it is what the error names.
    if (named.length === 1 && this.titles.length < MAX_TITLE_ROWS) {
      this.titles.push({ row: this.row, text: named[0] });
      return;
    }
    if (this.titles.length && (named.length === 1 || named.some((name) => NUMBER.test(name)))) throw oneColumn(this.titles[0].text);
    const header = { row: this.row, cells, names, named, errors };
    // Several filled cells may still be a note ("Updated,2026-11-01"): the next row decides.
    if (this.titles.length < MAX_TITLE_ROWS) this.pending = header;
    else this.setHeader(header);
  }

  /**
   * Whether the row read as a possible header (`pending`) is a note above the table, given the
   * row after it (`cells`), and if so, takes it as a title. A data row never fills more cells
   * than the header names, and a header holds no numbers or dates: a row with more filled cells,
   * none a number or date, under one with a number or date in it, is the header, and the row
   * above it a note. (Words alone above more words may be a header over unnamed columns: kept.)
   */
  private noteAbove(cells: string[]): boolean {
    const note = this.pending!;
    const named = cells.map((cell) => cell.trim()).filter(Boolean);
    const valueLike = (cell: string) => NUMBER.test(cell) || DATE.test(cell);
    const above = named.length > note.named.length && note.named.some(valueLike) && !named.some(valueLike);
    if (above) {
      this.titles.push({ row: note.row, text: note.named.join(', ') });
      this.pending = undefined;
    }
    return above;
  }

  private setHeader({ row, cells, names, errors }: Header): void {
    this.pending = undefined;
    const taken = new Set(names);
    const seen = new Map<string, number>();
    const columns: Column[] = [];
    const warn = (reason: string) => this.output.warnings.push({ index: -1, reason });
    names.forEach((name, at) => {
      if (name === '') {
        warn(`column ${at + 1} has no name in the header, so its values are ignored.`);
        return;
      }
      const first = seen.get(name);
      if (first === undefined) {
        seen.set(name, at);
        columns.push({ at, key: name });
        return;
      }
      let n = 1;
      while (taken.has(`${name}_${n}`)) n++;
      const key = `${name}_${n}`;
      taken.add(key);
      columns.push({ at, key });
      warn(`duplicate column ${describe(name)} (columns ${first + 1} and ${at + 1}): column ${at + 1} is read as ${describe(key)}.`);
    });
    for (const error of errors) warn(`the CSV header (row ${row}): ${describeQuoteError(error)}`);
    if (this.titles.length) {
      const [first] = this.titles;
      const rows = this.titles.length > 1 ? `rows ${first.row}-${this.titles[this.titles.length - 1].row} come` : `row ${first.row} comes`;
      warn(`${rows} before the header (row ${row}) and ${this.titles.length > 1 ? 'were' : 'was'} skipped as a title: ${describe(first.text)}.`);
    }
    this.columns = columns;
    this.width = cells.length;
  }

  private addRecord(cells: string[], errors: ParseError[] | undefined, strays?: number[]): void {
    const index = this.dataRow++;
    for (const at of strays ?? []) {
      const key = this.columns!.find((column) => column.at === at)?.key;
      this.output.warnings.push({
        index,
        reason: `${this.where(index)}: the value in column ${at + 1}${key === undefined ? '' : ` (${describe(key)})`} starts with a quote (") that does not close where the value ends, so it was read as a plain character; check that value.`,
      });
    }
    const long = this.cutValues(cells);
    if (long.length) {
      const [{ at, length }] = long;
      const key = this.columns!.find((column) => column.at === at)?.key;
      const more = long.length > 1 ? ` (and ${long.length - 1} more such ${long.length > 2 ? 'values' : 'value'})` : '';
      this.output.skipped.push({
        index,
        reason:
          `${this.where(index)}: the value in column ${at + 1}${key === undefined ? '' : ` (${describe(key)})`} has ${count(length)} characters${more}, ` +
          `more than the ${count(MAX_CSV_VALUE)} a value may have; the row was skipped.`,
      });
      return;
    }
    if (errors?.some((e) => e.code === 'MissingQuotes')) {
      this.output.skipped.push({
        index,
        reason: `${this.where(index)} has a quote (") that is never closed, so the rest of the file was read as one value; the row was skipped.`,
      });
      return;
    }
    const record: Record<string, unknown> = {};
    for (const { at, key } of this.columns!) {
      if (at < cells.length && !(cells[at].length < 24 && PLACEHOLDER.test(cells[at]))) setOwn(record, key, cells[at]);
    }
    this.output.records.push(record);
    this.output.indexes.push(index);
    if (cells.length !== this.width) this.checkWidth(cells, index);
    for (const error of errors ?? []) this.output.warnings.push({ index, reason: `${this.where(index)}: ${describeQuoteError(error)}` });
  }

  /** Warns about a row narrower or wider than the header, unless no value is lost or missing. */
  private checkWidth(cells: string[], index: number): void {
    const counts = `${this.where(index)} has ${cells.length} ${plural(cells.length, 'value')}, the header has ${this.width} ${plural(this.width, 'column')}`;
    const missing = this.columns!.filter(({ at }) => at >= cells.length).map(({ key }) => describe(key));
    let reason: string | undefined;
    if (missing.length > 0) {
      reason = `${counts}: no value for ${listOf(missing)}.`;
    } else if (cells.slice(this.width).some((cell) => cell.trim() !== '')) {
      const extra = cells.length - this.width;
      reason =
        `${counts}: the last ${extra === 1 ? 'value was' : `${extra} values were`} ignored ` +
        `(does a value contain a ${DELIMITER_NAMES[this.delimiter] ?? 'delimiter'} without quotes around it?).`;
    }
    if (reason) this.output.warnings.push({ index, reason });
  }

  /** The row as a spreadsheet numbers it (header = row 1, blank lines count) and as a data row. */
  private where(index: number): string {
    return `row ${this.row} (data row ${index + 1})`;
  }
}

/**
 * What spreadsheets put in a cell that has no value ("N/A", "#N/A", "-", "TBD", "NULL"): read as
 * an empty cell, never shown as a phone number, a postal code or hours. ("None" is left alone:
 * in a fees column it means free.)
 */
const PLACEHOLDER = /^\s*(?:n\/?a|#n\/a|null|nil|[-–—]+|tb[ad]|unknown|not available|#(?:value|ref|div\/0)!|#name\?)\s*$/i;

/** Rows of one filled cell that may come before the header (a title, a date, a note). */
const MAX_TITLE_ROWS = 5;
const NUMBER = /^[-+]?[\d.,]+$/;
/** A date as spreadsheets write one: 2026-11-01, 11/1/2026, 1.11.26. */
const DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/;

const oneColumn = (name: string) =>
  new FeedFormatError(
    `the CSV header has only one named column (${describe(name)}): expected columns such as name, lat and lng separated by commas, semicolons or tabs.`,
  );

interface Cuts {
  text: string;
  /** Stands in the text for each value cut out; no file can contain it. */
  marker: string;
  lengths: number[];
  /** Stands in the text for each stray opening quote (see cutLongValues), read back as a quote. */
  quote: string;
  strays: number;
}

/**
 * Replaces every value longer than MAX_CSV_VALUE with a marker before papaparse reads the
 * text, in time slices, so one huge value neither blocks the page nor costs the other rows.
 * Fields are found as papaparse finds them: a quoted one ends at a quote followed (after
 * spaces) by the delimiter, a line break or the end. A quote never closed keeps its opening
 * quote and a character, so the row is still reported as such; the rest it swallowed is dropped.
 */
async function cutLongValues(text: string, delimiter: string, signal: AbortSignal | undefined): Promise<Cuts> {
  // Noncharacters and a random part: text that is neither in a file nor a delimiter.
  const marker = `\uFDD0${Array.from({ length: 8 }, () => String.fromCharCode(0xfdd1 + Math.floor(Math.random() * 30))).join('')}\uFDEF`;
  const cuts: Cuts = { text, marker, lengths: [], quote: `\uFDEE${marker}`, strays: 0 };
  const breakWithin = (from: number, to: number) => {
    const lf = text.indexOf('\n', from);
    const cr = text.indexOf('\r', from);
    return (lf !== -1 && lf < to) || (cr !== -1 && cr < to);
  };
  const unquoted = new RegExp(`[^${delimiter.replace(/[\\\]^-]/g, '\\$&')}\r\n]*`, 'y');
  const n = text.length;
  const parts: string[] = [];
  let copied = 0;
  const cutOut = (from: number, to: number, replacement: string) => {
    parts.push(text.slice(copied, from), replacement);
    copied = to;
  };
  let deadline = performance.now() + SLICE_MS;
  for (let i = 0, fields = 0; i < n; fields++) {
    if ((fields & 1023) === 1023 && performance.now() > deadline) {
      await nextTask(signal);
      deadline = performance.now() + SLICE_MS;
    }
    let quoted = text.charCodeAt(i) === 0x22;
    if (quoted) {
      let close = text.indexOf('"', i + 1);
      /** Whether the first quote that is not doubled ends the field, as a closing quote must. */
      let firstEnds: boolean | undefined;
      for (; close !== -1; close = text.indexOf('"', close + 1)) {
        if (text.charCodeAt(close + 1) === 0x22) {
          close++;
          continue;
        }
        let after = close + 1;
        while (text.charCodeAt(after) === 0x20) after++;
        const next = text[after];
        const ends = next === undefined || next === delimiter || next === '\n' || next === '\r';
        firstEnds ??= ends;
        if (ends) break;
      }
      if ((close === -1 || firstEnds === false) && breakWithin(i, close === -1 ? n : close)) {
        // A quote typed at the start of a value ("Hope" House, or one never closed), which
        // papaparse would read to a quote lines later, or to the end, taking every row between
        // into one value: a plain character instead, so those rows are read as rows.
        cuts.strays++;
        cutOut(i, i + 1, cuts.quote);
        quoted = false;
        i++;
      } else if (close === -1) {
        // One character kept: papaparse reports a lone quote at the end as no error at all.
        if (n - i - 1 > MAX_CSV_VALUE) cutOut(i + 2, n, '');
        break;
      } else {
        if (close - i - 1 > MAX_CSV_VALUE) {
          cuts.lengths.push(close - i - 1);
          cutOut(i + 1, close, marker);
        }
        i = close + 1;
      }
    }
    // The rest of the field (all of an unquoted one; spaces or stray text after a closing quote).
    unquoted.lastIndex = i;
    unquoted.test(text);
    const end = unquoted.lastIndex;
    if (!quoted && end - i > MAX_CSV_VALUE) {
      cuts.lengths.push(end - i);
      cutOut(i, end, marker);
    }
    i = end;
    if (text[i] === delimiter) i++;
    else if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else if (i < n) i++;
  }
  if (parts.length) cuts.text = parts.join('') + text.slice(copied);
  return cuts;
}

const count = (n: number) => n.toLocaleString('en-US');

type Papaparse = typeof import('papaparse');
type Newline = '\n' | '\r' | '\r\n';

/**
 * Picks the delimiter that reads the first rows best: without quote errors, then with rows as
 * wide as the header, then with the widest header. (papaparse's own guess prefers the widest
 * rows, which a semicolon inside a quoted value can win in a file of two or three rows.)
 * Without any table-like reading the comma is kept, and the header check reports it.
 */
function sniffDialect(Papa: Papaparse, text: string): { delimiter: string; newline: Newline } {
  const sample = text.slice(0, SNIFF_CHARS).trimStart();
  let delimiter = DELIMITERS[0];
  let newline: Newline | undefined;
  let best: number[] = [];
  for (const candidate of DELIMITERS) {
    const { data, errors, meta } = Papa.parse<string[]>(sample, { delimiter: candidate, preview: SNIFF_ROWS, skipEmptyLines: 'greedy' });
    newline ??= meta.linebreak as Newline;
    // The header is the first row of two cells or more: a title may come before it.
    const rows = data.slice(
      Math.max(
        0,
        data.findIndex((row) => row.length >= 2),
      ),
    );
    const width = rows[0]?.length ?? 0;
    if (width < 2) continue;
    const score = [errors.length === 0 ? 1 : 0, rows.filter((row) => row.length === width).length / rows.length, width];
    if (compare(score, best) > 0) {
      delimiter = candidate;
      best = score;
    }
  }
  return { delimiter, newline: newline ?? '\n' };
}

/** Lexicographic order; any score beats the empty one. */
function compare(a: number[], b: number[]): number {
  if (b.length === 0) return 1;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Fails fast, with a useful message, on the documents a CSV URL most often returns by mistake. */
async function rejectOtherFormats(text: string, signal: AbortSignal | undefined): Promise<void> {
  const start = text.trimStart(); // also drops a byte order mark
  if (start === '') throw new FeedFormatError('the CSV is empty: it has no header row.');
  if (start.startsWith('<')) {
    throw new FeedFormatError('this is an HTML or XML document, not CSV (a web page instead of the feed?).');
  }
  if (/^[[{]/.test(start)) {
    // The time-sliced scan, not JSON.parse: 2 MB of "[[[[" would block the page for a second.
    try {
      await scanJson(start, signal);
    } catch (error) {
      if (error instanceof FeedJsonError) return;
      if (!(error instanceof FeedLimitError)) throw error;
    }
    throw new FeedFormatError('this is a JSON document, not CSV.');
  }
}

/**
 * Sets a key as an own data property: a `__proto__` header becomes an ordinary key instead of
 * changing the record's prototype.
 */
function setOwn(record: Record<string, unknown>, key: string, value: string): void {
  if (key === '__proto__') {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    record[key] = value;
  }
}

/** Same test as papaparse's `skipEmptyLines: 'greedy'`. */
function isBlank(cells: string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

function describeQuoteError(error: ParseError): string {
  return error.code === 'InvalidQuotes' ? 'a quote (") inside a quoted value is not doubled (""); check that value.' : `${error.message}.`;
}
