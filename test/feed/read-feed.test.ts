import { expect, waitUntil } from '@open-wc/testing';
import { readFeed, WORKER_ABOVE_BYTES } from '../../src/feed/read-feed.js';
import { WORKER_MEASURE } from '../../src/feed/worker-client.js';
import { LEADING_SERVICES } from '../../src/feed/leading.js';
import { PARSE_FIRST_CHARS } from '../../src/feed/nearest-in-text.js';
import { loadFeed, FeedLoadError } from '../../src/feed/load-feed.js';
import { loadLastGoodFeed } from '../../src/feed/feed-cache.js';
import { indexFor, ServiceIndex } from '../../src/query/spatial-index.js';
import { readFieldMap } from '../../src/feed/field-map.js';
import { PREVIEW_SERVICES, type FeedResult } from '../../src/feed/parse-feed.js';
import { distanceKm, isLocated } from '../../src/geo/distance.js';
import type { LatLng, Service } from '../../src/types.js';
import { fictionalService } from '../helpers/services.js';

// The feed worker (src/feed/feed-worker.ts) against the page's path: same fixtures, same results.

const ON_PAGE = { workerAboveBytes: Infinity };
const IN_WORKER = { workerAboveBytes: 0 };

/** Services in a generated feed over the worker threshold (about 2.2 MB). */
const BIG = 18_000;

const workerReads = () => performance.getEntriesByName(WORKER_MEASURE).length;
/** What the last worker read measured: bytes, services, and whether it was handed a Blob. */
const lastWorkerRead = () =>
  (performance.getEntriesByName(WORKER_MEASURE).at(-1) as PerformanceMeasure).detail as { bytes: number; blob: boolean; services: number };

/** Counts the page's reads of Blobs while `run` runs. */
async function blobReadsDuring(run: () => Promise<unknown>) {
  const arrayBuffer = Blob.prototype.arrayBuffer;
  let reads = 0;
  Blob.prototype.arrayBuffer = function (this: Blob) {
    reads++;
    return arrayBuffer.call(this);
  };
  try {
    await run();
  } finally {
    Blob.prototype.arrayBuffer = arrayBuffer;
  }
  return reads;
}

