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
 *   &hold=1                                        wait for benchGo() (the runner profiles the load)
 * The result is the promise `window.benchResult`. Times are performance.now() milliseconds.
 */
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
async function measureHostile(feed) {
  const { el, importMs } = await addFinder();
  const outcome = new Promise((resolve) => {
    el.addEventListener('nf-feed-load', (event) => resolve({ loaded: true, count: event.detail.count, skipped: event.detail.skipped.length }), { once: true });
    el.addEventListener('nf-feed-error', (event) => resolve({ loaded: false, kind: event.detail.kind, message: event.detail.message }), { once: true });
  });
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
 * (checked by a MutationObserver right after each DOM commit, and each frame), then the next
 * paint; then the page settles (whatever the step left queued, e.g. the map redrawing its
 * markers, lands inside the step's window for the long-task count).
 */
async function step(el, name, act, changed) {
  const root = listOf(el).shadowRoot;
  let seenAt;
  const look = () => {
    if (seenAt === undefined && changed()) seenAt = performance.now();
  };
  const observer = new MutationObserver(look);
  observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  const start = performance.now();
  try {
    await act();
    await waitFor(() => (look(), seenAt !== undefined), `the list to change after "${name}"`);
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
  // coordinates after the load, in a chunk of its own): the journey starts after that.
  if (params.get('needs') === '1') await waitFor(() => NEED_LABELS.every(option), `the filter bar to offer ${NEED_LABELS.join(', ')}`);
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

async function run() {
  const mode = params.get('mode');
  const feed = params.get('feed');
  const measures = { parse: measureParse, widget: measureWidget, hostile: measureHostile, fetch: measureFetch, journey: measureJourney };
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
