import { expect } from '@open-wc/testing';
import { earlyNearest, nearestInText, nearestParsed } from '../../src/feed/nearest-in-text.js';
import { nearestServices } from '../../src/feed/preview.js';
import { nativeOutput, validation, type ParseOptions } from '../../src/feed/parse-feed.js';
import { fictionalService, KM_PER_DEGREE as KM } from '../helpers/services.js';

// A large feed's services nearest a place, found in its text before it is parsed
// (src/feed/nearest-in-text.ts), against the same from the parsed feed (preview.ts).

const from = { lat: 0, lng: 0 };
const SIZE = 50;

/** The nearest from the parsed text, as parseFeed's own preview reads them. */
function fromParsed(text: string, options: ParseOptions = {}) {
  const output = nativeOutput(JSON.parse(text), options);
  const { recordAt, validateOptions } = validation(output, 'native', options);
  return nearestServices(output.records.length, recordAt, output.indexes, validateOptions, from, SIZE);
}

/** 400 fictional records, each at its own distance from (0, 0) (5.5 to 404.5 km), not in feed order, as JSON texts. */
const plain = () => Array.from({ length: 400 }, (_, i) => JSON.stringify(fictionalService(`n-${i}`, ((i * 7919) % 400) + 5.5)));

/**
 * Records whose id or position the text scan cannot read from `id`, `lat` and `lng` alone, all
 * within 5 km, each as raw JSON text: the scan must parse them whole, or read them as JSON.parse does.
 */
const tricky: [string, string][] = [
  ['alias', `{"id": "alias", "name": "Aliased (fictional)", "latitude": ${1 / KM}, "longitude": 0, "types": ["naloxone"]}`],
  ['bracketed', `{"id": "bracketed", "name": "Bracketed (fictional)", "Latitude (decimal)": ${1.1 / KM}, "Longitude (decimal)": 0}`],
  ['escaped key', `{"id": "escaped", "name": "Escaped (fictional)", "l\\u0061t": ${1.2 / KM}, "lng": 0}`],
  ['repeated key', `{"id": "repeated", "name": "Repeated key (fictional)", "lat": 50, "lng": 0, "lat": ${1.3 / KM}}`],
  ['repeated id key', `{"id": "n-1", "name": "Repeated id key (fictional)", "lat": ${1.35 / KM}, "lng": 0, "id": "second-id"}`],
  ['coordinates', `{"id": "coordinates", "name": "Coordinates (fictional)", "coordinates": "${1.4 / KM}, 0"}`],
  ['null lat', `{"id": "null-lat", "name": "Null lat (fictional)", "lat": null, "lng": null, "coordinates": {"lat": ${1.5 / KM}, "lng": 0}}`],
  ['address', `{"id": "address", "name": "Address (fictional)", "address": "1 Example Way (${1.6 / KM}, 0)"}`],
  ['string lat', `{"id": "string-lat", "name": "String lat (fictional)", "lat": " ${(1.7 / KM).toFixed(6)} ", "lng": "0"}`],
  ['comma lat', `{"id": "comma-lat", "name": "Comma lat (fictional)", "lat": "${String(1.8 / KM).replace('.', ',')}", "lng": 0}`],
  ['exponent', `{"id": "exponent", "name": "Exponent (fictional)", "lat": ${(1.9 / KM).toExponential()}, "lng": -0}`],
  ['numeric id', `{"id": 12345, "name": "Numeric id (fictional)", "lat": ${2 / KM}, "lng": 0}`],
  ['escaped id', `{"id": "caf\\u00e9 \\"2\\"", "name": "Escaped id (fictional)", "lat": ${2.1 / KM}, "lng": 0}`],
  ['empty id', `{"id": "", "name": "Empty id (fictional)", "lat": ${2.2 / KM}, "lng": 0}`],
  ['proto key', `{"__proto__": {"lat": 1}, "id": "proto", "name": "Proto (fictional)", "lat": ${2.3 / KM}, "lng": 0}`],
  ['nested lat', `{"id": "nested", "name": "Nested ] } [ { \\" (fictional)", "address": {"lat": 1, "street": "x"}, "lat": ${2.4 / KM}, "lng": 0}`],
  [
    'deeply nested',
    `{"id": "deep", "name": "Deep (fictional)", "hours": [{"days": ["mo"], "note": "a ] } \\" \\\\ [ {", "x": [[[[{"lat": 9}]]]]}], "lat": ${2.45 / KM}, "lng": 0}`,
  ],
  ['other order', `{"lng": 0, "lat": ${2.5 / KM}, "name": "Other order (fictional)", "id": "order"}`],
  ['id alias', `{"ID": "id-alias", "name": "Id alias (fictional)", "lat": ${2.6 / KM}, "lng": 0}`],
  ['no position', `{"id": "by-mail", "name": "By mail (fictional)", "mailOrder": true, "types": ["naloxone"]}`],
  ['not an object', `"just text"`],
  ['a number', `42`],
  ['null', `null`],
  ['an array', `[${1 / KM}, 0]`],
  ['swapped', `{"id": "swapped", "name": "Swapped (fictional)", "lat": 100, "lng": ${2.7 / KM}}`],
  ['empty', `{}`],
];

