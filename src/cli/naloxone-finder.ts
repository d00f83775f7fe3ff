import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { readFieldMap, type FieldMap } from '../feed/field-map.js';
import { groupByKind } from '../feed/report.js';
import { problemLine, problemPlace } from '../feed/console-report.js';
import { DEFAULT_MAX_BYTES, FeedFetchError, fetchFeed } from '../feed/fetch-feed.js';
import { parseFeed, parseFeedData, type FeedResult, type ParseOptions } from '../feed/parse-feed.js';
import { readTypeList, SERVICE_TYPES, type ServiceType } from '../feed/service-types.js';
import { FeedFormatError } from '../feed/validate.js';
import { counted } from '../feed/text.js';
import type { Feed, SkippedRecord } from '../types.js';
import { readHsdsDataPackage } from './hsds-datapackage.js';
import { formatSize, LARGEST_LIMIT, readFileCapped, readSize, readStream, TooLargeError, type SizeLimit } from './read-input.js';
import { print, printable } from './terminal.js';
import { fixWindows1252 } from './windows-1252.js';
import { misplacedPositions } from './positions.js';

/**
 * `naloxone-finder validate|convert`: the widget's own parsers, run in Node for the people who
 * publish the data, so what the CLI accepts is exactly what the widget will show.
 */

const EXIT_OK = 0;
/** Some records would not be listed (validate), or no service at all came out (convert). */
const EXIT_RECORDS = 1;
/** Usage errors, unreadable input, or a document that is not a feed. */
const EXIT_FAILURE = 2;

/** Above this many warnings (or skipped records, in convert's summary) they are grouped by kind. */
const GROUP_OVER = 20;
const EXAMPLES = 3;
/** A CLI fetches data managers' whole exports over slow links: more patience than the widget. */
const FETCH_TIMEOUT_MS = 30_000;

const FORMATS = ['csv', 'geojson', 'hsds', 'json', 'native'] as const;
type InputFormat = (typeof FORMATS)[number];

const FORMAT_NAMES: Record<FeedResult['format'], string> = {
  native: 'naloxone-finder feed (JSON)',
  geojson: 'GeoJSON',
  csv: 'CSV',
  hsds: 'HSDS',
};

const USAGE = `Usage:
  naloxone-finder validate <input> [options]
  naloxone-finder convert <input> [options] > feed.json

Commands:
  validate   Checks a feed the way the <naloxone-finder> widget reads it and reports,
             record by record, what would not be listed and what needs a look.
  convert    Turns CSV, GeoJSON, HSDS JSON or an HSDS tabular data package into a
             naloxone-finder feed (version 1), written to standard output: compact, one
             service per line (--pretty indents it). The summary goes to standard error.

<input> is a file, an http(s) address, - for standard input, or a folder holding an
HSDS tabular data package (datapackage.json and CSVs such as services.csv, in the folder
or in its data/ folder). Files in a package that are links leading outside its folder are
not read.

Options:
  --from <format>          csv, geojson, hsds, json or native (default: detected)
  --field-map <json|@file> Where your columns or keys hold our fields, as JSON or @file.json:
                           '{"name": "Site", "lat": "Y", "typeMap": {"Narcan": "naloxone"}}'
  --default-types <list>   Types for records that name none, comma-separated, e.g. naloxone
  --title <text>           The feed's title (convert)
  --pretty                 Indent the feed for reading (convert); about twice the bytes
  --json                   A machine-readable report on standard output (validate)
  --verbose                List every problem instead of grouping them by kind
  --max-bytes <size>       The largest input read, e.g. 100MiB (default ${formatSize(DEFAULT_MAX_BYTES)}, as the
                           widget; at most ${formatSize(LARGEST_LIMIT)}). Applies to each file, standard input and URL.
  -h, --help               Show this help
  --version                Show the version

Exit codes:
  0  every record can be listed (warnings alone are fine); convert wrote the feed
  1  some records would not be listed (validate), or no service came out (convert)
  2  usage error, unreadable input, or not a feed

Records are numbered from 0 as in the feed's array; CSV data rows from 1 (the row after
the header is data row 1).

Types: ${SERVICE_TYPES.join(', ')}`;

