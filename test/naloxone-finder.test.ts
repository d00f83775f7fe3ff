import { ifDefined } from 'lit/directives/if-defined.js';
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../src/index.js';
import type { NaloxoneFinder } from '../src/naloxone-finder.js';
import type { NfServiceList } from '../src/components/nf-service-list/nf-service-list.js';
import type { NfMap } from '../src/components/nf-map/nf-map.js';
import { feedAt, feedUrl, KM_PER_DEGREE } from './helpers/services.js';
import { press, stubGeolocation } from './helpers/geolocation.js';
import { errorsDuring } from './helpers/console.js';
import { sendKeys } from '@web/test-runner-commands';

// Five fictional services north of (0, 0), given out of order.
const FEED = feedAt([4, 1, 9, 2, 6]);
const list = (el: NaloxoneFinder) => el.shadowRoot!.querySelector<NfServiceList>('nf-service-list')!;
const mapEl = (el: NaloxoneFinder) => el.shadowRoot!.querySelector<NfMap>('nf-map');
const names = (el: NaloxoneFinder) => [...list(el).shadowRoot!.querySelectorAll('[part="name"]')].map((b) => b.textContent!.trim());
const ids = (el: NaloxoneFinder) => names(el).map((n) => /Service (\w+)/.exec(n)?.[1] ?? n);
/** What each listed result's marker should be named: its name, street and the distance the list shows. */
/** What the map's numbered markers say for the listed services: "1. Name, street, 0.6 mi". */
const markerLabels = (el: NaloxoneFinder) =>
  [...list(el).shadowRoot!.querySelectorAll('li[part="item"]')].map(
    (li, i) =>
      `${i + 1}. ${[
        li.querySelector('[part="name"]')!.textContent,
        li.querySelector('address')?.firstChild?.textContent,
        li.querySelector('[part="distance"]')?.textContent,
      ]
        .filter(Boolean)
        .join(', ')}`,
  );
const text = (el: NaloxoneFinder) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

async function loaded(el: NaloxoneFinder) {
  await el.updateComplete;
  await waitUntil(() => list(el)?.shadowRoot?.querySelector('ol, p'), 'the list never rendered', { timeout: 5000 });
  await list(el).updateComplete;
  await mapEl(el)?.updateComplete;
  return el;
}

async function finder(template: ReturnType<typeof html>) {
  return loaded(await fixture<NaloxoneFinder>(template));
}

