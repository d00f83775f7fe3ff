import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';
import type { NfServiceList } from '../../src/components/nf-service-list/nf-service-list.js';
import type { NfMap } from '../../src/components/nf-map/nf-map.js';
import { press, stubGeolocation } from '../helpers/geolocation.js';

/*
 * The privacy promise, checked the way a tracking script or a tile server would look: after
 * "Use my location", nothing the page can read and no request the browser sends may place the
 * visitor within 1 km. The fictional feed is a grid of places 0.05° apart; the device point sits
 * in the middle of a cell, more than 1 km from every place's coordinates, so any number close
 * to it can only have come from the device.
 */
const FEED = '/test/fixtures/privacy-grid-feed.json';
const DEVICE = { lat: 45.525, lng: -73.575 };
const DEFAULT_ORIGIN = { lat: 45.45, lng: -73.7 };
const KM_PER_DEG_LAT = 111.195;
const KM_PER_DEG_LNG = KM_PER_DEG_LAT * Math.cos((DEVICE.lat * Math.PI) / 180);

interface LoggedRequest {
  url: string;
  method: string;
  type: string;
  referer: string | null;
}

/** Numbers within 1 km of the device point along its own axis: a latitude or a longitude that gives it away. */
function revealing(n: number): boolean {
  return Math.abs(n - DEVICE.lat) * KM_PER_DEG_LAT < 1 || Math.abs(n - DEVICE.lng) * KM_PER_DEG_LNG < 1;
}

function numbersIn(text: string): number[] {
  return (text.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
}

/**
 * Every number reachable from `root` through own properties and Map/Set entries, breadth-first
 * (so each object is read at its shortest path) with a visited set; DOM nodes below the root are
 * walked through their attributes instead (elementsIn does that), and functions are not called.
 */
function reachableNumbers(root: unknown, path: string, found: { path: string; value: number }[]) {
  const seen = new WeakSet<object>();
  const queue: [unknown, string, number][] = [[root, path, 0]];
  for (let i = 0; i < queue.length && i < 500_000; i++) {
    const [value, at, depth] = queue[i];
    if (typeof value === 'number') {
      if (revealing(value)) found.push({ path: at, value });
      continue;
    }
    if (typeof value === 'string') {
      for (const n of numbersIn(value)) if (revealing(n)) found.push({ path: at, value: n });
      continue;
    }
    if (!value || typeof value !== 'object' || depth > 16 || seen.has(value)) continue;
    seen.add(value);
    if ((value instanceof Node && depth > 0) || value instanceof Window || value instanceof CSSStyleSheet) continue;
    if (value instanceof Map || value instanceof Set) {
      let n = 0;
      for (const entry of value instanceof Map ? value.entries() : value.values()) queue.push([entry, `${at}[${n++}]`, depth + 1]);
    }
    for (const key of Reflect.ownKeys(value)) {
      let child: unknown;
      try {
        child = (value as Record<PropertyKey, unknown>)[key];
      } catch {
        continue;
      }
      queue.push([child, `${at}.${String(key)}`, depth + 1]);
    }
  }
}

/** Public getters on our own element classes (e.g. `origin`), which own keys do not show. */
function getterValues(el: Element): [string, unknown][] {
  const out: [string, unknown][] = [];
  let proto = Object.getPrototypeOf(el);
  while (proto && proto !== HTMLElement.prototype && proto.constructor.name !== 'LitElement' && proto.constructor.name !== 'ReactiveElement') {
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (descriptor.get) out.push([key, (el as unknown as Record<string, unknown>)[key]]);
    }
    proto = Object.getPrototypeOf(proto);
  }
  return out;
}

function elementsIn(root: Element | ShadowRoot): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll('*')) {
    out.push(el);
    if (el.shadowRoot) out.push(...elementsIn(el.shadowRoot));
  }
  return out;
}

/** Numbers near the device point in everything a page script can reach from the finder. */
function readableNumbers(el: Element) {
  const found: { path: string; value: number }[] = [];
  for (const node of [el, ...elementsIn(el.shadowRoot!)]) {
    const name = node.localName + (node.getAttribute('part') ? `[part=${node.getAttribute('part')}]` : '');
    reachableNumbers(node, name, found);
    for (const [key, value] of getterValues(node)) reachableNumbers(value, `${name}.${key}`, found);
    for (const attr of node.attributes) reachableNumbers(attr.value, `${name}@${attr.name}`, found);
  }
  return found;
}

