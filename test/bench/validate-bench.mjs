#!/usr/bin/env node
/*
 * Feed validation against JSON.parse of the same text, in Node (issue 10): the time of
 * JSON.parse(text), of parseFeedData(JSON.parse(text)) and of validateRecords alone, medians of
 * --runs, on two native feeds:
 *   - the SAMHSA 14k directory, read as CSV with the project's own parser (as `convert` does,
 *     default type treatment) and written out as a compact native feed;
 *   - a synthetic feed of --count full fictional records ("Example Service N (fictional)"),
 *     each at a SAMHSA point jittered by up to ±0.05° (about 5 km, no real facility's place),
 *     with every optional field filled from a few written forms, and a few problems per
 *     thousand records (unknown types, unsafe websites, repeated ids, exact duplicates, records
 *     without a name) so the warning paths run too.
 *
 * The source is bundled from src/ with esbuild, so no build is needed. With --base <git ref>,
 * that revision's src/ is bundled too and both are measured in the same process, by turns, and
 * --check compares their output (services, skipped, warnings, in order, or the error thrown)
 * byte for byte: on both feeds, on every feed file in test/fixtures/, demo/ and ../shared/data/,
 * and on --fuzz random record lists (fast-check, fixed seed) read with several option sets.
 *
 *   node --expose-gc test/bench/validate-bench.mjs [--base HEAD] [--check] [--runs 5] [--count 100000] [--only samhsa|synthetic] [--json out.json]
 *
 * Profile with `node --cpu-prof --cpu-prof-dir=/tmp/prof test/bench/validate-bench.mjs --only synthetic`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import fc from 'fast-check';
import { seeded } from './seeded.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values: opts } = parseArgs({
  options: {
    base: { type: 'string' },
    check: { type: 'boolean', default: false },
    runs: { type: 'string', default: '5' },
    count: { type: 'string', default: '100000' },
    only: { type: 'string' },
    csv: { type: 'string', default: resolve(ROOT, '../shared/data/samhsa-treatment-facilities-14k.csv') },
    json: { type: 'string' },
    fuzz: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '10' },
  },
});
const RUNS = Math.max(1, Number(opts.runs) || 5);
const COUNT = Math.max(1, Number(opts.count) || 100_000);
if (opts.check && !opts.base) throw new Error('--check compares with --base: name a git ref');
if (opts.only !== undefined && !['samhsa', 'synthetic'].includes(opts.only)) throw new Error('--only takes samhsa or synthetic');

const ENTRY = `export { parseFeed, parseFeedData } from './src/feed/parse-feed.ts';
export { validateRecords, nativeRecords } from './src/feed/validate.ts';
export { readFieldMap } from './src/feed/field-map.ts';`;

/** One ES module with the parser and validator of the tree at `dir`. */
async function bundle(dir, outfile) {
  await build({
    stdin: { contents: ENTRY, resolveDir: dir, loader: 'ts', sourcefile: 'validate-bench-entry.ts' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    outfile,
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'error',
  });
  return import(pathToFileURL(outfile).href);
}

const HOURS = [
  [{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }],
  'Mon-Fri 9am-5pm',
  '24/7',
  [
    { days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '08:00', closes: '20:00' },
    { days: ['sa'], opens: '10:00', closes: '14:00' },
  ],
  'Mon-Sat 8:00-20:00; Sun closed',
];
const LANGUAGES = [['en'], ['en', 'es'], 'English, Spanish', 'en; fr', ['English', 'Español']];
const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Anchorage'];

/** Full fictional records at jittered points of `base` (a parsed native feed's services). */
function syntheticFeed(base, count) {
  const random = seeded(0x10);
  const services = [];
  for (let i = 0; i < count; i++) {
    const from = base[i % base.length];
    const n = i + 1;
    const record = {
      id: `svc-${n}`,
      name: `Example Service ${n} (fictional)`,
      lat: Number((from.lat + (random() - 0.5) / 10).toFixed(6)),
      lng: Number((from.lng + (random() - 0.5) / 10).toFixed(6)),
      types: i % 3 === 0 ? ['naloxone'] : i % 3 === 1 ? ['naloxone', 'fentanyl-test-strips', 'drop-in'] : 'syringe services; naloxone',
      address: { street: `${n} Example Street`, city: from.address?.city, region: from.address?.region, postalCode: from.address?.postalCode, country: 'US' },
      phone: `555-01${String(i % 100).padStart(2, '0')}`,
      website: i % 2 ? `https://example.org/services/${n}` : `example.org/services/${n}`,
      email: `service${n}@example.org`,
      description: 'Fictional record for the benchmark: naloxone kits and training, fentanyl test strips.\nNo appointment needed.',
      hours: HOURS[i % HOURS.length],
      timezone: ZONES[i % ZONES.length],
      hoursNote: i % 4 === 0 ? 'Closed on public holidays' : undefined,
      cost: i % 2 ? 'Free' : 'Sliding scale',
      noIdRequired: i % 2 === 0,
      walkIn: true,
      anonymous: i % 5 === 0 ? 'yes' : false,
      appointmentRequired: false,
      languages: LANGUAGES[i % LANGUAGES.length],
      peerRun: i % 7 === 0,
      accessibility: 'Step-free entrance',
      lastVerified: '2026-10-01',
      status: 'active',
    };
    // A few problems per thousand, so warnings and skips are part of the work.
    if (i % 997 === 5) record.types = ['naloxone', 'vaccines'];
    if (i % 997 === 6) record.website = 'javascript:alert(1)';
    if (i % 997 === 7) record.id = 'svc-1';
    if (i % 997 === 8) delete record.name;
    if (i % 997 === 9) record.lat = 123.4;
    services.push(record);
    if (i % 997 === 10) services.push({ ...record });
  }
  return { version: 1, title: 'Synthetic benchmark feed (fictional)', services };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const gc = globalThis.gc ?? (() => {});
const ms = (n) => n.toFixed(1);

async function measure(lib, text) {
  gc();
  let t0 = performance.now();
  JSON.parse(text);
  const parse = performance.now() - t0;
  const doc = JSON.parse(text);
  gc();
  t0 = performance.now();
  const result = await lib.parseFeedData(doc, { allowNoValidRecords: true });
  const feed = performance.now() - t0;
  const records = JSON.parse(text);
  gc();
  t0 = performance.now();
  lib.validateRecords(lib.nativeRecords(records), { requireId: true });
  const validate = performance.now() - t0;
  return { parse, feed, validate, services: result.services.length, skipped: result.skipped.length, warnings: result.warnings.length };
}

/** What a parse gives, as text: the result, or the error it threw. */
async function outcome(parse) {
  try {
    return JSON.stringify(await parse());
  } catch (error) {
    return `${error?.name}: ${error?.message} ${JSON.stringify({ skipped: error?.skipped, warnings: error?.warnings })}`;
  }
}

/** Every feed file the project keeps as a fixture or demo, and the shared datasets. */
async function feedFiles() {
  const found = [];
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (/\.(json|geojson|csv)$/.test(entry.name) && !/datapackage|field-map|nominatim/.test(path)) found.push(path);
    }
  };
  for (const dir of ['test/fixtures', 'demo', '../shared/data']) await walk(resolve(ROOT, dir));
  return found.sort();
}