async function bytesOf(path: string) {
  const response = await fetch(path);
  return { bytes: new Uint8Array(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? '' };
}

/** Reads one fixture both ways; fresh bytes each time, since the worker takes them over. */
async function bothWays(path: string, options: Parameters<typeof readFeed>[2] = {}) {
  const page = await readFeed(...(Object.values(await bytesOf(path)) as [Uint8Array, string]), { ...options, ...ON_PAGE }).catch((e: unknown) => e);
  const before = workerReads();
  const worker = await readFeed(...(Object.values(await bytesOf(path)) as [Uint8Array, string]), { ...options, ...IN_WORKER }).catch((e: unknown) => e);
  const errored = worker instanceof Error;
  // An error is reported before anything is measured; a result always leaves its measure.
  expect(workerReads(), 'read in the worker').to.equal(before + (errored ? 0 : 1));
  return { page, worker };
}

/** A fictional native feed of `count` services near (0, 0), `padding` characters of description each. */
function bigFeed(count: number, padding = 0) {
  const services = Array.from({ length: count }, (_, i) =>
    fictionalService(`big-${i}`, (i * 7919) % 5000, { lng: ((i * 104729) % 3600) / 1000, ...(padding ? { description: 'x'.repeat(padding) } : {}) }),
  );
  return new TextEncoder().encode(JSON.stringify({ version: 1, title: 'Big fictional feed', services }));
}

describe('readFeed: the feed worker gives what the page gives', () => {
  const fixtures: [string, string, Parameters<typeof readFeed>[2]?][] = [
    ['native', '/test/fixtures/fictional-feed.json'],
    ['native with skipped records and warnings', '/test/fixtures/cli/bad-record-feed.json'],
    ['native, a second feed', '/test/fixtures/cli/good-feed.json'],
    ['GeoJSON', '/test/fixtures/cli/sites.geojson'],
    ['CSV, Windows-1252', '/test/fixtures/cli/windows-1252.csv'],
    ['HSDS 3.0 services', '/test/fixtures/hsds/services-3.0.json'],
    ['HSDS paged', '/test/fixtures/hsds/page-1-of-2.json'],
    ['HSDS organization', '/test/fixtures/hsds/organization.json'],
  ];
  for (const [label, path, options] of fixtures) {
    it(`${label}: same services, skipped, warnings, order, format and title`, async () => {
      const { page, worker } = await bothWays(path, options);
      expect((page as FeedResult).services.length, 'the fixture has services').to.be.greaterThan(0);
      expect(worker).to.deep.equal(page);
    });
  }

  it('CSV with a field map: same services and type mapping', async () => {
    const fieldMap = readFieldMap(await (await fetch('/test/fixtures/cli/partner-field-map.json')).text());
    const { page, worker } = await bothWays('/test/fixtures/cli/partner-aliases.csv', { fieldMap, defaultTypes: ['naloxone'] });
    expect((page as FeedResult).services.length).to.be.greaterThan(0);
    expect(worker).to.deep.equal(page);
  });

  it('broken JSON: the same error, with where it is broken', async () => {
    const { page, worker } = await bothWays('/test/fixtures/cli/not-a-feed.html');
    expect(page).to.be.instanceOf(Error);
    expect(worker).to.be.instanceOf((page as Error).constructor);
    expect((worker as Error).message).to.equal((page as Error).message);
  });

  it('no valid records: the same error class, message and every skipped record', async () => {
    const bad = JSON.stringify({ version: 1, services: [{ id: 'a' }, { name: 'B (fictional)' }, 7] });
    const read = (options: object) => readFeed(new TextEncoder().encode(bad), 'application/json', options).catch((e: unknown) => e);
    const page = await read(ON_PAGE);
    const worker = await read(IN_WORKER);
    expect(page).to.have.property('name', 'FeedNoValidRecordsError');
    expect(worker).to.be.instanceOf((page as Error).constructor);
    expect(worker).to.deep.include({ message: (page as Error).message, skipped: (page as { skipped: unknown }).skipped });
  });

  it(`the early preview: the first ${PREVIEW_SERVICES} services as the result has them, both ways; the worker's result is the page's`, async () => {
    // A skipped record, a duplicate id (renamed) and an exact duplicate (shown once) among the
    // first services, and another duplicate id well after them.
    const services: unknown[] = Array.from({ length: 3500 }, (_, i) => fictionalService(`p-${i}`, i));
    services[3] = { id: 'no-name-or-place' };
    services[10] = { ...(services[5] as object), name: 'Example Service renamed (fictional)' };
    services[12] = services[6];
    services[2100] = { ...(services[5] as object), name: 'Example Service renamed again (fictional)' };
    const bytes = () => new TextEncoder().encode(JSON.stringify({ version: 1, services }));
    const results: FeedResult[] = [];
    for (const way of [ON_PAGE, IN_WORKER]) {
      const previews: Service[][] = [];
      const result = await readFeed(bytes(), 'application/json', { ...way, onPreview: (first) => previews.push(first) });
      // The worker sends the first services from the file's start first (leading.ts).
      expect(previews.map((p) => p.length)).to.deep.equal(way === ON_PAGE ? [PREVIEW_SERVICES] : [LEADING_SERVICES, PREVIEW_SERVICES]);
      expect(result.services.length).to.equal(3498);
      for (const preview of previews) expect(preview).to.deep.equal(result.services.slice(0, preview.length));
      expect(previews[0].map((s) => s.id).slice(8, 12)).to.deep.equal(['p-9', 'p-5~2', 'p-11', 'p-13']);
      expect(result.services[2098].id).to.equal('p-5~3');
      results.push(result);
    }
    expect(results[0].warnings.filter((w) => /duplicate/.test(w.reason)).map((w) => w.index)).to.deep.equal([10, 12, 2100]);
    expect(results[1]).to.deep.equal(results[0]);
  });

  it("in feed order, the worker's preview comes from the file's start, before the rest is parsed: a file broken at its end still gives it", async () => {
    const text = JSON.stringify({ version: 1, services: Array.from({ length: 3500 }, (_, i) => fictionalService(`p-${i}`, i)) });
    const whole = await readFeed(new TextEncoder().encode(text), 'application/json', ON_PAGE);
    // Broken at its end: the records array is never closed.
    const broken = () => new TextEncoder().encode(`${text.slice(0, -2)},}`);
    for (const [way, count] of [
      [ON_PAGE, 0],
      [IN_WORKER, 1],
    ] as const) {
      const previews: Service[][] = [];
      const error = await readFeed(broken(), 'application/json', { ...way, onPreview: (first) => previews.push(first) }).catch((e: unknown) => e);
      expect(error).to.have.property('name', 'FeedJsonError');
      expect(previews.length, 'previews').to.equal(count);
    }
    // And where the file is whole, the worker's previews are the result's start, as the page's.
    const previews: Service[][] = [];
    const result = await readFeed(new TextEncoder().encode(text), 'application/json', { ...IN_WORKER, onPreview: (first) => previews.push(first) });
    expect(result).to.deep.equal(whole);
    expect(previews.map((p) => p.length)).to.deep.equal([LEADING_SERVICES, PREVIEW_SERVICES]);
    for (const preview of previews) expect(preview).to.deep.equal(whole.services.slice(0, preview.length));
  });

  it("the worker's preview waits for the whole file when the records its start holds are all skipped", async () => {
    const records = [...Array.from({ length: 2500 }, (_, i) => ({ id: `bad-${i}` })), ...Array.from({ length: 2000 }, (_, i) => fictionalService(`p-${i}`, i))];
    const previews: Service[][] = [];
    const result = await readFeed(new TextEncoder().encode(JSON.stringify({ version: 1, services: records })), 'application/json', {
      ...IN_WORKER,
      onPreview: (first) => previews.push(first),
    });
    // None from the start: its records (the first 2,500) were all skipped.
    expect(previews.map((p) => p.length)).to.deep.equal([PREVIEW_SERVICES]);
    expect(previews[0]).to.deep.equal(result.services.slice(0, PREVIEW_SERVICES));
  });

  describe(`the nearest preview (previewFrom): every service nearer than withinKm, as the result has them`, () => {
    const from = { lat: 0, lng: 0 };
    /** 3,500 fictional records, each at its own distance from (0, 0): 0.5 km to 3,499.5 km, not in feed order. */
    type Rec = { id?: unknown; lat?: unknown; lng?: unknown } & Record<string, unknown>;
    const records = () => Array.from({ length: 3500 }, (_, i): Rec => ({ ...fictionalService(`n-${i}`, ((i * 7919) % 3500) + 0.5) }));
    const kmOf = (record: Rec) => distanceKm(from, record as unknown as LatLng);
    const read = async (services: unknown[], way: object) => {
      const previews: { services: Service[]; withinKm?: number; unplaced?: boolean }[] = [];
      const bytes = new TextEncoder().encode(JSON.stringify({ version: 1, services }));
      const result = await readFeed(bytes, 'application/json', {
        ...way,
        previewFrom: from,
        onPreview: (first, nearest) => previews.push({ services: first, ...nearest }),
      });
      // In the worker, the nearest 200 from the text before it is parsed (nearest-in-text.ts), then the 1,000.
      expect(previews.length, 'previews').to.equal(way === IN_WORKER ? 2 : 1);
      for (const { services: shown, withinKm = NaN, unplaced } of previews) {
        expect(shown, 'the result’s services nearer than withinKm (and without a position, when unplaced), in feed order').to.deep.equal(
          result.services.filter((s) => (isLocated(s) ? distanceKm(from, s) < withinKm : unplaced)),
        );
      }
      const last = previews.at(-1)!;
      return { result, ...last, withinKm: last.withinKm ?? NaN, first: previews[0] };
    };

    it('a feed of unique ids: the 1,000 nearest records, less those skipped; the same both ways', async () => {
      const services = records();
      const nearest = services.map(kmOf).sort((a, b) => a - b);
      const near = services.findIndex((r) => kmOf(r) < 100);
      services[near] = { id: 'no-name', lat: 0.1, lng: 0 };
      // Read with the very normaliser the result uses: a decimal comma, in text.
      const comma = services.findIndex((r, i) => i !== near && kmOf(r) < 100);
      services[comma] = { ...services[comma], lat: String(services[comma].lat).replace('.', ',') };
      services.push({ id: 'no-position', name: 'Example without a place (fictional)', types: ['naloxone'] });
      const page = await read(services, ON_PAGE);
      expect(page.withinKm, 'the 1,001st nearest record').to.equal(nearest[PREVIEW_SERVICES]);
      expect(page.unplaced, 'the one without a position is in the preview').to.equal(true);
      expect(page.services.length, 'the nearest 1,000 but the one skipped, and the one without a position').to.equal(PREVIEW_SERVICES);
      expect(page.services.map((s) => s.id)).to.include(services[comma].id as string);
      const worker = await read(services, IN_WORKER);
      expect(worker.first.withinKm, 'the 201st nearest record').to.equal(nearest[LEADING_SERVICES]);
      expect(worker.first.services.length, 'the nearest 200 but the one skipped, and the one without a position').to.equal(LEADING_SERVICES);
      expect(worker.first.services.map((s) => s.id)).to.include(services[comma].id as string);
      expect(worker.services).to.deep.equal(page.services);
      expect(worker.withinKm).to.equal(page.withinKm);
      expect(worker.result).to.deep.equal(page.result);
    });

    it(`a feed over ${PARSE_FIRST_CHARS} characters: its nearest 200 found in the text (not parsed first), the same both ways`, async () => {
      // Long enough text (each description just under its limit), and some records the scan
      // must parse whole: an alias, a position in text.
      const services = records().map((r): Rec => ({
        ...r,
        description: `Fictional example. ${'x'.repeat(1960)}`,
        accessibility: 'y'.repeat(290),
      }));
      const near = services
        .map(kmOf)
        .map((km, i) => [km, i])
        .sort((a, b) => a[0] - b[0]);
      const [aliased, texted] = [near[3][1], near[5][1]];
      services[aliased] = { ...services[aliased], latitude: services[aliased].lat, lat: undefined };
      services[texted] = { ...services[texted], lat: String(services[texted].lat) };
      expect(JSON.stringify({ version: 1, services }).length).to.be.above(PARSE_FIRST_CHARS);
      const worker = await read(services, IN_WORKER);
      const page = await read(services, ON_PAGE);
      expect(worker.first.withinKm, 'the 201st nearest record').to.equal(near[LEADING_SERVICES][0]);
      expect(worker.first.services.map((s) => s.id)).to.include.members([services[aliased].id, services[texted].id]);
      expect(worker.services).to.deep.equal(page.services);
      expect(worker.result).to.deep.equal(page.result);
    });

    it('repeated ids: only services nearer than any record whose id is in doubt', async () => {
      const services = records();
      const at = (km: number) => services.findIndex((r) => Math.abs(kmOf(r) - km) < 0.01);
      // A repeated id at 300.5 km (renamed in the result), an exact duplicate of the record at
      // 600.5 km (in place of the one at 400.5 km) and an id shaped like a renamed one at
      // 200.5 km: the preview stops at the nearest of them.
      services[at(300.5)] = { ...services[at(800.5)], name: 'Example, same id (fictional)', lat: services[at(300.5)].lat };
      services[at(400.5)] = services[at(600.5)];
      services[at(200.5)] = { ...services[at(200.5)], id: 'n-7~2' };
      // Two without a position, one with a repeated id: neither is in the preview.
      services.push({ id: 'n-9', name: 'Example without a place (fictional)', types: ['naloxone'] });
      services.push({ id: 'unplaced', name: 'Example without a place (fictional)', types: ['naloxone'] });
      for (const way of [ON_PAGE, IN_WORKER]) {
        const { result, services: nearest, withinKm, unplaced } = await read(services, way);
        expect(withinKm).to.equal(kmOf(services[at(200.5)]));
        expect(unplaced).to.equal(false);
        expect(nearest.length, 'every record nearer than 200.5 km').to.equal(200);
        expect(result.warnings.filter((w) => /duplicate/.test(w.reason)).length, 'renamed and shown once, in the result').to.equal(3);
      }
    });
  });

  it(`no preview for a feed of ${PREVIEW_SERVICES} services or fewer: its result is as soon`, async () => {
    const bytes = () =>
      new TextEncoder().encode(JSON.stringify({ version: 1, services: Array.from({ length: PREVIEW_SERVICES }, (_, i) => fictionalService(`p-${i}`, i)) }));
    for (const way of [ON_PAGE, IN_WORKER]) {
      let previews = 0;
      const result = await readFeed(bytes(), 'application/json', { ...way, onPreview: () => previews++ });
      expect(result.services.length).to.equal(PREVIEW_SERVICES);
      expect(previews).to.equal(0);
    }
  });

  it('sorted from a place, text over the limits: the same FeedLimitError, whatever came early', async () => {
    const services = Array.from({ length: 400 }, (_, i) => fictionalService(`l-${i}`, i + 0.5));
    const text = JSON.stringify({ version: 1, services }).replace(/}$/, `, "x": ${'['.repeat(300)}${']'.repeat(300)}}`);
    const read = (way: object) =>
      readFeed(new TextEncoder().encode(text), 'application/json', { ...way, previewFrom: { lat: 0, lng: 0 }, onPreview: () => undefined }).catch(
        (e: unknown) => e as Error,
      );
    const page = (await read(ON_PAGE)) as Error;
    const worker = (await read(IN_WORKER)) as Error;
    expect(page.name).to.equal('FeedLimitError');
    expect([worker.name, worker.message]).to.deep.equal([page.name, page.message]);
  });

  it('truncated JSON: the same FeedJsonError detail', async () => {
    const text = '{"version": 1, "services": [{"id": "a", "name": "A (fictional)"';
    const read = (options: object) => readFeed(new TextEncoder().encode(text), 'application/json', options).catch((e: unknown) => e);
    const page = (await read(ON_PAGE)) as FeedLoadError;
    const worker = (await read(IN_WORKER)) as FeedLoadError;
    expect(page.name).to.equal('FeedJsonError');
    expect(worker.name).to.equal('FeedJsonError');
    expect(worker.detail).to.equal(page.detail);
  });
});

