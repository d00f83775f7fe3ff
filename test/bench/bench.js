/*
 * One measurement per page load, chosen by the query string (see run.mjs):
 *   ?mode=parse&feed=<native JSON URL>            JSON.parse of the feed text alone (the baseline)
 *   ?mode=widget&feed=<URL>&map=on|off&bundle=<URL>  setting `src` → first list item painted
 *   ?mode=hostile&feed=<URL>&map=off               setting `src` → nf-feed-load or nf-feed-error,
 *                                                  and the list painted when there is one
 *   ?mode=fetch&feed=<URL>                         fetch() and arrayBuffer() alone: what the browser
 *                                                  itself costs the page to receive the file
 *   ?mode=journey&feed=<URL>&map=on|off&zip=<ZIP>&needs=1
 *                                                  the visitor's journey after the feed has loaded: the
 *                                                  first place search, then filter toggles, each until
 *                                                  the list has re-rendered and painted; and the
 *                                                  yardstick, runQuery over the same services (see
 *                                                  measureJourney)
 *   ?mode=pan&page=nf-map|plain&markers=2000&bundle=<URL>
 *                                                  pan/zoom steps over that many fictional markers, drawn by
 *                                                  <nf-map> from the bundle or by plain Leaflet (see measurePan)
 *   ?mode=scale-load|scale-parse|scale-receive|scale-map&…     issue 10's targets at 14k and 100k services (see scale.js)
 *   &hold=1                                        wait for benchGo() (the runner profiles the load)
 * The result is the promise `window.benchResult`. Times are performance.now() milliseconds.
 */
import { seeded } from './seeded.js';
const params = new URLSearchParams(location.search);

/** Resolves after the next frame has been painted (a task queued from rAF runs after paint). */
const afterPaint = () =>
  new Promise((resolve) =>
    requestAnimationFrame(() => {
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => resolve(performance.now());
      port2.postMessage(null);
    }),
  );

/** Lets the page go quiet: pending tasks, a frame and an idle period. */
const settle = async () => {
  await afterPaint();
  await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 }));
  await new Promise((resolve) => setTimeout(resolve, 100));
};

async function measureParse(feed) {
  const fetchStart = performance.now();
  const text = await (await fetch(feed)).text();
  const fetchEnd = performance.now();
  await settle();
  const t0 = performance.now();
  const doc = JSON.parse(text);
  const t1 = performance.now();
  await settle();
  return {
    marks: { t0, end: t1 },
    parseMs: t1 - t0,
    fetchMs: fetchEnd - fetchStart,
    chars: text.length,
    records: Array.isArray(doc.services) ? doc.services.length : undefined,
  };
}

function firstItem(el) {
  const list = el.shadowRoot?.querySelector('nf-service-list');
  return list?.shadowRoot?.querySelector('li') ?? null;
}

