#!/usr/bin/env node
/*
 * `npm run bench`: how long the drop-in file takes to show the first result of a 14k-row CSV,
 * against JSON.parse of the same data as a native feed, and whether the page stays responsive
 * (no main-thread task over 200 ms) while it loads. A browser benchmark, not a test.
 *
 * It measures what partners get: the built `dist/naloxone-finder.js` (and any chunk it loads
 * on demand), served from 127.0.0.1 to Chromium, unthrottled and with the CPU slowed 4× ("slow
 * phone"). Each measurement runs in a fresh browser context (no HTTP cache, no saved feed).
 * Exits 1 when any task over 200 ms was seen while the widget loaded the CSV, and names the phase;
 * the native feed's tasks are reported for comparison.
 *
 * Hostile inputs too, each up to 20 MB and made here: 2 MB and 19.8 MB of nested brackets, a CSV
 * with a 10 MB unquoted value, and a 20 MB valid-looking JSON array of services. The widget must
 * refuse the first two, skip the row of the third and show the fourth, with no task over 200 ms
 * unthrottled (exit 1 otherwise); the slow-phone figures are reported.
 *
 * The visitor's journey (issue 7) on the same 14k CSV, once the feed is shown, with the map off
 * and on (tile-url="none"): the first place search (a US ZIP submitted in the finder's
 * <nf-place-search>: search code and gazetteer chunk load, lookup, the finder's re-query and
 * the list painted with its new first result), then ticking "Free", "Open now", "No ID needed"
 * and "Clear filters" in its <nf-filter-bar>, each until the list has re-rendered and painted.
 * Each is reported in ms and as a ratio to a yardstick measured in the same page: `runQuery`
 * (the finder's own filter + distance + sort + radius + counts, no DOM) over the same services.
 * The SAMHSA directory has no cost, ID or hours columns, so its filter bar offers none of those
 * needs; the filters are timed on a fictional feed made here from it: as many rows, each at a
 * SAMHSA point rounded to 0.1° (about 10 km, no real facility's place), named "Example Service
 * N (fictional)", with cost, ID and hours set by row number. Exits 1 when a task over 200 ms runs
 * during a journey step, at any CPU rate (the loads before it are reported, not gated here: the
 * CSV load is the samhsa scenario's).
 *
 * Pan and zoom over 2,000 markers (issue 10): the same fictional services (made in the page from
 * a seeded generator, spread over a city-sized box, named "Example Service N (fictional)") drawn
 * by <nf-map> from the bundle (tile-url="none") and by plain Leaflet from node_modules with its
 * default markers, both 1000 × 500 px at the same view. After the first draw, 20 steps (a 200 px
 * panBy and a zoom in or out by turns, not animated), each timed until the next frame has painted
 * (two requestAnimationFrames after the move). Reported: p50 and p95 of the steps per page, and
 * nf-map ÷ plain Leaflet, the median of each run's ratio. Exits 1 when the p95 ratio is over
 * 1.5 unthrottled; the slow phone is reported.
 *
 * Scale (issue 10's targets, scale.mjs and scale.js): the 14k directory as a native feed and a
 * synthetic 100k feed of full fictional records, through the finder (feed response → first item
 * painted against JSON.parse of the same text in the same page, cold, just before the load,
 * sorted from the US centre and, for the early page, in feed order; a new
 * origin against sorting every record; the longest task
 * while loading; the JS heap against the parsed JSON alone; max-feed-mb="200" and a 101 MB probe),
 * and every service on a map: <nf-map> against a bare supercluster + Leaflet page and
 * leaflet.markercluster (first draw; 20 pan/zoom steps at 100k). It ends the run with one Markdown
 * table of the targets (measure | data | result | ratio | target | pass/fail), the machine's CPU
 * count and Chromium's version in its heading; --json adds its rows as `targets`. Exits 1 when a
 * row fails. Runs 3 times by default (--runs sets it for every scenario).
 *
 *   node test/bench/run.mjs [--runs 5] [--rates 1,4] [--only samhsa|hostile|journey|pan|scale] [--zip 15213] [--profile] [--dist dir] [--csv file] [--json out.json] [--no-gate]
 *
 * --profile loads the CSV once more (at the slowest rate) under the CPU profiler and lists, through
 * the source maps, the functions that took the time in the whole load and in its tasks over 200 ms;
 * it does so by itself when a task is over 200 ms, also for each scenario over the limit (at the rate
 * of its longest task).
 * --no-gate reports every FAIL but exits 0 (errors still exit 2).
 * Env: CHROME_PATH (default /usr/lib/chromium/chromium).
 */
import { chromiumArgs, executablePath } from '../helpers/chromium.js';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import puppeteer from 'puppeteer-core';
import { markdownTable, printScaleDetails, runScale, scaleRows, writeScaleFeeds } from './scale.mjs';

const execFileAsync = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const LIMIT_MS = 200;
const LONG_MS = 50;
/** A journey step slower than this stops that scenario's further runs and slower rates. */
const STOP_MS = 2000;
/** The origin the list sorts from: the geographic centre of the contiguous US. */
const ORIGIN = { lat: 39.8283, lng: -98.5795 };

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string' },
    rates: { type: 'string', default: '1,4' },
    profile: { type: 'boolean', default: false },
    dist: { type: 'string', default: join(ROOT, 'dist') },
    csv: { type: 'string', default: resolve(ROOT, '../shared/data/samhsa-treatment-facilities-14k.csv') },
    json: { type: 'string' },
    only: { type: 'string' },
    zip: { type: 'string', default: '15213' },
    'no-gate': { type: 'boolean', default: false },
  },
});
if (opts.only !== undefined && !['samhsa', 'hostile', 'journey', 'pan', 'scale'].includes(opts.only))
  throw new Error('--only takes samhsa, hostile, journey, pan or scale');
