import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { Marker } from 'leaflet/dist/leaflet-src.esm.js';
import '../../src/index.js';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';
import type { NfServiceList } from '../../src/components/nf-service-list/nf-service-list.js';
import type { NfMap } from '../../src/components/nf-map/nf-map.js';
import { parseFeed } from '../../src/feed/parse-feed.js';
import { MAX_LENGTH } from '../../src/feed/text.js';
import type { Service } from '../../src/types.js';
import { schemaErrors } from '../helpers/json-schema.js';
import { BIDI_CONTROLS, LONG_TEXT, PAYLOADS, withPollutingKeys, type Payload } from './payloads.js';
import { FIELDS } from '../../src/feed/field-map.js';

/**
 * Every payload in every text and URL field of every format, rendered by <naloxone-finder>:
 * nothing runs, no element or attribute comes from feed text, links stay http(s)/tel/mailto.
 */

type Fields = Record<string, string>;

/** One record per payload as written (`raw`) and one with a prefix so the name always survives. */
interface HostileRecord {
  payload: Payload;
  text: (field: string) => string;
  url: string;
  lat: number;
  lng: number;
}

const URL_FIELDS = ['website', 'email'];
// Every field a partner can fill with text (the yes/no ones too), from the feed's own field list.
const TEXT_FIELDS = FIELDS.filter((field) => !['lat', 'lng', 'address', ...URL_FIELDS].includes(field));

function hostileRecords(): HostileRecord[] {
  const records: HostileRecord[] = [];
  PAYLOADS.forEach((payload, i) => {
    // Positions on a small grid north-east of the origin (0, 0), never (0, 0) itself.
    const at = { lat: 0.01 + 0.002 * i, lng: 0.01 };
    records.push({ payload, text: () => payload.value, url: payload.value, ...at });
    records.push({
      payload,
      text: (field) => `Hostile ${i} ${field} ${payload.value}`,
      url: `https://example.org/?q=${payload.value}`,
      lat: at.lat,
      lng: 0.02,
    });
  });
  return records;
}

function flatFields(r: HostileRecord): Fields {
  const fields: Fields = {};
  for (const field of TEXT_FIELDS) fields[field] = r.text(field);
  fields['website'] = r.url;
  fields['email'] = r.payload.value;
  return fields;
}

function nativeFeed(records: HostileRecord[]): string {
  const services = records.map((r, i) => {
    const f = flatFields(r);
    const address = withPollutingKeys({ street: f['street'], city: f['city'], region: f['region'], postalCode: f['postalCode'], country: f['country'] });
    const record: Record<string, unknown> = { ...f, lat: r.lat, lng: r.lng, address: i % 4 === 0 ? f['street'] : address };
    for (const key of ['street', 'city', 'region', 'postalCode', 'country']) delete record[key];
    return withPollutingKeys(record);
  });
  return JSON.stringify(withPollutingKeys({ version: 1, title: PAYLOADS[0].value, updated: PAYLOADS[1].value, services }));
}

function geoJsonFeed(records: HostileRecord[]): string {
  const features = records.map((r) => {
    const properties = withPollutingKeys({ ...flatFields(r) });
    return withPollutingKeys({ type: 'Feature', id: r.text('id'), geometry: { type: 'Point', coordinates: [r.lng, r.lat] }, properties });
  });
  return JSON.stringify(withPollutingKeys({ type: 'FeatureCollection', name: PAYLOADS[0].value, features }));
}

/** RFC 4180: every cell quoted, quotes doubled. Hostile header names too. */
function csvFeed(records: HostileRecord[]): string {
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const extra = ['__proto__', 'constructor', 'prototype', '<script>window.__nfPwned=1</script>'];
  const header = [...TEXT_FIELDS, ...URL_FIELDS, 'lat', 'lng', ...extra];
  const rows = records.map((r) => {
    const f = flatFields(r);
    return [...TEXT_FIELDS.map((k) => f[k]), ...URL_FIELDS.map((k) => f[k]), String(r.lat), String(r.lng), ...extra.map(() => r.payload.value)];
  });
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n');
}

