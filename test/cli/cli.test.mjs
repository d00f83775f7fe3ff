// The built command-line tool, run as a data manager would: node --test test/cli/
// Needs dist/cli.js: `npm run build` first (`npm test` does it), or NF_CLI=/path/to/cli.js for another build.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = process.env.NF_CLI ? path.resolve(process.env.NF_CLI) : path.join(root, 'dist/cli.js');
const fixtures = path.join(root, 'test/fixtures');
const fixture = (name) => path.join(fixtures, 'cli', name);
// Real data shared beside the repository, not part of it.
const samhsa = path.resolve(root, '../shared/data/samhsa-treatment-facilities-14k.csv');

const ajv = new Ajv2020({ allErrors: true });
addFormats.default(ajv);
const validateFeed = ajv.compile(JSON.parse(readFileSync(path.join(root, 'src/feed/feed.schema.json'), 'utf8')));

function assertSchemaValid(feed) {
  const valid = validateFeed(feed);
  assert.ok(valid, `the feed does not pass feed.schema.json: ${ajv.errorsText(validateFeed.errors?.slice(0, 5))}`);
}

/**
 * Runs `node dist/cli.js ...args`, feeding `input` on standard input, or `stdin` (a file
 * descriptor, or a function given the child's stdin to write to as it likes).
 */