/** Slippy-map tile `z/x/y` → its west/east/south/north edges in degrees. */
function tileBounds(z: number, x: number, y: number) {
  const n = 2 ** z;
  const lat = (yy: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * yy) / n))) * 180) / Math.PI;
  return { west: (x / n) * 360 - 180, east: ((x + 1) / n) * 360 - 180, north: lat(y), south: lat(y + 1) };
}

describe('the visitor’s location stays on the device', () => {
  let geo: ReturnType<typeof stubGeolocation>;
  const events: { type: string; detail: unknown }[] = [];
  const record = (e: Event) => events.push({ type: e.type, detail: (e as CustomEvent).detail });
  const types = ['nf-feed-load', 'nf-feed-error', 'nf-service-select', 'nf-location-change', 'nf-results-change'];

  before(() => {
    geo = stubGeolocation(DEVICE);
    for (const type of types) window.addEventListener(type, record, true);
  });
  after(async () => {
    geo.restore();
    for (const type of types) window.removeEventListener(type, record, true);
    await caches.delete('naloxone-finder-v1');
  });

  it('through a whole visit with the default map tiles: no request, property, attribute or event places the visitor within 1 km', async () => {
    await executeServerCommand('request-log-start');
    const el = await fixture<NaloxoneFinder>(
      html`<naloxone-finder
        src=${FEED}
        latitude=${DEFAULT_ORIGIN.lat}
        longitude=${DEFAULT_ORIGIN.lng}
        origin-label="the example office"
        limit="4"
        style="display:block;width:900px"
      ></naloxone-finder>`,
    );
    const list = () => el.shadowRoot!.querySelector<NfServiceList>('nf-service-list')!;
    const map = () => el.shadowRoot!.querySelector<NfMap>('nf-map')!;
    await waitUntil(() => list()?.shadowRoot?.querySelector('[part="name"]'), 'the list never rendered', { timeout: 8000 });
    await map().updateComplete;

    const centerBefore = map().leafletMap!.getCenter();
    // Tiles asked for before the visitor shares a location say nothing about them.
    await new Promise((r) => setTimeout(r, 300));
    const beforeLocation = (await executeServerCommand('request-log-stop')) as LoggedRequest[];
    await executeServerCommand('request-log-start');
    await press(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!);
    await waitUntil(() => el.shadowRoot!.querySelector('[part="status"]')!.textContent!.includes('stays on this device'));
    await list().updateComplete;
    await map().updateComplete;
    const foundAfterLocation = readableNumbers(el);
    // The map's view is public too (`leafletMap`): its centre must not sit on the visitor even
    // when the nearest services surround them evenly, as the four corners of the cell do here.
    const center = map().leafletMap!.getCenter();
    expect([center.lat, center.lng].filter(revealing), `map centre ${center.lat}, ${center.lng}`).to.deep.equal([]);
    expect(center.lat, 'the map keeps the centre it had before').to.be.closeTo(centerBefore.lat, 1e-3);
    expect(center.lng).to.be.closeTo(centerBefore.lng, 1e-3);
    // Sorted from the device point: the nearest places are the four corners of its grid cell.
    const first = list().shadowRoot!.querySelector('[part="name"]')!.textContent!;
    expect(/Site (\d+)/.exec(first)?.[1]).to.be.oneOf(['16', '17', '22', '23']);

    list().shadowRoot!.querySelectorAll<HTMLButtonElement>('button.show-on-map')[1].click();
    await map().updateComplete;
    list().shadowRoot!.querySelector<HTMLButtonElement>('[part="show-more"]')!.click();
    await list().updateComplete;
    await map().updateComplete;
    // Leaflet requests tiles on the next frames: give it time to ask for every one it wants.
    await new Promise((r) => setTimeout(r, 500));
    const afterLocation = (await executeServerCommand('request-log-stop')) as LoggedRequest[];

    // "Show my area on the map": the map shows the area, and still holds nothing finer than the
    // 0.01° grid it is rounded to. Its own selection event measures from no point.
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="area-button"]')!.click();
    await el.updateComplete;
    await map().updateComplete;
    const onGrid = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;
    expect(
      [map().latitude, map().longitude].every((n) => n !== undefined && onGrid(n)),
      `map origin ${map().latitude}, ${map().longitude}`,
    ).to.equal(true);
    const ring = map().shadowRoot!.querySelector('.nf-origin--area');
    expect(ring, 'the area is drawn as a ring').to.exist;
    for (const layer of Object.values(
      (map().leafletMap as unknown as { _layers: Record<string, { getLatLng?: () => { lat: number; lng: number } }> })._layers,
    )) {
      const at = layer.getLatLng?.();
      if (at && (revealing(at.lat) || revealing(at.lng))) expect(onGrid(at.lat) && onGrid(at.lng), `a layer at ${at.lat}, ${at.lng}`).to.equal(true);
    }
    const fromMap: unknown[] = [];
    const onMapSelect = (e: Event) => e.composedPath()[0] === map() && fromMap.push((e as CustomEvent).detail.distance);
    window.addEventListener('nf-service-select', onMapSelect, true);
    map().shadowRoot!.querySelector<HTMLElement>('.nf-marker')!.click();
    window.removeEventListener('nf-service-select', onMapSelect, true);
    expect(fromMap, "the map's own event, seen by a capturing listener, measures from no point").to.deep.equal([null]);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="area-button"]')!.click();
    await map().updateComplete;

    // Then a place search, typed: nothing typed may reach any server.
    await executeServerCommand('request-log-start');
    const search = el.shadowRoot!.querySelector('nf-place-search')!;
    const input = search.shadowRoot!.querySelector('input')!;
    input.focus();
    await sendKeys({ type: 'V6B' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.shadowRoot!.querySelector('[part="status"]')!.textContent!.includes('V6B'), 'the search sorted the list', { timeout: 8000 });
    await map().updateComplete;
    await new Promise((r) => setTimeout(r, 300));
    const duringSearch = (await executeServerCommand('request-log-stop')) as LoggedRequest[];
    expect(duringSearch.length, 'the gazetteer chunk was requested, so the log is not empty').to.be.greaterThan(0);
    expect(duringSearch.filter((r) => /v6b/i.test(decodeURIComponent(r.url)))).to.deep.equal([]);

    // 1. Requests: nothing in any URL, no Referer to the tile host, and after "Use my location"
    // no tile finer than ~20 km anywhere near the visitor.
    const isTile = (r: LoggedRequest) => r.url.startsWith('https://tile.openstreetmap.org/');
    expect(
      beforeLocation.map((r) => new URL(r.url).pathname),
      'the feed is requested',
    ).to.include(FEED);
    for (const r of [...beforeLocation, ...afterLocation, ...duringSearch]) {
      expect(numbersIn(r.url.replace(/^https:\/\/tile\.openstreetmap\.org\//, '')).filter(revealing), r.url).to.deep.equal([]);
      if (isTile(r)) expect(r.referer ?? '', `${r.url} is sent without a Referer`).to.equal('');
    }
    const tiles = afterLocation.filter(isTile);
    expect(tiles.length, 'the map asked for tiles after the location was found (so the check below is not empty)').to.be.greaterThan(0);
    for (const t of tiles) {
      const [z, x, y] = /\/(\d+)\/(\d+)\/(\d+)\.png$/.exec(t.url)!.slice(1).map(Number);
      const b = tileBounds(z, x, y);
      const widthKm = (b.east - b.west) * KM_PER_DEG_LNG;
      const nearKm =
        Math.max(0, b.south - DEVICE.lat, DEVICE.lat - b.north) * KM_PER_DEG_LAT + Math.max(0, b.west - DEVICE.lng, DEVICE.lng - b.east) * KM_PER_DEG_LNG;
      if (nearKm < 1) expect(widthKm, `tile ${z}/${x}/${y} near the visitor is at least 20 km wide`).to.be.at.least(20);
    }

    // 2. What page scripts can read: every element's properties and getters, attributes, events,
    // right after the location was found and at the end of the visit.
    const found = [...foundAfterLocation, ...readableNumbers(el)];
    events.forEach((e, i) => reachableNumbers(e.detail, `event ${i} ${e.type}`, found));
    expect(found, 'values within 1 km of the device point').to.deep.equal([]);
    expect(
      events.some((e) => e.type === 'nf-service-select'),
      'the walk saw a selection event',
    ).to.equal(true);
    expect(el.origin, 'the searched place, never the device point').to.not.deep.equal(DEFAULT_ORIGIN);
    expect(el.origin!.lat).to.be.closeTo(49.28, 0.05);
  });
});