describe('readFeed: large feeds', function () {
  this.timeout(60_000);

  it(`sends a feed over ${WORKER_ABOVE_BYTES / 1024 / 1024} MiB to the worker by default, and a small one never`, async () => {
    const small = await bytesOf('/test/fixtures/fictional-feed.json');
    let before = workerReads();
    await readFeed(small.bytes, small.contentType);
    expect(workerReads(), 'a small feed stays on the page').to.equal(before);

    const bytes = bigFeed(BIG);
    expect(bytes.byteLength).to.be.greaterThan(WORKER_ABOVE_BYTES);
    before = workerReads();
    const result = await readFeed(bytes, 'application/json');
    expect(workerReads(), 'read in the worker').to.equal(before + 1);
    expect(result.services).to.have.length(BIG);
    expect(result.services.map((s) => s.id).slice(0, 3)).to.deep.equal(['big-0', 'big-1', 'big-2']);
    expect(result.services[BIG - 1].id).to.equal(`big-${BIG - 1}`);
    expect(bytes.byteLength, "the page keeps no copy of the worker's bytes").to.equal(0);
  });

  it('hands a Blob to the worker unread, and it gives what the same bytes give on the page', async () => {
    const bytes = bigFeed(BIG);
    const blob = new Blob([bytes], { type: 'application/json' });
    const before = workerReads();
    let fromBlob: FeedResult | undefined;
    const pageReads = await blobReadsDuring(async () => (fromBlob = await readFeed(blob, 'application/json')));
    expect(pageReads, 'Blob reads on the page').to.equal(0);
    expect(workerReads(), 'read in the worker').to.equal(before + 1);
    expect(lastWorkerRead()).to.deep.equal({ bytes: blob.size, blob: true, services: BIG });
    const onPage = await readFeed(bytes, 'application/json', ON_PAGE);
    expect(fromBlob!.services).to.deep.equal(onPage.services);
    expect(fromBlob!.title).to.equal('Big fictional feed');
  });

  it("adopts the worker's index: no index is built on the page, and it finds the same nearest services as one built here", async () => {
    const worker = await readFeed(bigFeed(BIG), 'application/json', IN_WORKER);
    const page = await readFeed(bigFeed(BIG), 'application/json', ON_PAGE);
    const build = ServiceIndex.build;
    let built = 0;
    ServiceIndex.build = (services) => {
      built++;
      return build.call(ServiceIndex, services);
    };
    let adopted: ServiceIndex;
    try {
      adopted = indexFor(worker.services);
    } finally {
      ServiceIndex.build = build;
    }
    expect(built, 'indexes built on the page').to.equal(0);
    const here = ServiceIndex.build(page.services);
    for (const origin of [
      { lat: 0, lng: 0 },
      { lat: 20, lng: 1.5 },
      { lat: -3, lng: 179 },
    ]) {
      const all = () => true;
      const even = (row: number) => row % 2 === 0;
      expect(adopted.nearest(origin, 25, all)).to.deep.equal(here.nearest(origin, 25, all));
      expect(adopted.nearest(origin, 10, even, 500)).to.deep.equal(here.nearest(origin, 10, even, 500));
      expect(adopted.countWithin(origin, 1000, all)).to.equal(here.countWithin(origin, 1000, all));
    }
  });
});