function run(args, { input, stdin } = {}) {
  return new Promise((resolve, reject) => {
    // The timeout ends a tool that never stops reading, so it cannot outlive the test run.
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, timeout: 60_000, stdio: [typeof stdin === 'number' ? stdin : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (typeof stdin === 'function') stdin(child.stdin);
    else if (child.stdin) child.stdin.end(input);
  });
}

/** convert, with the feed parsed and checked against the schema. */
async function convert(args, options) {
  const result = await run(['convert', ...args], options);
  assert.equal(result.code, 0, `convert failed: ${result.stderr}`);
  const feed = JSON.parse(result.stdout);
  assertSchemaValid(feed);
  assert.equal(feed.version, 1);
  assert.ok(!Number.isNaN(Date.parse(feed.updated)), 'updated is a date');
  return { ...result, feed, byId: new Map(feed.services.map((service) => [service.id, service])) };
}

before(() => {
  if (!existsSync(cli)) throw new Error(`${path.relative(root, cli)} is missing: run "npm run build" first (npm test builds before it runs these tests).`);
});

describe('naloxone-finder validate', () => {
  it('passes a good native feed, with its one warning, and exits 0', async () => {
    const { code, stdout } = await run(['validate', fixture('good-feed.json')]);
    assert.equal(code, 0);
    assert.match(stdout, /naloxone-finder feed \(JSON\), "Fictional feed for the CLI tests"/);
    assert.match(stdout, /2 services, 0 skipped, 1 warning\b/);
    assert.match(stdout, /record 2 \(id "g-2"\): "website" "ftp:\/\/example\.org\/parkside" is not an http\(s\) address/);
    assert.match(stdout, /All 2 services can be listed\./);
  });

  it('names the record that would not be listed and why, and exits 1', async () => {
    const { code, stdout } = await run(['validate', fixture('bad-record-feed.json')]);
    assert.equal(code, 1);
    assert.match(stdout, /2 services, 1 skipped, 0 warnings/);
    assert.match(stdout, /record 2 \(id "b-2"\): "name" is missing/);
    assert.match(stdout, /1 record of 3 would not be listed/);
  });

  it('gives a machine-readable report with --json', async () => {
    const { code, stdout } = await run(['validate', fixture('bad-record-feed.json'), '--json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.format, 'native');
    assert.equal(report.ok, false);
    assert.deepEqual(report.counts, { services: 2, skipped: 1, warnings: 0 });
    assert.deepEqual(report.skipped, [{ index: 1, id: 'b-2', reason: '"name" is missing', where: 'record 2 (id "b-2")' }]);
  });

  it('says an HTML page is not a feed, and exits 2', async () => {
    const { code, stdout, stderr } = await run(['validate', fixture('not-a-feed.html')]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /received an HTML page, not a feed/);
  });

  it('reads a Windows-1252 CSV so "Clínica" comes out right, and says it is not UTF-8', async () => {
    const validated = await run(['validate', fixture('windows-1252.csv')]);
    assert.equal(validated.code, 0);
    assert.match(validated.stdout, /windows-1252\.csv: CSV$/m);
    assert.match(validated.stdout, /feed: the feed is not UTF-8; it was read as Windows-1252/);
    const { feed } = await convert([fixture('windows-1252.csv')]);
    assert.deepEqual(
      feed.services.map((service) => [service.name, service.address?.city]),
      [
        ['Clínica Comunitaria (fictional)', 'Ciudad de México'],
        ['Café Seguro Drop-in (fictional)', 'Ciudad de México'],
      ],
    );
  });

  it('reads the curly quotes, dashes and apostrophes of a Windows-1252 CSV as a browser does', async () => {
    // Node reads windows-1252 as ISO-8859-1 (0x93 → a control character); the CLI puts that right.
    const dir = await mkdtemp(path.join(tmpdir(), 'nf-cli-1252-'));
    const file = path.join(dir, 'excel.csv');
    const row = (text) => Buffer.from(text, 'latin1');
    await writeFile(
      file,
      Buffer.concat([
        row('id,name,lat,lng,types,street,description,hours\r\nx1,Caf\xe9 Example (fictional),49.28,-123.12,naloxone,1 Rue d'),
        Buffer.from([0x92]),
        row('Example,'),
        Buffer.from([0x93]),
        row('Free'),
        Buffer.from([0x94]),
        row(' naloxone '),
        Buffer.from([0x96]),
        row(' no ID,Mon'),
        Buffer.from([0x96]),
        row('Fri 9'),
        Buffer.from([0x96]),
        row('17\r\n'),
      ]),
    );
    const { feed } = await convert([file]);
    await rm(dir, { recursive: true });
    const [service] = feed.services;
    assert.equal(service.name, 'Café Example (fictional)');
    assert.equal(service.address.street, '1 Rue d\u2019Example');
    assert.equal(service.description, '\u201cFree\u201d naloxone \u2013 no ID');
    assert.deepEqual(service.hours, [{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }]);
  });

  it('names a point whose latitude and longitude look swapped, and keeps it as written', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nf-cli-swapped-'));
    const file = path.join(dir, 'boston.csv');
    await writeFile(
      file,
      [
        'id,name,lat,lng',
        'b1,Example Boston A (fictional),42.36,-71.06',
        'b2,Example Boston B (fictional),42.35,-71.07',
        'b3,Example Boston C (fictional),-71.0636,42.3581',
        'l1,Example London (fictional),51.5,-0.12',
        'm1,Example Miami (fictional),25.76,-80.19',
        '',
      ].join('\n'),
    );
    const { stdout } = await run(['validate', '--verbose', file]);
    const { feed } = await convert([file]);
    await rm(dir, { recursive: true });
    assert.match(stdout, /service "b3": "lat" -71\.0636 and "lng" 42\.3581 may be swapped/);
    // London and Miami are far from Boston, but swapped they would be no nearer.
    assert.doesNotMatch(stdout, /"(l1|m1)"/);
    assert.deepEqual(
      feed.services.filter((s) => s.id === 'b3').map((s) => [s.lat, s.lng]),
      [[-71.0636, 42.3581]],
    );
  });

  it('names positions that lost a minus sign or were swapped, even when they are many, and only those', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'nf-cli-slips-'));
    const file = path.join(dir, 'boston.csv');
    const good = Array.from({ length: 6 }, (_, i) => `g${i},Example Boston ${i} (fictional),${(42.3 + i / 100).toFixed(2)},-71.0${i}`);
    await writeFile(
      file,
      [
        'id,name,lat,lng',
        ...good,
        's1,Example Swapped 1 (fictional),-71.0550,42.3610',
        's2,Example Swapped 2 (fictional),-71.0600,42.3500',
        'n1,Example Lost Sign (fictional),42.3550,71.0500',
        'a1,Example Antarctica (fictional),-71.07,95',
        '',
      ].join('\n'),
    );
    const { stdout } = await run(['validate', '--verbose', file]);
    await rm(dir, { recursive: true });
    assert.match(stdout, /service "s1": "lat" -71\.055 and "lng" 42\.361 may be swapped/);
    assert.match(stdout, /service "s2": "lat" -71\.06 and "lng" 42\.35 may be swapped/);
    assert.match(stdout, /service "n1": "lng" 71\.05 may have lost its minus sign \(-71\.05\)/);
    // No slip puts it near Boston: far, but not named as one.
    assert.doesNotMatch(stdout, /"a1"/);
    assert.doesNotMatch(stdout, /"g\d"/);
  });

  it('reads GeoJSON: a block-sized Polygon is placed at its centre, a feature without a name is skipped', async () => {
    const { code, stdout } = await run(['validate', fixture('sites.geojson')]);
    assert.equal(code, 1);
    assert.match(stdout, /GeoJSON, "Fictional GeoJSON sites"/);
    assert.match(stdout, /feature 3 \(id "geo-3"\): "name" is missing/);
    assert.match(stdout, /feature 2: geometry "Polygon" is not a Point; placed at the centre of the building or block it outlines/);
    const { feed } = await convert([fixture('sites.geojson')]);
    assert.equal(feed.title, 'Fictional GeoJSON sites');
    assert.deepEqual(feed.services[0], {
      id: 'geo-1',
      name: 'Lakeshore Naloxone Kiosk (fictional)',
      lat: 43.6532,
      lng: -79.3832,
      types: ['naloxone-vending'],
      phone: '416-555-0108',
    });
    assert.deepEqual([feed.services[1].lat.toFixed(3), feed.services[1].lng.toFixed(3)], ['43.605', '-79.395']);
  });

  it('reads HSDS JSON and maps taxonomy terms through the field map', async () => {
    const hsds = path.join(fixtures, 'hsds/services-3.0.json');
    const validated = await run(['validate', hsds, '--json']);
    const report = JSON.parse(validated.stdout);
    assert.equal(report.format, 'hsds');
    assert.equal(validated.code, report.counts.skipped ? 1 : 0);
    assert.ok(report.counts.services > 0);
    const plain = await convert([hsds]);
    const mapped = await convert([hsds, '--field-map', '{"typeMap": {"Partner category 7": "wound-care"}}']);
    assert.equal(plain.feed.services.length, report.counts.services);
    assert.ok(!plain.feed.services.some((service) => service.types.includes('wound-care')));
    assert.deepEqual(
      mapped.feed.services.filter((service) => service.types.includes('wound-care')).map((service) => service.id),
      ['svc-harbour@loc-h1', 'svc-harbour@loc-h2'],
    );
  });

  it('groups many warnings by kind, and --verbose lists every one', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `Mobile Unit ${i + 1} (fictional),naloxone,555-01${String(i).padStart(2, '0')}`);
    const input = `name,types,phone\n${rows.join('\n')}\n`;
    const grouped = await run(['validate', '-', '--from', 'csv'], { input });
    assert.equal(grouped.code, 0, 'warnings alone are not errors');
    assert.match(grouped.stdout, /^standard input: CSV$/m);
    assert.match(grouped.stdout, /30 × no coordinates: listed without a map position/);
    assert.match(grouped.stdout, /… and 27 more/);
    assert.equal(grouped.stdout.match(/^ +data row \d+: no coordinates/gm).length, 3);
    const verbose = await run(['validate', '-', '--verbose'], { input });
    assert.equal(verbose.stdout.match(/^ +data row \d+: no coordinates/gm).length, 30);
  });

  it('names a CSV row once where the reason names it already', async () => {
    const input = 'name,lat,lng,types\nA (fictional),49.28,-123.12,naloxone\nB (fictional),49.28\n';
    const { stdout } = await run(['validate', '-', '--from', 'csv'], { input });
    assert.match(stdout, /^ {2}row 3 \(data row 2\) has 2 values, the header has 4 columns: no value for "lng", "types"\.$/m);
    assert.match(stdout, /^ {2}data row 2: "lng" is missing/m);
    assert.doesNotMatch(stdout, /data row 2: row 3/);
  });
});

