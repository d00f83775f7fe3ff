import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../src/index.js';
import type { NaloxoneFinder } from '../src/naloxone-finder.js';
import type { NfServiceList } from '../src/components/nf-service-list/nf-service-list.js';
import type { StringOverrides } from '../src/i18n/localize.js';
import { feedAt, feedUrl } from './helpers/services.js';
import { errorsDuring } from './helpers/console.js';

/** Properties a partner's script sets to what an attribute would not give: the list keeps working. */

// Fictional services north of (0, 0), each with a phone and a street.
const FEED = feedAt([4, 1, 9, 2, 6], (i) => ({ phone: `555-010${i}`, address: { street: `${i + 1} Example Street` } }));
const OTHER = feedAt([3, 7], (i) => ({ name: `Example Other Service ${i} (fictional)` }));

const list = (el: NaloxoneFinder) => el.shadowRoot!.querySelector<NfServiceList>('nf-service-list')!;
const items = (el: NaloxoneFinder) => [...list(el).shadowRoot!.querySelectorAll('li[part="item"]')];
const names = (el: NaloxoneFinder) => items(el).map((li) => li.querySelector('[part="name"]')!.textContent);
const directions = (el: NaloxoneFinder) => list(el).shadowRoot!.querySelector<HTMLAnchorElement>('[part="actions"] a[href*="maps"]')?.href;

async function finder(template: ReturnType<typeof html>) {
  const el = await fixture<NaloxoneFinder>(template);
  await waitUntil(() => list(el)?.shadowRoot?.querySelector('li'), 'the list never rendered', { timeout: 5000 });
  await settled(el);
  return el;
}

async function settled(el: NaloxoneFinder) {
  await el.updateComplete;
  await list(el).updateComplete;
}