/**
 * Random record lists read by both variants with several option sets. The values come from
 * pools that reach every reader's branches: text with controls, bidi marks, literal "\\n",
 * carriage returns, surrogate pairs and lengths around each limit; ids that repeat (and
 * look like the suffixes given to repeated ids); records repeated exactly or nearly.
 */
async function fuzzCheck(base, current, runs, seed, report) {
  const long = (n) => fc.constantFrom('L'.repeat(n), `${'L'.repeat(n - 1)}😀`, `${'L'.repeat(n - 2)}😀x`, ` ${'L'.repeat(n)} `);
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.string({ unit: 'binary', maxLength: 12 }),
    fc.constantFrom(
      '',
      ' ',
      '  a  ',
      'a\\nb',
      'a\\r\\nb',
      'a\r\nb',
      'a\rb',
      'a \t\n\n\n\nb',
      '\u202Eevil\u202C',
      '\u200B',
      '\uFEFFx',
      '\u0085x\u0085',
      'x\u000B',
      '\u00A0y\u00A0',
      'back\\slash',
      '__proto__',
      'constructor',
    ),
    long(200),
    long(300),
    long(2000),
  );
  const words = {
    id: fc.oneof(fc.constantFrom('a', 'b', 'a~2', 'a~3', 'b~2', '', ' a ', 'A'.repeat(200), `${'A'.repeat(198)}😀`), fc.integer({ min: -2, max: 3 }), text),
    name: fc.oneof(fc.constantFrom('Example Service (fictional)', 'Example Clinic (fictional)', ' \u200B ', 42), text),
    lat: fc.oneof(fc.constantFrom(49.28, '49,28', ' 49.28 ', 0, -0, 123.1, 95, '', 'x', null), fc.double({ min: -200, max: 200, noNaN: true })),
    lng: fc.oneof(fc.constantFrom(-123.12, '-123.12', 0, 181, 45, '', null), fc.double({ min: -200, max: 200, noNaN: true })),
    types: fc.oneof(
      fc.constantFrom(
        'naloxone',
        'Naloxone; drop-in',
        'SSP, fts',
        'Narcan|vaccines',
        'pharmacy',
        '__proto__',
        '',
        ['naloxone', 'naloxone'],
        ['drop in', 3],
        ['mail-based'],
      ),
      fc.array(fc.constantFrom('naloxone', 'treatment', 'Fentanyl test strips', 'wound care', 'x', 'Pharmacy - Narcan'), { maxLength: 4 }),
    ),
    street: text,
    city: fc.oneof(fc.constantFrom('Vancouver', 'Example City'), text),
    region: fc.oneof(fc.constantFrom('BC', 'PA'), text),
    postalCode: fc.oneof(fc.constantFrom('2108', '2108-1234', '123', '02108', 2108, 'V6B 1A1'), text),
    country: fc.oneof(fc.constantFrom('US', 'us', 'USA', 'Canada', 'méxico', 'Atlantis', '__proto__', 'constructor'), text),
    address: fc.oneof(
      fc.record({ street: text, city: text, country: fc.constantFrom('US', 'usa', 'CA') }, { requiredKeys: [] }),
      fc.constantFrom('1 Example Street', 12, [1], null),
      text,
    ),
    phone: fc.oneof(fc.constantFrom('555-0100', 5550100, true), text),
    website: fc.oneof(
      fc.constantFrom(
        'https://example.org/x',
        'example.org',
        'www.example.org/a b',
        'javascript:alert(1)',
        'https://u:p@example.org/',
        '//example.org',
        'http:\\\\example.org',
      ),
      long(2000),
      text,
    ),
    email: fc.oneof(fc.constantFrom('a@example.org', 'mailto:a@example.org', "o'brien+kits@example.org", 'a@b', 'a?subject=x@example.org'), text),
    description: text,
    hours: fc.oneof(
      fc.constantFrom(
        '24/7',
        'Mon-Fri 9am-5pm',
        'Mon-Fri 9-5; Sat 10-2',
        'closed Sunday',
        '9-12, 13-17',
        '3-5',
        'whenever',
        'Mon-Sat 8:00-20:00; Sun closed',
        ['Mon 9-5', 'Tue 10-2'],
        [{ days: ['mo', 'tu'], opens: '09:00', closes: '17:00' }],
        [
          { days: 'mo-fr', opens: '9am', closes: '5pm' },
          { days: ['sa'], opens: '10:00', closes: '10:00' },
        ],
        [{ days: ['xx'], opens: '09:00', closes: '17:00' }, 'junk', 4],
        [{ days: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'], opens: '00:00', closes: '24:00' }],
        {},
      ),
      text,
    ),
    timezone: fc.oneof(fc.constantFrom('America/Vancouver', 'america/new_york', 'UTC', 'Mars/Base', ''), text),
    hoursNote: text,
    cost: fc.oneof(fc.constantFrom('Free', 'free of charge', '$0', 'Gratuit', 'Sliding scale'), text),
    languages: fc.oneof(
      fc.constantFrom(
        'English, Spanish',
        'en; fr',
        'Creole, sign language',
        'Chinese (Cantonese)',
        'English - Spanish',
        'Klingon',
        ['English', 'Español'],
        ['en', 3, null],
        'und',
      ),
      text,
    ),
    accessibility: text,
    lastVerified: fc.oneof(fc.constantFrom('2026-10-01', '2026-02-30', '2026-10-01T12:00:00Z', '10/01/2026'), text),
    status: fc.oneof(fc.constantFrom('active', 'Open', 'temporarily closed', 'closed', 'defunct', '__proto__', 'gone'), text),
    open24h: fc.constantFrom(true, 'yes', 'no', 'x', '', 'maybe', 1, 2),
    noIdRequired: fc.constantFrom(true, false, 'Oui', 'n'),
    walkIn: fc.constantFrom('y', 'sí', 0),
    anonymous: fc.constantFrom(true, 'nope'),
    appointmentRequired: fc.constantFrom(false, '1'),
    peerRun: fc.constantFrom(true, null),
  };
  // Partner column names, which parseFeedData renames to our fields.
  Object.assign(words, { Latitude: words.lat, 'Site Name': words.name, ZIP: words.postalCode, Category: words.types, extra: text });
  const record = fc.oneof(
    { weight: 20, arbitrary: fc.record(words, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.constantFrom(null, 'text', 3, [], ['a']) },
  );
  // Exact and near repeats, as real exports have them.
  const list = fc
    .tuple(fc.array(record, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), fc.array(fc.nat(), { maxLength: 3 }))
    .map(([records, repeats, near]) => {
      const out = [...records];
      for (const r of repeats) if (records.length) out.push(structuredClone(records[r % records.length]));
      for (const r of near)
        if (records.length && typeof records[r % records.length] === 'object' && records[r % records.length])
          out.push({ ...records[r % records.length], phone: '555-0199' });
      return out;
    });
  const optionSets = [
    { requireId: true },
    { requireId: false, idPrefix: 'row' },
    { requireId: false, defaultTypes: ['treatment', 'naloxone', 'treatment'] },
    {
      requireId: true,
      typeMap: new Map([
        ['pharmacy', ['naloxone']],
        ['pharmacy - narcan', ['naloxone', 'naloxone-vending']],
      ]),
    },
  ];
  let same = 0;
  let total = 0;
  let records = 0;
  for (const sample of fc.sample(list, { numRuns: runs, seed })) {
    records += sample.length;
    for (const options of optionSets) {
      total++;
      const a = JSON.stringify(base.validateRecords(structuredClone(sample), options));
      const b = JSON.stringify(current.validateRecords(structuredClone(sample), options));
      if (report('fuzz', a, b)) same++;
      else console.log(`fuzz DIFFERENT with ${JSON.stringify({ ...options, typeMap: undefined })}: ${JSON.stringify(sample).slice(0, 2000)}`);
    }
    total++;
    const doc = { version: 1, services: sample };
    if (report('fuzz', await outcome(() => base.parseFeedData(structuredClone(doc))), await outcome(() => current.parseFeedData(structuredClone(doc))))) same++;
  }
  return { same, runs: total, records };
}

const tmp = await mkdtemp(join(tmpdir(), 'validate-bench-'));
try {
  const variants = [];
  if (opts.base) {
    const baseDir = join(tmp, 'base');
    execFileSync('sh', ['-c', `mkdir -p "${baseDir}" && git -C "${ROOT}" archive "${opts.base}" src | tar -x -C "${baseDir}"`]);
    variants.push({ name: `base (${opts.base})`, lib: await bundle(baseDir, join(tmp, 'base.mjs')) });
  }
  variants.push({ name: 'current', lib: await bundle(ROOT, join(tmp, 'current.mjs')) });

  // Data is made with the first variant's parser, so both read the very same text.
  const maker = variants[0].lib;
  const csv = await readFile(opts.csv);
  const samhsa = await maker.parseFeed(new Uint8Array(csv), { format: 'csv', defaultTypes: ['treatment'] });
  const feeds = [];
  if (opts.only !== 'synthetic')
    feeds.push({ name: `SAMHSA ${samhsa.services.length.toLocaleString('en-US')}`, text: JSON.stringify({ version: 1, services: samhsa.services }) });
  if (opts.only !== 'samhsa') {
    const text = JSON.stringify(syntheticFeed(samhsa.services, COUNT));
    feeds.push({ name: `synthetic ${COUNT.toLocaleString('en-US')} full`, text });
    await writeFile(join(tmp, 'synthetic.json'), text);
  }

  if (opts.check) {
    const [base, current] = variants.map((v) => v.lib);
    const report = (name, a, b) => {
      const same = a === b;
      if (!same) {
        process.exitCode = 1;
        let at = 0;
        while (a[at] === b[at]) at++;
        console.log(`  base:    …${a.slice(Math.max(0, at - 200), at + 200)}\n  current: …${b.slice(Math.max(0, at - 200), at + 200)}`);
      }
      return same;
    };
    for (const feed of feeds) {
      const outputs = [];
      for (const lib of [base, current]) outputs.push(await outcome(() => lib.parseFeedData(JSON.parse(feed.text), { allowNoValidRecords: true })));
      const same = report(feed.name, ...outputs);
      console.log(`check ${feed.name}: ${same ? 'identical' : 'DIFFERENT'} output (${outputs[1].length.toLocaleString('en-US')} characters)`);
    }
    const files = await feedFiles();
    let sameFiles = 0;
    for (const file of files) {
      const bytes = await readFile(file);
      const outputs = [];
      for (const lib of [base, current]) outputs.push(await outcome(() => lib.parseFeed(new Uint8Array(bytes), { allowNoValidRecords: true })));
      if (report(file, ...outputs)) sameFiles++;
      else console.log(`check ${file}: DIFFERENT`);
    }
    console.log(`check feed files: ${sameFiles} of ${files.length} identical`);
    const fuzz = await fuzzCheck(base, current, Number(opts.fuzz), Number(opts.seed), report);
    console.log(`check fuzz: ${fuzz.same} of ${fuzz.runs} random record lists identical (seed ${opts.seed}, ${fuzz.records.toLocaleString('en-US')} records)`);
  }

  const rows = [];
  for (const feed of feeds) {
    const samples = variants.map(() => []);
    // One unmeasured round first, so both variants are compiled before timing.
    for (let run = 0; run <= RUNS; run++) {
      for (const [v, { lib }] of variants.entries()) {
        const m = await measure(lib, feed.text);
        if (run > 0) samples[v].push(m);
      }
    }
    for (const [v, { name }] of variants.entries()) {
      const s = samples[v];
      const parse = median(s.map((m) => m.parse));
      const feedMs = median(s.map((m) => m.feed));
      const validate = median(s.map((m) => m.validate));
      const { services, skipped, warnings } = s[0];
      rows.push({
        feed: feed.name,
        mb: feed.text.length / 1e6,
        variant: name,
        parse,
        feedMs,
        validate,
        ratio: median(s.map((m) => (m.parse + m.feed) / m.parse)),
        services,
        skipped,
        warnings,
      });
    }
  }
  console.log(`\nNode ${process.version}, medians of ${RUNS} runs${globalThis.gc ? ', gc before each' : ' (run with --expose-gc for steadier numbers)'}`);
  console.log('| feed | MB | code | JSON.parse ms | parseFeedData ms | validateRecords ms | (parse + parseFeedData) ÷ parse | services / skipped / warnings |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.feed} | ${r.mb.toFixed(1)} | ${r.variant} | ${ms(r.parse)} | ${ms(r.feedMs)} | ${ms(r.validate)} | ${r.ratio.toFixed(2)}× | ${r.services} / ${r.skipped} / ${r.warnings} |`,
    );
  }
  if (opts.json) await writeFile(opts.json, JSON.stringify({ node: process.version, runs: RUNS, rows }, null, 2));
} finally {
  await rm(tmp, { recursive: true, force: true });
}