function hsdsFeed(records: HostileRecord[]): string {
  const services = records.map((r) => {
    const t = r.text;
    const location = withPollutingKeys({
      id: t('locationId'),
      name: t('locationName'),
      latitude: r.lat,
      longitude: r.lng,
      addresses: [
        {
          address_1: t('street'),
          address_2: t('street2'),
          city: t('city'),
          state_province: t('region'),
          postal_code: t('postalCode'),
          country: t('country'),
          address_type: 'physical',
        },
      ],
      accessibility: [{ description: t('accessibility') }, { accessibility: t('accessibilityKind'), details: t('details') }],
      phones: [{ number: t('phone'), extension: t('extension') }],
      languages: [{ name: t('language'), code: t('languageCode') }],
    });
    return withPollutingKeys({
      id: t('id'),
      name: t('name'),
      description: t('description'),
      url: r.url,
      email: r.payload.value,
      status: t('status'),
      fees_description: t('cost'),
      assured_date: t('assured'),
      languages: [{ name: t('language'), code: t('languageCode') }],
      attributes: [{ taxonomy_term: withPollutingKeys({ name: t('term'), code: t('code') }) }],
      phones: [{ number: t('servicePhone') }],
      organization: { name: t('organization'), website: r.url },
      schedules: [{ description: t('hoursNote'), byday: t('byday'), opens_at: t('opens'), closes_at: t('closes'), timezone: t('timezone') }],
      // A second location, so names carry the location's label too (not for the longest
      // payloads, which would take the feed past the 20 MB limit).
      service_at_locations: [
        { id: t('salId'), location },
        ...(r.payload.value.length < 1000 ? [{ id: `${t('salId')}-2`, location: { ...location, id: `${t('locationId')}-2`, latitude: r.lat + 0.0005 } }] : []),
      ],
    });
  });
  return JSON.stringify(services);
}

const FORMATS = [
  { format: 'native', build: nativeFeed, type: 'application/json' },
  { format: 'geojson', build: geoJsonFeed, type: 'application/geo+json' },
  { format: 'csv', build: csvFeed, type: 'text/csv' },
  { format: 'hsds', build: hsdsFeed, type: 'application/json' },
] as const;

// Tags our elements and Leaflet create. Anything else came from a feed.
const ALLOWED_TAGS = new Set([
  'div',
  'p',
  'button',
  'ol',
  'ul',
  'li',
  'span',
  // A phone number set left to right inside "Call …" (withLtr): its text is the feed's, as text.
  'bdi',
  'a',
  'address',
  'br',
  'svg',
  'path',
  'circle',
  // A listed marker's number (checked below to be digits only).
  'text',
  'nf-service-list',
  'nf-map',
  // The widget's own controls, never built from feed text.
  'nf-filter-bar',
  'nf-overdose-card',
  'nf-place-search',
  'form',
  'table',
  'caption',
  'tbody',
  'tr',
  'th',
  'td',
  'fieldset',
  'legend',
  'label',
  'input',
  'details',
  'summary',
  'strong',
]);
const LINK_SCHEMES = /^(https?:|tel:|mailto:)/i;

/** Every shadow root under the element, depth first, with the host's tag for messages. */
function shadowRoots(host: Element): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const visit = (root: ShadowRoot) => {
    roots.push(root);
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  if (host.shadowRoot) visit(host.shadowRoot);
  return roots;
}