const SAMHSA = opts.only === undefined || opts.only === 'samhsa';
const HOSTILE = opts.only === undefined || opts.only === 'hostile';
const JOURNEY = opts.only === undefined || opts.only === 'journey';
const PAN = opts.only === undefined || opts.only === 'pan';
const SCALE = opts.only === undefined || opts.only === 'scale';
/** The most <nf-map>'s p95 pan/zoom step may cost, as a multiple of plain Leaflet's, unthrottled. */
const PAN_RATIO_LIMIT = 1.5;
const PAN_MARKERS = 2000;
const RUNS = Math.max(1, Number(opts.runs) || 5);
/** The scale pages load up to 100k services each: 3 runs unless --runs says otherwise. */
const SCALE_RUNS = Math.max(1, Number(opts.runs) || 3);
const RATES = opts.rates
  .split(',')
  .map(Number)
  .filter((n) => n >= 1);
const DIST = resolve(opts.dist);
const CSV = resolve(opts.csv);

const rateLabel = (rate) => (rate === 1 ? 'unthrottled' : `slow phone (${rate}× CPU)`);

// ---------------------------------------------------------------------------------------------
// The same data as a native feed, converted once with the project's own code: the CLI's
// `convert` (dist/cli.js), or the parser of the npm build when there is no CLI.

async function convertToNative(csvFile, outFile) {
  const bytes = await readFile(csvFile);
  const title = `${basename(csvFile)} as a native feed (benchmark data)`;
  const cli = join(DIST, 'cli.js');
  let text;
  let how;
  if (
    await stat(cli).then(
      () => true,
      () => false,
    )
  ) {
    const args = [cli, 'convert', csvFile, '--from', 'csv', '--default-types', 'treatment', '--title', title];
    ({ stdout: text } = await execFileAsync(process.execPath, args, { maxBuffer: 256 * 1024 * 1024 }));
    how = 'dist/cli.js convert';
  } else {
    const parser = join(DIST, 'npm/feed/parse-feed.js');
    const { parseFeed } = await import(pathToFileURL(parser).href).catch((error) => {
      throw new Error(`cannot load ${parser} (run \`npm run build\` first): ${error.message}`);
    });
    const result = await parseFeed(new Uint8Array(bytes), { format: 'csv', defaultTypes: ['treatment'] });
    text = JSON.stringify({ version: 1, title, services: result.services });
    how = 'parseFeed of dist/npm';
  }
  await writeFile(outFile, text);
  const services = JSON.parse(text).services.length;
  const rows =
    bytes
      .toString('utf8')
      .split(/\r\n|\n|\r/)
      .filter((line) => line.trim()).length - 1;
  return { how, rows, services, csvBytes: bytes.length, jsonBytes: Buffer.byteLength(text) };
}

// ---------------------------------------------------------------------------------------------
// Hostile inputs, written to `dir`: what a broken or malicious feed URL could return.

async function writeHostileFeeds(dir) {
  const files = [];
  const add = async (name, label, text, type) => {
    await writeFile(join(dir, name), text);
    files.push({ name, label, bytes: Buffer.byteLength(text), type });
  };
  await add('nested-2mb.json', '2 MB of nested brackets', '['.repeat(1_000_000) + ']'.repeat(1_000_000));
  await add('nested-19.8mb.json', '19.8 MB of nested brackets', '['.repeat(9_900_000) + ']'.repeat(9_900_000));
  const csv = `name,lat,lng,description\nExample Pharmacy (fictional),40.1,-75.2,ok\nExample Clinic (fictional),40.2,-75.3,${'x'.repeat(10 * 1024 * 1024)}\nExample Van (fictional),40.3,-75.4,ok\n`;
  await add('value-10mb.csv', 'CSV with a 10 MB unquoted value', csv);
  // Distinct fictional records (ids, names, places), as a large directory would be, up to 20 MB.
  const records = [];
  let size = 2;
  for (let i = 0; size < 20_000_000 - 600; i++) {
    const record = JSON.stringify({
      id: `svc-${i}`,
      name: `Example Service ${i} (fictional)`,
      lat: Number((25 + (i % 2300) / 100).toFixed(4)),
      lng: Number((-124 + (i % 5700) / 100).toFixed(4)),
      types: i % 3 ? ['naloxone', 'drop-in'] : ['naloxone'],
      address: { street: `${i} Example Street`, city: 'Example City', region: 'PA', postalCode: String(10000 + (i % 89999)), country: 'US' },
      phone: `555-01${String(i % 100).padStart(2, '0')}`,
      website: `https://example.org/services/${i}`,
      hours: [{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }],
      description: 'Fictional record for the benchmark: naloxone kits and training, no appointment needed.',
    });
    records.push(record);
    size += record.length + 1;
  }
  await add('array-20mb.json', `20 MB valid JSON array (${records.length.toLocaleString('en-US')} services)`, `[${records.join(',')}]`);
  return files;
}

/**
 * The fictional feed the filters are timed on (see the top of this file): the directory's
 * rows, each at its point rounded to 0.1°, with made-up names, cost, ID and hours, so that
 * every filter ticked has services to keep and others to drop. No time zone column: the
 * finder finds the zones from the coordinates, as it would for a partner's feed.
 */
async function writeJourneyFeed(csvFile, outFile) {
  const lines = (await readFile(csvFile, 'utf8')).split(/\r\n|\n|\r/).slice(1);
  const hours = ['24/7', 'Mon-Fri 9am-5pm', 'Mon-Sun 22:00-06:00', 'Mon-Sat 8:00-20:00', ''];
  const rows = ['name,latitude,longitude,cost,no id,hours'];
  for (const line of lines) {
    // Latitude and longitude are the last two columns; names before them may hold commas.
    const fields = line.split(',');
    const lat = Number(fields.at(-2));
    const lng = Number(fields.at(-1));
    if (!line.trim() || !Number.isFinite(lat) || !Number.isFinite(lng)) continue;
    const i = rows.length;
    rows.push(
      [`Example Service ${i} (fictional)`, lat.toFixed(1), lng.toFixed(1), i % 3 === 0 ? 'free' : '', i % 4 === 0 ? 'no' : 'yes', hours[i % hours.length]].join(
        ',',
      ),
    );
  }
  await writeFile(outFile, `${rows.join('\n')}\n`);
  return rows.length - 1;
}

// ---------------------------------------------------------------------------------------------
// A static server on 127.0.0.1: the repository, /dist/ (possibly another build), /data/ and /feeds/.

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

