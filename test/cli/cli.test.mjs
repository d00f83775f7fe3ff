// The built command-line tool, run as a data manager would: node --test test/cli/
// Needs dist/cli.js: `npm run build` first (`npm test` does it).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = path.join(root, 'dist/cli.js');
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

/** Runs `node dist/cli.js ...args`, feeding `input` on standard input. */
function run(args, { input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
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
    assert.match(stdout, /record 1 \(id "g-2"\): "website" "ftp:\/\/example\.org\/parkside" is not an http\(s\) address/);
    assert.match(stdout, /All 2 services can be listed\./);
  });

  it('names the record that would not be listed and why, and exits 1', async () => {
    const { code, stdout } = await run(['validate', fixture('bad-record-feed.json')]);
    assert.equal(code, 1);
    assert.match(stdout, /2 services, 1 skipped, 0 warnings/);
    assert.match(stdout, /record 1 \(id "b-2"\): "name" is missing/);
    assert.match(stdout, /1 record of 3 would not be listed/);
  });

  it('gives a machine-readable report with --json', async () => {
    const { code, stdout } = await run(['validate', fixture('bad-record-feed.json'), '--json']);
    assert.equal(code, 1);
    const report = JSON.parse(stdout);
    assert.equal(report.format, 'native');
    assert.equal(report.ok, false);
    assert.deepEqual(report.counts, { services: 2, skipped: 1, warnings: 0 });
    assert.deepEqual(report.skipped, [{ index: 1, id: 'b-2', reason: '"name" is missing', where: 'record 1 (id "b-2")' }]);
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

  it('reads GeoJSON: a Polygon is kept without a position, a feature without a name is skipped', async () => {
    const { code, stdout } = await run(['validate', fixture('sites.geojson')]);
    assert.equal(code, 1);
    assert.match(stdout, /GeoJSON, "Fictional GeoJSON sites"/);
    assert.match(stdout, /feature 2 \(id "geo-3"\): "name" is missing/);
    assert.match(stdout, /feature 1: geometry "Polygon" is not a Point/);
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
    assert.equal(feed.services[1].lat, undefined);
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
    assert.deepEqual(byId.get('s1@l1').hours, [
      { days: ['mo', 'tu'], opens: '09:00', closes: '17:00' },
      { days: ['we'], opens: '10:00', closes: '18:00' },
    ]);
    assert.deepEqual(byId.get('s1@l2').hours, [{ days: ['fr'], opens: '21:00', closes: '02:00' }]);
    assert.deepEqual(byId.get('s2@l9').hours, [{ days: ['su'], opens: '12:00', closes: '16:30' }]);
    assert.equal(byId.get('s2@l9').lat, undefined, 'its location is not in the package');
    assert.match(stderr, /HSDS 1\.1 data package/);
    assert.match(stderr, /3 services, 1 skipped/);
    assert.match(stderr, /package: services_at_location\.csv row 5: service "s99" is not in the services table/);
    assert.match(stderr, /record 2 \(id "s3"\): "status" is closed, so it is not listed/);
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
    [['convert', path.join(fixtures, 'hsds-datapackage-v1'), '--from', 'csv'], /is a folder, read as an HSDS data package; --from csv does not apply/],
    [['validate', 'ftp://example.org/feed.json'], /only http and https addresses can be read/],
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