/** Every problem found in the rendered DOM, as readable lines (an empty list is a pass). */
function domProblems(finder: NaloxoneFinder): string[] {
  const problems: string[] = [];
  const roots = shadowRoots(finder);
  if (roots.length < 3) problems.push(`expected the finder, list and map shadow roots, found ${roots.length}`);
  for (const root of roots) {
    const where = (el: Element) => `<${el.tagName.toLowerCase()} class="${el.getAttribute('class') ?? ''}"> in ${(root.host as Element).tagName.toLowerCase()}`;
    for (const el of root.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (!ALLOWED_TAGS.has(tag)) problems.push(`unexpected element ${where(el)}`);
      if (tag === 'svg') {
        if (!el.closest('.nf-marker, .nf-origin')) problems.push(`svg outside a marker icon: ${where(el)}`);
        for (const child of el.querySelectorAll('*'))
          if (!['path', 'circle', 'text'].includes(child.tagName.toLowerCase())) problems.push(`unexpected <${child.tagName}> inside a marker svg`);
          // A listed marker's number, which the map writes: never feed text.
          else if (child.tagName.toLowerCase() === 'text' && !/^\d+$/.test(child.textContent ?? '')) problems.push(`marker text ${child.textContent}`);
      }
      for (const { name, value } of el.attributes) {
        if (/^on/i.test(name)) problems.push(`event handler attribute ${name} on ${where(el)}`);
        if (['srcdoc', 'formaction', 'xlink:href', 'src', 'action', 'background', 'poster', 'data'].includes(name.toLowerCase()))
          problems.push(`attribute ${name} on ${where(el)}`);
        if (name === 'style' && /url\(|expression|javascript|@import/i.test(value)) problems.push(`style ${value.slice(0, 80)} on ${where(el)}`);
      }
      if (el.hasAttribute('href')) {
        const href = el.getAttribute('href')!;
        // Leaflet's zoom buttons are the only in-page links.
        const leafletButton = href === '#' && el.closest('.leaflet-control-zoom');
        if (!leafletButton && !LINK_SCHEMES.test(href)) problems.push(`href ${JSON.stringify(href.slice(0, 80))} on ${where(el)}`);
        if (el.getAttribute('target') === '_blank' && !/noopener/.test(el.getAttribute('rel') ?? ''))
          problems.push(`target=_blank without noopener on ${where(el)}`);
      }
    }
  }
  return problems;
}

const listOf = (el: NaloxoneFinder) => el.shadowRoot!.querySelector<NfServiceList>('nf-service-list')!;
const mapOf = (el: NaloxoneFinder) => el.shadowRoot!.querySelector<NfMap>('nf-map')!;
const nameButtons = (el: NaloxoneFinder) => [...listOf(el).shadowRoot!.querySelectorAll<HTMLElement>('[part="name"]')];

function markersOf(map: NfMap): Marker[] {
  const markers: Marker[] = [];
  map.leafletMap!.eachLayer((layer) => {
    if (layer instanceof Marker && layer.options.interactive !== false) markers.push(layer);
  });
  return markers;
}

/** Lets late payloads (an image's onerror after its failed request) have their chance. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

async function render(src: string): Promise<{ el: NaloxoneFinder; format: string }> {
  const el = document.createElement('naloxone-finder');
  Object.assign(el, { src, limit: 10_000, tileUrl: 'none', latitude: 0, longitude: 0 });
  el.style.display = 'block';
  el.style.width = '800px';
  const loadEvent = oneEvent(el, 'nf-feed-load');
  document.body.append(el);
  const { detail } = await loadEvent;
  await el.updateComplete;
  await waitUntil(() => listOf(el)?.shadowRoot?.querySelector('ol'), 'the list never rendered', { timeout: 5000 });
  await listOf(el).updateComplete;
  await mapOf(el).updateComplete;
  await waitUntil(() => mapOf(el).leafletMap && markersOf(mapOf(el)).length > 0, 'no marker was drawn', { timeout: 5000 });
  return { el, format: detail.format };
}

describe('hostile feeds', () => {
  const prototypeKeys = (o: object) => Object.getOwnPropertyNames(o).sort().join();
  const baseline = { object: prototypeKeys(Object.prototype), array: prototypeKeys(Array.prototype), func: prototypeKeys(Function.prototype) };
  const ran: string[] = [];
  const errors: string[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.message);

  // The feed report would print hundreds of warnings about the payloads.
  const quiet = ['groupCollapsed', 'groupEnd', 'warn'] as const;
  const original = quiet.map((key) => console[key]);

  let schema: Record<string, unknown>;

  before(async () => {
    schema = await (await fetch(new URL('../../src/feed/feed.schema.json', import.meta.url))).json();
    quiet.forEach((key) => (console[key] = () => {}));
    // A trap rather than a value: it notices a payload that sets the flag and deletes it again.
    Object.defineProperty(window, '__nfPwned', { configurable: true, get: () => undefined, set: (v) => ran.push(String(v)) });
    window.addEventListener('error', onError);
  });

  after(() => {
    quiet.forEach((key, i) => (console[key] = original[i]));
    delete (window as unknown as Record<string, unknown>)['__nfPwned'];
    window.removeEventListener('error', onError);
  });

  afterEach(async () => {
    document.querySelectorAll('naloxone-finder, nf-service-list, nf-map').forEach((el) => el.remove());
    await caches.delete('naloxone-finder-v1');
    localStorage.clear();
  });

  it('has a corpus of at least 50 labelled payloads', () => {
    expect(PAYLOADS.length).to.be.at.least(50);
    expect(new Set(PAYLOADS.map((p) => p.label)).size, 'labels are unique').to.equal(PAYLOADS.length);
  });

  for (const { format, build, type } of FORMATS) {
    it(`${format}: renders every payload as text, runs nothing, links only http(s)/tel/mailto`, async function () {
      this.timeout(30_000);
      const records = hostileRecords();
      const text = build(records);
      // The bytes the browser fetches: encoding turns lone surrogates into U+FFFD.
      const expected = await parseFeed(new TextEncoder().encode(text));
      expect(expected.format).to.equal(format);
      // Hostile text never turns into a value of another type ("__proto__" as a type or status).
      expect(schemaErrors(schema, JSON.parse(JSON.stringify({ version: 1, services: expected.services })))).to.deep.equal([]);
      const src = URL.createObjectURL(new Blob([text], { type }));
      const { el, format: loadedAs } = await render(src);
      expect(loadedAs).to.equal(format);
      await settle();

      expect(ran, 'a payload ran').to.deep.equal([]);
      expect(errors, 'uncaught errors').to.deep.equal([]);
      expect(domProblems(el)).to.deep.equal([]);

      // The list shows every service, its name as text: the prefixed records all survive.
      const services = expected.services;
      expect(services.length).to.be.at.least(PAYLOADS.length);
      const names = nameButtons(el).map((b) => b.textContent!.trim());
      expect(names.length).to.equal(services.length);
      expect([...names].sort()).to.deep.equal(services.map((s) => s.name.trim()).sort());
      expect(
        names.some((n) => n.includes('<script>window.__nfPwned=1</script>')),
        'markup shown as text',
      ).to.equal(true);
      for (const name of names) {
        expect(name.length, name.slice(0, 40)).to.be.at.most(MAX_LENGTH.name);
        expect(BIDI_CONTROLS.test(name), `bidi control in ${JSON.stringify(name.slice(0, 40))}`).to.equal(false);
      }
      const longName = services.find((s) => s.name.startsWith('AAAA'));
      expect(longName?.name.length, 'the 100,000-character name is cut').to.be.at.most(MAX_LENGTH.name);
      for (const label of listOf(el).shadowRoot!.querySelectorAll('[part="type-list"] li')) expect(label.textContent!.trim(), 'a type label').not.to.equal('');
      // An 8,000-character address is dropped, never cut into a link to some other page.
      for (const s of services) expect(s.website?.length ?? 0, s.website?.slice(0, 60)).to.be.at.most(MAX_LENGTH.long);
      expect(
        services.some((s) => s.website?.includes('%E2%80%A6')),
        'a cut website',
      ).to.equal(false);
      const listText = listOf(el).shadowRoot!.textContent!;
      expect(BIDI_CONTROLS.test(listText), 'bidi controls anywhere in the list').to.equal(false);
      expect(listText).not.to.include(LONG_TEXT.slice(0, MAX_LENGTH.long + 1));

      // Website links only for http(s) websites; email links carry one address.
      const serviceById = new Map(services.map((s) => [s.id, s]));
      for (const item of listOf(el).shadowRoot!.querySelectorAll<HTMLLIElement>('li[part="item"]')) {
        const service = serviceById.get(item.dataset['id']!);
        expect(service, `item ${item.dataset['id']?.slice(0, 40)}`).to.exist;
        const links = [...item.querySelectorAll('a')];
        const website = links.filter((a) => a.textContent!.startsWith('Website'));
        for (const a of website) expect(a.getAttribute('href')).to.match(/^https?:\/\//);
        expect(website.length).to.equal(service!.website ? 1 : 0);
        for (const a of links.filter((link) => link.getAttribute('href')!.startsWith('mailto:'))) {
          expect(a.getAttribute('href')).to.match(/^mailto:[^?#%/\\\s]+@[^?#%/\\\s]+$/);
        }
        for (const a of links.filter((link) => link.getAttribute('href')!.startsWith('tel:'))) expect(a.getAttribute('href')).to.match(/^tel:\+?[\d,]+$/);
      }

      // Leaflet got names as text: marker labels start with the service's name (then its street
      // and distance), and the selected marker's tooltip is a DOM node built with textContent.
      const map = mapOf(el);
      const markers = markersOf(map);
      const located = services.filter((s) => s.lat !== undefined);
      expect(markers.length).to.equal(located.length);
      const locatedNames = located.map((s) => s.name);
      for (const m of markers) {
        const label = m.getElement()!.getAttribute('aria-label')!;
        // Listed markers lead with their number in the list ("1. ").
        expect(
          locatedNames.some((n) => label.replace(/^\d+\. /, '').startsWith(n)),
          label.slice(0, 60),
        ).to.equal(true);
      }

      // Select hostile services from the list: the selected marker and its tooltip stay text.
      // One of each kind (clicking all of them takes seconds); ids with quotes exercise CSS.escape.
      const buttons = nameButtons(el);
      const kinds = [/^<script>/, /^<img/, /^"><script>/, /onmouseover/, /^\$\{/, /^__proto__$/, /lit\$/, /^Hostile \d+ name \{\{/];
      const hostile = [...new Set(kinds.map((kind) => buttons.find((b) => kind.test(b.textContent!.trim()))).filter((b) => b !== undefined))];
      expect(hostile.length).to.be.at.least(6);
      for (const button of hostile) {
        const name = button.textContent!.trim();
        button.closest('li')!.querySelector<HTMLButtonElement>('button.show-on-map')?.click();
        await listOf(el).updateComplete;
        await el.updateComplete;
        await map.updateComplete;
        const item = button.closest('li')!;
        if (!serviceById.get(item.dataset['id']!)!.lat) continue;
        expect(item.getAttribute('aria-current'), name.slice(0, 40)).to.equal('true');
        const selected = map.shadowRoot!.querySelector('.nf-marker--selected')!;
        const label = selected.getAttribute('aria-label')!;
        expect(label.replace(/^\d+\. /, '').startsWith(name), `${label.slice(0, 40)} / ${name.slice(0, 40)}`).to.equal(true);
        // The selected marker's tooltip, and the focused or hovered one's: text in one span each.
        const tips = [...map.shadowRoot!.querySelectorAll('.leaflet-tooltip')];
        for (const tip of tips) expect([tip.children.length, tip.children[0].tagName, tip.children[0].childElementCount]).to.deep.equal([1, 'SPAN', 0]);
        expect(tips.map((t) => t.textContent)).to.include(label);
      }
      await settle();
      expect(ran, 'a payload ran after selection').to.deep.equal([]);
      expect(domProblems(el)).to.deep.equal([]);
      URL.revokeObjectURL(src);
    });
  }

  it('list and map given unvalidated services directly still show text and safe links only', async () => {
    // The elements also take services that never went through the validator (a partner's own code).
    const services = PAYLOADS.map(
      (p, i) =>
        ({
          id: `raw-${i}`,
          name: p.value,
          lat: 0.01 + 0.002 * i,
          lng: 0.01,
          types: ['naloxone'],
          website: p.value,
          phone: p.value,
          description: p.value,
        }) as Service,
    );
    const host = await fixture<HTMLDivElement>(
      html`<div style="width: 800px">
        <nf-service-list .services=${services} latitude="0" longitude="0" limit="1000"></nf-service-list>
        <nf-map .services=${services} latitude="0" longitude="0" tile-url="none"></nf-map>
      </div>`,
    );
    const list = host.querySelector('nf-service-list')!;
    const map = host.querySelector('nf-map')!;
    await list.updateComplete;
    await map.updateComplete;
    await settle();
    expect(ran).to.deep.equal([]);
    for (const a of list.shadowRoot!.querySelectorAll('a')) expect(a.getAttribute('href')).to.match(LINK_SCHEMES);
    for (const a of list.shadowRoot!.querySelectorAll('a')) if (a.textContent!.startsWith('Website')) expect(a.getAttribute('href')).to.match(/^https?:\/\//);
    for (const root of [list.shadowRoot!, map.shadowRoot!]) {
      for (const el of root.querySelectorAll('*')) {
        expect(ALLOWED_TAGS.has(el.tagName.toLowerCase()), el.tagName).to.equal(true);
        for (const { name } of el.attributes) expect(name).not.to.match(/^on/i);
      }
    }
    // A selected marker shows its name in a tooltip: text in one span.
    map.selectedId = services.find((s) => s.lat !== undefined)!.id;
    await map.updateComplete;
    const tips = [...map.shadowRoot!.querySelectorAll('.leaflet-tooltip')];
    expect(tips.length).to.be.at.least(1);
    for (const tip of tips) expect([tip.children.length, tip.children[0].childElementCount]).to.deep.equal([1, 0]);
  });

  it('no prototype was polluted by any of the feeds', () => {
    const probe = {} as Record<string, unknown>;
    expect(probe['polluted']).to.equal(undefined);
    expect(([] as unknown as Record<string, unknown>)['polluted']).to.equal(undefined);
    expect(prototypeKeys(Object.prototype)).to.equal(baseline.object);
    expect(prototypeKeys(Array.prototype)).to.equal(baseline.array);
    expect(prototypeKeys(Function.prototype)).to.equal(baseline.func);
    expect(ran).to.deep.equal([]);
  });
});