async function startServer(mounts) {
  const roots = await Promise.all(Object.entries(mounts).map(async ([prefix, dir]) => [prefix, await realpath(dir)]));
  // Longest prefix first, so /dist/ wins over /.
  roots.sort((a, b) => b[0].length - a[0].length);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
      const [prefix, dir] = roots.find(([p]) => path.startsWith(p));
      const file = resolve(dir, `.${path.slice(prefix.length - 1)}`);
      if (!(file === dir || file.startsWith(dir + sep)) || path.split('/').some((s) => s.startsWith('.'))) throw new Error('outside');
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size, 'Cache-Control': 'no-cache' });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

// ---------------------------------------------------------------------------------------------
// Measurements

/** The phase a moment of the page belongs to, from the measurement's marks. */
function phaseAt(at, marks) {
  if (at < marks.t0) return 'startup (bundle evaluation, first render)';
  if (at < marks.load) return 'fetch + parse + validate (src set → nf-feed-load)';
  if (at <= marks.end) return 'render (nf-feed-load → first item painted)';
  return 'after first paint';
}

/** Where a task ran: its phase, or "a → b" when it spans two (nf-feed-load fires inside a task). */
function phaseOf(task, marks, mode) {
  if (mode === 'journey') return journeyPhase(task, marks);
  if (mode === 'pan') return marks.steps.find((s) => task.start <= s.end && task.start + task.duration >= s.start)?.name ?? 'first draw, between steps';
  // JSON.parse runs inside a task that started just before its t0 mark: overlap is what counts.
  if (mode === 'parse') return task.start <= marks.end && task.start + task.duration >= marks.t0 ? 'JSON.parse itself' : 'page load / fetch';
  const first = phaseAt(task.start, marks);
  const last = phaseAt(task.start + task.duration, marks);
  const phase = first === last ? first : `${first.replace(/ \(.*/, '')} → ${last.replace(/ \(.*/, '')}`;
  return mode === 'hostile' ? phase.replace('nf-feed-load', 'nf-feed-load or nf-feed-error') : phase;
}

/** A task's part of the journey: a step (or the yardstick) it overlaps, else the load before. */
function journeyPhase(task, marks) {
  const end = task.start + task.duration;
  const overlaps = (from, to) => task.start <= to && end >= from;
  // A step's work starts in the task that resumed the page after the previous step settled,
  // so a task belongs to the step it ends in, else to one it overlaps.
  const step = marks.steps.find((s) => end >= s.start && end <= s.end) ?? marks.steps.find((s) => overlaps(s.start, s.end));
  if (step) return step.name;
  if (marks.yardstick.some((y) => overlaps(y.start, y.end))) return 'yardstick (runQuery)';
  if (task.start < marks.t0) return 'startup (bundle evaluation, first render)';
  if (task.start <= marks.ready) return 'feed load (before the journey)';
  return 'between steps';
}

const isJourneyStep = (phase) => /^(search|tick|clear)/.test(phase);