function feedText(records: string[], pretty = false) {
  const text = `{"version": 1, "title": "Fictional [test] feed", "services": [${records.join(',')}], "updated": "2026-12-01"}`;
  return pretty ? JSON.stringify(JSON.parse(text), null, 2) : text;
}

describe('nearestInText: the nearest services from the text, as from the parsed feed', () => {
  it('records read by their id, lat and lng, or whole where those may not tell: every one as JSON.parse reads it', () => {
    const records = plain();
    // Each tricky record in place of a plain one, spread through the feed.
    tricky.forEach(([, json], i) => (records[i * 13 + 7] = json));
    const text = feedText(records);
    const found = nearestInText(text, { previewFrom: from }, SIZE)!;
    expect(found, 'read from the text').to.not.equal(undefined);
    expect(found).to.deep.equal(fromParsed(text));
    const ids = found.services.map((s) => s.id);
    for (const id of ['alias', 'bracketed', 'escaped', 'repeated', 'second-id', 'coordinates', 'null-lat', 'address', 'string-lat', 'comma-lat'])
      expect(ids, id).to.include(id);
    for (const id of ['exponent', '12345', 'café "2"', 'proto', 'nested', 'deep', 'order', 'id-alias', 'by-mail']) expect(ids, id).to.include(id);
    expect(found.unplaced, 'the one by mail').to.equal(true);
  });

  it('the same in a bare array, pretty-printed, and with repeated ids and exact duplicates', () => {
    const records = plain();
    tricky.forEach(([, json], i) => (records[i * 11 + 3] = json));
    // A repeated id near 30 km, an exact duplicate of a record near 40 km: the nearest stop at the nearer.
    const at = (km: number) => records.findIndex((r) => (JSON.parse(r) as { lat?: number } | null)?.lat === km / KM);
    const copy = JSON.parse(records[at(40.5)]) as Record<string, unknown>;
    records[at(30.5)] = JSON.stringify({ ...copy, name: 'Same id (fictional)', lat: 30.5 / KM });
    records[at(45.5)] = records[at(40.5)];
    for (const text of [`[${records.join(',')}]`, JSON.stringify(JSON.parse(`[${records.join(',')}]`), null, 2), feedText(records, true)]) {
      const found = nearestInText(text, { previewFrom: from }, SIZE)!;
      expect(found, 'read from the text').to.not.equal(undefined);
      expect(found).to.deep.equal(fromParsed(text));
      expect(found.withinKm, 'nearer than the repeated id').to.be.at.most(30.5 + 1e-6);
      expect(found.services.length).to.be.above(25);
    }
  });

  it('records without ids are given theirs by place, as in the whole feed', () => {
    const records = plain().map((r) => JSON.stringify({ ...(JSON.parse(r) as object), id: undefined }));
    const text = `[${records.join(',')}]`;
    const found = nearestInText(text, { previewFrom: from }, SIZE)!;
    expect(found).to.deep.equal(fromParsed(text));
    expect(found.services[0].id).to.match(/^record-\d+$/);
  });

  const refused: [string, string, ParseOptions?][] = [
    ['a field map', feedText(plain()), { fieldMap: { name: 'name' } }],
    ['a format forced', feedText(plain()), { format: 'native' }],
    ['GeoJSON', JSON.stringify({ type: 'FeatureCollection', features: [] }).replace('[]', `[${plain().join(',')}]`)],
    ['"services" again after the records', feedText(plain()).replace(/}$/, ', "services": []}')],
    ['a key before the records again after them', feedText(plain()).replace(/}$/, ', "title": "Another"}')],
    ['text cut short', feedText(plain()).slice(0, -40)],
    ['something after the feed', feedText(plain()) + ' {}'],
    ['a broken record', feedText(plain()).replace('"lng":0', '"lng" 0')],
    ['an unsupported version', feedText(plain()).replace('"version": 1', '"version": 2')],
    ['no version', feedText(plain()).replace('"version": 1, ', '')],
    ['no more records than the size', feedText(plain().slice(0, SIZE))],
    [
      'HSDS services in a bare array',
      JSON.stringify(
        Array.from({ length: 80 }, (_, i) => ({ id: `h${i}`, name: `HSDS example ${i} (fictional)`, organization_id: 'o', fees_description: 'none' })),
      ),
    ],
  ];
  for (const [what, text, options] of refused) {
    it(`nothing for ${what}: the whole feed is read first`, () => {
      expect(nearestInText(text, { previewFrom: from, ...options }, SIZE)).to.equal(undefined);
    });
  }
});