describe('<naloxone-finder> properties set from script', () => {
  it('takes an attribute taken away as its default, reads numbers and dates given as text, and reports what it cannot use, the list still working', async () => {
    const el = await finder(
      html`<naloxone-finder
        src=${feedUrl(FEED)}
        latitude="0"
        longitude="0"
        units="km"
        limit="2"
        map="off"
        directions-url="https://maps.example.org/?q={lat},{lng}"
      ></naloxone-finder>`,
    );
    expect(directions(el)).to.match(/^https:\/\/maps\.example\.org\//);
    const { errors } = await errorsDuring(async () => {
      el.removeAttribute('directions-url');
      el.placeRegion = 5 as unknown as string;
      el.now = '2026-06-01T12:00:00Z' as unknown as Date;
      await settled(el);
      el.reportUrl = {} as unknown as string;
      el.strings = { showMore: 'Show more', typeLabels: null } as unknown as StringOverrides;
      await settled(el);
    });
    expect(errors).to.deep.equal([
      // The number was read as its text, then checked as the attribute's is.
      'naloxone-finder: place-region="5" is not a state, province or country code (such as PA, BC or US), so it is not used.',
      'naloxone-finder: reportUrl must be text; the default is used.',
      'naloxone-finder: strings.showMore is not a function; the default is used.',
      'naloxone-finder: strings.typeLabels is not a group of strings; the default is used.',
    ]);
    expect(directions(el), 'the default directions').to.match(/^https:\/\/www\.google\.com\/maps\/dir\//);
    expect([el.placeRegion, el.now?.toISOString(), el.reportUrl]).to.deep.equal(['5', '2026-06-01T12:00:00.000Z', undefined]);
    expect(names(el)).to.deep.equal(['Example Service s1 (fictional)', 'Example Service s3 (fictional)']);
    const more = list(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="show-more"]')!;
    expect(more.textContent!.trim()).to.equal('Show 2 more');
    more.click();
    await settled(el);
    expect(items(el), '"Show more" still works').to.have.length(4);
    // And a new feed still shows.
    el.src = feedUrl(OTHER);
    await waitUntil(() => names(el)[0] === 'Example Other Service 0 (fictional)', 'the next feed never showed', { timeout: 5000 });
    const late = await errorsDuring(async () => {
      el.now = 'tomorrow' as unknown as Date;
      await settled(el);
    });
    expect(late.errors).to.deep.equal(['naloxone-finder: now="tomorrow" is not a date; the real time is used.']);
    expect(el.now).to.equal(undefined);
  });

  it('loads no map tiles when tile-url is taken away, rather than asking the default host', async () => {
    const el = await finder(
      html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="https://tiles.example.org/{z}/{x}/{y}.png"></naloxone-finder>`,
    );
    const map = el.shadowRoot!.querySelector('nf-map')!;
    await map.updateComplete;
    const tiles = () => map.shadowRoot!.querySelectorAll('.leaflet-tile-pane img').length + map.shadowRoot!.querySelectorAll('.leaflet-layer').length;
    expect(tiles(), 'the partner tiles are asked for').to.be.greaterThan(0);
    el.removeAttribute('tile-url');
    await settled(el);
    await map.updateComplete;
    expect(tiles(), 'no tile layer at all').to.equal(0);
  });

  it('has no starting point when latitude is taken away or not a number, never (0, 0)', async () => {
    const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="1" longitude="0" units="km" radius="none" map="off"></naloxone-finder>`);
    const distances = () => list(el).shadowRoot!.querySelectorAll('[part="distance"]').length;
    expect(distances()).to.equal(5);
    el.latitude = null as unknown as number;
    await settled(el);
    expect(el.latitude).to.equal(undefined);
    expect(distances(), 'no distances from a point nobody gave').to.equal(0);
    const { errors } = await errorsDuring(async () => {
      el.latitude = 'north' as unknown as number;
      await settled(el);
      el.setAttribute('longitude', 'west');
      await settled(el);
    });
    expect(errors).to.deep.equal([
      'naloxone-finder: latitude="north" is not a number; it is ignored.',
      'naloxone-finder: longitude="west" is not a number; it is ignored.',
    ]);
    expect(distances()).to.equal(0);
    el.latitude = '0.5' as unknown as number;
    el.longitude = 0;
    await settled(el);
    expect(el.latitude, 'a number given as text').to.equal(0.5);
    expect(distances()).to.equal(5);
  });
});

describe('<naloxone-finder> taken off the page while its feed loads', () => {
  afterEach(() => executeServerCommand('hold', { off: true }));

  it('stops loading and fires nothing while away; put back, it loads; moved at once, it loads once', async () => {
    // The fixture's fictional feed, held back as a slow server would.
    await executeServerCommand('hold', { pattern: '*/test/fixtures/fictional-feed.json*', delayMs: 1200 });
    const place = await fixture<HTMLDivElement>(html`<div></div>`);
    const loads: number[] = [];
    const el = document.createElement('naloxone-finder');
    el.setAttribute('map', 'off');
    el.addEventListener('nf-feed-load', (e) => loads.push(e.detail.count));
    el.src = '/test/fixtures/fictional-feed.json?away';
    place.append(el);
    await new Promise((r) => setTimeout(r, 150));
    el.remove();
    await new Promise((r) => setTimeout(r, 2000));
    expect(loads, 'nothing fired while away').to.deep.equal([]);
    place.append(el);
    await waitUntil(() => loads.length === 1, 'never loaded once back', { timeout: 5000 });
    await waitUntil(() => list(el)?.shadowRoot?.querySelector('li'), 'no list once back', { timeout: 5000 });

    // A move (out and in within one task) keeps the load going.
    const moved = document.createElement('naloxone-finder');
    const movedLoads: number[] = [];
    moved.setAttribute('map', 'off');
    moved.addEventListener('nf-feed-load', (e) => movedLoads.push(e.detail.count));
    moved.src = '/test/fixtures/fictional-feed.json?moved';
    place.append(moved);
    await new Promise((r) => setTimeout(r, 150));
    const other = document.createElement('div');
    place.append(other);
    other.append(moved);
    await waitUntil(() => movedLoads.length === 1, 'the moved finder never loaded', { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 300));
    expect(movedLoads).to.have.length(1);
  });
});