async function measure(browser, origin, scenario, rate, { profile = false } = {}) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.setViewport({ width: 1100, height: 900 });
    await page.emulateCPUThrottling(rate > 1 ? rate : null);
    const query = new URLSearchParams({ ...scenario.query, lat: String(ORIGIN.lat), lng: String(ORIGIN.lng), ...(profile ? { hold: '1' } : {}) });
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${origin}/test/bench/bench.html?${query}`, { waitUntil: 'domcontentloaded' });
    if (profile) {
      await page.waitForFunction('window.benchReady === true');
      const cdp = await page.createCDPSession();
      // The profile's clock and the metrics' NavigationStart are the same monotonic clock,
      // and performance.now() counts from navigation start: that lines samples up with the page.
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const navigationStartUs = metrics.find((m) => m.name === 'NavigationStart').value * 1e6;
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
      await page.evaluate('window.benchGo()');
      const result = await page.evaluate('window.benchResult');
      const { profile: cpuProfile } = await cdp.send('Profiler.stop');
      return { ...result, errors, cpuProfile, navigationStartUs };
    }
    const result = await page.evaluate('window.benchResult');
    return { ...result, errors };
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// ---------------------------------------------------------------------------------------------
// CPU profile → source lines (through the drop-in file's source map)

async function sourceMapFor(url, origin) {
  const path = new URL(url).pathname;
  if (!url.startsWith(origin) || !path.startsWith('/dist/')) return undefined;
  const file = join(DIST, `${path.slice('/dist/'.length)}.map`);
  try {
    return { map: new SourceMap(JSON.parse(await readFile(file, 'utf8'))), dir: dirname(file) };
  } catch {
    return undefined;
  }
}

const sourceLines = new Map();

/** The original line, from the map's sourcesContent or else from the file it names (the repository's src/). */
async function sourceLine({ map, dir }, source, line) {
  if (!sourceLines.has(source)) {
    const index = map.payload.sources.indexOf(source);
    let text = map.payload.sourcesContent?.[index];
    if (text == null) {
      const candidates = [resolve(dir, source), join(ROOT, source.replace(/^.*?(src\/|node_modules\/)/, '$1'))];
      for (const candidate of candidates) {
        text = await readFile(candidate, 'utf8').catch(() => undefined);
        if (text != null) break;
      }
    }
    sourceLines.set(source, text?.split('\n') ?? []);
  }
  return sourceLines.get(source)[line]?.trim().slice(0, 80) ?? '';
}

/**
 * The first mapping at or after a function's start. (findEntry gives the one before, which in
 * minified code often belongs to the end of the previous function.)
 */
function firstEntryFrom(map, line, column) {
  for (let probe = column; probe < column + 400; probe++) {
    const entry = map.findEntry(line, probe);
    if (entry?.generatedColumn >= column && entry.generatedLine === line) return entry;
  }
  return map.findEntry(line, column);
}

async function describeFrames(nodes, origin) {
  const maps = new Map();
  const described = new Map();
  for (const node of nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    let label = functionName || '(anonymous)';
    if (url) {
      if (!maps.has(url)) maps.set(url, await sourceMapFor(url, origin));
      const mapped = maps.get(url);
      const entry = mapped && firstEntryFrom(mapped.map, lineNumber, columnNumber);
      if (entry?.originalSource) {
        const source = entry.originalSource.replace(/^.*?(src\/|node_modules\/)/, '$1');
        label = `${source}:${entry.originalLine + 1}  ${await sourceLine(mapped, entry.originalSource, entry.originalLine)}`;
      } else {
        label = `${functionName || '(anonymous)'}  ${url.replace(origin, '')}:${lineNumber + 1}:${columnNumber + 1}`;
      }
    }
    described.set(node.id, label);
  }
  return described;
}

/** Self and total time per function for the samples inside [from, to] (page milliseconds). */
async function hotspots(cpuProfile, navigationStartUs, from, to, origin) {
  const { nodes, samples, timeDeltas, startTime } = cpuProfile;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const labels = await describeFrames(nodes, origin);
  const self = new Map();
  const total = new Map();
  let t = startTime;
  let previous = (startTime - navigationStartUs) / 1000;
  let inWindow = 0;
  samples.forEach((id, i) => {
    t += timeDeltas[i];
    const at = (t - navigationStartUs) / 1000;
    const weight = at - previous;
    previous = at;
    if (at < from || at > to) return;
    inWindow += weight;
    const label = labels.get(id);
    self.set(label, (self.get(label) ?? 0) + weight);
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const l = labels.get(n);
      if (byId.get(n).callFrame.functionName === '(root)' || seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + weight);
    }
  });
  const top = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { inWindow, self: top(self, 10), total: top(total, 14) };
}

/** One more load under the CPU profiler: where the whole load and its longest tasks spent their time. */
async function profileOne(browser, origin, { rate, scenario }) {
  console.log(`\nCPU profile of one more load: ${scenario.label}, ${rateLabel(rate)}`);
  const profiled = await measure(browser, origin, scenario, rate, { profile: true });
  if (profiled.error) throw new Error(profiled.error);
  const { marks } = profiled;
  const print = (spots) => {
    console.log('    total time (the function and what it called):');
    for (const [label, ms] of spots.total) console.log(`    ${lpad(fmt(ms), 8)}  ${label}`);
    console.log('    self time:');
    for (const [label, ms] of spots.self) console.log(`    ${lpad(fmt(ms), 8)}  ${label}`);
  };
  console.log(`\n  whole load, src set → first item painted (${fmt(marks.end - marks.t0)}):`);
  print(await hotspots(profiled.cpuProfile, profiled.navigationStartUs, marks.t0, marks.end, origin));
  const tasks = profiled.longTasks.filter((t) => t.duration > LONG_MS);
  console.log(`\n  tasks over ${LONG_MS} ms in this load (ms from setting src):`);
  for (const task of tasks)
    console.log(`    ${lpad(fmt(task.duration), 8)} at ${lpad(fmt(task.start - marks.t0), 9)}  ${phaseOf(task, marks, scenario.query.mode)}`);
  const largest = tasks
    .filter((t) => t.duration > LIMIT_MS)
    .sort((a, b) => b.duration - a.duration)
    .slice(0, 3);
  for (const task of largest) {
    const spots = await hotspots(profiled.cpuProfile, profiled.navigationStartUs, task.start, task.start + task.duration, origin);
    console.log(`\n  the ${fmt(task.duration)} task at ${fmt(task.start - marks.t0)} (${phaseOf(task, marks, scenario.query.mode)}):`);
    print(spots);
  }
}

// ---------------------------------------------------------------------------------------------

const fmt = (ms) => (Number.isFinite(ms) ? `${ms.toFixed(ms < 10 ? 1 : 0)} ms` : '—');
const pad = (text, n) => String(text).padEnd(n);
const lpad = (text, n) => String(text).padStart(n);

/** The journey's table: per scenario and step, median ms, median ratio to the yardstick, longest task. */
function printJourney(results, journeyScenarios, row) {
  console.log(`\nthe visitor's journey, after the feed is shown: median ms to the list painted (÷ yardstick; longest task in the step, over all runs)`);
  for (const scenario of journeyScenarios) {
    const first = results[RATES[0]][scenario.key][0];
    const ran = (rate) => results[rate][scenario.key].length;
    console.log(`\n  ${scenario.label}: ${first.count.toLocaleString('en-US')} services; searched "${opts.zip}" → ${first.place}`);
    if (scenario.stoppedAt !== undefined) {
      console.log(
        `    stopped after the run at ${rateLabel(scenario.stoppedAt)} in which a step took over ${fmt(STOP_MS)}; runs per rate: ${RATES.map((r) => `${ran(r)} ${rateLabel(r)}`).join(', ')}`,
      );
    }
    row('    yardstick: runQuery, same services and origin', (rate) => {
      const list = results[rate][scenario.key];
      if (!list.length) return 'not run';
      const longest = Math.max(0, ...list.flatMap((r) => r.longTasks.filter((t) => t.phase === 'yardstick (runQuery)').map((t) => t.duration)));
      return `${lpad(fmt(median(list.map((r) => median(r.yardstickMs)))), 8)}  (${longest ? fmt(longest) : '<50 ms'})`;
    });
    for (const [index, { name }] of first.steps.entries()) {
      row(`    ${name}`, (rate) => {
        const list = results[rate][scenario.key];
        if (!list.length) return 'not run';
        const ms = median(list.map((r) => r.steps[index].ms));
        const ratio = median(list.map((r) => r.steps[index].ms / median(r.yardstickMs)));
        const tasks = list.flatMap((r) => r.longTasks.filter((t) => t.phase === name));
        const longest = Math.max(0, ...tasks.map((t) => t.duration));
        const over = tasks.filter((t) => t.duration > LIMIT_MS).length;
        return `${lpad(fmt(ms), 8)} ${lpad(`${ratio.toFixed(1)}×`, 7)}  (${longest ? fmt(longest) : '<50 ms'})${over ? `  ${over}× >200 ms` : ''}`;
      });
    }
    const summaries = first.steps.filter((s) => s.summary).map((s) => `${s.name}: "${s.summary}"`);
    if (summaries.length) console.log(`      filter bar says (first run): ${summaries.join('; ')}`);
    if (!first.offered.length) console.log('      no "Free", "Open now" or "No ID needed" to tick: this feed has no cost, ID or hours columns');
    console.log(`      chunks loaded by the first search: ${first.chunks.map((c) => `${c.name} (${(c.encoded / 1024).toFixed(0)} KiB)`).join(', ') || 'none'}`);
    row('    feed load before the journey (context)', (rate) => (ran(rate) ? fmt(median(results[rate][scenario.key].map((r) => r.loadMs))) : 'not run'));
    for (const rate of RATES) {
      const wrong = results[rate][scenario.key].filter((r) => r.firstAfterSearch !== r.expectedFirst?.id);
      if (wrong.length) console.log(`      WARNING (${rateLabel(rate)}): in ${wrong.length} run(s) the list's first result after the search is not runQuery's`);
    }
  }
  console.log(
    '\n  Measured in the page with performance.now(): from the form submitted (or the checkbox clicked) to the first paint after the' +
      "\n  list's shadow DOM changed; the settling after (map markers, idle work) counts toward the step's longest task, not its time." +
      '\n  Long tasks come from PerformanceObserver("longtask"), which sees only tasks of 50 ms and more.' +
      "\n  The search is the page's first: its chunks come from 127.0.0.1, so network time is near zero here.",
  );
}