/** Resolves when the finder's list has its first item in the DOM (checked after each update and frame). */
async function waitForFirstItem(el) {
  for (;;) {
    if (firstItem(el)) return performance.now();
    await el.updateComplete;
    const list = el.shadowRoot?.querySelector('nf-service-list');
    if (list) await list.updateComplete;
    if (firstItem(el)) return performance.now();
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** The finder, defined and in the page, with the benchmark's attributes; `src` not set yet. */
async function addFinder() {
  const bundle = params.get('bundle') ?? '/dist/naloxone-finder.js';
  const importStart = performance.now();
  const module = await import(bundle);
  await customElements.whenDefined('naloxone-finder');
  const importEnd = performance.now();

  const el = document.createElement('naloxone-finder');
  el.setAttribute('map', params.get('map') ?? 'off');
  el.setAttribute('tile-url', 'none');
  el.setAttribute('latitude', params.get('lat') ?? '39.8283');
  el.setAttribute('longitude', params.get('lng') ?? '-98.5795');
  el.setAttribute('origin-label', 'the benchmark origin');
  el.setAttribute('units', 'mi');
  // SAMHSA's directory has no type column: every row is a treatment facility.
  el.setAttribute('default-types', 'treatment');
  document.body.append(el);
  await el.updateComplete;
  await settle();
  return { el, module, importMs: importEnd - importStart };
}

async function measureWidget(feed) {
  const { el, importMs } = await addFinder();
  const loaded = new Promise((resolve, reject) => {
    el.addEventListener('nf-feed-load', (event) => resolve({ at: performance.now(), detail: event.detail }), { once: true });
    el.addEventListener('nf-feed-error', (event) => reject(new Error(`nf-feed-error: ${JSON.stringify(event.detail)}`)), { once: true });
  });
  const t0 = performance.now();
  el.setAttribute('src', feed);
  const { at: loadAt, detail } = await loaded;
  const itemAt = await waitForFirstItem(el);
  const paintAt = await afterPaint();
  // Whatever the load left queued (the last good copy is saved, the map draws) still counts.
  await settle();
  await new Promise((resolve) => setTimeout(resolve, 300));
  await settle();
  const list = el.shadowRoot.querySelector('nf-service-list');
  return {
    marks: { t0, load: loadAt, item: itemAt, end: paintAt },
    importMs,
    totalMs: paintAt - t0,
    toLoadMs: loadAt - t0,
    toPaintAfterLoadMs: paintAt - loadAt,
    count: detail.count,
    skipped: detail.skipped.length,
    warnings: detail.warnings.length,
    format: detail.format,
    items: list.shadowRoot.querySelectorAll('li').length,
    firstItemText: firstItem(el)?.textContent.replace(/\s+/g, ' ').trim().slice(0, 120),
  };
}

/** A feed that may be refused: time to the outcome (loaded and painted, or the error shown). */
/** How the finder's next load ends: `{ loaded, count, skipped }` or `{ loaded: false, kind, message }`. */
function feedOutcome(el) {
  return new Promise((resolve) => {
    el.addEventListener('nf-feed-load', (event) => resolve({ loaded: true, count: event.detail.count, skipped: event.detail.skipped.length }), { once: true });
    el.addEventListener('nf-feed-error', (event) => resolve({ loaded: false, kind: event.detail.kind, message: event.detail.message }), { once: true });
  });
}

async function measureHostile(feed) {
  const { el, importMs } = await addFinder();
  const outcome = feedOutcome(el);
  const t0 = performance.now();
  el.setAttribute('src', feed);
  const result = await outcome;
  const outcomeAt = performance.now();
  if (result.loaded && result.count) await waitForFirstItem(el);
  const paintAt = await afterPaint();
  await settle();
  await new Promise((resolve) => setTimeout(resolve, 300));
  await settle();
  return { marks: { t0, load: outcomeAt, end: paintAt }, importMs, totalMs: paintAt - t0, ...result };
}

async function measureFetch(feed) {
  await settle();
  const t0 = performance.now();
  const bytes = (await (await fetch(feed)).arrayBuffer()).byteLength;
  const end = performance.now();
  await settle();
  return { marks: { t0, load: end, end }, totalMs: end - t0, bytes };
}

const KM_PER_MILE = 1.609344;
/** The finder's default radius with units="mi" (30 mi): the yardstick asks for the same. */
const RADIUS_KM = 30 * KM_PER_MILE;
/** The needs ticked, in this order, by the label the filter bar shows (English strings). */
const NEED_LABELS = ['Free', 'Open now', 'No ID needed'];

const listOf = (el) => el.shadowRoot.querySelector('nf-service-list');
const firstItemId = (el) => listOf(el)?.shadowRoot?.querySelector('li[part="item"][data-id]')?.dataset.id;

/** Polls each frame until `check()` is truthy; throws after `ms` with `what` in the message. */
async function waitFor(check, what, ms = 30_000) {
  const until = performance.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/**
 * One step of the journey: from `act()` until `changed()` holds in the list's shadow DOM
 * (checked by a MutationObserver right after each DOM commit, and each frame), then the paint
 * that shows it; then the page settles (whatever the step left queued, e.g. the map redrawing its
 * markers, lands inside the step's window for the long-task count).
 */
async function step(el, name, act, changed) {
  const root = listOf(el).shadowRoot;
  let seenAt;
  let seen;
  const whenSeen = new Promise((resolve) => (seen = resolve));
  const look = () => {
    if (seenAt === undefined && changed()) {
      seenAt = performance.now();
      seen();
    }
  };
  const observer = new MutationObserver(look);
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  const start = performance.now();
  try {
    await act();
    // Onward as soon as the observer sees the change: polling each frame alone would add a
    // frame whenever the change lands in the task that made it.
    await Promise.race([whenSeen, waitFor(() => (look(), seenAt !== undefined), `the list to change after "${name}"`)]);
  } finally {
    observer.disconnect();
  }
  const paintAt = await afterPaint();
  await settle();
  return { name, start, listChangedAt: seenAt, paintAt, settledAt: performance.now(), ms: paintAt - start };
}

/**
 * The visitor's journey on a loaded feed (the first search and each filter toggle), timed in
 * the page, with a yardstick from the same page: `runQuery` (the finder's own query: filters,
 * distances, sort, radius, counts; no DOM) over the same services, parsed again here with the
 * bundle's `parseFeed` and the finder's options.
 */
async function measureJourney(feed) {
  const { el, module, importMs } = await addFinder();
  const loaded = new Promise((resolve, reject) => {
    el.addEventListener('nf-feed-load', (event) => resolve(event.detail), { once: true });
    el.addEventListener('nf-feed-error', (event) => reject(new Error(`nf-feed-error: ${JSON.stringify(event.detail)}`)), { once: true });
  });
  const loadStart = performance.now();
  el.setAttribute('src', feed);
  const detail = await loaded;
  await waitForFirstItem(el);
  const loadEnd = await afterPaint();
  await settle();
  const bar = () => el.shadowRoot.querySelector('nf-filter-bar');
  const option = (label) =>
    [...(bar()?.shadowRoot?.querySelectorAll('label.option') ?? [])].find((l) => l.textContent.trim().replace(/\s*\(\d[\d,.]*\)$/, '') === label);
  // "Open now" is offered once the services' time zones are known (found from their
  // coordinates after the load, in a chunk of its own): the journey starts after that. The
  // filter bar draws its choices only when opened (a step below), so the sign waited for is the
  // list's: hours in the services' zones ("Open now · closes 5 PM"), where before only
  // round-the-clock services had any.
  const zoned = () => [...listOf(el).shadowRoot.querySelectorAll('[part~="hours-status"]')].some((p) => !/24 hours/.test(p.textContent));
  if (params.get('needs') === '1') await waitFor(zoned, "the list to show opening hours in the services' time zones");
  await settle();
  const ready = performance.now();
  const chunksBefore = new Set(performance.getEntriesByType('resource').map((r) => r.name));

  // (a) The first place search: the ZIP typed into the field, the form submitted as Enter
  // does; it loads the search code and the gazetteer chunk, finds the place, and the finder
  // re-runs the query and renders, until the list's first result is another service.
  const search = el.shadowRoot.querySelector('nf-place-search');
  const input = search.shadowRoot.querySelector('input');
  const form = search.shadowRoot.querySelector('form');
  const zip = params.get('zip') ?? '15213';
  let place;
  search.addEventListener('nf-place-select', (event) => (place = event.detail), { once: true });
  const firstBefore = firstItemId(el);
  input.focus();
  input.value = zip;
  const steps = [];
  steps.push(
    await step(
      el,
      `search "${zip}"`,
      () => form.requestSubmit(),
      () => firstItemId(el) !== firstBefore,
    ),
  );
  const firstAfterSearch = firstItemId(el);
  if (!place) throw new Error(`the search for "${zip}" chose no place: ${search.shadowRoot.querySelector('[part="message"]')?.textContent.trim()}`);
  const chunks = performance
    .getEntriesByType('resource')
    .filter((r) => !chunksBefore.has(r.name) && r.startTime >= steps[0].start)
    .map((r) => ({ name: r.name.replace(/^.*\//, ''), bytes: r.transferSize, encoded: r.encodedBodySize }));

  // (b) Each filter a visitor ticks, one after the other, then "Clear filters".
  const filterSummary = () => bar()?.shadowRoot?.querySelector('[part="summary"]')?.textContent.trim() ?? '';
  const listText = () => listOf(el).shadowRoot.textContent;
  const offered = [];
  // The choices (and their counts) are drawn only once "Filters" is open.
  const toggle = bar()?.shadowRoot?.querySelector('[part="toggle"]');
  if (toggle && toggle.getAttribute('aria-expanded') !== 'true') {
    steps.push(
      await step(
        el,
        'open "Filters"',
        () => toggle.click(),
        () => !!bar().shadowRoot.querySelector('label.option'),
      ),
    );
  }
  if (params.get('needs') === '1' && !NEED_LABELS.every(option)) {
    throw new Error(`"Filters" opened without offering ${NEED_LABELS.filter((label) => !option(label)).join(', ')}`);
  }
  for (const label of NEED_LABELS) {
    const box = option(label)?.querySelector('input');
    if (!box) continue;
    offered.push(label);
    const before = listText();
    const done = await step(
      el,
      `tick "${label}"`,
      () => box.click(),
      () => listText() !== before,
    );
    steps.push({ ...done, summary: filterSummary() });
  }
  if (offered.length) {
    const clear = bar().shadowRoot.querySelector('[part="clear"]');
    const before = listText();
    steps.push(
      await step(
        el,
        'clear filters',
        () => clear.click(),
        () => listText() !== before,
      ),
    );
  }

  // (c) The yardstick: the same services, the same query as the finder's after the search,
  // with no filters and no DOM. Median of five, each in a task of its own.
  const parsed = await module.parseFeed(new Uint8Array(await (await fetch(feed)).arrayBuffer()), { defaultTypes: ['treatment'] });
  const query = { origin: { lat: place.latitude, lng: place.longitude }, roundTo: 'mi', radiusKm: RADIUS_KM };
  const yardstick = [];
  let expected;
  await settle();
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    const result = module.runQuery(parsed.services, query);
    const end = performance.now();
    expected = result.listed[0]?.service;
    yardstick.push({ start, end, ms: end - start });
    await settle();
  }
  return {
    marks: { t0: loadStart, load: loadEnd, ready, steps: steps.map(({ name, start, settledAt }) => ({ name, start, end: settledAt })), yardstick },
    importMs,
    loadMs: loadEnd - loadStart,
    count: detail.count,
    place: place.label,
    chunks,
    steps: steps.map(({ name, ms, listChangedAt, start, summary }) => ({ name, ms, toListChangeMs: listChangedAt - start, summary })),
    yardstickMs: yardstick.map((y) => y.ms),
    yardstickCount: parsed.services.length,
    offered,
    // The list's first result after the search, and the yardstick's: the runner checks they agree.
    firstAfterSearch,
    expectedFirst: expected && { id: expected.id, name: expected.name },
  };
}

/** The city-sized box the pan pages spread their markers over (about 14 × 11 km). */
const PAN_AREA = { south: 49.2, north: 49.3, west: -123.22, east: -123.02 };
/** The view both pan pages start from: the whole box in the 1000 × 500 px map. */
const PAN_VIEW = { center: [49.25, -123.12], zoom: 12 };
const PAN_STEPS = 20;
/** The pans, in turn: around a square, so the view stays over the markers. */
const PAN_OFFSETS = [
  { name: 'pan 200 px right', by: [200, 0] },
  { name: 'pan 200 px down', by: [0, 200] },
  { name: 'pan 200 px left', by: [-200, 0] },
  { name: 'pan 200 px up', by: [0, -200] },
];

/** The same points in every run and on both pages: a seeded generator (mulberry32). */
function panServices(count) {
  const random = seeded(0x2000);
  return Array.from({ length: count }, (_, i) => ({
    id: `pan-${i}`,
    name: `Example Service ${i + 1} (fictional)`,
    lat: Number((PAN_AREA.south + random() * (PAN_AREA.north - PAN_AREA.south)).toFixed(5)),
    lng: Number((PAN_AREA.west + random() * (PAN_AREA.east - PAN_AREA.west)).toFixed(5)),
    types: ['naloxone'],
  }));
}

/** `<nf-map>` from the built bundle, 1000 × 500 px, no tiles: its Leaflet map once the markers are drawn. */
async function nfMapPage(services, container) {
  await import(params.get('bundle') ?? '/dist/naloxone-finder.js');
  await customElements.whenDefined('nf-map');
  const el = document.createElement('nf-map');
  el.setAttribute('tile-url', 'none');
  el.style.setProperty('--nf-map-height', '500px');
  container.append(el);
  // Leaflet's chunk loads and an empty map is drawn first, so the draw below is of the markers alone.
  await el.updateComplete;
  await settle();
  const t0 = performance.now();
  el.services = services;
  await el.updateComplete;
  const drawn = await afterPaint();
  // It clusters and draws only what is in view: it maps every service it was given.
  return { map: el.leafletMap, markerPane: el.leafletMap.getPane('markerPane'), mapped: el.services.length, firstDrawMs: drawn - t0 };
}

/** Plain Leaflet from node_modules with its own CSS and default (image) markers, the same size. */
async function plainPage(services, container) {
  const css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = '/node_modules/leaflet/dist/leaflet.css';
  const cssLoaded = new Promise((resolve, reject) => {
    css.onload = resolve;
    css.onerror = () => reject(new Error(`${css.href} did not load`));
  });
  document.head.append(css);
  await cssLoaded;
  const L = await import('/node_modules/leaflet/dist/leaflet-src.esm.js');
  // The same box as <nf-map>'s map container: 500 px high with a 1 px border inside it.
  const div = document.createElement('div');
  div.style.cssText = 'box-sizing: border-box; height: 500px; border: 1px solid #c8c8c8';
  container.append(div);
  const map = L.map(div).setView(PAN_VIEW.center, PAN_VIEW.zoom, { animate: false });
  await afterPaint();
  await settle();
  const t0 = performance.now();
  for (const s of services) L.marker([s.lat, s.lng], { title: s.name }).addTo(map);
  const drawn = await afterPaint();
  return { map, markerPane: map.getPane('markerPane'), firstDrawMs: drawn - t0 };
}

/** Resolves once the frame after the current one has begun, so the current one has been painted. */
const twoFrames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now()))));

/**
 * The pan/zoom cost of a map with 2,000 markers: the same fictional points, on <nf-map> from
 * the bundle or on plain Leaflet (the yardstick), in a 1000 × 500 px map without tiles. After
 * the first draw both are set to the same view; then 20 steps, a pan of 200 px and a zoom in
 * or out by turns, none animated, each timed from the call until the next frame has painted.
 */
async function measurePan() {
  const which = params.get('page');
  const pages = { 'nf-map': nfMapPage, plain: plainPage };
  if (!pages[which]) throw new Error(`page=${which}: expected nf-map or plain`);
  const container = document.createElement('div');
  container.style.width = '1000px';
  document.body.append(container);
  const count = Number(params.get('markers'));
  if (!(Number.isInteger(count) && count > 0)) throw new Error(`markers=${params.get('markers')}: expected a positive whole number`);
  const services = panServices(count);
  const { map, markerPane, mapped, firstDrawMs } = await pages[which](services, container);
  map.setView(PAN_VIEW.center, PAN_VIEW.zoom, { animate: false });
  await afterPaint();
  await settle();
  const inView = services.filter((s) => map.getBounds().contains([s.lat, s.lng])).length;
  const steps = [];
  for (let i = 0; i < PAN_STEPS; i++) {
    const zoomIn = i % 4 === 1;
    const pan = i % 2 === 0 ? PAN_OFFSETS[(i / 2) % 4] : undefined;
    const name = pan ? pan.name : zoomIn ? 'zoom in' : 'zoom out';
    const start = performance.now();
    if (pan) map.panBy(pan.by, { animate: false });
    else map.setView(map.getCenter(), map.getZoom() + (zoomIn ? 1 : -1), { animate: false });
    const end = await twoFrames();
    steps.push({ name, start, end, ms: end - start });
    await settle();
  }
  const size = map.getSize();
  return {
    marks: { steps: steps.map(({ name, start, end }) => ({ name, start, end })) },
    page: which,
    markers: mapped ?? markerPane.children.length,
    inView,
    size: [size.x, size.y],
    firstDrawMs,
    stepMs: steps.map((s) => s.ms),
    stepNames: steps.map((s) => s.name),
  };
}

async function run() {
  const mode = params.get('mode');
  const feed = params.get('feed');
  const measures = { parse: measureParse, widget: measureWidget, hostile: measureHostile, fetch: measureFetch, journey: measureJourney, pan: measurePan };
  const scale = {
    'scale-load': 'measureScaleLoad',
    'scale-parse': 'measureScaleParse',
    'scale-receive': 'measureScaleReceive',
    'scale-map': 'measureScaleMap',
  };
  if (scale[mode]) {
    const module = await import('./scale.js');
    const result = await module[scale[mode]](feed, { addFinder, feedOutcome, waitForFirstItem, afterPaint, settle, step, twoFrames });
    return { ...result, longTasks: window.benchLongTasks.slice() };
  }
  const result = await measures[mode](feed);
  return { ...result, longTasks: window.benchLongTasks.slice() };
}

const start = () => run().catch((error) => ({ error: String(error?.stack ?? error) }));

if (params.has('hold')) {
  // Profiling: the runner starts the CPU profiler first, then calls benchGo().
  window.benchGo = () => {
    window.benchResult = start();
  };
  window.benchReady = true;
} else {
  window.benchResult = start();
}
