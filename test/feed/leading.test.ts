import { expect } from '@open-wc/testing';
import { leadingDocument, leadingServices } from '../../src/feed/leading.js';
import { parseFeed } from '../../src/feed/parse-feed.js';
import { fictionalService } from '../helpers/services.js';

// A large feed's first services, read from the start of its bytes (src/feed/leading.ts).

const services = (count: number, from = 0) => Array.from({ length: count }, (_, i) => fictionalService(`s-${from + i}`, i));
const encode = (text: string) => new TextEncoder().encode(text);
/** The first `chars` characters of a feed's JSON: a start cut anywhere, as a file's first bytes are. */
const startOf = (doc: unknown, chars: number) => JSON.stringify(doc, null, 1).slice(0, chars);

describe('leadingDocument: the records a feed starts with', () => {
  it('a native feed: its first whole records, with what came before them; a record cut at the end is left out', () => {
    const feed = { version: 1, title: 'Fictional [feed] "one"', services: services(60) };
    const text = startOf(feed, 5000);
    const doc = leadingDocument(text, 100) as { version: number; title: string; services: unknown[] };
    expect(doc.version).to.equal(1);
    expect(doc.title).to.equal(feed.title);
    expect(doc.services.length).to.be.within(20, 59);
    expect(doc.services).to.deep.equal(feed.services.slice(0, doc.services.length));
    // The next record began before the cut.
    expect(text).to.include(`"s-${doc.services.length}"`);
  });

  it('at most `max` records; strings holding brackets, braces and escaped quotes do not end a record', () => {
    const tricky = services(40).map((s, i) => ({ ...s, description: `a ] } [ { "quoted \\" \\\\" ${i}` }));
    const doc = leadingDocument(JSON.stringify([...tricky, ...services(10, 40)]), 25) as unknown[];
    expect(doc).to.deep.equal(tricky.slice(0, 25));
  });

  it('GeoJSON features after "type": "FeatureCollection"', () => {
    const features = services(80).map((s) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [s.lng, s.lat] }, properties: { name: s.name } }));
    const doc = leadingDocument(startOf({ type: 'FeatureCollection', name: 'Fictional', features }, 9000), 50) as { features: unknown[] };
    expect(doc).to.include({ type: 'FeatureCollection', name: 'Fictional' });
    expect(doc.features).to.deep.equal(features.slice(0, doc.features.length));
  });

  const cannotTell: [string, unknown, number?][] = [
    ['the whole array is in the start', { version: 1, services: services(30) }],
    ['fewer than 20 records in the start', { version: 1, services: services(100) }, 2000],
    ['"version" comes after "services" (it might be HSDS)', { services: services(60), version: 1 }],
    ['no "version"', { title: 'Fictional', services: services(60) }],
    ['"type" comes after "features"', { features: services(60), type: 'FeatureCollection' }],
    ['an HSDS page key before the records', { version: 1, total_items: 60, services: services(60) }],
    ['records under another key', { version: 1, data: services(60) }],
    ['a long value before the records', { version: 1, description: 'x'.repeat(20_000), services: services(60) }],
  ];
  for (const [what, doc, chars = 6000] of cannotTell) {
    it(`undefined when ${what}`, () => {
      expect(leadingDocument(startOf(doc, chars), 100)).to.equal(undefined);
    });
  }

  it('undefined when a key repeats before the records (JSON keeps the last one)', () => {
    const text = `{"version": 1, "version": 2, "services": ${JSON.stringify(services(60))}`.slice(0, 6000);
    expect(leadingDocument(text, 100)).to.equal(undefined);
  });
});

describe('leadingServices: the first services, as the whole feed gives them', () => {
  it("native records with a skipped one and repeated ids: the whole result's first services", async () => {
    const records: unknown[] = services(3000);
    records[2] = { id: 'no-name-or-place' };
    records[7] = { ...(records[4] as object), name: 'Example Service renamed (fictional)' };
    records[9] = records[5];
    const bytes = encode(JSON.stringify({ version: 1, services: records }));
    const first = leadingServices(bytes.subarray(0, 200_000), {}, 300)!;
    const whole = await parseFeed(bytes);
    expect(first.length).to.equal(300);
    expect(first).to.deep.equal(whole.services.slice(0, 300));
    expect(first.map((s) => s.id).slice(5, 8)).to.deep.equal(['s-6', 's-4~2', 's-8']);
  });

  it('GeoJSON and a bare array: the same as the whole feed', async () => {
    const features = services(500).map((s) => ({
      type: 'Feature',
      id: s.id,
      geometry: { type: 'Point', coordinates: [s.lng, s.lat] },
      properties: { name: s.name, types: 'naloxone' },
    }));
    for (const doc of [{ type: 'FeatureCollection', features }, services(500)]) {
      const bytes = encode(JSON.stringify(doc));
      const first = leadingServices(bytes.subarray(0, 20_000), {}, 1000)!;
      expect(first.length).to.be.above(20);
      expect(first).to.deep.equal((await parseFeed(bytes)).services.slice(0, first.length));
    }
  });

  it('undefined when no record in the start has an id: ids by place, unless a later one has one', () => {
    const records = services(500).map(({ id: _, ...rest }) => rest);
    expect(leadingServices(encode(JSON.stringify({ version: 1, services: records })).subarray(0, 20_000), {}, 1000)).to.equal(undefined);
  });

  it('undefined for bytes that are not UTF-8, CSV, HSDS or a field map naming the records', () => {
    const native = encode(JSON.stringify({ version: 1, services: services(500) })).subarray(0, 20_000);
    const latin = Uint8Array.from([...encode('[{"id": "a", "name": "Cl'), 0xed, ...encode('nica (fictional)"},')]);
    const padded = new Uint8Array(20_000).fill(0x20);
    padded.set(latin);
    expect(leadingServices(padded, {}, 1000)).to.equal(undefined);
    expect(leadingServices(native, { format: 'csv' }, 1000)).to.equal(undefined);
    expect(leadingServices(native, { format: 'hsds' }, 1000)).to.equal(undefined);
    expect(leadingServices(native, { fieldMap: { records: 'services' } }, 1000)).to.equal(undefined);
    expect(leadingServices(native, {}, 1000)?.length).to.be.above(20);
  });
});