describe('loadFeed with the worker', function () {
  this.timeout(60_000);
  const original = window.fetch;
  const SRC = '/test/fictional-big-feed.json';
  afterEach(async () => {
    window.fetch = original;
    await caches.delete('naloxone-finder-v1');
    localStorage.clear();
  });

  it('the worker saves the last good copy itself: the page never writes to Cache Storage', async () => {
    const body = bigFeed(BIG);
    const size = body.byteLength;
    window.fetch = async () => new Response(body.slice(), { headers: { 'content-type': 'application/json' } });
    const put = Cache.prototype.put;
    let pagePuts = 0;
    Cache.prototype.put = function (...args: Parameters<Cache['put']>) {
      pagePuts++;
      return put.apply(this, args);
    };
    try {
      const feed = await loadFeed(SRC);
      expect(feed.services).to.have.length(BIG);
      await waitUntil(() => loadLastGoodFeed(SRC), 'the worker never saved the copy', { timeout: 10_000 });
      expect((await loadLastGoodFeed(SRC))!.bytes.byteLength).to.equal(size);
    } finally {
      Cache.prototype.put = put;
    }
    expect(pagePuts, 'writes to Cache Storage from the page').to.equal(0);
  });

  it('the worker saves a feed that came as a Blob from the Blob itself: the copy has the same bytes', async () => {
    const body = bigFeed(BIG);
    window.fetch = async () => new Response(body.slice(), { headers: { 'content-type': 'application/json', 'content-length': String(body.byteLength) } });
    expect((await loadFeed(SRC)).services).to.have.length(BIG);
    expect(lastWorkerRead().blob, 'the worker was handed a Blob').to.equal(true);
    await waitUntil(() => loadLastGoodFeed(SRC), 'the worker never saved the copy', { timeout: 10_000 });
    const saved = (await loadLastGoodFeed(SRC))!.bytes;
    expect(saved.byteLength).to.equal(body.byteLength);
    expect(
      saved.findIndex((byte, i) => byte !== body[i]),
      'the first byte that differs',
    ).to.equal(-1);
  });

  it('a feed whose Content-Length is over the threshold reaches the worker as a Blob; one without, as bytes', async () => {
    const body = bigFeed(BIG);
    const headers = { 'content-type': 'application/json' };
    window.fetch = async () => new Response(body.slice(), { headers: { ...headers, 'content-length': String(body.byteLength) } });
    const pageReads = await blobReadsDuring(async () => expect((await loadFeed(SRC)).services).to.have.length(BIG));
    expect(pageReads, 'Blob reads on the page').to.equal(0);
    expect(lastWorkerRead()).to.deep.equal({ bytes: body.byteLength, blob: true, services: BIG });
    window.fetch = async () => new Response(body.slice(), { headers });
    expect((await loadFeed(SRC)).services).to.have.length(BIG);
    expect(lastWorkerRead()).to.deep.equal({ bytes: body.byteLength, blob: false, services: BIG });
  });

  it('starts the worker while a large feed downloads, and ends it when the feed is not used', async () => {
    const body = bigFeed(BIG);
    const Original = window.Worker;
    const started: Worker[] = [];
    const ended = new Set<Worker>();
    window.Worker = class extends Original {
      constructor(...args: ConstructorParameters<typeof Worker>) {
        super(...args);
        started.push(this);
      }

      override terminate() {
        ended.add(this);
        super.terminate();
      }
    };
    try {
      // Headers at once, the body only when the test sends it.
      let send = (_bytes: Uint8Array) => undefined as void;
      window.fetch = async () =>
        new Response(new ReadableStream<Uint8Array>({ start: (c) => void (send = (bytes) => (c.enqueue(bytes), c.close())) }), {
          headers: { 'content-type': 'application/json', 'content-length': String(body.byteLength) },
        });
      const loading = loadFeed(SRC);
      await waitUntil(() => started.length === 1, 'no worker started while the body was on its way', { timeout: 10_000 });
      send(body.slice());
      expect((await loading).services).to.have.length(BIG);
      expect(started, 'that worker read it: no second one').to.have.length(1);
      expect(lastWorkerRead()).to.deep.equal({ bytes: body.byteLength, blob: true, services: BIG });

      // Declared small enough, but larger once received: refused, and the worker started for it ended.
      window.fetch = async () =>
        new Response(body.slice(), { headers: { 'content-type': 'application/json', 'content-length': String(WORKER_ABOVE_BYTES + 1) } });
      const error = await loadFeed('/test/fictional-big-feed-2.json', { maxBytes: body.byteLength - 1 }).catch((e: unknown) => e);
      expect((error as FeedLoadError).kind).to.equal('too-large');
      // It may still be starting as the error comes: ended once it has started.
      await waitUntil(() => started.length === 2 && ended.has(started[1]), 'the unused worker was never ended');
      expect(started).to.have.length(2);
    } finally {
      window.Worker = Original;
    }
  });

  it('stops cleanly when loading is aborted while a large feed downloads: no unhandled rejection, no word of blocked workers', async () => {
    const body = bigFeed(BIG);
    const unhandled: unknown[] = [];
    const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
    window.addEventListener('unhandledrejection', onUnhandled);
    const info = console.info;
    const said: string[] = [];
    console.info = (...args: unknown[]) => said.push(args.join(' '));
    try {
      // Headers at once; the body never comes.
      window.fetch = async (_input, init) =>
        new Response(
          new ReadableStream<Uint8Array>({
            start: (c) => init?.signal?.addEventListener('abort', () => c.error(init.signal!.reason)),
          }),
          { headers: { 'content-type': 'application/json', 'content-length': String(body.byteLength) } },
        );
      const controller = new AbortController();
      const loading = loadFeed('/test/fictional-big-feed-3.json', { signal: controller.signal }).catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 50));
      controller.abort();
      const error = await loading;
      expect((error as FeedLoadError).kind).to.equal('aborted');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(unhandled, 'unhandled rejections').to.deep.equal([]);
      expect(said, 'console.info').to.deep.equal([]);
    } finally {
      window.removeEventListener('unhandledrejection', onUnhandled);
      console.info = info;
    }
  });

  it('reads a large last good copy in the worker when a refresh fails', async () => {
    const body = bigFeed(BIG);
    window.fetch = async () => new Response(body.slice(), { headers: { 'content-type': 'application/json' } });
    await loadFeed(SRC);
    await waitUntil(() => loadLastGoodFeed(SRC), 'the worker never saved the copy', { timeout: 10_000 });
    window.fetch = async () => new Response('Not Found', { status: 404 });
    const before = workerReads();
    let stale: Awaited<ReturnType<typeof loadFeed>> | undefined;
    const pageReads = await blobReadsDuring(async () => (stale = await loadFeed(SRC)));
    expect(stale!.services).to.have.length(BIG);
    expect(stale!.refreshError?.kind).to.equal('http');
    expect(workerReads()).to.equal(before + 1);
    // The copy went from Cache Storage to the worker as a Blob, never read on the page.
    expect(pageReads, 'Blob reads on the page').to.equal(0);
    expect(lastWorkerRead()).to.deep.equal({ bytes: body.byteLength, blob: true, services: BIG });
  });

  it('accepts a 25 MB feed with maxBytes above it, and refuses it as too-large below', async () => {
    const body = bigFeed(10_000, 2500);
    expect(body.byteLength).to.be.within(25 * 1024 * 1024, 27 * 1024 * 1024);
    window.fetch = async () => new Response(body.slice(), { headers: { 'content-type': 'application/json' } });
    const error = await loadFeed(SRC, { maxBytes: 20 * 1024 * 1024 }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(FeedLoadError);
    expect((error as FeedLoadError).kind).to.equal('too-large');
    const feed = await loadFeed(SRC, { maxBytes: 30 * 1024 * 1024 });
    expect(feed.services).to.have.length(10_000);
  });
});