describe('naloxone-finder convert', () => {
  it('reads partner column names, and --field-map (JSON or @file) for the rest', async () => {
    const plain = await convert([fixture('partner-aliases.csv')]);
    const east = plain.feed.services[0];
    assert.equal(east.name, 'Eastside Naloxone Pharmacy (fictional)');
    assert.equal(east.lat, 40.7411);
    assert.deepEqual(east.types, [], 'the "Offers" column is not a known alias');
    assert.deepEqual(east.address, { street: '1 Example Street', city: 'Exampleton', region: 'NJ', postalCode: '07102', country: 'US' });
    assert.equal(east.phone, '973-555-0106');
    assert.equal(east.website, 'https://example.org/eastside');

    const fieldMap = readFileSync(fixture('partner-field-map.json'), 'utf8');
    for (const option of [fieldMap, `@${fixture('partner-field-map.json')}`]) {
      const { feed } = await convert([fixture('partner-aliases.csv'), '--field-map', option]);
      assert.deepEqual(
        feed.services.map((service) => service.types),
        [
          ['naloxone', 'fentanyl-test-strips'],
          ['syringe-services', 'safer-use-supplies'],
        ],
      );
      assert.deepEqual(feed.services[0].hours, [{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }]);
    }
  });

  it('writes the title and the default types it is given, and the summary to stderr', async () => {
    const { feed, stderr } = await convert([fixture('windows-1252.csv'), '--title', 'Fictional sites', '--default-types', 'naloxone,drop-in']);
    assert.equal(feed.title, 'Fictional sites');
    assert.deepEqual(
      feed.services.map((service) => service.types),
      [['naloxone'], ['drop-in']],
      'records that name types keep them',
    );
    assert.match(stderr, /2 services, 0 skipped, 1 warning/);
    assert.match(stderr, /Wrote a feed of 2 services\./);
    const typeless = await convert(['-', '--from', 'csv', '--default-types', 'naloxone,drop-in'], {
      input: 'name,lat,lng\nCorner Kiosk (fictional),45.5,-73.6\n',
    });
    assert.deepEqual(typeless.feed.services[0].types, ['naloxone', 'drop-in']);
  });

  it('converts an HSDS 1.x data package: incomplete joins reported, 9:00am read as 09:00', async () => {
    const { feed, byId, stderr } = await convert([path.join(fixtures, 'hsds-datapackage-v1')]);
    assert.deepEqual(
      feed.services.map((service) => service.id),
      ['s1@l1', 's1@l2', 's2@l9'],
    );
    // Its Thursday schedule's time cannot be read: the rest alone would call it closed on Thursdays.
    assert.equal(byId.get('s1@l1').hours, undefined);
    assert.equal(byId.get('s1@l1').hoursNote, 'Mon 9:00am–5:00 pm; Tue 9:00am–5:00 pm; Wed 10:00–18:00; Thu nine–5pm');
    assert.deepEqual(byId.get('s1@l2').hours, [{ days: ['fr'], opens: '21:00', closes: '02:00' }]);
    assert.deepEqual(byId.get('s2@l9').hours, [{ days: ['su'], opens: '12:00', closes: '16:30' }]);
    assert.equal(byId.get('s2@l9').lat, undefined, 'its location is not in the package');
    assert.match(stderr, /HSDS 1\.1 data package/);
    assert.match(stderr, /3 services, 1 skipped/);
    assert.match(stderr, /package: services_at_location\.csv row 5: service "s99" is not in the services table/);
    assert.match(stderr, /record 3 \(id "s3"\): "status" is closed, so it is not listed/);
  });

  it('converts an HSDS 3.0 data package', async () => {
    const { byId, stderr } = await convert([path.join(fixtures, 'hsds-datapackage-v3'), '--from', 'hsds']);
    const site = byId.get('svc-a@loc-a');
    assert.equal(site.name, 'Lakeside Overdose Prevention Site (fictional)');
    assert.equal(site.open24h, true);
    assert.deepEqual(site.types, ['naloxone', 'overdose-prevention-site']);
    const clinic = byId.get('svc-b@loc-a');
    assert.equal(clinic.status, 'temporarily-closed');
    assert.deepEqual(clinic.hours, [{ days: ['tu', 'th'], opens: '10:00', closes: '16:00' }]);
    assert.equal(clinic.timezone, 'America/Toronto');
    assert.match(stderr, /HSDS 3\.0\.0 data package/);
  });

  it('writes compact JSON, one service per line, and indents it with --pretty', async () => {
    const compact = await convert([fixture('partner-aliases.csv'), '--field-map', `@${fixture('partner-field-map.json')}`]);
    const lines = compact.stdout.trimEnd().split('\n');
    assert.equal(lines.length, compact.feed.services.length + 2, 'a line for the feed, one per service, one to close');
    assert.match(lines[0], /^\{"version":1,.*"services":\[$/);
    lines.slice(1, -1).forEach((line, i) => assert.deepEqual(JSON.parse(line.replace(/,$/, '')), compact.feed.services[i]));
    assert.equal(lines.at(-1), ']}');
    assert.doesNotMatch(compact.stdout, /^ /m, 'no indentation');

    const pretty = await convert([fixture('partner-aliases.csv'), '--field-map', `@${fixture('partner-field-map.json')}`, '--pretty']);
    assert.match(pretty.stdout, /^ {2}"version": 1,$/m);
    assert.match(pretty.stdout, /^ {6}"name": "Eastside Naloxone Pharmacy \(fictional\)",$/m);
    assert.deepEqual(pretty.feed.services, compact.feed.services);
    assert.ok(compact.stdout.length < pretty.stdout.length * 0.75, `compact ${compact.stdout.length} bytes, pretty ${pretty.stdout.length}`);
  });

  it('reads standard input', async () => {
    const { feed } = await convert(['-'], { input: readFileSync(fixture('good-feed.json')) });
    assert.deepEqual(
      feed.services.map((service) => service.id),
      ['g-1', 'g-2'],
    );
    assert.equal(feed.title, 'Fictional feed for the CLI tests');
    assert.equal(feed.services[1].website, undefined, 'the ftp: website is left out');
  });

  it('writes nothing and exits 1 when no service comes out', async () => {
    const { code, stdout, stderr } = await run(['convert', fixture('bad-record-feed.json'), '--field-map', '{"name": "title"}']);
    assert.equal(code, 1);
    assert.equal(stdout, '');
    assert.match(stderr, /No service could be read, so no feed was written/);
  });

  it('converts the 14,034-row SAMHSA file: every row a service or reported, schema-valid', async (t) => {
    if (!existsSync(samhsa)) {
      t.skip(`${samhsa} is not there (it is shared data beside the repository, not part of it)`);
      return;
    }
    const { feed } = await convert([samhsa, '--default-types', 'treatment']);
    const report = JSON.parse((await run(['validate', samhsa, '--default-types', 'treatment', '--json'])).stdout);
    const duplicates = report.warnings.filter((warning) => warning.reason.startsWith('exact duplicate')).length;
    assert.equal(feed.services.length, report.counts.services);
    assert.equal(report.counts.services + report.counts.skipped + duplicates, 14034);
    assert.ok(feed.services.every((service) => service.types.includes('treatment')));
  });

  it('pads SAMHSA ZIP codes that lost their leading zero, given the country through field-map defaults', async (t) => {
    if (!existsSync(samhsa)) {
      t.skip(`${samhsa} is not there`);
      return;
    }
    // "Connecticut Counseling Centers Inc, 50 Brookside Road, Waterbury, CT, 6708".
    const { feed } = await convert([samhsa, '--default-types', 'treatment', '--field-map', '{"defaults": {"country": "US"}}']);
    const waterbury = feed.services.find((service) => service.name === 'Connecticut Counseling Centers Inc' && service.address?.street === '50 Brookside Road');
    assert.ok(waterbury, 'the Waterbury row is in the output');
    assert.equal(waterbury.address.postalCode, '06708');
  });
});

describe('naloxone-finder with an http(s) address', () => {
  let server;
  let base;

  before(async () => {
    server = createServer((request, response) => {
      if (request.url === '/feed.json') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(readFileSync(fixture('good-feed.json')));
      } else if (request.url === '/sites.csv') {
        response.writeHead(200, { 'content-type': 'text/csv; charset=windows-1252' });
        response.end(readFileSync(fixture('windows-1252.csv')));
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('Not found');
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });

  after(() => new Promise((resolve) => server.close(resolve)));

  it('validates and converts a feed at a URL', async () => {
    const { code, stdout } = await run(['validate', `${base}/feed.json`]);
    assert.equal(code, 0);
    assert.match(stdout, /2 services, 0 skipped, 1 warning/);
    const { feed } = await convert([`${base}/sites.csv`]);
    assert.equal(feed.services[0].name, 'Clínica Comunitaria (fictional)');
  });

  it('refuses a feed over --max-bytes at a URL too', async () => {
    const { code, stdout, stderr } = await run(['validate', `${base}/feed.json`, '--max-bytes', '100']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /\/feed\.json is larger than 100 bytes, the limit given with --max-bytes 100\./);
  });

  it('exits 2 with the HTTP status when the address answers 404', async () => {
    const { code, stdout, stderr } = await run(['validate', `${base}/missing.json`]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /HTTP 404/);
    assert.match(stderr, /missing\.json/);
  });
});

// Each test spawns its own process: run them side by side.
describe('naloxone-finder usage', { concurrency: true }, () => {
  it('prints help and the version', async () => {
    for (const args of [['--help'], ['-h'], ['help'], ['validate', '--help']]) {
      const { code, stdout } = await run(args);
      assert.equal(code, 0);
      assert.match(stdout, /naloxone-finder validate <input>/);
      assert.match(stdout, /naloxone-finder convert <input>/);
    }
    const { code, stdout } = await run(['--version']);
    assert.equal(code, 0);
    assert.equal(stdout.trim(), JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version);
  });

  const usageErrors = [
    [[], /say what to do: validate or convert/],
    [['check', 'feed.json'], /unknown command "check"/],
    [['validate'], /validate needs an input/],
    [['validate', 'a.json', 'b.json'], /validate reads one input, got 2/],
    [['validate', 'feed.json', '--form', 'csv'], /unknown option --form/],
    [['validate', 'feed.json', '--from'], /--from needs a value/],
    [['validate', 'feed.json', '--from', 'xml'], /--from must be one of csv, geojson, hsds, json, native; got "xml"/],
    [['validate', 'feed.json', '--default-types', 'naloxone,hugs'], /--default-types: "hugs" is not one of our types/],
    [['validate', 'feed.json', '--field-map', '{"nmae": "Site"}'], /--field-map: "field-map" has an unknown field "nmae"/],
    [['validate', 'feed.json', '--field-map', '{not json'], /--field-map: "field-map" is not valid JSON/],
    [['validate', 'feed.json', '--field-map', 'map.json'], /or @file\.json/],
    [['validate', 'feed.json', '--field-map', '@no-such-map.json'], /--field-map: cannot read no-such-map\.json \(no such file or folder\)/],
    [['validate', 'feed.json', '--title', 'x'], /--title is for convert/],
    [['convert', 'feed.json', '--json'], /--json is for validate/],
    [['validate', 'feed.json', '--pretty'], /--pretty is for convert/],
    [['convert', path.join(fixtures, 'hsds-datapackage-v1'), '--from', 'csv'], /is a folder, read as an HSDS data package; --from csv does not apply/],
    [['validate', 'ftp://example.org/feed.json'], /only http and https addresses can be read/],
    [['validate', 'feed.json', '--max-bytes', 'lots'], /--max-bytes takes a size such as 100MiB, 512KiB or 1048576 \(bytes\); got "lots"/],
    [['validate', 'feed.json', '--max-bytes', '0'], /--max-bytes takes a size/],
    [['validate', 'feed.json', '--max-bytes', '1GiB'], /--max-bytes can be at most 500 MiB/],
  ];
  for (const [args, message] of usageErrors) {
    it(`exits 2 on: naloxone-finder ${args.join(' ')}`, async () => {
      const { code, stdout, stderr } = await run(args);
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, message);
      assert.match(stderr, /Run "naloxone-finder --help" for usage\./);
    });
  }

  it('exits 2 when the file is missing, with --json too', async () => {
    const { code, stdout, stderr } = await run(['validate', 'no-such-feed.json', '--json']);
    assert.equal(code, 2);
    assert.match(stderr, /cannot read no-such-feed\.json: no such file or folder/);
    assert.deepEqual(JSON.parse(stdout), { input: 'no-such-feed.json', error: 'cannot read no-such-feed.json: no such file or folder.' });
  });

  it('exits 2 when the field map names a type we do not have', async () => {
    const { code, stderr } = await run(['validate', fixture('partner-aliases.csv'), '--field-map', '{"types": "Offers", "typeMap": {"Narcan kits": "hugs"}}']);
    assert.equal(code, 2);
    assert.match(stderr, /typeMap maps "Narcan kits" to "hugs", which is not one of our types/);
  });
});

describe('naloxone-finder with HSDS exports laid out as they come', () => {
  const dataFolder = path.join(fixtures, 'hsds-datapackage-data-folder');
  let work;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'nf-cli-data-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('reads a package whose datapackage.json names services.csv while the CSVs sit in data/', async () => {
    const { feed, byId, stderr } = await convert([dataFolder]);
    assert.deepEqual(
      feed.services.map((service) => service.id),
      ['svc-1@loc-1', 'svc-2@loc-1', 'svc-3@loc-1'],
    );
    const counter = byId.get('svc-1@loc-1');
    assert.equal(counter.name, 'Hillside Naloxone Counter (fictional)');
    assert.equal(counter.lat, 45.42);
    assert.deepEqual(counter.address, { street: '5 Example Lane', city: 'Exampleburg', region: 'ON', postalCode: 'A0A 1B1', country: 'CA' });
    assert.deepEqual(counter.hours, [{ days: ['mo', 'we', 'fr'], opens: '09:00', closes: '17:00' }]);
    assert.match(stderr, /HSDS 3\.0 data package/);
    assert.doesNotMatch(stderr, /missing|no \w+ table/);
  });

  it('finds the tables in data/ without a datapackage.json as well', async () => {
    const dir = path.join(work, 'no-manifest');
    await cp(dataFolder, dir, { recursive: true });
    await rm(path.join(dir, 'datapackage.json'));
    const withManifest = await convert([dataFolder]);
    const { feed, stderr } = await convert([dir]);
    assert.match(stderr, /^.*no-manifest: HSDS data package$/m);
    assert.deepEqual(feed.services, withManifest.feed.services);
  });

  it('says which time a schedule lacks, and still lists the service', async () => {
    const { code, stdout } = await run(['validate', dataFolder]);
    assert.equal(code, 0);
    assert.match(stdout, /record 2 \(id "svc-2@loc-1"\): schedule "sch-2" has opens_at but no closes_at; the hours are shown as written$/m);
    assert.match(stdout, /record 3 \(id "svc-3@loc-1"\): schedule "sch-3" names days but has no opens_at or closes_at; the hours are shown as written$/m);
    assert.match(stdout, /record 3 \(id "svc-3@loc-1"\): schedule "sch-4" has closes_at but no opens_at; the hours are shown as written$/m);
    assert.doesNotMatch(stdout, /undefined/);
    assert.doesNotMatch(stdout, /sch-5/, 'a schedule with only a description is its hours note, not a problem');
    const { byId } = await convert([dataFolder]);
    assert.equal(byId.get('svc-2@loc-1').hours, undefined);
    // The schedules that could not be read are shown as written after the description.
    assert.equal(byId.get('svc-3@loc-1').hoursNote, 'Call ahead on holidays. Sat, Sun; Thu –21:00');
  });
});

describe('naloxone-finder and links in a data package', () => {
  let work;
  let outside;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'nf-cli-links-'));
    // What a link could reach: a file that is no part of any package.
    outside = path.join(work, 'elsewhere');
    await mkdir(outside);
    await writeFile(path.join(outside, 'locations.csv'), 'id,name,latitude,longitude\nloc-a,Private Place (fictional),12.3456,65.4321\n');
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('does not follow a file link out of the package folder, says so by name, and reads the rest', async () => {
    const pkg = path.join(work, 'linked-file');
    await cp(path.join(fixtures, 'hsds-datapackage-v3'), pkg, { recursive: true });
    await rm(path.join(pkg, 'locations.csv'));
    await symlink(path.join(outside, 'locations.csv'), path.join(pkg, 'locations.csv'));

    const { code, stdout } = await run(['validate', pkg]);
    assert.equal(code, 0);
    assert.match(stdout, /^ {2}package: locations\.csv is a link that leads outside the package folder; not read$/m);
    const { feed, stdout: json } = await convert([pkg]);
    assert.doesNotMatch(json, /Private Place|12\.3456/);
    assert.deepEqual(
      feed.services.map((service) => [service.id, service.lat]),
      [
        ['svc-a@loc-a', undefined],
        ['svc-b@loc-a', undefined],
      ],
      'the services are still read, without the position the link would have given',
    );
  });

  it('does not follow a folder link out either, but reads a link that stays inside', async () => {
    const pkg = path.join(work, 'linked-folder');
    await mkdir(path.join(pkg, 'archive'), { recursive: true });
    await writeFile(path.join(pkg, 'archive/services-2026.csv'), 'id,name,status\nin-1,Inside Link Site (fictional),active\n');
    await symlink('archive/services-2026.csv', path.join(pkg, 'services.csv'));
    await symlink(outside, path.join(pkg, 'data'));

    const { stdout } = await run(['validate', pkg]);
    assert.match(stdout, /^ {2}package: data\/locations\.csv is a link that leads outside the package folder; not read$/m);
    const { feed, stdout: json } = await convert([pkg]);
    assert.doesNotMatch(json, /Private Place/);
    assert.deepEqual(
      feed.services.map((service) => service.name),
      ['Inside Link Site (fictional)'],
    );
  });
});