describe('<naloxone-finder>', () => {
  afterEach(async () => {
    await caches.delete('naloxone-finder-v1');
    localStorage.clear();
  });

  it('is defined, loads the feed and lists services nearest first from the default origin', async () => {
    const el = await finder(
      html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" units="km" origin-label="the test origin"></naloxone-finder>`,
    );
    expect(el).to.be.instanceOf(customElements.get('naloxone-finder'));
    expect(ids(el)).to.deep.equal(['s1', 's3', 's0', 's4', 's2']);
    const distances = [...list(el).shadowRoot!.querySelectorAll('[part="distance"]')].map((d) => d.textContent);
    expect(distances).to.deep.equal(['1.0 km', '2.0 km', '4.0 km', '6.0 km', '9.0 km']);
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal('Nearest first from the test origin.');
  });

  it('fires nf-feed-load with the count, and the skipped records with index and reason', async () => {
    const feed = { version: 1, services: [...FEED.services, { id: 'bad', lat: 1, lng: 1 }] };
    const el = document.createElement('naloxone-finder');
    const event = oneEvent(el, 'nf-feed-load');
    el.src = feedUrl(feed);
    document.body.append(el);
    const { detail } = await event;
    expect(detail.count).to.equal(5);
    expect(detail.skipped).to.deep.equal([{ index: 5, id: 'bad', reason: '"name" is missing' }]);
    el.remove();
  });

  it('shows the loading state in words', async () => {
    const original = window.fetch;
    let release!: (r: Response) => void;
    window.fetch = () => new Promise((resolve) => (release = resolve));
    try {
      const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src="/pending.json" map="off"></naloxone-finder>`);
      expect(text(el)).to.contain('Loading services…');
      release(new Response(JSON.stringify(FEED)));
      await loaded(el);
      expect(names(el)).to.have.length(5);
    } finally {
      window.fetch = original;
    }
  });

  it('says what failed: an HTTP error, with nf-feed-error detail', async () => {
    const el = document.createElement('naloxone-finder');
    const event = oneEvent(el, 'nf-feed-error');
    el.src = '/test/fixtures/no-such-feed.json';
    el.map = 'off';
    document.body.append(el);
    const { detail } = await event;
    expect(detail).to.include({ kind: 'http', status: 404, src: '/test/fixtures/no-such-feed.json' });
    await el.updateComplete;
    const alert = el.shadowRoot!.querySelector('[part="error"]')!;
    expect(alert.textContent).to.equal('The list of services could not be loaded: the server answered 404 Not Found.');
    el.remove();
  });

  it('says what failed: a network error', async () => {
    const el = document.createElement('naloxone-finder');
    const event = oneEvent(el, 'nf-feed-error');
    el.src = 'http://127.0.0.1:9/feed.json';
    document.body.append(el);
    const { detail } = await event;
    expect(detail.kind).to.equal('network');
    expect(detail.status).to.equal(undefined);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('the network request failed');
    el.remove();
  });

  it('offers "Try again" after a network failure, with naloxone by mail meanwhile; the keyboard focus stays while it loads', async () => {
    const original = window.fetch;
    let down = true;
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      if (down) throw new TypeError('Failed to fetch');
      return original(...args);
    };
    try {
      const el = document.createElement('naloxone-finder');
      const failed = oneEvent(el, 'nf-feed-error');
      el.src = feedUrl(FEED);
      el.map = 'off';
      el.cacheDays = 0;
      el.mailUrl = 'https://example.org/order';
      el.mailLabel = 'Order free naloxone by mail (fictional)';
      document.body.append(el);
      await failed;
      await el.updateComplete;
      const root = el.shadowRoot!;
      expect(root.querySelector('[part="error"]')!.textContent).to.contain('the network request failed');
      const card = root.querySelector('[part="by-mail"]')!;
      expect([...card.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal([
        ['Order free naloxone by mail (fictional) (opens in a new tab)', 'https://example.org/order'],
      ]);
      const button = root.querySelector<HTMLButtonElement>('[part="retry-button"]')!;
      expect(button.textContent).to.equal('Try again');
      down = false;
      button.focus();
      await sendKeys({ press: 'Enter' });
      await loaded(el);
      expect(names(el)).to.have.length(5);
      expect(root.querySelector('[part="error"]')).to.equal(null);
      expect(root.querySelector('[part="retry-button"]')).to.equal(null);
      // Not dropped to <body> when the button went: on the results' box, so Tab goes on into the list.
      expect(document.activeElement).to.equal(el);
      expect(root.activeElement?.className).to.equal('results');
      el.remove();
    } finally {
      window.fetch = original;
    }
  });

  it('offers no "Try again" when the file itself cannot be read: another try gets the same file', async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${feedUrl({ version: 1, services: [{ id: 'x' }] })} map="off"></naloxone-finder>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="error"]'), 'no error shown');
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('none of its 1 record could be read');
    expect(el.shadowRoot!.querySelector('[part="retry-button"]')).to.equal(null);
  });

  it('says what failed: an HTML page instead of a feed (the parser\u2019s English detail goes to the page\u2019s developers, not the visitor)', async () => {
    const el = document.createElement('naloxone-finder');
    const event = oneEvent(el, 'nf-feed-error');
    el.src = URL.createObjectURL(new Blob(['<!doctype html><title>Not found</title>'], { type: 'text/html' }));
    document.body.append(el);
    const { detail } = await event;
    expect(detail.kind).to.equal('format');
    expect(detail.message).to.equal(
      'received an HTML page, not a feed (it starts "<!doctype html><title>Not found</title>"). Check that the address points at the data file.',
    );
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal(
      'The list of services could not be read: the file is not in a form this page understands. Please let the website’s team know.',
    );
    el.remove();
  });

  it('says what failed: broken JSON', async () => {
    const el = document.createElement('naloxone-finder');
    const event = oneEvent(el, 'nf-feed-error');
    el.src = URL.createObjectURL(new Blob(['{"version": 1, "services": [']));
    document.body.append(el);
    const { detail } = await event;
    expect(detail.kind).to.equal('json');
    expect(detail.message).to.contain('line 1, column 29: the text ends inside a list ([) that is never closed');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal(
      'The list of services could not be read: the file is damaged or cut short. Please let the website’s team know.',
    );
    el.remove();
  });

  it('says what failed: a field map that is not JSON', async () => {
    const el = document.createElement('naloxone-finder');
    const event = oneEvent(el, 'nf-feed-error');
    el.setAttribute('field-map', '{name: PHARMACY}');
    el.src = feedUrl(FEED);
    document.body.append(el);
    const { detail } = await event;
    expect(detail.kind).to.equal('format');
    expect(detail.message).to.match(/^"field-map" is not valid JSON/);
    el.remove();
  });

  it('reads CSV and GeoJSON feeds, with a field map and default types', async () => {
    const csv = 'PHARMACY NAME,Y,X\nExample Pharmacy Far (fictional),0.05,0\nExample Pharmacy Near (fictional),0.01,0\n';
    const el = await finder(
      html`<naloxone-finder
        src=${URL.createObjectURL(new Blob([csv]))}
        field-map='{"name": "PHARMACY NAME"}'
        default-types="naloxone"
        latitude="0"
        longitude="0"
        map="off"
      ></naloxone-finder>`,
    );
    expect(names(el)).to.deep.equal(['Example Pharmacy Near (fictional)', 'Example Pharmacy Far (fictional)']);
    expect(list(el).shadowRoot!.querySelector('.types')!.textContent!.trim()).to.equal('Naloxone');
    const geojson = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [0, 0.02] }, properties: { name: 'Example Site (fictional)' } }],
    };
    const event = oneEvent(el, 'nf-feed-load');
    el.removeAttribute('field-map');
    el.src = feedUrl(geojson);
    expect((await event).detail).to.include({ count: 1, format: 'geojson' });
    await loaded(el);
    expect(names(el)).to.deep.equal(['Example Site (fictional)']);
  });

  it('shows the last good copy, dated, when a refresh fails, and still reports the error', async () => {
    const src = '/test/fixtures/fictional-feed.json';
    const first = await finder(html`<naloxone-finder src=${src} latitude="0" longitude="0" map="off"></naloxone-finder>`);
    expect(names(first)).to.have.length(3);
    await new Promise((r) => setTimeout(r, 50)); // the copy is saved in the background
    first.remove();
    const original = window.fetch;
    window.fetch = async () => new Response('Not Found', { status: 404, statusText: 'Not Found' });
    try {
      const el = document.createElement('naloxone-finder');
      Object.assign(el, { src, latitude: 0, longitude: 0, map: 'off' });
      const error = oneEvent(el, 'nf-feed-error');
      const load = oneEvent(el, 'nf-feed-load');
      document.body.append(el);
      expect((await error).detail).to.include({ kind: 'http', status: 404 });
      expect((await load).detail.staleSince, 'the day only, no time').to.match(/^\d{4}-\d{2}-\d{2}$/);
      await loaded(el);
      expect(names(el)).to.have.length(3);
      expect(el.shadowRoot!.querySelector('[part="stale"]')!.textContent).to.match(/^Could not refresh the list; showing data from .+\.$/);
      el.remove();
    } finally {
      window.fetch = original;
    }
  });

  it('with cache-days="0" keeps no copy, so a failed refresh shows the error', async () => {
    const src = '/test/fixtures/fictional-feed.json';
    const first = await finder(html`<naloxone-finder src=${src} cache-days="0" map="off"></naloxone-finder>`);
    expect(names(first)).to.have.length(3);
    await new Promise((r) => setTimeout(r, 50));
    first.remove();
    expect((await caches.has('naloxone-finder-v1')) && (await (await caches.open('naloxone-finder-v1')).keys()).length).to.not.be.ok;
    const original = window.fetch;
    window.fetch = async () => new Response('Not Found', { status: 404, statusText: 'Not Found' });
    try {
      const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${src} cache-days="0" map="off"></naloxone-finder>`);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="error"]'));
      expect(el.shadowRoot!.querySelector('[part="stale"]')).to.equal(null);
    } finally {
      window.fetch = original;
    }
  });

  describe('attributes a typo must not turn into wrong distances or an empty list', () => {
    const distances = (el: NaloxoneFinder) => [...list(el).shadowRoot!.querySelectorAll('[part="distance"]')].map((d) => d.textContent);

    it('reads units="MI" as miles, and reports units="miles" and uses the language\'s units rather than print "miles" after kilometres', async () => {
      const upper = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" units="MI" lang="fr" map="off"></naloxone-finder>`);
      expect(distances(upper)[0]).to.match(/ mi$/);
      const { errors, result: el } = await errorsDuring(() =>
        finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" units="miles" lang="fr" map="off"></naloxone-finder>`),
      );
      expect(errors).to.deep.equal([`naloxone-finder: units="miles" is neither km nor mi, so distances use the page language's units.`]);
      expect(distances(el)[0]).to.equal('1,0 km');
    });

    it("reads types, filters and units set as properties in their attributes' text, as a page script without types would", async () => {
      const mixed = feedAt([1, 2, 3], (i) => ({ types: i === 1 ? ['drop-in'] : ['naloxone'], cost: i === 2 ? 'free' : undefined }));
      const el = document.createElement('naloxone-finder');
      Object.assign(el, { src: feedUrl(mixed), latitude: 0, longitude: 0, map: 'off' });
      document.body.append(el);
      try {
        await loaded(el);
        Object.assign(el, { types: 'naloxone, drop-in', filters: 'free', units: 'MI' });
        await loaded(el);
        expect(ids(el)).to.deep.equal(['s2']);
        expect(distances(el)).to.deep.equal(['1.9 mi']);
        Object.assign(el, { types: 'drop-in', filters: '' });
        await loaded(el);
        expect(ids(el)).to.deep.equal(['s1']);
      } finally {
        el.remove();
      }
    });

    it('reports a place-region that is not a state, province or country code, and takes one in any case', async () => {
      for (const [value, reported] of [
        ['Pennsylvania', true],
        ['ZZZ', true],
        ['QQ', true],
        ['pa', false],
        [' BC ', false],
        ['de', false],
      ] as const) {
        const { errors } = await errorsDuring(() => finder(html`<naloxone-finder src=${feedUrl(FEED)} place-region=${value} map="off"></naloxone-finder>`));
        expect(errors, value).to.deep.equal(
          reported ? [`naloxone-finder: place-region="${value}" is not a state, province or country code (such as PA, BC or US), so it is not used.`] : [],
        );
      }
    });

    for (const value of ['abc', '0', '-3', '2.5']) {
      it(`reports limit="${value}" and lists the default 20 (not "Show NaN more")`, async () => {
        const { errors, result: el } = await errorsDuring(() =>
          finder(html`<naloxone-finder src=${feedUrl(FEED)} limit=${value} map="off"></naloxone-finder>`),
        );
        expect(el.limit).to.equal(20);
        expect(names(el)).to.have.length(5);
        expect(errors).to.deep.equal([`naloxone-finder: limit="${value}" is not a whole number 1 or more; using 20.`]);
      });
    }

    it('reports stale-after="x" and format="xml", and loads with the defaults (365 days; the format detected)', async () => {
      const { errors, result: el } = await errorsDuring(() =>
        finder(html`<naloxone-finder src=${feedUrl(FEED)} stale-after="x" format="xml" map="off"></naloxone-finder>`),
      );
      expect(el.staleAfter).to.equal(365);
      expect(el.format).to.equal('auto');
      expect(names(el)).to.have.length(5);
      expect(errors).to.deep.equal([
        'naloxone-finder: stale-after="x" is not a number 0 or more; using 365.',
        'naloxone-finder: format="xml" is not auto, json, native, geojson, csv or hsds; detecting the format from the content.',
      ]);
    });

    it('reports zoom="abc" and draws the map at the default zoom, with every listed marker', async () => {
      const { errors, result: el } = await errorsDuring(() =>
        finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" zoom="abc" tile-url="none"></naloxone-finder>`),
      );
      expect(errors).to.deep.equal([`naloxone-finder: zoom="abc" is not a number 0 or more; using 15.`]);
      expect(el.zoom).to.equal(15);
      await waitUntil(() => mapEl(el)?.shadowRoot?.querySelectorAll('.nf-marker').length === 5, 'the map never drew its markers', { timeout: 5000 });
    });
  });

  for (const value of ['abc', '0', '-5', '']) {
    it(`reports timeout="${value}" in the console and loads with the default 15 s`, async () => {
      const { errors, result: el } = await errorsDuring(() =>
        finder(html`<naloxone-finder src=${feedUrl(FEED)} timeout=${value} map="off"></naloxone-finder>`),
      );
      expect(el.timeout).to.equal(15);
      expect(names(el)).to.have.length(5);
      expect(errors).to.deep.equal([`naloxone-finder: timeout="${value}" is not a positive number of seconds; using 15.`]);
    });
  }

  it('does not pass off a feed whose every record was rejected as an empty list', async () => {
    const bad = { version: 1, services: [{ id: 'a' }, { id: 'b', types: ['naloxone'], lat: 0, lng: 0 }] };
    const el = document.createElement('naloxone-finder');
    Object.assign(el, { src: feedUrl(bad), map: 'off' });
    const error = oneEvent(el, 'nf-feed-error');
    document.body.append(el);
    try {
      const { detail } = await error;
      expect(detail.kind).to.equal('no-valid-records');
      expect(detail.skipped!.map((r: { id?: string }) => r.id)).to.deep.equal(['a', 'b']);
      await el.updateComplete;
      await waitUntil(() => el.shadowRoot!.querySelector('[part="error"]'));
      expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal(
        "The list of services could not be shown: none of its 2 records could be read. Please let the website's team know.",
      );
      expect(el.shadowRoot!.textContent).not.to.contain('This list has no services yet');
    } finally {
      el.remove();
    }
  });

  it('says a feed whose every service is marked closed is so, not that its records could not be read', async () => {
    const closed = (id: string) => ({ id, name: `Example ${id} (fictional)`, status: 'closed', types: ['naloxone'], lat: 0, lng: 0 });
    const el = document.createElement('naloxone-finder');
    Object.assign(el, { src: feedUrl({ version: 1, services: [closed('a'), closed('b')] }), map: 'off' });
    const error = oneEvent(el, 'nf-feed-error');
    document.body.append(el);
    try {
      expect((await error).detail.kind).to.equal('no-valid-records');
      await waitUntil(() => el.shadowRoot!.querySelector('[part="error"]'));
      expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.equal('Every service on this list is marked closed.');
    } finally {
      el.remove();
    }
  });

  it('offers "If someone may be overdosing" first, collapsed, with the partner\'s number; overdose-card="off" removes it', async () => {
    const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" emergency-number="555 0199" map="off"></naloxone-finder>`);
    const card = el.shadowRoot!.querySelector('nf-overdose-card')!;
    expect(el.shadowRoot!.querySelector('.root')!.firstElementChild, 'one tap from the top').to.equal(card);
    expect(card.open).to.equal(false);
    const summary = card.shadowRoot!.querySelector<HTMLElement>('summary')!;
    expect(summary.textContent!.trim()).to.equal('If someone may be overdosing');
    summary.click();
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[part="call-link"]')!.getAttribute('href')).to.equal('tel:5550199');
    const off = await finder(html`<naloxone-finder src=${feedUrl(FEED)} overdose-card="off" map="off"></naloxone-finder>`);
    expect(off.shadowRoot!.querySelector('nf-overdose-card')).to.equal(null);
  });

  describe('search by place', () => {
    // Fictional services around Pittsburgh and Philadelphia (made-up names at real coordinates).
    const feed = {
      version: 1,
      services: [
        { id: 'phl', name: 'Example Philadelphia Outreach (fictional)', types: ['naloxone'], lat: 39.9526, lng: -75.1652 },
        { id: 'pgh', name: 'Example Oakland Drop-in (fictional)', types: ['naloxone', 'drop-in'], lat: 40.4416, lng: -79.9569, cost: 'free' },
        { id: 'pgh2', name: 'Example Downtown Pharmacy (fictional)', types: ['naloxone'], lat: 40.4406, lng: -79.9959 },
      ],
    };

    it('a visitor types a ZIP code with the keyboard alone: the list sorts from it, and the status says from where', async () => {
      const el = await finder(
        html`<naloxone-finder
          src=${feedUrl(feed)}
          latitude="39.95"
          longitude="-75.16"
          origin-label="Philadelphia City Hall"
          tile-url="none"
        ></naloxone-finder>`,
      );
      expect(names(el), 'within 30 mi of the default origin').to.deep.equal(['Example Philadelphia Outreach (fictional)']);
      const search = el.shadowRoot!.querySelector('nf-place-search')!;
      const input = search.shadowRoot!.querySelector('input')!;
      expect(search.shadowRoot!.querySelector('label')!.textContent!.trim()).to.equal('ZIP code, postal code or city');
      input.focus();
      const change = oneEvent(el, 'nf-location-change');
      await sendKeys({ type: '15213' });
      await sendKeys({ press: 'Enter' });
      expect((await change).detail).to.deep.equal({ source: 'search' });
      await loaded(el);
      expect(names(el).slice(0, 2)).to.deep.equal(['Example Oakland Drop-in (fictional)', 'Example Downtown Pharmacy (fictional)']);
      expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.equal('Nearest first from 15213 (Pittsburgh, PA).');
      // Said once, by the finder's live region: the search's own status line stays empty.
      await waitUntil(() => el.shadowRoot!.querySelector('.live')!.textContent!.includes('15213'), 'the place was never announced', { timeout: 3000 });
      expect(el.shadowRoot!.querySelector('.live')!.textContent).to.contain('Nearest first from 15213 (Pittsburgh, PA).');
      expect(search.shadowRoot!.querySelector('[part="message"]')!.textContent).to.equal('');
      expect(el.origin!.lat).to.be.closeTo(40.44, 0.03);
      expect(mapEl(el)!.shadowRoot!.querySelector('.nf-origin')!.getAttribute('aria-label')).to.equal('15213 (Pittsburgh, PA)');
    });

    it('place-search="off" hides the search', async () => {
      const el = await finder(html`<naloxone-finder src=${feedUrl(feed)} place-search="off" map="off"></naloxone-finder>`);
      expect(el.shadowRoot!.querySelector('nf-place-search')).to.equal(null);
    });
  });

  describe('opening hours', () => {
    // Fictional services; Wednesday 2026-07-15, 15:35 in New York (19:35 UTC).
    const now = new Date('2026-07-15T19:35:00Z');
    const weekdays = ['mo', 'tu', 'we', 'th', 'fr'] as const;
    const feed = {
      version: 1,
      services: [
        {
          id: 'day',
          name: 'Example Day Clinic (fictional)',
          types: ['naloxone'],
          lat: 0.01,
          lng: 0,
          timezone: 'America/New_York',
          hours: [{ days: weekdays, opens: '09:00', closes: '17:00' }],
        },
        {
          id: 'soon',
          name: 'Example Early Closer (fictional)',
          types: ['naloxone'],
          lat: 0.02,
          lng: 0,
          timezone: 'America/New_York',
          hours: [{ days: weekdays, opens: '08:00', closes: '16:00' }],
        },
        {
          id: 'night',
          name: 'Example Night Van (fictional)',
          types: ['naloxone'],
          lat: 0.03,
          lng: 0,
          timezone: 'America/New_York',
          hours: [{ days: ['we', 'th'], opens: '22:00', closes: '06:00' }],
        },
        { id: 'always', name: 'Example Vending Machine (fictional)', types: ['naloxone-vending'], lat: 0.04, lng: 0, open24h: true },
        { id: 'unknown', name: 'Example Pharmacy Without Hours (fictional)', types: ['naloxone'], lat: 0.05, lng: 0 },
        // No time zone named: found from its coordinates (Toronto), on demand.
        {
          id: 'toronto',
          name: 'Example Toronto Drop-in (fictional)',
          types: ['drop-in'],
          lat: 43.65,
          lng: -79.38,
          hours: [{ days: ['we'], opens: '12:00', closes: '20:00' }],
        },
      ],
    };
    const statusOf = (el: NaloxoneFinder) =>
      Object.fromEntries(
        [...list(el).shadowRoot!.querySelectorAll('li[part="item"]')].map((li) => [
          /Example ([^(]+?) \(/.exec(li.querySelector('[part="name"]')!.textContent!)![1],
          li.querySelector('[part="hours-status"]')?.textContent ?? null,
        ]),
      );

    it("gives a service without a position the time zone of the partner's place, so its hours still say whether it is open", async () => {
      const hours = [{ days: weekdays, opens: '09:00', closes: '17:00' }];
      const addressOnly = {
        version: 1,
        services: [
          { id: 'placed', name: 'Example Placed Clinic (fictional)', types: ['naloxone'], lat: 40.72, lng: -74.0, hours },
          { id: 'unplaced', name: 'Example Unplaced Clinic (fictional)', types: ['naloxone'], address: { street: '1 Example St', city: 'New York' }, hours },
        ],
      };
      const el = await finder(
        html`<naloxone-finder src=${feedUrl(addressOnly)} latitude="40.71" longitude="-74.0" .now=${now} map="off" lang="en-US"></naloxone-finder>`,
      );
      await waitUntil(() => statusOf(el)['Unplaced Clinic'], 'no hours shown for the service without a position', { timeout: 5000 });
      expect(statusOf(el)['Unplaced Clinic']).to.equal(statusOf(el)['Placed Clinic']);
      expect(statusOf(el)['Unplaced Clinic']).to.match(/^Open now/);
    });

    it('says, in the time zone of each service, whether it is open, when that changes, and nothing for a service without hours', async () => {
      const el = await finder(
        html`<naloxone-finder src=${feedUrl(feed)} latitude="0" longitude="0" radius="none" .now=${now} map="off" lang="en-US"></naloxone-finder>`,
      );
      await waitUntil(() => statusOf(el)['Toronto Drop-in'], 'the Toronto zone is found from the coordinates', { timeout: 5000 });
      expect(statusOf(el)).to.deep.equal({
        'Day Clinic': 'Open now · closes 5 PM',
        'Early Closer': 'Closes in 25 min',
        'Night Van': 'Closed · opens 10 PM',
        'Vending Machine': 'Open 24 hours',
        'Pharmacy Without Hours': null,
        'Toronto Drop-in': 'Open now · closes 8 PM',
      });
    });

    it('shows the week in the details, today first and marked', async () => {
      const el = await finder(html`<naloxone-finder src=${feedUrl(feed)} latitude="0" longitude="0" .now=${now} map="off" lang="en-US"></naloxone-finder>`);
      const item = list(el).shadowRoot!.querySelector('li[part="item"]')!;
      item.querySelector<HTMLButtonElement>('[part="details-button"]')!.click();
      await list(el).updateComplete;
      const rows = [...item.querySelectorAll('[part="hours-week"] tr')].map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim());
      expect(rows[0]).to.equal('Wednesday (today) 9 AM–5 PM');
      expect(rows.slice(1)).to.deep.equal([
        'Thursday 9 AM–5 PM',
        'Friday 9 AM–5 PM',
        'Saturday Closed',
        'Sunday Closed',
        'Monday 9 AM–5 PM',
        'Tuesday 9 AM–5 PM',
      ]);
      expect(item.querySelector('[part="hours-week"] tr')!.getAttribute('aria-current')).to.equal('date');
    });

    it('"Open now" keeps only services open at that moment, never one without hours', async () => {
      const el = await finder(
        html`<naloxone-finder src=${feedUrl(feed)} latitude="0" longitude="0" radius="none" .now=${now} filters="open-now" map="off"></naloxone-finder>`,
      );
      await waitUntil(() => names(el).some((n) => n.includes('Toronto')), 'the Toronto zone is found', { timeout: 5000 });
      expect(names(el).map((n) => /Example ([^(]+?) \(/.exec(n)![1])).to.deep.equal(['Day Clinic', 'Early Closer', 'Vending Machine', 'Toronto Drop-in']);
    });
  });

  it('a whole visit with the keyboard alone: search a city, pick it, tick Free and Open now, open details and the overdose steps', async () => {
    // Fictional services near Springfield, Illinois; Wednesday 2026-07-15, 2 pm there.
    const now = new Date('2026-07-15T19:00:00Z');
    const at = (id: string, lat: number, extra = {}) => ({
      id,
      name: `Example ${id} (fictional)`,
      types: ['naloxone'],
      lat,
      lng: -89.65,
      timezone: 'America/Chicago',
      ...extra,
    });
    const weekdays = { hours: [{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }] };
    const feed = {
      version: 1,
      services: [
        at('Clinic', 39.8, { cost: 'free', ...weekdays, description: 'A fictional clinic.' }),
        at('Pharmacy', 39.81, weekdays),
        at('Van', 39.82, { cost: 'free', hours: [{ days: ['sa'], opens: '10:00', closes: '14:00' }] }),
      ],
    };
    const el = await finder(html`<naloxone-finder src=${feedUrl(feed)} .now=${now} map="off" lang="en-US"></naloxone-finder>`);
    const deepActive = () => {
      let a: Element | null = document.activeElement;
      while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
      return a;
    };
    const tabTo = async (what: string, matches: (e: Element) => boolean) => {
      for (let i = 0; i < 60; i++) {
        await sendKeys({ press: 'Tab' });
        const a = deepActive();
        if (a && matches(a)) return a;
      }
      throw new Error(`Tab never reached ${what}`);
    };
    document.body.focus();
    await tabTo('the place search', (e) => e.localName === 'input' && e.getAttribute('role') === 'combobox');
    await sendKeys({ type: 'Springfield' });
    await sendKeys({ press: 'Enter' });
    const search = el.shadowRoot!.querySelector('nf-place-search')!;
    await waitUntil(() => search.shadowRoot!.querySelectorAll('[role="option"]').length > 1, 'Springfield offers a list', { timeout: 8000 });
    const options = () => [...search.shadowRoot!.querySelectorAll('[role="option"]')];
    for (
      let i = 0;
      i < 10 &&
      !options()
        .find((o) => o.getAttribute('aria-selected') === 'true')
        ?.textContent!.includes('IL');
      i++
    ) {
      await sendKeys({ press: 'ArrowDown' });
      await search.updateComplete;
    }
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="status"]')!.textContent!.includes('Springfield, IL'));
    await loaded(el);
    expect(names(el)).to.deep.equal(['Example Clinic (fictional)', 'Example Pharmacy (fictional)', 'Example Van (fictional)']);

    await tabTo('"Filters"', (e) => e.getAttribute('part') === 'toggle');
    await sendKeys({ press: 'Enter' });
    await tabTo('"Free"', (e) => e.localName === 'input' && e.parentElement!.textContent!.includes('Free'));
    await sendKeys({ press: 'Space' });
    await tabTo('"Open now"', (e) => e.localName === 'input' && e.parentElement!.textContent!.includes('Open now'));
    await sendKeys({ press: 'Space' });
    await loaded(el);
    expect(names(el)).to.deep.equal(['Example Clinic (fictional)']);

    await tabTo('"Details"', (e) => e.getAttribute('part') === 'details-button');
    await sendKeys({ press: 'Enter' });
    await list(el).updateComplete;
    const details = list(el).shadowRoot!.querySelector('[part="details"]') as HTMLElement;
    expect(details.hidden).to.equal(false);
    expect(details.textContent).to.contain('Wednesday (today)');

    // Back up the page to the overdose steps at its top.
    await sendKeys({ down: 'Shift' });
    for (let i = 0; i < 60 && deepActive()?.localName !== 'summary'; i++) await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(deepActive()?.textContent!.trim()).to.equal('If someone may be overdosing');
    await sendKeys({ press: 'Enter' });
    const card = el.shadowRoot!.querySelector('nf-overdose-card')!;
    await waitUntil(() => card.open);
    expect(card.shadowRoot!.querySelector('[part="call-link"]')!.getAttribute('href')).to.equal('tel:911');
  });

  describe('filters', () => {
    // Fictional: s0 free, s1 no ID, s2 free and no ID, s3 neither, s4 free drop-in.
    const extra = (i: number) =>
      [{ cost: 'free' }, { noIdRequired: true }, { cost: 'free', noIdRequired: true }, {}, { cost: 'free', types: ['drop-in' as const] }][i];
    const feed = feedAt([1, 2, 3, 4, 5], extra);
    const bar = (el: NaloxoneFinder) => el.shadowRoot!.querySelector('nf-filter-bar')!;
    const box = (el: NaloxoneFinder, label: string) =>
      [...bar(el).shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim().startsWith(label))!.querySelector('input')!;
    const summary = (el: NaloxoneFinder) => bar(el).shadowRoot!.querySelector('[part="summary"]')!.textContent!.trim();
    /** Opens "Filters": the choices (and their counts) are drawn only while it is open. */
    const openFilters = async (el: NaloxoneFinder) => {
      bar(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
      await bar(el).updateComplete;
    };

    it('shows each choice with its count; ticking narrows the list, the map and the summary; "Clear filters" restores', async () => {
      const el = await finder(html`<naloxone-finder src=${feedUrl(feed)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>`);
      expect(bar(el).shadowRoot!.querySelectorAll('label'), 'no choices drawn (nor counted) until asked for').to.have.length(0);
      await openFilters(el);
      const labels = [...bar(el).shadowRoot!.querySelectorAll('label')].map((l) => l.textContent!.trim());
      expect(labels).to.deep.equal(['Naloxone (4)', 'Drop-in center (1)', 'Free (3)', 'No ID needed (2)']);
      const changes: string[][] = [];
      el.addEventListener('nf-results-change', (e) => changes.push(e.detail.services.map((s) => s.id)));
      box(el, 'Free').click();
      await loaded(el);
      expect(ids(el)).to.deep.equal(['s0', 's2', 's4']);
      expect(summary(el)).to.equal('3 of 5 services match: Free');
      const markers = [...mapEl(el)!.shadowRoot!.querySelectorAll('.nf-marker')].map((m) => m.getAttribute('aria-label'));
      expect(markers).to.deep.equal(markerLabels(el));
      expect(changes.at(-1)).to.deep.equal(['s0', 's2', 's4']);
      expect([...bar(el).shadowRoot!.querySelectorAll('label')].map((l) => l.textContent!.trim())).to.include('No ID needed (1)');
      box(el, 'No ID needed').click();
      await loaded(el);
      expect(ids(el)).to.deep.equal(['s2']);
      expect(summary(el)).to.equal('1 of 5 services match: Free, No ID needed');
      bar(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="clear"]')!.click();
      await loaded(el);
      expect(ids(el)).to.deep.equal(['s0', 's1', 's2', 's3', 's4']);
      expect(summary(el)).to.equal('');
    });

    it('takes a preset from the partner, says which filters match nothing, and can hide the bar', async () => {
      const el = await finder(
        html`<naloxone-finder src=${feedUrl(feed)} latitude="0" longitude="0" filters="free, drop-in, no-id" map="off"></naloxone-finder>`,
      );
      expect(list(el).shadowRoot!.textContent).to.contain('No services of the chosen kinds are listed.');
      expect(summary(el)).to.equal('No services match: Drop-in center, Free, No ID needed. Clear some filters to see more.');
      expect(box(el, 'Free').checked).to.equal(true);
      const hidden = await finder(
        html`<naloxone-finder src=${feedUrl(feed)} latitude="0" longitude="0" filters="free" filter-bar="off" map="off"></naloxone-finder>`,
      );
      expect(hidden.shadowRoot!.querySelector('nf-filter-bar')).to.equal(null);
      expect(ids(hidden)).to.deep.equal(['s0', 's2', 's4']);
    });

    it('works from the keyboard alone: Enter opens "Filters", Tab reaches a choice, Space ticks it', async () => {
      const el = await finder(html`<naloxone-finder src=${feedUrl(feed)} latitude="0" longitude="0" map="off"></naloxone-finder>`);
      const toggle = bar(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!;
      expect(bar(el).shadowRoot!.querySelector('input'), 'behind the button at first').to.equal(null);
      toggle.focus();
      await sendKeys({ press: 'Enter' });
      await bar(el).updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      for (let i = 0; i < 12 && bar(el).shadowRoot!.activeElement !== box(el, 'No ID needed'); i++) await sendKeys({ press: 'Tab' });
      expect(bar(el).shadowRoot!.activeElement).to.equal(box(el, 'No ID needed'));
      await sendKeys({ press: 'Space' });
      await loaded(el);
      expect(ids(el)).to.deep.equal(['s1', 's2']);
    });
  });

  describe('never a dead end', () => {
    const mailProgram = {
      id: 'mail',
      name: 'Example Naloxone Mail Program (fictional)',
      types: ['mail-based', 'naloxone'],
      website: 'https://example.org/mail',
    };

    it('lists only services within the radius (50 km by default), and none of those beyond', async () => {
      const el = await finder(html`<naloxone-finder src=${feedUrl(feedAt([30, 80, 10]))} latitude="0" longitude="0" units="km" map="off"></naloxone-finder>`);
      expect(ids(el)).to.deep.equal(['s2', 's0']);
      expect(el.shadowRoot!.querySelector('[part="radius-note"]')).to.equal(null);
      el.radius = 'none';
      await loaded(el);
      expect(ids(el)).to.deep.equal(['s2', 's0', 's1']);
    });

    it('when nothing is within the radius, says so and lists the nearest beyond it, with naloxone by mail', async () => {
      const feed = { ...feedAt([120, 90]), services: [...feedAt([120, 90]).services, mailProgram] };
      const el = await finder(
        html`<naloxone-finder
          src=${feedUrl(feed)}
          latitude="0"
          longitude="0"
          origin-label="Exampleton"
          radius="30"
          units="mi"
          mail-url="https://example.org/order"
          mail-label="Order free naloxone by mail (fictional)"
          map="off"
        ></naloxone-finder>`,
      );
      expect(el.shadowRoot!.querySelector('[part="radius-note"]')!.textContent).to.equal(
        'Nothing within 30 mi of Exampleton. The nearest services are listed below.',
      );
      expect(ids(el).slice(0, 2)).to.deep.equal(['s1', 's0']);
      const card = el.shadowRoot!.querySelector('[part="by-mail"]')!;
      expect(card.querySelector('[role="heading"][aria-level="3"]')!.textContent).to.equal('Naloxone by mail');
      expect([...card.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).to.deep.equal([
        ['Example Naloxone Mail Program (fictional) (opens in a new tab)', 'https://example.org/mail'],
        ['Order free naloxone by mail (fictional) (opens in a new tab)', 'https://example.org/order'],
      ]);
      // Also the last item of the list, whatever the distance.
      const lists = list(el).shadowRoot!.querySelectorAll('ol');
      expect(lists[lists.length - 1].getAttribute('aria-label')).to.equal('Naloxone by mail');
      expect(lists[lists.length - 1].textContent).to.contain('Example Naloxone Mail Program (fictional)');
    });

    it('offers mail-based services as the last item even when services are near, and refuses a mail-url that is not http(s)', async () => {
      const feed = { ...feedAt([2]), services: [mailProgram, ...feedAt([2]).services] };
      const { errors, result: el } = await errorsDuring(async () => {
        const el = await finder(
          html`<naloxone-finder src=${feedUrl(feed)} latitude="0" longitude="0" mail-url="javascript:alert(1)" map="off"></naloxone-finder>`,
        );
        // Another render with nothing changed must not say it again.
        el.requestUpdate();
        await el.updateComplete;
        return el;
      });
      expect(el.shadowRoot!.querySelector('[part="by-mail"]')).to.equal(null);
      const items = [...list(el).shadowRoot!.querySelectorAll('li[part="item"]')];
      expect(items.map((i) => i.querySelector('[part="name"]')?.textContent)).to.deep.equal([
        'Example Service s0 (fictional)',
        'Example Naloxone Mail Program (fictional)',
      ]);
      expect(list(el).shadowRoot!.querySelector('a[href^="javascript"]')).to.equal(null);
      expect(
        errors.filter((e) => e.includes('mail-url "javascript:alert(1)" is not an http(s) address')),
        'said once, not on every render',
      ).to.have.length(1);
    });

    it('counts services by mail in the filter summary as its checkboxes count them', async () => {
      const feed = { ...feedAt([2, 3]), services: [...feedAt([2, 3]).services, mailProgram] };
      const el = await finder(html`<naloxone-finder src=${feedUrl(feed)} latitude="0" longitude="0" filters="mail-based" map="off"></naloxone-finder>`);
      const bar = el.shadowRoot!.querySelector('nf-filter-bar')!;
      await bar.updateComplete;
      // The mail program is shown, so the summary never says that nothing matches.
      expect(list(el).shadowRoot!.textContent).to.contain('Example Naloxone Mail Program (fictional)');
      expect(bar.shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal('1 of 3 services match: Naloxone by mail');
      // Said after the count of the others, which leaves them out: the numbers add up.
      const live = el.shadowRoot!.querySelector('.live')!;
      await waitUntil(() => live.textContent, 'nothing was said', { timeout: 3000 });
      expect(live.textContent).to.equal('1 of 3 services match: Naloxone by mail. 1 program sends naloxone by mail. Nearest first from the starting point.');
      el.removeAttribute('filters');
      await waitUntil(() => !live.textContent!.startsWith('1 of 3'), 'nothing new was said', { timeout: 3000 });
      expect(live.textContent).to.equal('2 services. 1 program sends naloxone by mail. Nearest first from the starting point.');
    });

    it('reports a radius that is not a positive distance and uses the default', async () => {
      const { errors, result: el } = await errorsDuring(() =>
        finder(html`<naloxone-finder src=${feedUrl(feedAt([30, 80]))} latitude="0" longitude="0" units="km" radius="-3" map="off"></naloxone-finder>`),
      );
      expect(ids(el)).to.deep.equal(['s0']);
      expect(errors).to.deep.equal(['naloxone-finder: radius="-3" is not a positive distance or "none"; using the default (50 km / 30 mi).']);
    });
  });

  it("hides the partner's fallback inside the element once it runs (README: before the script arrives)", async () => {
    const el = await finder(
      html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" map="off"
        ><p>If someone is not breathing, call 911 (fallback).</p></naloxone-finder
      >`,
    );
    const fallback = el.querySelector('p')!;
    expect(fallback.checkVisibility(), 'no slot shows it').to.equal(false);
    expect(list(el).shadowRoot!.querySelectorAll('li[part="item"]').length).to.be.greaterThan(0);
  });

  it('says so when the feed is empty', async () => {
    const el = await finder(html`<naloxone-finder src=${feedUrl({ version: 1, services: [] })} latitude="0" longitude="0"></naloxone-finder>`);
    expect(list(el).shadowRoot!.textContent).to.contain('This list has no services yet.');
  });

  it('without an origin keeps feed order, says so, and fits the map to all services', async () => {
    const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} tile-url="none"></naloxone-finder>`);
    expect(ids(el)).to.deep.equal(['s0', 's1', 's2', 's3', 's4']);
    expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('No starting point yet');
    expect(el.shadowRoot!.querySelector('[part="locate-button"]')!.textContent!.trim()).to.equal('Use my location');
    const bounds = mapEl(el)!.leafletMap!.getBounds();
    for (const s of FEED.services) expect(bounds.contains([s.lat, s.lng]), s.id).to.equal(true);
    expect(mapEl(el)!.shadowRoot!.querySelector('.nf-origin')).to.equal(null);
  });

  it('lists services without a map position after the others, under a heading, and leaves them off the map', async () => {
    const feed = { version: 1, services: [{ id: 'nowhere', name: 'Example Outreach Van (fictional)', types: ['naloxone'] }, ...FEED.services] };
    const el = await finder(html`<naloxone-finder src=${feedUrl(feed)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>`);
    expect(ids(el).slice(0, 5)).to.deep.equal(['s1', 's3', 's0', 's4', 's2']);
    expect(names(el)[5]).to.equal('Example Outreach Van (fictional)');
    const lists = list(el).shadowRoot!.querySelectorAll('ol[part="list"]');
    expect(lists).to.have.length(2);
    expect(lists[1].getAttribute('aria-label')).to.equal('No map position');
    expect(list(el).shadowRoot!.querySelector('[part="no-position"] [role="heading"]')!.textContent).to.equal('No map position');
    expect(mapEl(el)!.shadowRoot!.querySelectorAll('.nf-marker')).to.have.length(5);
  });

  it('takes services from the `services` property too', async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder latitude="0" longitude="0" map="off"></naloxone-finder>`);
    el.services = FEED.services;
    await loaded(el);
    expect(ids(el)).to.deep.equal(['s1', 's3', 's0', 's4', 's2']);
  });

  it('numbers on the map exactly the services the list shows, following "Show more", and maps the rest too', async () => {
    const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" limit="2" tile-url="none"></naloxone-finder>`);
    const shadow = () => mapEl(el)!.shadowRoot!;
    const numbered = () => [...shadow().querySelectorAll('.nf-marker--numbered')].map((m) => m.getAttribute('aria-label')).sort();
    /** Every service on the map: a marker each, or a cluster's count. */
    const mapped = () =>
      shadow().querySelectorAll('.nf-marker').length +
      [...shadow().querySelectorAll('.nf-cluster')].reduce((n, c) => n + Number(c.textContent!.replace(/\D/g, '')), 0);
    expect(names(el)).to.have.length(2);
    expect(numbered()).to.deep.equal(markerLabels(el).sort());
    // The map is fitted to the listed services and draws only what is in view: zoomed out, all five.
    mapEl(el)!.leafletMap!.setZoom(9, { animate: false });
    await waitUntil(() => mapped() === 5, 'every service on the map once zoomed out');
    list(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="show-more"]')!.click();
    await waitUntil(() => numbered().length === 4);
    expect(numbered()).to.deep.equal(markerLabels(el).sort());
    expect(mapped()).to.equal(5);
  });

  it('fires nf-results-change once per change of what is shown, from the finder, and moves focus to the first new result', async () => {
    const seen: { target: EventTarget | null; ids: string[] }[] = [];
    const record = (e: Event) => seen.push({ target: e.target, ids: (e as CustomEvent).detail.services.map((s: { id: string }) => s.id) });
    window.addEventListener('nf-results-change', record);
    try {
      const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" limit="2" map="off"></naloxone-finder>`);
      await waitUntil(() => seen.length > 0);
      expect(seen.map((e) => e.ids)).to.deep.equal([['s1', 's3']]);
      list(el).shadowRoot!.querySelector<HTMLButtonElement>('[part="show-more"]')!.click();
      await waitUntil(() => seen.length > 1);
      await loaded(el);
      expect(seen.map((e) => e.ids)).to.deep.equal([
        ['s1', 's3'],
        ['s1', 's3', 's0', 's4'],
      ]);
      expect(
        seen.every((e) => e.target === el),
        'the finder fires it, not the list inside',
      ).to.equal(true);
      expect(list(el).shadowRoot!.activeElement!.textContent).to.contain('Service s0');
      el.requestUpdate();
      await el.updateComplete;
      expect(seen, 'a render with nothing new fires nothing').to.have.length(2);
    } finally {
      window.removeEventListener('nf-results-change', record);
    }
  });

  it('selects from the list: the map highlights the marker, and the event has the distance', async () => {
    const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" units="km" tile-url="none"></naloxone-finder>`);
    const button = list(el).shadowRoot!.querySelectorAll<HTMLButtonElement>('button.show-on-map')[2];
    setTimeout(() => button.click());
    const event = await oneEvent(el, 'nf-service-select');
    expect(event.detail.service.id).to.equal('s0');
    expect(event.detail.distance, 'rounded as the list shows it').to.equal(4);
    await waitUntil(() => mapEl(el)!.shadowRoot!.querySelector('.nf-marker--selected'));
    const name = button.closest('li')!.querySelector('[part="name"]')!.textContent!;
    expect(mapEl(el)!.shadowRoot!.querySelector('.nf-marker--selected')!.getAttribute('aria-label')).to.contain(name);
  });

  it('selects from the map: the list marks and shows the item', async () => {
    const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>`);
    const marker = [...mapEl(el)!.shadowRoot!.querySelectorAll<HTMLElement>('.nf-marker')].find((m) => m.getAttribute('aria-label')!.includes('s2'))!;
    setTimeout(() => marker.click());
    const event = await oneEvent(el, 'nf-service-select');
    expect(event.detail.service.id).to.equal('s2');
    await list(el).updateComplete;
    const current = list(el).shadowRoot!.querySelector('li[aria-current="true"]')!;
    expect(current.querySelector('[part="name"]')!.textContent).to.contain('s2');
    // Under the map, the way back to it in the list (a screen or more above the map on a phone).
    await el.updateComplete;
    const back = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="show-in-list"]')!;
    expect(back.textContent!.trim()).to.equal(`Show in the list: ${current.querySelector('[part="name"]')!.textContent}`);
    back.click();
    expect(list(el).shadowRoot!.activeElement, 'the focus is on its heading').to.equal(current.querySelector('.heading'));
    // Chosen from the list, the map is where the visitor goes: no such button.
    setTimeout(() => list(el).shadowRoot!.querySelector<HTMLButtonElement>('button.show-on-map')!.click());
    await oneEvent(el, 'nf-service-select');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="show-in-list"]')).to.equal(null);
  });

  it("keeps the map's array (and so its cluster index) while the services on it stay the same", async () => {
    const el = await finder(
      html`<naloxone-finder
        src=${feedUrl(feedAt([1, 2, 3], (i) => ({ cost: i < 2 ? 'free' : undefined })))}
        latitude="0"
        longitude="0"
        tile-url="none"
      ></naloxone-finder>`,
    );
    const first = mapEl(el)!.services;
    expect(first).to.have.length(3);
    // A new origin ranks again but maps the same services.
    el.latitude = 0.01;
    await loaded(el);
    expect(mapEl(el)!.services).to.equal(first);
    // A filter that leaves one service out gives the map a new array ...
    el.filters = { needs: ['free'] };
    await loaded(el);
    const free = mapEl(el)!.services;
    expect(free).to.have.length(2);
    expect(free).to.not.equal(first);
    // ... and one more that keeps the same services (all of them offer naloxone) keeps it.
    el.filters = { needs: ['free'], types: ['naloxone'] };
    await loaded(el);
    expect(mapEl(el)!.services).to.equal(free);
  });

  it('lists first a service chosen on the map beyond the shown page, under "Chosen on the map"', async () => {
    const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" units="km" limit="2" tile-url="none"></naloxone-finder>`);
    const names = () =>
      [...list(el).shadowRoot!.querySelectorAll('li[part="item"] [part="name"]')].map((n) => n.textContent!.replace(/^Example Service | \(fictional\)$/g, ''));
    expect(names()).to.deep.equal(['s1', 's3']);
    expect(list(el).shadowRoot!.querySelector('[part="chosen"]')).to.equal(null);
    // s2 (9 km) is fifth nearest: on the map (the map shows every match), not on the list's page.
    // Move the map to it, as a visitor would, and choose its marker.
    mapEl(el)!.leafletMap!.setView([9 / KM_PER_DEGREE, 0], 14, { animate: false });
    const marker = () =>
      [...mapEl(el)!.shadowRoot!.querySelectorAll<HTMLElement>('.nf-marker')].find((m) => m.getAttribute('aria-label')!.startsWith('Example Service s2'));
    await waitUntil(marker, 'the unlisted service has a marker of its own once in view');
    expect(marker()!.classList.contains('nf-marker--numbered'), 'not numbered: the list does not show it').to.equal(false);
    marker()!.click();
    await el.updateComplete;
    await list(el).updateComplete;
    expect(list(el).shadowRoot!.querySelector('[part="chosen"]')!.textContent).to.contain('Chosen on the map');
    expect(names()).to.deep.equal(['s2', 's1', 's3']);
    const chosen = list(el).shadowRoot!.querySelector('li[aria-current="true"]')!;
    expect(chosen.querySelector('[part="name"]')!.textContent).to.contain('s2');
    expect(chosen.querySelector('[part="distance"]')!.textContent).to.equal('9.0 km');
    // Choosing a listed one takes the pinned one away.
    list(el).shadowRoot!.querySelectorAll<HTMLButtonElement>('button.show-on-map')[1].click();
    await el.updateComplete;
    await list(el).updateComplete;
    expect(names()).to.deep.equal(['s1', 's3']);
  });

  it('asks for location only when the button is pressed, re-sorts from it, and sends it nowhere', async () => {
    const here = { lat: 8 / KM_PER_DEGREE, lng: 0 }; // 8 km north: s2 (9 km) is now nearest
    const geo = stubGeolocation(here);
    try {
      const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>`);
      expect(geo.calls.count).to.equal(0);
      const change = oneEvent(el, 'nf-location-change');
      await press(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!);
      const { detail } = await change;
      expect(detail).to.deep.equal({ source: 'device' });
      await loaded(el);
      expect(geo.calls.count).to.equal(1);
      expect(ids(el)).to.deep.equal(['s2', 's4', 's0', 's3', 's1']);
      expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).to.contain('Your location stays on this device.');
      expect(el.origin, 'origin is the partner default, never the device point').to.deep.equal({ lat: 0, lng: 0 });
      const coordinate = String(here.lat).slice(0, 6);
      const requests = performance.getEntriesByType('resource').map((r) => r.name);
      expect(requests.filter((url) => url.includes(coordinate))).to.deep.equal([]);
    } finally {
      geo.restore();
    }
  });

  it('stops sorting from the device when a page script hands over other services: their order would give the point away', async () => {
    const geo = stubGeolocation({ lat: 8 / KM_PER_DEGREE, lng: 0 });
    try {
      const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" map="off"></naloxone-finder>`);
      await press(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!);
      await waitUntil(() => ids(el)[0] === 's2', 'never sorted from the device');
      // Probes around the device point: nearest first from it, the first would be p1 (8 km).
      const probes = feedAt([5, 8, 11]).services.map((p, i) => ({ ...p, id: `p${i}`, name: `Probe ${i} (fictional)` }));
      const change = oneEvent(el, 'nf-location-change');
      el.services = { version: 1, services: probes };
      expect((await change).detail).to.deep.equal({ source: 'attribute' });
      await loaded(el);
      expect(names(el), 'sorted from the partner point (0, 0), not the device').to.deep.equal([
        'Probe 0 (fictional)',
        'Probe 1 (fictional)',
        'Probe 2 (fictional)',
      ]);
      expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).not.to.contain('your location');
      expect(el.shadowRoot!.querySelector('[part="status"]')!.textContent).not.to.contain('Your location');
    } finally {
      geo.restore();
    }
  });

  it('keeps the visitor off the map until they press "Show my area on the map", which toggles', async () => {
    const geo = stubGeolocation({ lat: 8 / KM_PER_DEGREE, lng: 0 });
    try {
      const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" origin-label="the office"></naloxone-finder>`);
      expect(mapEl(el)!.shadowRoot!.querySelector('.nf-origin')!.getAttribute('aria-label'), "the partner's words for the default origin").to.equal(
        'the office',
      );
      expect(el.shadowRoot!.querySelector('[part="area-button"]'), 'nothing to show before a location').to.equal(null);
      await press(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="area-button"]'));
      await loaded(el);
      expect(mapEl(el)!.shadowRoot!.querySelector('.nf-origin'), 'no origin marker at the device point').to.equal(null);
      expect(mapEl(el)!.latitude).to.equal(undefined);
      const area = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="area-button"]')!;
      expect(area.textContent!.trim()).to.equal('Show my area on the map');
      expect(area.getAttribute('aria-pressed')).to.equal('false');
      expect(el.shadowRoot!.querySelector('[part="area-note"]')!.textContent).to.equal(
        'Map images come from tile.openstreetmap.org, which then sees the area shown.',
      );
      // On a small phone with large text, the tile host's long name wraps: the list never grows past the screen.
      el.style.cssText = 'display:block;width:300px;--nf-font-size:32px';
      await el.updateComplete;
      const note = el.shadowRoot!.querySelector<HTMLElement>('[part="area-note"]')!;
      expect(note.getBoundingClientRect().right).to.be.at.most(el.getBoundingClientRect().right + 0.5);
      el.style.cssText = '';
      const off = { background: getComputedStyle(area).backgroundColor, tick: getComputedStyle(area, '::before').content };
      area.click();
      await loaded(el);
      expect(area.getAttribute('aria-pressed')).to.equal('true');
      // Seen to be on, not only told: filled, and ticked.
      expect(getComputedStyle(area).backgroundColor, 'filled when on').not.to.equal(off.background);
      expect([off.tick, getComputedStyle(area, '::before').content]).to.deep.equal(['none', '"✓ " / ""']);
      // The area, not the point: the map (readable by page scripts) holds the point rounded to 0.01°.
      expect(mapEl(el)!.shadowRoot!.querySelector('.nf-origin--area')!.getAttribute('aria-label')).to.equal('Your area (approximate)');
      expect([mapEl(el)!.latitude, mapEl(el)!.longitude]).to.deep.equal([0.07, 0]);
      area.click();
      await loaded(el);
      expect(mapEl(el)!.shadowRoot!.querySelector('.nf-origin')).to.equal(null);
    } finally {
      geo.restore();
    }
  });

  it('with map-follows-location shows the visitor on the map at once, with no extra button', async () => {
    const geo = stubGeolocation({ lat: 8 / KM_PER_DEGREE, lng: 0 });
    try {
      const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none" map-follows-location></naloxone-finder>`);
      await press(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!);
      await waitUntil(() => mapEl(el)!.shadowRoot!.querySelector('.nf-origin[aria-label="Your area (approximate)"]'), 'the map shows the visitor’s area');
      expect(mapEl(el)!.latitude).to.equal(0.07);
      expect(el.shadowRoot!.querySelector('[part="area-button"]')).to.equal(null);
    } finally {
      geo.restore();
    }
  });

  it('keeps focus on "Use my location" while it looks up the location', async () => {
    const geo = stubGeolocation({ lat: 8 / KM_PER_DEGREE, lng: 0 }, 300);
    try {
      const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" map="off"></naloxone-finder>`);
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!;
      await press(button);
      await el.updateComplete;
      expect(button.getAttribute('aria-disabled')).to.equal('true');
      expect(el.shadowRoot!.activeElement).to.equal(button);
      await waitUntil(() => button.getAttribute('aria-disabled') === 'false');
      expect(el.shadowRoot!.activeElement).to.equal(button);
      expect(geo.calls.count).to.equal(1);
    } finally {
      geo.restore();
    }
  });

  for (const [code, words] of [
    [1, 'Location permission was denied'],
    [2, 'Your location could not be found right now'],
    [3, 'Finding your location took too long'],
  ] as const) {
    it(`keeps the list from the default origin and explains when location fails (code ${code})`, async () => {
      const geo = stubGeolocation({ code });
      try {
        const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" map="off"></naloxone-finder>`);
        await press(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!);
        await waitUntil(() => el.shadowRoot!.querySelector('[part="status"]')!.textContent!.includes(words));
        expect(ids(el)).to.deep.equal(['s1', 's3', 's0', 's4', 's2']);
      } finally {
        geo.restore();
      }
    });
  }

  it('says where the list is really sorted from when location fails: feed order without a starting point, never a default there is not', async () => {
    const geo = stubGeolocation({ code: 1 });
    try {
      const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} map="off"></naloxone-finder>`);
      await press(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!);
      const status = () => el.shadowRoot!.querySelector('[part="status"]')!.textContent;
      await waitUntil(() => status()!.includes('denied'));
      expect(status()).to.equal(
        'Location permission was denied. You can allow location in your browser settings and try again. You can also search for a ZIP code, postal code or city. No starting point yet, so services are listed in the order the provider gave. Use your location to see the nearest first.',
      );
      expect(ids(el)).to.deep.equal(['s0', 's1', 's2', 's3', 's4']);
      // Without a place search, nothing is offered that is not there.
      el.placeSearch = 'off';
      await el.updateComplete;
      expect(status()).not.to.contain('search for');
    } finally {
      geo.restore();
    }
  });

  it('says nothing of sorting or of "nearest to you" when the feed could not be loaded', async () => {
    const geo = stubGeolocation({ lat: 0, lng: 0 });
    try {
      const el = await fixture<NaloxoneFinder>(
        html`<naloxone-finder src="/test/fixtures/no-such-feed.json" latitude="0" longitude="0" map="off"></naloxone-finder>`,
      );
      await waitUntil(() => el.shadowRoot!.querySelector('[part="error"]'), 'the error was never shown', { timeout: 5000 });
      const status = el.shadowRoot!.querySelector('[part="status"]')!;
      expect(status.textContent).to.equal('');
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!;
      await press(button);
      await el.updateComplete;
      await waitUntil(() => geo.calls.count === 1 && button.getAttribute('aria-busy') === 'false', 'the location was never found');
      await el.updateComplete;
      expect(status.textContent).to.equal('');
    } finally {
      geo.restore();
    }
  });

  it('with map="off" creates no map and requests no tiles', async () => {
    performance.clearResourceTimings();
    const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" map="off"></naloxone-finder>`);
    expect(mapEl(el)).to.equal(null);
    expect(el.shadowRoot!.querySelector('.leaflet-container')).to.equal(null);
    expect(list(el).shadowRoot!.querySelector('button.show-on-map'), 'nothing to select without a map').to.equal(null);
    expect(performance.getEntriesByType('resource').some((r) => r.name.includes('tile.openstreetmap.org'))).to.equal(false);
    expect(names(el)).to.have.length(5);
  });

  it('picks miles for US English pages and km elsewhere', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="en-US"><naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" map="off"></naloxone-finder></div>`,
    );
    const el = await loaded(wrapper.querySelector('naloxone-finder')!);
    expect(list(el).shadowRoot!.querySelector('[part="distance"]')!.textContent).to.equal('0.6 mi');
    wrapper.lang = 'fr-CA';
    el.requestUpdate();
    await el.updateComplete;
    await list(el).updateComplete;
    expect(list(el).shadowRoot!.querySelector('[part="distance"]')!.textContent, 'French number format').to.equal('1,0 km');
  });

  it('works twice on one page and survives aggressive host page CSS', async () => {
    const style = document.createElement('style');
    style.textContent =
      'img { max-width: 100% } button { all: unset } li { display: inline } naloxone-finder, div { color: red; text-align: center; line-height: 3 }';
    document.head.append(style);
    try {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div>
          <naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>
          <naloxone-finder src=${feedUrl(feedAt([3, 1]))} latitude="0" longitude="0" map="off"></naloxone-finder>
        </div>`,
      );
      const [a, b] = [...wrapper.querySelectorAll('naloxone-finder')];
      await loaded(a);
      await loaded(b);
      expect(names(a)).to.have.length(5);
      expect(ids(b)).to.deep.equal(['s1', 's0']);
      const item = list(a).shadowRoot!.querySelector('li')!;
      expect(getComputedStyle(item).display).to.equal('block');
      const button = a.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!;
      expect(getComputedStyle(button).minHeight).to.equal('44px');
      expect(getComputedStyle(list(a).shadowRoot!.querySelector('address, p')!).color).not.to.equal('rgb(255, 0, 0)');
      expect(getComputedStyle(item).textAlign).to.equal('start');
    } finally {
      style.remove();
    }
  });

  it('lets the host page style inner parts through ::part()', async () => {
    const style = document.createElement('style');
    style.textContent = 'naloxone-finder.parts::part(item) { border-color: rgb(1, 2, 3) } naloxone-finder.parts::part(locate-button) { border-radius: 17px }';
    document.head.append(style);
    try {
      const el = await finder(html`<naloxone-finder class="parts" src=${feedUrl(FEED)} latitude="0" longitude="0" map="off"></naloxone-finder>`);
      expect(getComputedStyle(list(el).shadowRoot!.querySelector('li[part="item"]')!).borderTopColor).to.equal('rgb(1, 2, 3)');
      expect(getComputedStyle(el.shadowRoot!.querySelector('[part="locate-button"]')!).borderTopLeftRadius).to.equal('17px');
    } finally {
      style.remove();
    }
  });

  it('shows only the newest feed when `src` changes while loading', async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder map="off" latitude="0" longitude="0"></naloxone-finder>`);
    el.src = feedUrl(feedAt([5, 6, 7]));
    el.src = feedUrl(feedAt([1]));
    await loaded(el);
    await new Promise((r) => setTimeout(r, 100));
    await list(el).updateComplete;
    expect(names(el)).to.have.length(1);
  });

  it('is accessible', async () => {
    const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>`);
    await expect(el).to.be.accessible();
  });
});

describe('<naloxone-finder>: the overdose card calls the number where the services are, not the language’s', () => {
  const card = (el: NaloxoneFinder) => el.shadowRoot!.querySelector('nf-overdose-card')!;
  const callHref = async (el: NaloxoneFinder) => {
    await card(el).updateComplete;
    return card(el).shadowRoot!.querySelector('[part="call-link"]')!.getAttribute('href');
  };
  /** Fictional services (names say so) whose addresses name these countries, in order. */
  const feedIn = (...countries: (string | undefined)[]) =>
    feedAt(
      countries.map((_, i) => i + 1),
      (i) => (countries[i] === undefined ? {} : { address: { city: 'Example City (fictional)', country: countries[i] } }),
    );

  afterEach(async () => {
    await caches.delete('naloxone-finder-v1');
    localStorage.clear();
  });

  it('calls 911 in Spanish with place-region="BC" (Vancouver), not Spain’s 112', async () => {
    const el = await finder(
      html`<naloxone-finder lang="es" src=${feedUrl(FEED)} latitude="49.28" longitude="-123.12" place-region="BC" map="off"></naloxone-finder>`,
    );
    expect(card(el).getAttribute('country')).to.equal('CA');
    expect(await callHref(el)).to.equal('tel:911');
  });

  // A code that is a state or province and a country too is read by where the services are.
  for (const [region, country, number, lat, lng] of [
    ['pa', 'US', '911', '40.44', '-79.99'],
    ['PA', 'PA', '112', '8.98', '-79.52'],
    ['DE', 'US', '911', '39.74', '-75.55'],
    ['DE', 'DE', '112', '52.52', '13.40'],
    ['NU', 'CA', '911', '63.75', '-68.52'],
    ['US', 'US', '911'],
    ['GB', 'GB', '999'],
  ]) {
    it(`reads place-region="${region}" ${lat ? `at ${lat}, ${lng} ` : ''}as ${country} (${number})`, async () => {
      const el = await finder(
        html`<naloxone-finder
          lang="es"
          src=${feedUrl(feedIn('MX', 'MX'))}
          place-region=${region}
          latitude=${ifDefined(lat)}
          longitude=${ifDefined(lng)}
          map="off"
        ></naloxone-finder>`,
      );
      expect(card(el).getAttribute('country')).to.equal(country);
      expect(await callHref(el)).to.equal(`tel:${number}`);
    });
  }

  it('calls 911 in Spanish for services in North America that name no country, without a place-region', async () => {
    const el = await finder(html`<naloxone-finder lang="es" src=${feedUrl(FEED)} latitude="49.28" longitude="-123.12" map="off"></naloxone-finder>`);
    expect(card(el).getAttribute('country')).to.equal('US');
    expect(await callHref(el)).to.equal('tel:911');
  });

  it('calls 911 in Spanish when most of the feed’s services are in the US (no place-region)', async () => {
    const el = await finder(html`<naloxone-finder lang="es" src=${feedUrl(feedIn('US', 'us', undefined, 'GB', 'US'))} map="off"></naloxone-finder>`);
    expect(card(el).getAttribute('country')).to.equal('US');
    expect(await callHref(el)).to.equal('tel:911');
  });

  it('goes by the language without a place-region or a clear majority of one country in the feed', async () => {
    const none = await finder(html`<naloxone-finder lang="es" src=${feedUrl(FEED)} map="off"></naloxone-finder>`);
    expect(card(none).hasAttribute('country')).to.equal(false);
    expect(await callHref(none)).to.equal('tel:112');
    const split = await finder(html`<naloxone-finder lang="es" src=${feedUrl(feedIn('US', 'US', 'GB', 'GB'))} map="off"></naloxone-finder>`);
    expect(card(split).hasAttribute('country')).to.equal(false);
    expect(await callHref(split)).to.equal('tel:112');
  });

  it('follows a new feed and a new place-region', async () => {
    const el = await finder(html`<naloxone-finder lang="es" src=${feedUrl(feedIn('US'))} map="off"></naloxone-finder>`);
    expect(await callHref(el)).to.equal('tel:911');
    el.src = feedUrl(feedIn('NZ', 'NZ'));
    await waitUntil(() => card(el).getAttribute('country') === 'NZ', 'the card never heard of the new feed');
    expect(await callHref(el)).to.equal('tel:111');
    el.placeRegion = 'ON';
    await el.updateComplete;
    expect(await callHref(el)).to.equal('tel:911');
  });

  it('calls the partner’s emergency-number over the country’s', async () => {
    const el = await finder(
      html`<naloxone-finder lang="es" src=${feedUrl(feedIn('US'))} place-region="BC" emergency-number="555 0199" map="off"></naloxone-finder>`,
    );
    expect(await callHref(el)).to.equal('tel:5550199');
  });
});