/** Nearest-rank percentile: p95 of 20 steps is the 19th fastest. */
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
};

/**
 * The pan/zoom table: per page, the medians over runs of each run's p50 and p95 step; then
 * <nf-map> ÷ plain Leaflet, the median of the runs' ratios (the two pages of a run are measured
 * back to back). Returns those figures by CPU rate, for the gate and --json.
 */
function printPan(results, [plain, nfMap], row) {
  const first = results[RATES[0]][nfMap.key][0];
  const yardstick = results[RATES[0]][plain.key][0];
  if (first.size.join() !== yardstick.size.join()) throw new Error(`pan pages differ in map size: ${first.size.join('×')} and ${yardstick.size.join('×')}`);
  console.log(
    `\npan/zoom over ${PAN_MARKERS.toLocaleString('en-US')} fictional markers, ${first.size.join(' × ')} px map, ${first.inView.toLocaleString('en-US')} in the first view:` +
      `\n  ${first.stepMs.length} steps (${first.stepNames.slice(0, 4).join(', ')}, …), ms from the call to the next frame painted; median of ${RUNS} runs`,
  );
  const summary = {};
  for (const rate of RATES) {
    const stats = (key) => {
      const runs = results[rate][key];
      return {
        p50: runs.map((r) => percentile(r.stepMs, 50)),
        p95: runs.map((r) => percentile(r.stepMs, 95)),
        firstDraw: median(runs.map((r) => r.firstDrawMs)),
        longest: Math.max(0, ...runs.flatMap((r) => r.longTasks.filter((t) => t.phase !== 'first draw, between steps').map((t) => t.duration))),
      };
    };
    const a = stats(plain.key);
    const b = stats(nfMap.key);
    const ratio = (x, y) => median(x.map((v, i) => v / y[i]));
    summary[rate] = {
      plain: { p50: median(a.p50), p95: median(a.p95), firstDrawMs: a.firstDraw, longestTaskMs: a.longest },
      nfMap: { p50: median(b.p50), p95: median(b.p95), firstDrawMs: b.firstDraw, longestTaskMs: b.longest },
      p50Ratio: ratio(b.p50, a.p50),
      p95Ratio: ratio(b.p95, a.p95),
    };
  }
  const cell = (s) => `p50 ${lpad(fmt(s.p50), 7)}, p95 ${lpad(fmt(s.p95), 7)}  (${s.longestTaskMs ? fmt(s.longestTaskMs) : '<50 ms'})`;
  row(`  ${plain.label}`, (rate) => cell(summary[rate].plain));
  row(`  ${nfMap.label}`, (rate) => cell(summary[rate].nfMap));
  row(
    `  nf-map ÷ plain (gate: p95 ≤ ${PAN_RATIO_LIMIT}× at 1×)`,
    (rate) => `p50 ${summary[rate].p50Ratio.toFixed(2)}×, p95 ${summary[rate].p95Ratio.toFixed(2)}×`,
  );
  row('  first draw of the markers (context)', (rate) => `plain ${fmt(summary[rate].plain.firstDrawMs)}, nf-map ${fmt(summary[rate].nfMap.firstDrawMs)}`);
  console.log('  In brackets: the longest main-thread task during a step, over all runs (PerformanceObserver sees tasks of 50 ms and more).');
  return summary;
}

/** One more journey under the CPU profiler: where each step spent its time. */
async function profileJourney(browser, origin, { rate, scenario }) {
  console.log(`\nCPU profile of one more journey: ${scenario.label}, ${rateLabel(rate)}`);
  const profiled = await measure(browser, origin, scenario, rate, { profile: true });
  if (profiled.error) throw new Error(profiled.error);
  const windows = [
    ...profiled.marks.steps,
    { name: 'yardstick (runQuery ×5)', start: profiled.marks.yardstick[0].start, end: profiled.marks.yardstick.at(-1).end },
  ];
  for (const { name, start, end } of windows) {
    const spots = await hotspots(profiled.cpuProfile, profiled.navigationStartUs, start, end, origin);
    const tasks = profiled.longTasks.filter((t) => t.start <= end && t.start + t.duration >= start).map((t) => fmt(t.duration));
    console.log(`\n  ${name} (${fmt(end - start)} with settling; tasks ≥50 ms: ${tasks.join(', ') || 'none'}):`);
    console.log('    total time (the function and what it called):');
    for (const [label, ms] of spots.total) console.log(`    ${lpad(fmt(ms), 8)}  ${label}`);
    console.log('    self time:');
    for (const [label, ms] of spots.self) console.log(`    ${lpad(fmt(ms), 8)}  ${label}`);
  }
}