describe('naloxone-finder prints untrusted text without its control codes', () => {
  // Set a window title (OSC), clear the screen (CSI), turn red (8-bit CSI), return to column 0.
  const hostile = '\u001b]0;owned\u0007\u001b[2J\u009b31m\r';
  // eslint-disable-next-line no-control-regex
  const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
  let work;
  let pkg;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'nf-cli-escapes-'));
    pkg = path.join(work, 'package');
    await mkdir(pkg);
    await writeFile(
      path.join(pkg, 'datapackage.json'),
      JSON.stringify({
        version: `3.0${hostile}`,
        resources: [
          { name: 'service', path: 'services.csv' },
          { name: 'phone', path: `phones${hostile}\nAll 9 services can be listed.csv` },
        ],
      }),
    );
    await writeFile(path.join(pkg, 'services.csv'), `id,name,status\nsvc-1,Harbour Naloxone (fictional),active\n`);
  });
  after(() => rm(work, { recursive: true, force: true }));

  it('strips escape sequences from datapackage.json in the report, and keeps each message on its line', async () => {
    for (const args of [
      ['validate', pkg],
      ['validate', pkg, '--verbose'],
      ['convert', pkg],
    ]) {
      const { stdout, stderr } = await run(args);
      const report = args[0] === 'validate' ? stdout : stderr;
      assert.doesNotMatch(report, CONTROL, `${args.join(' ')} printed a control code`);
      assert.doesNotMatch(report, /owned/, 'a control string goes whole, not just its first character');
      assert.match(report, /: HSDS 3\.0 data package$/m);
      assert.match(report, /datapackage\.json lists phones All 9 services can be listed\.csv, which is missing$/m);
      assert.doesNotMatch(report, /^All 9 services/m, 'a newline in a value does not start a line');
    }
  });

  it('keeps the data exact in --json, with every control escaped', async () => {
    const { stdout } = await run(['validate', pkg, '--json']);
    assert.doesNotMatch(stdout, CONTROL);
    const report = JSON.parse(stdout);
    assert.equal(report.hsdsVersion, `3.0${hostile}`);
    assert.ok(report.warnings.some((warning) => warning.reason.includes(`phones${hostile}\nAll 9`)));
  });

  it('strips them from file names, in reports and in errors', async () => {
    const file = path.join(work, `sites${hostile}.csv`);
    await writeFile(file, 'name,lat,lng\nCorner Kiosk (fictional),45.5,-73.6\n');
    const validated = await run(['validate', file]);
    assert.equal(validated.code, 0);
    assert.doesNotMatch(validated.stdout, CONTROL);
    assert.match(validated.stdout, /sites\.csv: CSV$/m);
    const missing = await run(['validate', `no-such${hostile}\nfeed.json`]);
    assert.equal(missing.code, 2);
    assert.doesNotMatch(missing.stderr, CONTROL);
    assert.match(missing.stderr, /^naloxone-finder: cannot read no-such feed\.json: no such file or folder\.$/m);
  });
});

