// Node's test runner: node --test test/cli/hsds-datapackage.test.mjs
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = path.join(root, 'test/fixtures');
let work;
let readHsdsDataPackage;
let readHsds;

before(async () => {
  // The CLI build is not set up yet: bundle the modules under test with esbuild from node_modules.
  work = await mkdtemp(path.join(tmpdir(), 'hsds-dp-'));
  const esbuild = path.join(root, 'node_modules/.bin/esbuild');
  const bundle = (entry, out) =>
    execFileSync(esbuild, [entry, '--bundle', '--platform=node', '--format=esm', `--outfile=${out}`, '--log-level=warning'], { cwd: root });
  bundle('src/cli/hsds-datapackage.ts', path.join(work, 'hsds-dp.mjs'));
  bundle('src/feed/formats/hsds.ts', path.join(work, 'hsds.mjs'));
  ({ readHsdsDataPackage } = await import(pathToFileURL(path.join(work, 'hsds-dp.mjs')).href));
  ({ readHsds } = await import(pathToFileURL(path.join(work, 'hsds.mjs')).href));
});

after(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

const byId = (records) => new Map(records.map((record) => [record.id, record]));

/** A scratch package folder with these files. */
async function scratch(name, files) {
  const dir = path.join(work, name);
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(path.join(dir, file), text);
  return dir;
}

describe('readHsdsDataPackage, HSDS 1.x/2.x layout', () => {
  it('joins the tables into services with locations, keeping broken links visible', async () => {
    const { doc, warnings, version } = await readHsdsDataPackage(path.join(fixtures, 'hsds-datapackage-v1'));
    assert.equal(version, '1.1');
    assert.deepEqual(warnings, [
      'services_at_location.csv row 5: service "s99" is not in the services table; this link is not read',
      'physical_addresses.csv row 4: address links to location_id "l7", none of which is in the package; not read',
      'services_taxonomy.csv row 5: taxonomy term "t9" is not in the package; using "Wound care"',
    ]);
    assert.deepEqual(
      doc.map((service) => service.id),
      ['s1', 's2', 's3'],
    );

    const out = readHsds(doc);
    assert.deepEqual(
      out.records.map((record) => record.id),
      ['s1@l1', 's1@l2', 's2@l9', 's3'],
    );
    assert.deepEqual(out.skipped, []);
    const records = byId(out.records);
    assert.deepEqual(records.get('s1@l1'), {
      id: 's1@l1',
      name: 'Riverbend Naloxone Kits (fictional) – Riverbend Main Site (fictional)',
      lat: '49.2000',
      lng: '-123.1000',
      types: ['naloxone'],
      website: 'https://example.org/riverbend/naloxone',
      email: 'naloxone@example.org',
      description: 'Free naloxone kits and a short training.',
      cost: 'free',
      languages: ['en', 'fr'],
      status: 'active',
      address: { street: '100 Example Street', city: 'Exampleton', region: 'BC', postalCode: 'V0V 0V0', country: 'CA' },
      phone: '604-555-0101',
      accessibility: 'wheelchair access: Ramp at the side entrance',
      // Thursday's time cannot be read ("nine"): the rest alone would call it closed on Thursdays.
      hoursNote: 'Mon 9:00am–5:00 pm; Tue 9:00am–5:00 pm; Wed 10:00–18:00; Thu nine–5pm',
    });
  });

  it('reads 9:00am, 9:00 pm and 10:00, closing past midnight, and warns about unreadable times', async () => {
    const out = readHsds((await readHsdsDataPackage(path.join(fixtures, 'hsds-datapackage-v1'))).doc);
    const records = byId(out.records);
    const east = records.get('s1@l2');
    assert.deepEqual(east.hours, [{ days: ['fr'], opens: '21:00', closes: '02:00' }]);
    assert.equal(east.phone, '604-555-0102 x12');
    assert.deepEqual(records.get('s2@l9').hours, [{ days: ['su'], opens: '12:00', closes: '16:30' }]);
    assert.ok(out.warnings.some((w) => w.id === 's1@l1' && w.reason === 'schedule "r6": could not read the time "nine"; the hours are shown as written'));
  });

  it('keeps the service whose location is missing, without coordinates, and the service without locations', async () => {
    const out = readHsds((await readHsdsDataPackage(path.join(fixtures, 'hsds-datapackage-v1'))).doc);
    const records = byId(out.records);
    const outreach = records.get('s2@l9');
    assert.equal(outreach.lat, undefined);
    assert.equal(outreach.website, 'https://example.org/riverbend', 'organization url when the service has none');
    assert.deepEqual(outreach.types, ['syringe-services', 'wound-care']);
    assert.ok(out.warnings.some((w) => w.id === 's2@l9' && w.reason.includes('"l9", which is not in the feed')));
    assert.deepEqual(records.get('s3'), {
      id: 's3',
      name: 'Riverbend Evening Drop-in (fictional)',
      types: [],
      website: 'https://example.org/riverbend',
      description: 'Closed for good.',
      status: 'closed',
    });
  });
});

describe('readHsdsDataPackage, HSDS 3.0 layout', () => {
  it('follows datapackage.json, prefers physical addresses and reads 3.0 schedules', async () => {
    const { doc, warnings, version } = await readHsdsDataPackage(path.join(fixtures, 'hsds-datapackage-v3'));
    assert.equal(version, '3.0.0');
    assert.deepEqual(warnings, [
      'schedules.csv row 5: schedule links to service_id "svc-zzz", none of which is in the package; not read',
      'attributes.csv row 5: taxonomy term "tt-missing" is not in the package; using "Naloxone kits"',
    ]);
    const out = readHsds(doc, { typeMap: { 'x-44': 'drop-in' } });
    const records = byId(out.records);
    assert.deepEqual(records.get('svc-a@loc-a'), {
      id: 'svc-a@loc-a',
      name: 'Lakeside Overdose Prevention Site (fictional)',
      lat: '43.6500',
      lng: '-79.3800',
      types: ['naloxone', 'overdose-prevention-site'],
      website: 'https://example.org/lakeside/ops',
      email: 'ops@example.org',
      description: 'A supervised consumption site with naloxone on hand, open around the clock.',
      cost: 'free',
      languages: ['en', 'fr', 'oj'],
      lastVerified: '2026-10-01',
      status: 'active',
      address: { street: '12 Example Road', city: 'Exampleville', region: 'ON', postalCode: 'A0A 0A1', country: 'CA' },
      phone: '416-555-0110',
      accessibility: 'Step-free entrance',
      open24h: true,
      hoursNote: 'Open every day and night.',
    });
    const clinic = records.get('svc-b@loc-a');
    assert.equal(clinic.status, 'temporarily-closed');
    assert.equal(clinic.cost, 'Sliding scale');
    assert.equal(clinic.phone, '416-555-0112 x7', 'the fax number is not offered');
    assert.deepEqual(clinic.types, ['drop-in', 'testing']);
    assert.deepEqual(clinic.hours, [{ days: ['tu', 'th'], opens: '10:00', closes: '16:00' }]);
    assert.equal(clinic.timezone, 'America/Toronto');
    assert.equal(clinic.hoursNote, 'Tuesdays and Thursdays. First Saturday of the month 10am to 1pm.');
    assert.ok(out.warnings.some((w) => w.id === 'svc-b@loc-a' && w.reason.includes('repeats monthly')));
  });

  it('finds the usual file names when datapackage.json is missing', async () => {
    const dir = path.join(work, 'v3-without-manifest');
    await cp(path.join(fixtures, 'hsds-datapackage-v3'), dir, { recursive: true });
    await rm(path.join(dir, 'datapackage.json'));
    const withManifest = readHsds((await readHsdsDataPackage(path.join(fixtures, 'hsds-datapackage-v3'))).doc);
    const { doc, version } = await readHsdsDataPackage(dir);
    assert.equal(version, undefined);
    assert.deepEqual(readHsds(doc).records, withManifest.records);
  });
});

describe('readHsdsDataPackage with incomplete or hostile packages', () => {
  it('reads services alone, one record each without coordinates, and says which tables are missing', async () => {
    const dir = await scratch('services-only', {
      'services.csv': 'id,name,status\nq1,Quayside Naloxone (fictional),active\n,No Id (fictional),active\n',
    });
    const { doc, warnings } = await readHsdsDataPackage(dir);
    assert.ok(warnings.some((w) => w.startsWith('no locations table')));
    assert.ok(warnings.some((w) => w.startsWith('no service_at_locations table')));
    const out = readHsds(doc);
    assert.deepEqual(out.records, [{ id: 'q1', name: 'Quayside Naloxone (fictional)', types: [], status: 'active' }]);
    assert.deepEqual(out.skipped, [{ index: 1, reason: 'the service has no "id"' }]);
  });

  it('reads a table saved as Windows-1252 as such, and says so', async () => {
    const dir = await scratch('windows-1252', {
      'services.csv': Buffer.from('id,name,status\ns1,Caf\xe9 Example (fictional),active\n', 'latin1'),
    });
    const { doc, warnings } = await readHsdsDataPackage(dir);
    assert.equal(readHsds(doc).records[0].name, 'Café Example (fictional)');
    assert.ok(warnings.includes('services.csv is not UTF-8; it was read as Windows-1252. Save it as UTF-8 to be sure every character shows right.'));
  });

  it('says which time a schedule lacks instead of "undefined", and shows the schedules as written', async () => {
    const dir = await scratch('schedules-without-times', {
      'services.csv': 'id,name,status\nq1,Quayside Naloxone (fictional),active\n',
      'schedules.csv': [
        'id,service_id,weekday,opens_at,closes_at,description',
        '12,q1,monday,09:00,,',
        '13,q1,tuesday,,17:00,',
        '14,q1,wednesday,,,',
        '15,q1,thursday,10:00,14:00,',
        '16,q1,,,,By appointment on weekends.',
        '',
      ].join('\n'),
    });
    const out = readHsds((await readHsdsDataPackage(dir)).doc);
    assert.deepEqual(
      out.warnings.map((warning) => warning.reason),
      [
        'schedule "12" has opens_at but no closes_at; the hours are shown as written',
        'schedule "13" has closes_at but no opens_at; the hours are shown as written',
        'schedule "14" names days but has no opens_at or closes_at; the hours are shown as written',
      ],
    );
    // Thursday alone would call the service closed on the other days: the schedules are shown as written.
    assert.equal(out.records[0].hours, undefined);
    assert.equal(out.records[0].hoursNote, 'By appointment on weekends. Mon 09:00–; Tue –17:00; Wed; Thu 10:00–14:00');
  });

  it('never reads outside the folder and ignores hostile column names', async () => {
    await writeFile(path.join(work, 'outside.csv'), 'id,name\nx,Should not be read\n');
    const dir = await scratch('hostile', {
      'datapackage.json': JSON.stringify({
        resources: [
          { name: 'service', path: '../outside.csv' },
          { name: 'location', path: 'https://example.org/locations.csv' },
          { name: 'phone', path: 'phones-missing.csv' },
        ],
      }),
      'services.csv': '__proto__,constructor,id,name,status\n{"polluted":true},x,h1,Hostile Columns (fictional),active\n',
    });
    const { doc, warnings } = await readHsdsDataPackage(dir);
    assert.ok(warnings.some((w) => w.includes('points outside the folder (../outside.csv)')));
    assert.ok(warnings.some((w) => w.includes('points outside the folder (https://example.org/locations.csv)')));
    assert.ok(warnings.some((w) => w.includes('lists phones-missing.csv, which is missing')));
    assert.deepEqual(
      doc.map((service) => service.name),
      ['Hostile Columns (fictional)'],
    );
    assert.equal({}.polluted, undefined);
    assert.equal(Object.getPrototypeOf(doc[0]), Object.prototype);
    assert.equal(Object.hasOwn(doc[0], 'constructor'), false);
  });

  it('falls back to file names when datapackage.json is not JSON, and reports CSV syntax problems', async () => {
    const dir = await scratch('broken-manifest', {
      'datapackage.json': '{ not json',
      'services.csv': 'id,name,status\nb1,"Broken Quote (fictional),active\n',
    });
    const { warnings } = await readHsdsDataPackage(dir);
    assert.ok(warnings.some((w) => w.startsWith('datapackage.json could not be read')));
    assert.ok(warnings.some((w) => w.startsWith('services.csv')));
  });

  it('rejects a folder that is missing or holds no HSDS tables', async () => {
    await assert.rejects(readHsdsDataPackage(path.join(work, 'no-such-folder')), { name: 'FeedFormatError' });
    const empty = await scratch('empty', { 'notes.txt': 'nothing here' });
    await assert.rejects(readHsdsDataPackage(empty), { name: 'FeedFormatError', message: /not an HSDS data package/ });
  });
});