describe('readFeed without workers, and aborted', function () {
  this.timeout(60_000);

  it('reads a large feed on the page where Worker is missing, and says so in the console once', async () => {
    const worker = window.Worker;
    const info = console.info;
    const said: string[] = [];
    console.info = (...args: unknown[]) => said.push(args.join(' '));
    (window as { Worker?: unknown }).Worker = undefined;
    const before = workerReads();
    try {
      const first = await readFeed(bigFeed(BIG), 'application/json');
      const second = await readFeed(bigFeed(BIG), 'application/json');
      expect(first.services).to.have.length(BIG);
      expect(second.services).to.have.length(BIG);
    } finally {
      window.Worker = worker;
      console.info = info;
    }
    expect(workerReads(), 'read in a worker').to.equal(before);
    expect(said).to.deep.equal([
      "naloxone-finder: the feed is parsed on the page because workers are blocked or unavailable here (this browser has no Worker). It still works; allowing workers from this site (CSP worker-src 'self', and the Trusted Types policy name naloxone-finder where Trusted Types are enforced) keeps the page responsive while large feeds load.",
    ]);
  });

  it('reads a Blob on the page where Worker is missing', async () => {
    const worker = window.Worker;
    const info = console.info;
    console.info = () => undefined;
    (window as { Worker?: unknown }).Worker = undefined;
    const before = workerReads();
    try {
      const result = await readFeed(new Blob([bigFeed(BIG)]), 'application/json');
      expect(result.services).to.have.length(BIG);
      expect(result.services[BIG - 1].id).to.equal(`big-${BIG - 1}`);
    } finally {
      window.Worker = worker;
      console.info = info;
    }
    expect(workerReads(), 'read in a worker').to.equal(before);
  });

  for (const when of ['at once', 'while the worker starts or reads']) {
    it(`rejects with the abort reason when loading is aborted ${when}`, async () => {
      const controller = new AbortController();
      const reading = readFeed(bigFeed(BIG), 'application/json', { signal: controller.signal }).catch((e: unknown) => e);
      if (when !== 'at once') await new Promise((resolve) => setTimeout(resolve));
      controller.abort(new DOMException('Loading was stopped', 'AbortError'));
      const error = await reading;
      expect(error).to.be.instanceOf(DOMException);
      expect((error as DOMException).name).to.equal('AbortError');
    });
  }
});
