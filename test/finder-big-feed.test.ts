import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/index.js';
import type { NaloxoneFinder } from '../src/naloxone-finder.js';
import type { Service } from '../src/types.js';
import { WORKER_MEASURE } from '../src/feed/worker-client.js';
import { fictionalService, KM_PER_DEGREE } from './helpers/services.js';
import { errorsDuring } from './helpers/console.js';

// <naloxone-finder> with feeds over the worker threshold and over the size limit (max-feed-mb).

/**
 * A fictional feed on a line north of (0, 0), `padding` characters of description per service;
 * the last 100 also offer sterile syringes.
 */
function bigFeedUrl(count: number, padding: number) {
  const services = Array.from({ length: count }, (_, i) =>
    fictionalService(`big-${i}`, (count - i) / 2, {
      description: 'x'.repeat(padding),
      types: i < count - 100 ? ['naloxone'] : ['naloxone', 'syringe-services'],
    }),
  );
  const blob = new Blob([JSON.stringify({ version: 1, services })], { type: 'application/json' });
  return { url: URL.createObjectURL(blob), bytes: blob.size };
}

const shown = (el: NaloxoneFinder) => el.shadowRoot!.querySelector('nf-service-list')?.shadowRoot?.querySelectorAll('[part="name"]') ?? [];
const listOf = (el: NaloxoneFinder) => el.shadowRoot!.querySelector('nf-service-list');
const summary = (el: NaloxoneFinder) => listOf(el)?.shadowRoot?.querySelector('[part="summary"]')?.textContent?.trim();