const OPTIONS = {
  from: { type: 'string' },
  'field-map': { type: 'string' },
  'default-types': { type: 'string' },
  title: { type: 'string' },
  pretty: { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'max-bytes': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Wrong arguments: the message, then a pointer to --help. */
class UsageError extends Error {}

/** The input cannot be read or is not a feed. */
class InputError extends Error {}

interface Loaded {
  result: FeedResult;
  /** What index -1 (a problem with the whole input) is called in the report. */
  whole: string;
  hsdsVersion?: string;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = readArgs(argv);
  if (values.version) {
    print(process.stdout, `${version()}\n`);
    return EXIT_OK;
  }
  const [command, ...inputs] = positionals;
  if (values.help || command === 'help') {
    print(process.stdout, `${USAGE}\n`);
    return EXIT_OK;
  }
  if (command === undefined) throw new UsageError('say what to do: validate or convert.');
  if (command !== 'validate' && command !== 'convert') throw new UsageError(`unknown command "${command}"; the commands are validate and convert.`);
  if (inputs.length !== 1) {
    throw new UsageError(
      inputs.length
        ? `${command} reads one input, got ${inputs.length}: ${inputs.join(' ')}`
        : `${command} needs an input: a file, an http(s) address, a folder (HSDS data package) or - for standard input.`,
    );
  }
  if (command === 'convert' && values.json) throw new UsageError('--json is for validate; convert always writes the feed as JSON.');
  if (command === 'validate' && values.title !== undefined) throw new UsageError('--title is for convert.');
  if (command === 'validate' && values.pretty) throw new UsageError('--pretty is for convert.');

  const input = inputs[0];
  const limit = readLimit(values['max-bytes']);
  const options: ParseOptions = {
    format: readFormat(values.from),
    fieldMap: await readFieldMapOption(values['field-map'], limit),
    defaultTypes: readDefaultTypes(values['default-types']),
    // The report names every record that would not be listed, even when none would be.
    allowNoValidRecords: true,
  };
  let loaded: Loaded;
  try {
    loaded = await load(input, options, limit);
  } catch (error) {
    if (command === 'validate' && values.json && error instanceof InputError) {
      print(process.stdout, `${JSON.stringify({ input, error: error.message }, null, 2)}\n`, 'json');
    }
    throw error;
  }
  // In source order (the readers report some problems before others), so the report reads
  // top to bottom like the file. Array.prototype.sort is stable: same-record lines keep their order.
  loaded.result.warnings.push(...misplacedPositions(loaded.result.services));
  loaded.result.skipped.sort((a, b) => a.index - b.index);
  loaded.result.warnings.sort((a, b) => a.index - b.index);
  return command === 'validate' ? validate(input, loaded, values) : convert(input, loaded, values);
}

function readArgs(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const { code, message } = error as { code?: string; message: string };
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? message;
      throw new UsageError(`unknown option ${option}.`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /'(--?[\w-]+)/.exec(message)?.[1];
      throw new UsageError(option ? `${option} needs a value.` : message);
    }
    throw new UsageError(message);
  }
}

function version(): string {
  try {
    // dist/cli.js sits one folder below package.json, in the repository and once installed.
    return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

function readFormat(value: string | undefined): InputFormat | undefined {
  if (value === undefined) return undefined;
  const format = value.toLowerCase();
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--from must be one of ${FORMATS.join(', ')}; got "${value}".`);
  return format as InputFormat;
}

function readLimit(value: string | undefined): SizeLimit {
  if (value === undefined) return { bytes: DEFAULT_MAX_BYTES };
  const bytes = readSize(value);
  if (bytes === undefined || bytes < 1) throw new UsageError(`--max-bytes takes a size such as 100MiB, 512KiB or 1048576 (bytes); got "${value}".`);
  if (bytes > LARGEST_LIMIT)
    throw new UsageError(`--max-bytes can be at most ${formatSize(LARGEST_LIMIT)}, the most text Node can decode at once; got "${value}".`);
  return { bytes, option: value };
}

async function readFieldMapOption(value: string | undefined, limit: SizeLimit): Promise<FieldMap | undefined> {
  if (value === undefined) return undefined;
  let text = value;
  if (value.startsWith('@')) {
    try {
      text = (await readFileCapped(value.slice(1), limit)).toString('utf8');
    } catch (error) {
      if (error instanceof TooLargeError) throw new UsageError(`--field-map: ${error.message}`);
      throw new UsageError(`--field-map: cannot read ${value.slice(1)} (${systemMessage(error)}).`);
    }
  } else if (!value.trim().startsWith('{')) {
    throw new UsageError(`--field-map takes JSON such as '{"name": "Site"}', or @file.json to read it from a file; got "${value}".`);
  }
  try {
    return readFieldMap(text);
  } catch (error) {
    if (error instanceof FeedFormatError) throw new UsageError(`--field-map: ${error.message}`);
    throw error;
  }
}

function readDefaultTypes(value: string | undefined): ServiceType[] | undefined {
  if (value === undefined) return undefined;
  const { types, unknown } = readTypeList(value);
  if (unknown.length) throw new UsageError(`--default-types: "${unknown[0]}" is not one of our types: ${SERVICE_TYPES.join(', ')}.`);
  if (!types.length) throw new UsageError('--default-types needs at least one type, e.g. --default-types naloxone');
  return types;
}

/** Reads and parses the input, whatever it is; every failure becomes an InputError or UsageError. */
async function load(input: string, options: ParseOptions, limit: SizeLimit): Promise<Loaded> {
  try {
    if (input === '-') return { result: await parseFeed(await readStream(process.stdin, limit, 'standard input'), options), whole: 'feed' };
    if (/^https?:\/\//i.test(input)) {
      const fetched = await fetchFeed(input, {
        timeoutMs: FETCH_TIMEOUT_MS,
        maxBytes: limit.bytes,
        onRetry: ({ delayMs, reason }) =>
          print(process.stderr, `naloxone-finder: ${printable(reason, 'line')}; trying again in ${(delayMs / 1000).toFixed(1)} s\n`),
      });
      return { result: await parseFeed(fetched.bytes, { ...options, contentType: fetched.contentType }), whole: 'feed' };
    }
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(input)) throw new UsageError(`only http and https addresses can be read; got ${input}`);

    let isFolder: boolean;
    try {
      isFolder = (await stat(input)).isDirectory();
    } catch (error) {
      throw new InputError(`cannot read ${input}: ${systemMessage(error)}.`);
    }
    if (isFolder) return await loadDataPackage(input, options, limit);
    let bytes: Uint8Array;
    try {
      bytes = await readFileCapped(input, limit);
    } catch (error) {
      if (error instanceof TooLargeError) throw error;
      throw new InputError(`cannot read ${input}: ${systemMessage(error)}.`);
    }
    return { result: await parseFeed(bytes, { ...options, contentType: contentTypeOf(input) }), whole: 'feed' };
  } catch (error) {
    if (error instanceof TooLargeError) throw new InputError(error.message);
    if (error instanceof FeedFetchError && error.kind === 'too-large') throw new InputError(new TooLargeError(input, limit).message);
    if (error instanceof FeedFetchError) throw new InputError(`cannot load the feed: ${error.message}.`);
    if (error instanceof FeedFormatError) throw new InputError(`cannot read ${label(input)}: ${error.message}`);
    throw error;
  }
}

async function loadDataPackage(folder: string, options: ParseOptions, limit: SizeLimit): Promise<Loaded> {
  if (options.format && options.format !== 'hsds') {
    throw new UsageError(`${folder} is a folder, read as an HSDS data package; --from ${options.format} does not apply to it.`);
  }
  const { doc, warnings, version: hsdsVersion } = await readHsdsDataPackage(folder, { limit });
  const result = await parseFeedData(doc, { ...options, format: 'hsds' });
  result.warnings.unshift(...warnings.map((reason) => ({ index: -1, reason })));
  return { result, whole: 'package', ...(hsdsVersion ? { hsdsVersion } : {}) };
}

const label = (input: string) => (input === '-' ? 'standard input' : input);

/** A hint for telling CSV from other text; the content decides in the end. */
function contentTypeOf(file: string): string {
  const extension = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') return 'text/csv';
  if (extension === 'geojson') return 'application/geo+json';
  return extension === 'json' ? 'application/json' : '';
}

/** Node's "ENOENT: no such file or directory, stat 'x'", in a few plain words. */
function systemMessage(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return message ?? String(error);
}

type Values = ReturnType<typeof readArgs>['values'];

function validate(input: string, loaded: Loaded, values: Values): number {
  const { result } = loaded;
  const code = result.skipped.length ? EXIT_RECORDS : EXIT_OK;
  if (values.json) {
    const at = (item: SkippedRecord) => ({ ...item, where: locate(loaded, item) });
    const report = {
      input,
      format: result.format,
      ...(loaded.hsdsVersion ? { hsdsVersion: loaded.hsdsVersion } : {}),
      ...(result.title ? { title: result.title } : {}),
      ok: code === EXIT_OK,
      counts: { services: result.services.length, skipped: result.skipped.length, warnings: result.warnings.length },
      skipped: result.skipped.map(at),
      warnings: result.warnings.map(at),
    };
    print(process.stdout, `${JSON.stringify(report, null, 2)}\n`, 'json');
    return code;
  }
  const total = result.services.length + result.skipped.length;
  const verdict = result.skipped.length
    ? `${counted(result.skipped.length, 'record')} of ${total.toLocaleString('en-US')} would not be listed: see "Skipped" above.`
    : result.services.length > 1
      ? `All ${counted(result.services.length, 'service')} can be listed.`
      : result.services.length
        ? 'The one service can be listed.'
        : 'The feed lists no services.';
  print(process.stdout, `${report(label(input), loaded, { listSkipped: true, verbose: values.verbose ?? false })}\n${verdict}\n`);
  return code;
}

function convert(input: string, loaded: Loaded, values: Values): number {
  const { result } = loaded;
  const title = values.title ?? result.title;
  const summary = report(label(input), loaded, { listSkipped: values.verbose ?? false, verbose: values.verbose ?? false });
  if (!result.services.length) {
    print(process.stderr, `${summary}\nNo service could be read, so no feed was written. Check the input, --from and --field-map.\n`);
    return EXIT_RECORDS;
  }
  const feed: Feed = { version: 1, ...(title ? { title } : {}), updated: new Date().toISOString(), services: result.services };
  print(process.stdout, `${values.pretty ? JSON.stringify(feed, null, 2) : compactJson(feed)}\n`, 'json');
  print(process.stderr, `${summary}\nWrote a feed of ${counted(result.services.length, 'service')}.\n`);
  return EXIT_OK;
}

/**
 * The feed without indentation, one service per line: the widget's download and memory stay
 * close to the data itself (indenting took 354 bytes a record, about twice the data), while a
 * diff between two exports still shows which services changed.
 */
function compactJson({ services, ...head }: Feed): string {
  // '{"version":1,…,"services":[]}' without its '[]}'.
  const start = JSON.stringify({ ...head, services: [] }).slice(0, -3);
  return `${start}[\n${services.map((service) => JSON.stringify(service)).join(',\n')}\n]}`;
}

/** "record 12 (id "x")", "data row 13", "feature 4" (from 1), or the whole input. */
const locate = ({ result, whole }: Loaded, item: SkippedRecord) => problemPlace(item, result.format, whole);

/** "data row 13: reason", or the reason alone where it names its row already. */
const located = ({ result, whole }: Loaded, item: SkippedRecord) => problemLine(item, result.format, whole);

function report(input: string, loaded: Loaded, options: { listSkipped: boolean; verbose: boolean }): string {
  const { result } = loaded;
  const format = loaded.hsdsVersion
    ? `HSDS ${loaded.hsdsVersion} data package`
    : loaded.whole === 'package'
      ? 'HSDS data package'
      : FORMAT_NAMES[result.format];
  // Each line whole on its own: a newline inside a title, file name or message must not start a line.
  const lines: string[] = [];
  const push = (...added: string[]) => lines.push(...added.map((line) => printable(line, 'line')));
  push(
    `${input}: ${format}${result.title ? `, "${result.title}"` : ''}`,
    `  ${counted(result.services.length, 'service')}, ${result.skipped.length.toLocaleString('en-US')} skipped, ${counted(result.warnings.length, 'warning')}`,
  );
  const section = (heading: string, items: SkippedRecord[], listAll: boolean) => {
    if (!items.length) return;
    push('', heading);
    if (listAll || items.length <= GROUP_OVER) {
      // HSDS reports a service once per location it would have been listed at: one line, counted.
      const listed = items.map((item) => located(loaded, item));
      listed.forEach((line, i) => {
        if (line === listed[i - 1]) return;
        let n = 1;
        while (listed[i + n] === line) n++;
        push(`  ${line}${n > 1 ? ` (×${n})` : ''}`);
      });
      return;
    }
    for (const group of groupByKind(items)) {
      if (group.items.length === 1) {
        push(`  ${located(loaded, group.items[0])}`);
        continue;
      }
      push(`  ${group.items.length.toLocaleString('en-US')} × ${group.kind}`);
      for (const item of group.items.slice(0, EXAMPLES)) push(`      ${located(loaded, item)}`);
      if (group.items.length > EXAMPLES) push(`      … and ${(group.items.length - EXAMPLES).toLocaleString('en-US')} more`);
    }
    push('  (--verbose lists every one)');
  };
  section('Skipped (not listed):', result.skipped, options.listSkipped || options.verbose);
  section('Warnings (these records are still listed):', result.warnings, options.verbose);
  return `${lines.join('\n')}\n`;
}

// A reader that closes the pipe early (`| head`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT_OK);
  throw error;
});

fixWindows1252();
main(process.argv.slice(2)).then(
  (code) => {
    // exitCode, not exit(): a large feed piped to a file must be written out in full first.
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      print(process.stderr, `naloxone-finder: ${printable(error.message, 'line')}\nRun "naloxone-finder --help" for usage.\n`);
    } else if (error instanceof InputError) {
      print(process.stderr, `naloxone-finder: ${printable(error.message, 'line')}\n`);
    } else {
      print(process.stderr, `naloxone-finder: something went wrong inside the tool; please report it.\n${(error as Error)?.stack ?? error}\n`);
    }
    process.exitCode = EXIT_FAILURE;
  },
);
