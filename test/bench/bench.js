/*
 * One measurement per page load, chosen by the query string (see run.mjs):
 *   ?mode=parse&feed=<native JSON URL>            JSON.parse of the feed text alone (the baseline)
 *   ?mode=widget&feed=<URL>&map=on|off&bundle=<URL>  setting `src` → first list item painted
 *   ?mode=hostile&feed=<URL>&map=off               setting `src` → nf-feed-load or nf-feed-error,
 *                                                  and the list painted when there is one
 *   ?mode=fetch&feed=<URL>                         fetch() and arrayBuffer() alone: what the browser
 *                                                  itself costs the page to receive the file
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
  await import(bundle);
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
  return { el, importMs: importEnd - importStart };
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

async function run() {
  const mode = params.get('mode');
  const feed = params.get('feed');
  const measures = { parse: measureParse, widget: measureWidget, hostile: measureHostile, fetch: measureFetch };
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