/** What the list showed at each frame until the feed loaded (or failed), and that outcome's time. */
function framesUntilLoad(el: NaloxoneFinder) {
  const frames: { names: string[]; summary?: string; showMore: boolean; pane: boolean; map: boolean }[] = [];
  let over = false;
  const loaded = new Promise<string>((resolve) => {
    el.addEventListener('nf-feed-load', () => resolve('load'), { once: true });
    el.addEventListener('nf-feed-error', () => resolve('error'), { once: true });
  }).then((outcome) => {
    over = true;
    return outcome;
  });
  const tick = () => {
    if (over) return;
    frames.push({
      names: [...shown(el)].map((n) => n.textContent!.trim()),
      summary: summary(el),
      showMore: !!listOf(el)?.shadowRoot?.querySelector('[part="show-more"]'),
      pane: !!el.shadowRoot!.querySelector('.panes.with-map .map-pane'),
      map: !!el.shadowRoot!.querySelector('nf-map'),
    });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return { frames, loaded, loading: () => !over };
}

type Frame = ReturnType<typeof framesUntilLoad>['frames'][number];

/** Frames with a list item: the early page's, before the feed loaded. */
const earlyFrames = (frames: Frame[]) => frames.filter((f) => f.names.length);

/** Frames with any list at all, even an empty one: none while the finder waits for the whole feed. */
const listFrames = (frames: Frame[]) => frames.filter((f) => f.names.length || f.summary !== undefined);

/** Asserts an early page showed, in every frame the same page, said to be loading, with no map. */
function expectEarlyPage(frames: Frame[], names: string[], label = 'frames with the early page before the feed loaded') {
  const early = earlyFrames(frames);
  expect(early.length, label).to.be.above(0);
  for (const frame of early) expect(frame).to.deep.equal({ names, summary: 'Loading services…', showMore: false, pane: false, map: false });
}

const errorText = (el: NaloxoneFinder) => el.shadowRoot!.querySelector('[part="error"]')?.textContent?.trim();

describe('<naloxone-finder> with large feeds', function () {
  this.timeout(60_000);
  // 12,500 services of about 2.1 kB each (descriptions under the 2,000-character cap): a 25 MB feed, over the default 20 MB limit.
  let big: { url: string; bytes: number };
  before(() => {
    big = bigFeedUrl(12_500, 1990);
    expect(big.bytes).to.be.within(25 * 1024 * 1024, 27 * 1024 * 1024);
  });
  after(() => URL.revokeObjectURL(big.url));

  it('refuses a 25 MB feed with the default limit, saying which limit', async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${big.url} map="off"></naloxone-finder>`);
    await waitUntil(() => errorText(el), 'no error shown', { timeout: 20_000 });
    expect(errorText(el)).to.equal('The list of services could not be loaded: the file is larger than the 20 MB limit.');
  });

  it('names the raised limit when the feed is larger still', async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${big.url} max-feed-mb="24" map="off"></naloxone-finder>`);
    await waitUntil(() => errorText(el), 'no error shown', { timeout: 20_000 });
    expect(errorText(el)).to.equal('The list of services could not be loaded: the file is larger than the 24 MB limit.');
  });

  it('lists the services of a 25 MB feed with max-feed-mb="30", read in the worker', async () => {
    const before = performance.getEntriesByName(WORKER_MEASURE).length;
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${big.url} max-feed-mb="30" latitude="0" longitude="0" map="off"></naloxone-finder>`);
    expect(el.maxFeedMb).to.equal(30);
    // Not the early page: the whole feed's.
    await waitUntil(() => shown(el).length && summary(el) !== 'Loading services…', 'the list never showed', { timeout: 50_000 });
    expect(errorText(el)).to.equal(undefined);
    // Nearest first: the last services of the feed are the nearest.
    expect([...shown(el)].slice(0, 3).map((n) => n.textContent!.trim())).to.deep.equal([
      'Example Service big-12499 (fictional)',
      'Example Service big-12498 (fictional)',
      'Example Service big-12497 (fictional)',
    ]);
    const reads = performance.getEntriesByName(WORKER_MEASURE) as PerformanceMeasure[];
    expect(reads.length, 'read in the worker').to.equal(before + 1);
    // Its Content-Length is over the worker threshold: the page handed the body on as a Blob, unread.
    expect(reads.at(-1)!.detail).to.deep.equal({ bytes: big.bytes, blob: true, services: 12_500 });
  });

  it('shows the first page while the rest of a large feed is read, then counts it, keeping the list and its focus', async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder max-feed-mb="30" map="off"></naloxone-finder>`);
    const { frames, loaded } = framesUntilLoad(el);
    el.src = big.url;
    // The early page: the feed's first 20 services (no origin: feed order), said to be loading.
    await waitUntil(() => shown(el).length, 'no list while the feed was read', { timeout: 50_000 });
    const firstPage = Array.from({ length: 20 }, (_, i) => `Example Service big-${i} (fictional)`);
    const list = listOf(el)!;
    const heading = list.shadowRoot!.querySelector<HTMLElement>('li[part="item"] .heading')!;
    heading.focus();
    expect(await loaded).to.equal('load');
    expectEarlyPage(frames, firstPage);
    // The whole feed: the same page, counted, with more to show; the same list, its focus kept.
    await waitUntil(() => summary(el) !== 'Loading services…', 'the list still says it is loading');
    await el.updateComplete;
    expect([...shown(el)].map((n) => n.textContent!.trim())).to.deep.equal(firstPage);
    expect(summary(el)).to.equal('Showing 20 of 12,500 services');
    expect(listOf(el)).to.equal(list);
    expect(list.shadowRoot!.activeElement?.textContent?.trim()).to.equal(heading.textContent?.trim());
    expect(list.shadowRoot!.querySelector('[part="show-more"]')).to.not.equal(null);
  });

  it('with a map, shows the early page beside an empty map pane; the map comes with the whole feed', async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder max-feed-mb="30" tile-url="none"></naloxone-finder>`);
    const { frames, loaded } = framesUntilLoad(el);
    el.src = big.url;
    expect(await loaded).to.equal('load');
    const early = earlyFrames(frames);
    expect(early.length, 'frames with the early page').to.be.above(0);
    // The map's pane keeps its place beside the list (no shift when the map comes), empty.
    expect(early.filter((f) => !f.pane || f.map)).to.deep.equal([]);
    await waitUntil(() => el.shadowRoot!.querySelector('.map-pane nf-map'), 'no map once the feed loaded');
  });

  it("sorted from the partner's place, shows the nearest page while the rest is read, keeping the list", async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder max-feed-mb="30" latitude="0" longitude="0" units="km" map="off"></naloxone-finder>`);
    const { frames, loaded } = framesUntilLoad(el);
    el.src = big.url;
    await waitUntil(() => shown(el).length, 'no list while the feed was read', { timeout: 50_000 });
    const list = listOf(el)!;
    expect(await loaded).to.equal('load');
    // Nearest first: the feed's last services are the nearest to (0, 0).
    const nearestPage = Array.from({ length: 20 }, (_, i) => `Example Service big-${12_499 - i} (fictional)`);
    expectEarlyPage(frames, nearestPage);
    await waitUntil(() => summary(el) !== 'Loading services…', 'the list still says it is loading');
    await el.updateComplete;
    expect([...shown(el)].map((n) => n.textContent!.trim())).to.deep.equal(nearestPage);
    expect(listOf(el)).to.equal(list);
    // The distances are the whole feed's too: big-12499 is 0.5 km from (0, 0).
    expect(list.shadowRoot!.querySelector('[part="distance"]')?.textContent?.trim()).to.equal('0.5 km');
  });

  it('drops the early page when the place changes before the feed is read, and waits for the whole feed', async () => {
    // No radius: the preview's services would fill a page from anywhere.
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder max-feed-mb="30" latitude="0" longitude="0" radius="none" map="off"></naloxone-finder>`);
    const { frames, loaded, loading } = framesUntilLoad(el);
    el.src = big.url;
    await waitUntil(() => shown(el).length, 'no list while the feed was read', { timeout: 50_000 });
    // Near the feed's first services: the preview was taken nearest (0, 0), not here.
    el.latitude = 57;
    await el.updateComplete;
    expect(loading(), 'the feed was still being read').to.equal(true);
    const changed = frames.length;
    expect(await loaded).to.equal('load');
    expect(listFrames(frames.slice(changed))).to.deep.equal([]);
    await waitUntil(() => shown(el).length, 'the list never showed');
    expect(shown(el)[0].textContent!.trim()).to.equal('Example Service big-0 (fictional)');
  });

  it('shows the nearest page beyond the radius early, with the note that says so', async () => {
    // The feed's first service is the nearest to 57° N, about 88 km away.
    const el = await fixture<NaloxoneFinder>(
      html`<naloxone-finder max-feed-mb="30" latitude="57" longitude="0" radius="5" units="km" map="off"></naloxone-finder>`,
    );
    const { frames, loaded, loading } = framesUntilLoad(el);
    el.src = big.url;
    await waitUntil(() => shown(el).length, 'no list while the feed was read', { timeout: 50_000 });
    const note = () => el.shadowRoot!.querySelector('[part="radius-note"]')?.textContent;
    expect(loading(), 'the feed was still being read').to.equal(true);
    expect(note()).to.match(/^Nothing within 5.0 km/);
    expect(await loaded).to.equal('load');
    const page = Array.from({ length: 20 }, (_, i) => `Example Service big-${i} (fictional)`);
    for (const frame of earlyFrames(frames)) expect(frame.names).to.deep.equal(page);
    await waitUntil(() => summary(el) !== 'Loading services…', 'the list still says it is loading');
    expect([...shown(el)].map((n) => n.textContent!.trim())).to.deep.equal(page);
    expect(note()).to.match(/^Nothing within 5.0 km/);
  });

  it('lists a radius shorter than a page early, when the services read first hold all within it', async () => {
    // 0.5 km apart: two within 1.2 km of (0, 0), and no service without a position.
    const el = await fixture<NaloxoneFinder>(
      html`<naloxone-finder max-feed-mb="30" latitude="0" longitude="0" radius="1.2" units="km" map="off"></naloxone-finder>`,
    );
    const { frames, loaded } = framesUntilLoad(el);
    el.src = big.url;
    expect(await loaded).to.equal('load');
    const page = ['Example Service big-12499 (fictional)', 'Example Service big-12498 (fictional)'];
    expectEarlyPage(frames, page, 'frames with the early page');
    await waitUntil(() => summary(el) !== 'Loading services…', 'the list still says it is loading');
    expect([...shown(el)].map((n) => n.textContent!.trim())).to.deep.equal(page);
  });

  it('waits for the whole feed when the radius reaches past the services read first', async () => {
    // 295 km up the line: the 1,000 nearest lie within about 250 km, and hold ten of the syringe
    // services (0.5–50 km up); all hundred lie within the 400 km radius.
    const el = await fixture<NaloxoneFinder>(
      html`<naloxone-finder
        max-feed-mb="30"
        latitude=${295 / KM_PER_DEGREE}
        longitude="0"
        radius="400"
        units="km"
        types="syringe-services"
        map="off"
      ></naloxone-finder>`,
    );
    const { frames, loaded } = framesUntilLoad(el);
    el.src = big.url;
    expect(await loaded).to.equal('load');
    expect(frames.length, 'frames watched').to.be.above(10);
    // No list at all until then: the loading note alone.
    expect(listFrames(frames)).to.deep.equal([]);
    await waitUntil(() => shown(el).length, 'the list never showed');
    expect(shown(el).length).to.equal(20);
    expect(shown(el)[0].textContent!.trim()).to.equal('Example Service big-12400 (fictional)');
  });

  it('waits for the whole feed when a page shorter than the limit would leave out services without a position', async () => {
    // 3,000 services (2.7 MB, read in the worker): 1,900 north of (0, 0), 1 km apart, then 1,100
    // without a position, too many for the preview. A 2.5 km radius holds two: the page lists
    // them, then those without a position.
    const services = Array.from({ length: 3000 }, (_, i) => {
      const service: Partial<Service> = fictionalService(`u-${i}`, i + 1, { description: 'x'.repeat(800) });
      if (i >= 1900) delete service.lat;
      return service;
    });
    const url = URL.createObjectURL(new Blob([JSON.stringify({ version: 1, services })], { type: 'application/json' }));
    try {
      const el = await fixture<NaloxoneFinder>(html`<naloxone-finder latitude="0" longitude="0" radius="2.5" units="km" map="off"></naloxone-finder>`);
      const { frames, loaded } = framesUntilLoad(el);
      el.src = url;
      expect(await loaded).to.equal('load');
      expect(listFrames(frames)).to.deep.equal([]);
      await waitUntil(() => shown(el).length, 'the list never showed');
      const ids = [0, 1, ...Array.from({ length: 18 }, (_, i) => 1900 + i)];
      expect([...shown(el)].map((n) => n.textContent!.trim())).to.deep.equal(ids.map((i) => `Example Service u-${i} (fictional)`));
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it('waits for the whole feed when the nearest services are mostly temporarily closed', async () => {
    // 3,000 services (2.7 MB, read in the worker) north of (0, 0); of the 1,500 nearest, all but
    // the nearest five are temporarily closed, so open ones farther out come before them.
    const services = Array.from({ length: 3000 }, (_, i) =>
      fictionalService(`c-${i}`, i + 1, { description: 'x'.repeat(800), ...(i >= 5 && i < 1500 ? { status: 'temporarily-closed' as const } : {}) }),
    );
    const url = URL.createObjectURL(new Blob([JSON.stringify({ version: 1, services })], { type: 'application/json' }));
    try {
      const el = await fixture<NaloxoneFinder>(html`<naloxone-finder latitude="0" longitude="0" radius="none" map="off"></naloxone-finder>`);
      const { frames, loaded } = framesUntilLoad(el);
      el.src = url;
      expect(await loaded).to.equal('load');
      expect(listFrames(frames)).to.deep.equal([]);
      await waitUntil(() => shown(el).length, 'the list never showed');
      const ids = [0, 1, 2, 3, 4, ...Array.from({ length: 15 }, (_, i) => 1500 + i)];
      expect([...shown(el)].map((n) => n.textContent!.trim())).to.deep.equal(ids.map((i) => `Example Service c-${i} (fictional)`));
    } finally {
      URL.revokeObjectURL(url);
    }
  });

  it("waits for the whole feed when its first services do not fill a page of the partner's types", async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder max-feed-mb="30" types="syringe-services" map="off"></naloxone-finder>`);
    const { frames, loaded } = framesUntilLoad(el);
    el.src = big.url;
    expect(await loaded).to.equal('load');
    expect(listFrames(frames)).to.deep.equal([]);
    await waitUntil(() => summary(el), 'the list never showed');
    expect(summary(el)).to.equal('Showing 20 of 100 services');
  });

  for (const value of ['abc', '0', '-5', '']) {
    it(`reports max-feed-mb="${value}" in the console and keeps the 20 MB default`, async () => {
      const { errors, result: el } = await errorsDuring(() =>
        fixture<NaloxoneFinder>(html`<naloxone-finder max-feed-mb=${value} map="off"></naloxone-finder>`),
      );
      expect(el.maxFeedMb).to.equal(20);
      expect(errors).to.deep.equal([`naloxone-finder: max-feed-mb="${value}" is not a positive number of megabytes; using 20.`]);
    });
  }
});