describe('nearestParsed: the nearest from the text parsed first, as parseFeed reads them', () => {
  const records = () => {
    const list = plain();
    tricky.forEach(([, json], i) => (list[i * 13 + 7] = json));
    return list;
  };

  it('the same nearest as parseFeed’s preview, and the parse for parseFeed to read', () => {
    for (const text of [feedText(records()), `\uFEFF[${records().join(',')}]`, feedText(records()).replace(/}$/, ', "title": "Another"}')]) {
      const early = nearestParsed(text, { previewFrom: from }, SIZE)!;
      expect(early.parsed?.()).to.deep.equal(JSON.parse(text.replace(/^\uFEFF/, '')));
      expect(early.nearest).to.deep.equal(fromParsed(text.replace(/^\uFEFF/, '')));
      expect(early.nearest!.services.length).to.be.above(25);
    }
  });

  it('with a field map too, read through it as the whole feed is', () => {
    const text = JSON.stringify({
      data: JSON.parse(`[${plain().join(',')}]`).map((r: { id: string; name: string; lat: number; lng: number; types: string[] }) => ({
        key: r.id,
        title: r.name,
        y: r.lat,
        x: r.lng,
        types: r.types,
      })),
    });
    const options: ParseOptions = { previewFrom: from, fieldMap: { records: 'data', id: 'key', name: 'title', lat: 'y', lng: 'x' } };
    const early = nearestParsed(text, options, SIZE)!;
    const output = nativeOutput(JSON.parse(text), options);
    const { recordAt, validateOptions } = validation(output, 'native', options);
    expect(early.nearest).to.deep.equal(nearestServices(output.records.length, recordAt, output.indexes, validateOptions, from, SIZE));
    expect(early.nearest!.services[0].id).to.match(/^n-/);
  });

  const parsedOnly: [string, string][] = [
    ['GeoJSON', JSON.stringify({ type: 'FeatureCollection', features: [] })],
    ['no more records than the size', feedText(plain().slice(0, SIZE))],
    ['an unsupported version', feedText(plain()).replace('"version": 1', '"version": 2')],
  ];
  for (const [what, text] of parsedOnly) {
    it(`${what}: the parse, no nearest`, () => {
      const early = nearestParsed(text, { previewFrom: from }, SIZE)!;
      expect(early.nearest).to.equal(undefined);
      expect(early.parsed?.()).to.deep.equal(JSON.parse(text));
    });
  }

  const refused: [string, string, ParseOptions?][] = [
    ['CSV forced', feedText(plain()), { format: 'csv' }],
    ['text cut short', feedText(plain()).slice(0, -40)],
    ['a number', '42'],
    ['no place to sort from', feedText(plain()), { previewFrom: undefined }],
  ];
  for (const [what, text, options] of refused) {
    it(`nothing for ${what}: parseFeed parses it its own way, or not at all`, () => {
      expect(nearestParsed(text, { previewFrom: from, ...options }, SIZE)).to.equal(undefined);
    });
  }

  it('text over the limits: its nearest, but not its parse, which the scanner refuses', () => {
    const text = feedText(plain()).replace(/}$/, `, "x": ${'['.repeat(300)}${']'.repeat(300)}}`);
    const early = nearestParsed(text, { previewFrom: from }, SIZE)!;
    expect(early.nearest!.services.length).to.be.above(25);
    expect(early.parsed?.()).to.equal(undefined);
  });
});

describe('earlyNearest: parsed first up to a size, found in the text above it', () => {
  it('the same nearest either way; the parse only from the first', () => {
    const text = feedText(plain());
    const parsed = earlyNearest(text, { previewFrom: from }, SIZE)!;
    const scanned = earlyNearest(text, { previewFrom: from }, SIZE, text.length - 1)!;
    expect(parsed.parsed?.()).to.deep.equal(JSON.parse(text));
    expect(scanned).to.deep.equal({ nearest: nearestInText(text, { previewFrom: from }, SIZE) });
    expect(parsed.nearest).to.deep.equal(scanned.nearest);
    // Over the size, what the scan refuses gets nothing.
    expect(earlyNearest(feedText(plain()).slice(0, -40), { previewFrom: from }, SIZE, 0)).to.equal(undefined);
  });
});