async function main() {
  const bundle = join(DIST, 'naloxone-finder.js');
  await stat(bundle).catch(() => {
    throw new Error(`${bundle} is missing: run \`npm run build\` first (\`npm run bench\` does).`);
  });
  const tmp = await mkdtemp(join(tmpdir(), 'nf-bench-'));
  const nativeFile = join(tmp, 'samhsa-native.json');
  let browser;
  let server;
  try {
    const data = SAMHSA ? await convertToNative(CSV, nativeFile) : undefined;
    const hostileFiles = HOSTILE ? await writeHostileFeeds(tmp) : [];
    const fictionalRows = JOURNEY ? await writeJourneyFeed(CSV, join(tmp, 'journey-fictional.csv')) : 0;
    if (SCALE && !data) await convertToNative(CSV, nativeFile);
    const scaleFeeds = SCALE ? await writeScaleFeeds(tmp, nativeFile) : undefined;
    const started = await startServer({ '/': ROOT, '/dist/': DIST, '/data/': dirname(CSV), '/feeds/': tmp });
    server = started.server;
    const origin = started.origin;
    browser = await puppeteer.launch({ executablePath, headless: true, args: chromiumArgs });
    const version = await browser.version();
    const bundleBytes = (await stat(bundle)).size;

    const csvUrl = `/data/${encodeURIComponent(basename(CSV))}`;
    const nativeUrl = '/feeds/samhsa-native.json';
    const samhsaScenarios = [
      { key: 'parse', label: 'JSON.parse of the native feed text', query: { mode: 'parse', feed: nativeUrl } },
      { key: 'native', label: 'native JSON feed, map off', query: { mode: 'widget', feed: nativeUrl, map: 'off' } },
      { key: 'csv', label: 'CSV feed, map off', query: { mode: 'widget', feed: csvUrl, map: 'off' } },
      { key: 'csvMap', label: 'CSV feed, map on (tile-url="none")', query: { mode: 'widget', feed: csvUrl, map: 'on' } },
    ];
    const hostileScenarios = hostileFiles.map((file) => ({
      key: `hostile:${file.name}`,
      label: file.label,
      hostile: true,
      query: { mode: 'hostile', feed: `/feeds/${file.name}`, map: 'off' },
    }));
    // The yardstick: what receiving each file costs the page with no code of ours running.
    const fetchScenarios = hostileFiles.map((file) => ({
      key: `fetch:${file.name}`,
      label: `fetch + arrayBuffer of ${file.name} alone`,
      query: { mode: 'fetch', feed: `/feeds/${file.name}` },
    }));
    const journeyQuery = { mode: 'journey', zip: opts.zip };
    const journeyScenarios = JOURNEY
      ? [
          { key: 'journey:samhsa', label: 'SAMHSA CSV, map off', query: { ...journeyQuery, feed: csvUrl, map: 'off' } },
          { key: 'journey:samhsaMap', label: 'SAMHSA CSV, map on (tile-url="none")', query: { ...journeyQuery, feed: csvUrl, map: 'on' } },
          {
            key: 'journey:fictional',
            label: 'fictional CSV with needs, map off',
            query: { ...journeyQuery, feed: '/feeds/journey-fictional.csv', map: 'off', needs: '1' },
          },
          {
            key: 'journey:fictionalMap',
            label: 'fictional CSV with needs, map on (tile-url="none")',
            query: { ...journeyQuery, feed: '/feeds/journey-fictional.csv', map: 'on', needs: '1' },
          },
        ]
      : [];
    const panScenarios = PAN
      ? [
          { key: 'pan:plain', label: 'plain Leaflet, default markers (yardstick)', query: { mode: 'pan', page: 'plain', markers: String(PAN_MARKERS) } },
          { key: 'pan:nf-map', label: '<nf-map> from the bundle, tile-url="none"', query: { mode: 'pan', page: 'nf-map', markers: String(PAN_MARKERS) } },
        ]
      : [];
    const scenarios = [...(SAMHSA ? samhsaScenarios : []), ...hostileScenarios, ...fetchScenarios, ...journeyScenarios, ...panScenarios];

    console.log(
      `naloxone-finder benchmark: ${[SAMHSA && basename(CSV), HOSTILE && 'hostile inputs', JOURNEY && "the visitor's journey", PAN && `pan/zoom over ${PAN_MARKERS.toLocaleString('en-US')} markers`, SCALE && 'scale (issue 10 targets)'].filter(Boolean).join(', ')}`,
    );
    if (data) {
      console.log(
        `  ${data.rows.toLocaleString('en-US')} rows, ${(data.csvBytes / 1e6).toFixed(2)} MB CSV; ` +
          `native feed ${(data.jsonBytes / 1e6).toFixed(2)} MB (${data.how}: ${data.services.toLocaleString('en-US')} services)`,
      );
    }
    if (JOURNEY) {
      console.log(
        `  journey: ${basename(CSV)}, and a fictional CSV of ${fictionalRows.toLocaleString('en-US')} rows made from it (points rounded to 0.1°, made-up names, cost, ID, hours)`,
      );
    }
    for (const file of hostileFiles) console.log(`  hostile: ${file.name}, ${(file.bytes / 1e6).toFixed(1)} MB: ${file.label}`);
    if (scaleFeeds) {
      console.log(
        `  scale: ${basename(CSV)} as a native feed (${(scaleFeeds.small.bytes / 1e6).toFixed(1)} MB) and ${scaleFeeds.big.services.toLocaleString('en-US')} synthetic fictional services (${(scaleFeeds.big.bytes / 1e6).toFixed(1)} MB, made in ${fmt(scaleFeeds.big.madeInMs)}); median of ${SCALE_RUNS} runs`,
      );
    }
    console.log(`  ${basename(bundle)} ${(bundleBytes / 1024).toFixed(0)} KiB from ${DIST.replace(ROOT + sep, '')}/; ${version}; median of ${RUNS} runs`);
    const busy = () => loadavg()[0].toFixed(1);
    console.log(`  load average before: ${busy()} (other work on the machine skews every figure)\n`);

    const results = {};
    for (const rate of scenarios.length ? RATES : []) {
      results[rate] = Object.fromEntries(scenarios.map((s) => [s.key, []]));
      for (let run = 0; run < RUNS; run++) {
        // Interleaved, so a slow moment of the machine does not land on one scenario only.
        for (const scenario of scenarios) {
          if (scenario.stoppedAt !== undefined) continue;
          const result = await measure(browser, origin, scenario, rate);
          if (result.error) throw new Error(`${scenario.label} (${rateLabel(rate)}): ${result.error}`);
          if (result.errors.length) console.warn(`  page errors in ${scenario.label}: ${result.errors.join('; ')}`);
          if (scenario.query.mode === 'pan' && result.markers !== PAN_MARKERS) {
            throw new Error(`${scenario.label}: ${result.markers} markers drawn, not ${PAN_MARKERS}`);
          }
          result.longTasks = result.longTasks.map((task) => ({ ...task, phase: phaseOf(task, result.marks, scenario.query.mode) }));
          results[rate][scenario.key].push(result);
          process.stdout.write('.');
          // A journey whose steps block for seconds would take the better part of an hour to
          // repeat at every rate: one run shows the problem (and its profile says where).
          if (scenario.query.mode === 'journey' && result.steps.some((s) => s.ms > STOP_MS)) scenario.stoppedAt = rate;
        }
      }
      process.stdout.write(` ${rateLabel(rate)} done\n`);
    }
    const scale = SCALE
      ? await runScale({ browser, origin, feeds: scaleFeeds, rates: RATES, runs: SCALE_RUNS, originPoint: ORIGIN, progress: () => process.stdout.write('.') })
      : undefined;
    if (SCALE) process.stdout.write(' scale done\n');
    console.log(`load average after: ${busy()}\n`);

    // Summary table
    const columns = RATES.map(rateLabel);
    const width = 50;
    const col = 40;
    if (!scenarios.length) {
      // The scale scenario alone prints its own figures below.
    } else if (SAMHSA || HOSTILE) {
      console.log(pad('median time (longest task, tasks >50 ms per load)', width) + columns.map((c) => `| ${pad(c, col - 2)}`).join(''));
      console.log('-'.repeat(width + col * columns.length));
    } else {
      console.log(pad('', width) + columns.map((c) => `| ${pad(c, col - 2)}`).join(''));
    }
    const row = (label, cell) => console.log(pad(label, width) + RATES.map((rate) => `| ${pad(cell(rate), col - 2)}`).join(''));
    const stats = (rate, key) => {
      const list = results[rate][key];
      const widgetTasks = (r) => (key === 'parse' ? r.longTasks.filter((t) => t.phase === 'JSON.parse itself') : r.longTasks);
      return {
        time: median(list.map((r) => (key === 'parse' ? r.parseMs : r.totalMs))),
        longest: Math.max(0, ...list.flatMap((r) => widgetTasks(r).map((t) => t.duration))),
        over50: median(list.map((r) => widgetTasks(r).filter((t) => t.duration > LONG_MS).length)),
        over200: list.reduce((n, r) => n + widgetTasks(r).filter((t) => t.duration > LIMIT_MS).length, 0),
      };
    };
    for (const scenario of SAMHSA ? samhsaScenarios : []) {
      const suffix = scenario.key === 'parse' ? ' (baseline)' : ' (end to end)';
      row(scenario.label + suffix, (rate) => {
        const s = stats(rate, scenario.key);
        return `${lpad(fmt(s.time), 8)}  (${fmt(s.longest)}, ${s.over50})${s.over200 ? `  ${s.over200}× >200 ms` : ''}`;
      });
    }
    if (SAMHSA) {
      console.log('-'.repeat(width + col * columns.length));
      row('  CSV end to end ÷ JSON.parse', (rate) => `${(stats(rate, 'csv').time / stats(rate, 'parse').time).toFixed(1)}×`);
      row('  CSV end to end ÷ native feed end to end', (rate) => `${(stats(rate, 'csv').time / stats(rate, 'native').time).toFixed(2)}×`);
      console.log('');
      console.log('breakdown (medians)');
      for (const key of ['native', 'csv', 'csvMap']) {
        const scenario = scenarios.find((s) => s.key === key);
        row(
          `  ${scenario.label}`,
          (rate) => `load ${fmt(median(results[rate][key].map((r) => r.toLoadMs)))}, paint ${fmt(median(results[rate][key].map((r) => r.toPaintAfterLoadMs)))}`,
        );
      }
      row('  fetch of the native text (baseline page)', (rate) => fmt(median(results[rate].parse.map((r) => r.fetchMs))));
      row('  import of the bundle (widget pages)', (rate) => fmt(median(results[rate].csv.map((r) => r.importMs))));
      const sample = results[RATES[0]].csv[0];
      console.log(`\nCSV: ${sample.count} services shown, ${sample.skipped} skipped, ${sample.warnings} warnings; first item: "${sample.firstItemText}"`);
    }

    if (HOSTILE) {
      console.log(`\nhostile inputs: median time from src set to the outcome painted (longest task, tasks >50 ms per load)`);
      for (const scenario of hostileScenarios) {
        row(`  ${scenario.label}`, (rate) => {
          const s = stats(rate, scenario.key);
          return `${lpad(fmt(s.time), 8)}  (${fmt(s.longest)}, ${s.over50})${s.over200 ? `  ${s.over200}× >200 ms` : ''}`;
        });
        const first = results[RATES[0]][scenario.key][0];
        const outcome = first.loaded
          ? `shown: ${first.count.toLocaleString('en-US')} services, ${first.skipped} skipped`
          : `refused (${first.kind}): ${first.message.slice(0, 140)}`;
        console.log(`      → ${outcome}`);
        row(`      (fetch + arrayBuffer alone, yardstick)`, (rate) => {
          const s = stats(rate, `fetch:${scenario.key.slice('hostile:'.length)}`);
          return `${lpad(fmt(s.time), 8)}  (${fmt(s.longest)}, ${s.over50})${s.over200 ? `  ${s.over200}× >200 ms` : ''}`;
        });
      }
    }

    if (JOURNEY) printJourney(results, journeyScenarios, row);
    const pan = PAN ? printPan(results, panScenarios, row) : undefined;

    // Tasks over the limit, by phase
    const offenders = [];
    for (const rate of RATES) {
      for (const scenario of scenarios) {
        results[rate][scenario.key].forEach((r, run) => {
          for (const task of r.longTasks) {
            if (task.duration > LIMIT_MS) offenders.push({ rate, scenario, run, task });
          }
        });
      }
    }
    // The requirement is about loading the CSV; the native feed is the comparison. Its 4.6 MB
    // JSON.parse is one task by nature (only a worker would split it), so it is reported, not gated.
    // Hostile inputs are held to the target unthrottled; the slow phone is reported above.
    const widgetOffenders = offenders.filter(
      (o) =>
        o.scenario.key === 'csv' ||
        o.scenario.key === 'csvMap' ||
        (o.scenario.hostile && o.rate === 1) ||
        (o.scenario.query.mode === 'journey' && isJourneyStep(o.task.phase)),
    );
    const journeyLoadOffenders = offenders.filter((o) => o.scenario.query.mode === 'journey' && !isJourneyStep(o.task.phase));
    const baselineOffenders = offenders.filter((o) => o.scenario.key === 'parse');
    const nativeOffenders = offenders.filter((o) => o.scenario.key === 'native');
    if (baselineOffenders.length) {
      console.log(`\n(The JSON.parse baseline itself blocked for over ${LIMIT_MS} ms ${baselineOffenders.length}×; it is the yardstick, not the widget.)`);
    }
    if (nativeOffenders.length) {
      const longest = Math.max(...nativeOffenders.map((o) => o.task.duration));
      console.log(
        `\n(Native JSON feed: ${nativeOffenders.length} task(s) over ${LIMIT_MS} ms, longest ${fmt(longest)}, mostly JSON.parse of the whole 4.6 MB text; reported, not gated.)`,
      );
    }
    if (journeyLoadOffenders.length) {
      const phases = [...new Set(journeyLoadOffenders.map((o) => `${rateLabel(o.rate)}: ${o.task.phase}`))];
      const longest = Math.max(...journeyLoadOffenders.map((o) => o.task.duration));
      console.log(
        `\n(Journey pages, outside the steps: ${journeyLoadOffenders.length} task(s) over ${LIMIT_MS} ms, longest ${fmt(longest)}, in ${phases.join('; ')}; reported, not gated here.)`,
      );
    }
    if (widgetOffenders.length) {
      console.log(`\nFAIL: ${widgetOffenders.length} main-thread task(s) over ${LIMIT_MS} ms while the widget loaded or during a journey step, by phase:`);
      const groups = new Map();
      for (const offender of widgetOffenders) {
        const key = `${rateLabel(offender.rate)}, ${offender.scenario.label}: ${offender.task.phase}`;
        const group = groups.get(key) ?? { count: 0, longest: 0, runs: new Set() };
        group.count++;
        group.longest = Math.max(group.longest, offender.task.duration);
        group.runs.add(offender.run);
        groups.set(key, group);
      }
      for (const [key, { count, longest, runs }] of groups) {
        console.log(`  ${key}: ${count}× (in ${runs.size} of ${RUNS} runs), longest ${fmt(longest)}`);
      }
    } else if (SAMHSA || HOSTILE || JOURNEY) {
      console.log(`\nPASS: no main-thread task over ${LIMIT_MS} ms while the widget loaded${JOURNEY ? ' or during a journey step' : ''}.`);
    }
    const panFailed = pan !== undefined && !(pan[1]?.p95Ratio <= PAN_RATIO_LIMIT);
    if (pan) {
      const ratio = pan[1] ? `${pan[1].p95Ratio.toFixed(2)}×` : 'not measured (--rates has no 1)';
      console.log(`\n${panFailed ? 'FAIL' : 'PASS'}: <nf-map>'s p95 pan/zoom step is ${ratio} plain Leaflet's unthrottled (limit ${PAN_RATIO_LIMIT}×).`);
    }

    if (opts.profile || widgetOffenders.length) {
      // Profile the CSV at the slowest rate, and each scenario over the limit at the rate of its longest task.
      const csv = scenarios.find((s) => s.key === 'csv');
      const targets = csv ? [{ rate: RATES.at(-1), scenario: csv }] : [];
      // With --profile and no offender, the journey with the most work (the map on, every filter).
      const journey = journeyScenarios.at(-1);
      if (opts.profile && journey) targets.push({ rate: RATES.at(-1), scenario: journey });
      for (const offender of [...widgetOffenders].sort((a, b) => b.task.duration - a.task.duration)) {
        if (!targets.some((t) => t.scenario === offender.scenario)) targets.push(offender);
      }
      for (const target of targets) await (target.scenario.query.mode === 'journey' ? profileJourney : profileOne)(browser, origin, target);
    }

    // Issue 10's targets, the last thing printed: one Markdown table.
    let targets;
    if (scale) {
      printScaleDetails(scale, scaleFeeds, RATES);
      const rows = scaleRows(scale, scaleFeeds, { pan, panLimit: PAN_RATIO_LIMIT });
      targets = { cpus: cpus().length, chromium: version, runs: SCALE_RUNS, rows };
      console.log(`\n${markdownTable(rows, { cpus: targets.cpus, version, runs: SCALE_RUNS })}\n`);
    }
    const targetsFailed = targets ? targets.rows.filter((r) => r.pass === false).length : 0;
    if (targetsFailed) console.log(`FAIL: ${targetsFailed} of ${targets.rows.length} targets missed${opts['no-gate'] ? ' (--no-gate: exit 0)' : ''}.`);

    if (opts.json) {
      await writeFile(
        opts.json,
        JSON.stringify({ data, version, runs: RUNS, rates: RATES, pan, results, targets, scale: scale && { feeds: scaleFeeds, ...scale } }, null, 2),
      );
      console.log(`\nraw results: ${opts.json}`);
    }
    const failed = widgetOffenders.length || panFailed || targetsFailed;
    return failed && !opts['no-gate'] ? 1 : 0;
  } finally {
    await browser?.close();
    if (server) await new Promise((done) => server.close(done));
    await rm(tmp, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench: ${error.stack ?? error}`);
    process.exit(2);
  },
);