describe('naloxone-finder size limits', { concurrency: true }, () => {
  const MIB = 1024 * 1024;
  let work;

  before(async () => {
    work = await mkdtemp(path.join(tmpdir(), 'nf-cli-sizes-'));
  });
  after(() => rm(work, { recursive: true, force: true }));

  /** A file of `bytes` zero bytes, made in an instant (sparse where the file system can). */
  async function zeros(name, bytes) {
    const file = path.join(work, name);
    await writeFile(file, '');
    await truncate(file, bytes);
    return file;
  }

  it('refuses a local file over 20 MiB with exit 2 and says how to read it anyway; reads one of exactly 20 MiB', async () => {
    const { code, stdout, stderr } = await run(['validate', await zeros('over.json', 20 * MIB + 1)]);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(
      stderr,
      /over\.json is larger than 20 MiB, the most naloxone-finder reads by default \(as the widget does\); to read more, raise the limit, e\.g\. --max-bytes 100MiB\./,
    );
    const atLimit = await run(['validate', await zeros('at-limit.json', 20 * MIB)]);
    assert.equal(atLimit.code, 2, 'zero bytes are not a feed');
    assert.doesNotMatch(atLimit.stderr, /larger than/);
  });

  it('takes --max-bytes for a lower or higher limit', async () => {
    const small = await run(['validate', fixture('good-feed.json'), '--max-bytes', '100']);
    assert.equal(small.code, 2);
    assert.match(small.stderr, /good-feed\.json is larger than 100 bytes, the limit given with --max-bytes 100\./);
    assert.equal((await run(['validate', fixture('good-feed.json'), '--max-bytes', '1KiB'])).code, 0);
    const raised = await run(['validate', await zeros('raised.json', 20 * MIB + 1), '--max-bytes', '21MiB']);
    assert.doesNotMatch(raised.stderr, /larger than/);
  });

  it('refuses a data package table over the limit, by name', async () => {
    const pkg = path.join(work, 'package');
    await cp(path.join(fixtures, 'hsds-datapackage-v3'), pkg, { recursive: true });
    const rows = Array.from({ length: 40 }, (_, i) => `svc-x${i},org-a,,Extra Site ${i} (fictional),,,,,active`);
    await appendFile(path.join(pkg, 'services.csv'), `${rows.join('\n')}\n`);
    const { code, stdout, stderr } = await run(['convert', pkg, '--max-bytes', '2KiB']);
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.match(stderr, /^naloxone-finder: services\.csv is larger than 2 KiB, the limit given with --max-bytes 2KiB\.$/m);
  });

  it('stops reading a file that never ends (/dev/zero) at the limit', { timeout: 20_000 }, async () => {
    const started = Date.now();
    const { code, stderr } = await run(['validate', '/dev/zero']);
    assert.equal(code, 2);
    assert.match(stderr, /\/dev\/zero is larger than 20 MiB/);
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  });

  it('stops reading standard input that never ends at the limit', { timeout: 20_000 }, async () => {
    const fd = openSync('/dev/zero', 'r');
    const started = Date.now();
    try {
      const { code, stdout, stderr } = await run(['convert', '-'], { stdin: fd });
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /standard input is larger than 20 MiB/);
    } finally {
      closeSync(fd);
    }
    assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
  });

  it('stops reading a pipe that a writer keeps filling, and exits', { timeout: 20_000 }, async () => {
    const chunk = Buffer.from('{"version": 1, "services": ['.padEnd(64 * 1024, ' '));
    const { code, stderr } = await run(['validate', '-', '--max-bytes', '1MiB'], {
      stdin: (pipe) => {
        // EPIPE once the tool has stopped reading: the writer just stops too.
        pipe.on('error', () => undefined);
        const fill = () => {
          while (!pipe.destroyed && pipe.write(chunk));
          if (!pipe.destroyed) pipe.once('drain', fill);
        };
        fill();
      },
    });
    assert.equal(code, 2);
    assert.match(stderr, /standard input is larger than 1 MiB, the limit given with --max-bytes 1MiB\./);
  });
});
