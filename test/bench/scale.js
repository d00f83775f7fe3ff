/*
 * The scale scenario's pages (issue 10's targets; see scale.mjs for what the runner does with them).
 * bench.js imports this module for the modes below and passes its helpers in.
 *   ?mode=scale-load&feed=<URL>&map=on|off&maxmb=200[&cities=1][&heap=1][&lat=&lng=]
 *       first JSON.parse of the feed's text (the yardstick, cold), then the finder given the feed:
 *       setting `src` → first list item painted (at the first frame with one, the early page's in
 *       feed order: empty lat and lng), also timed from the response, and the whole feed's list;
 *       with heap=1 it pauses for the runner to read the JS heap; with cities=1 the origin moves to
 *       10 US cities in turn, each until the first item's name changed and painted; last, in the
 *       same page, JSON.parse again (warm) and a plain sort of every record by haversine distance
 *       from each city
 *   ?mode=scale-parse&feed=<URL>    JSON.parse of the text, kept (pauses for the runner's heap reading)
 *   ?mode=scale-receive&feed=<URL>
 *       first JSON.parse of the text, as scale-load does, then the feed's services received from a
 *       bare worker (receive-worker.js) as the finder's worker sends them, parsed and kept: the
 *       longest task's yardstick, what holding that many objects costs a page with none of our code
 *   ?mode=scale-map&page=nf-map|supercluster|markercluster&feed=<URL>[&steps=1]
 *       every service of the feed on a 1000 × 500 px map without tiles: from handing over the
 *       points to the map's markers in the DOM and painted; with steps=1, 20 pan/zoom steps after
 *   &pause=1 (set by the runner with heap=1): window.benchPaused names the pause; benchResume() ends it
 */

/** Ten US cities, far apart, so the nearest service changes at every move (approximate centres). */
export const CITIES = [
  { name: 'New York', lat: 40.7128, lng: -74.006 },
  { name: 'Los Angeles', lat: 34.0522, lng: -118.2437 },
  { name: 'Chicago', lat: 41.8781, lng: -87.6298 },
  { name: 'Houston', lat: 29.7604, lng: -95.3698 },
  { name: 'Phoenix', lat: 33.4484, lng: -112.074 },
  { name: 'Philadelphia', lat: 39.9526, lng: -75.1652 },
  { name: 'Denver', lat: 39.7392, lng: -104.9903 },
  { name: 'Seattle', lat: 47.6062, lng: -122.3321 },
  { name: 'Atlanta', lat: 33.749, lng: -84.388 },
  { name: 'Miami', lat: 25.7617, lng: -80.1918 },
];

/** The view the pan/zoom steps start from: the north-east corridor, where the points are densest. */
const STEP_VIEW = { center: [40.2, -75.0], zoom: 8 };
const STEPS = 20;
const STEP_OFFSETS = [
  { name: 'pan 200 px right', by: [200, 0] },
  { name: 'pan 200 px down', by: [0, 200] },
  { name: 'pan 200 px left', by: [-200, 0] },
  { name: 'pan 200 px up', by: [0, -200] },
];
/** The same padding <nf-map> fits its services with, so every page starts from the same view. */
const FIT = { paddingTopLeft: [72, 48], paddingBottomRight: [24, 28], animate: false };

const params = new URLSearchParams(location.search);

/** Waits for the runner when it asked to (pause=1): it reads the heap, then calls benchResume(). */
function pause(name) {
  if (params.get('pause') !== '1') return Promise.resolve();
  return new Promise((resolve) => {
    window.benchResume = () => {
      window.benchPaused = undefined;
      resolve();
    };
    window.benchPaused = name;
  });
}

const haversineKm = (lat1, lng1, lat2, lng2) => {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
};

const firstName = (el) => el.shadowRoot?.querySelector('nf-service-list')?.shadowRoot?.querySelector('li [part~="name"]')?.textContent.trim();

/**
 * The first frame with a list item in it, and that item's name: checked at every frame
 * (requestAnimationFrame), the time taken just after that frame is painted.
 */
function firstItemPainted(el) {
  let stopped = false;
  const painted = new Promise((resolve) => {
    const tick = () => {
      if (stopped) return;
      const name = firstName(el);
      if (name === undefined) return requestAnimationFrame(tick);
      const { port1, port2 } = new MessageChannel();
      port1.onmessage = () => resolve({ at: performance.now(), name });
      port2.postMessage(null);
    };
    requestAnimationFrame(tick);
  });
  return { painted, stop: () => (stopped = true) };
}

/**
 * The load's yardstick, in this page as the finder will find it: JSON.parse of the feed's text,
 * cold, its garbage left as the load will meet it; then a pause.
 */
async function parseFirst(feed, h) {
  let text = await (await fetch(feed)).text();
  const bytes = new TextEncoder().encode(text).length;
  await h.settle();
  const c0 = performance.now();
  JSON.parse(text);
  const parseMs = performance.now() - c0;
  text = undefined;
  await h.settle();
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { bytes, parseMs };
}

/** What a load left queued (saving the copy, the map's draw, time zones) still belongs to it. */
async function settleAfter(h) {
  await h.settle();
  await new Promise((resolve) => setTimeout(resolve, 300));
  await h.settle();
}

export async function measureScaleLoad(feed, h) {
  const { el, importMs } = await h.addFinder();
  el.setAttribute('max-feed-mb', params.get('maxmb') ?? '200');
  // The yardstick first (after the load, with the heap grown, it takes a fraction of that: kept
  // as parseWarmMs).
  const { bytes, parseMs } = await parseFirst(feed, h);
  const outcome = h.feedOutcome(el);
  const first = firstItemPainted(el);
  const t0 = performance.now();
  el.setAttribute('src', feed);
  const result = await outcome;
  const loadAt = performance.now();
  if (result.loaded && result.count) await h.waitForFirstItem(el);
  const end = await h.afterPaint();
  // The list may show its first page before the whole feed is read (a large feed's early page).
  const painted = result.loaded && result.count ? await first.painted : { at: end, name: undefined };
  first.stop();
  await settleAfter(h);
  const settled = performance.now();
  const marks = { t0, load: loadAt, end, settled };
  // "Feed response → first item": from the whole text received, when the page itself fetched it
  // (a fetch in a worker is not in this page's resource timing: then from setting src).
  const url = new URL(feed, location.href).href;
  const response = performance.getEntriesByType('resource').find((e) => e.name === url && e.startTime >= t0);
  const from = response?.responseEnd || t0;
  const out = {
    importMs,
    ...result,
    bytes,
    parseMs,
    totalMs: painted.at - t0,
    fromResponseMs: painted.at - from,
    // The whole feed's first paint, for the early page's context.
    wholeFeedMs: end - from,
    from: response ? 'response' : 'src set',
    toLoadMs: loadAt - t0,
  };
  if (!result.loaded) return { ...out, marks };
  out.firstItemText = firstName(el);
  // The early page must be the whole feed's: the bench warns when its first item differs.
  out.firstPaintedText = painted.name;
  out.domMarkers = el.shadowRoot.querySelector('nf-map')?.leafletMap?.getPane('markerPane').children.length;
  await pause('loaded');

  if (params.get('cities') === '1') {
    out.cities = [];
    marks.cities = [];
    for (const city of CITIES) {
      const before = firstName(el);
      const done = await h.step(
        el,
        `origin ${city.name}`,
        () => {
          el.setAttribute('latitude', String(city.lat));
          el.setAttribute('longitude', String(city.lng));
        },
        () => {
          const name = firstName(el);
          return name !== undefined && name !== before;
        },
      );
      out.cities.push({ city: city.name, ms: done.ms, changedMs: done.listChangedAt - done.start, first: firstName(el) });
      marks.cities.push({ name: done.name, start: done.start, changed: done.listChangedAt, paint: done.paintAt, end: done.settledAt });
    }
  }

  // The other yardstick, in the same page: sorting every record by distance (and JSON.parse again, warm).
  const again = await (await fetch(feed)).text();
  await h.settle();
  const p0 = performance.now();
  const doc = JSON.parse(again);
  out.parseWarmMs = performance.now() - p0;
  if (params.get('cities') === '1') {
    await h.settle();
    out.sortMs = [];
    for (const city of CITIES) {
      const s0 = performance.now();
      const ranked = doc.services.map((s) => ({ s, d: haversineKm(city.lat, city.lng, s.lat, s.lng) })).sort((a, b) => a.d - b.d);
      out.sortMs.push(performance.now() - s0);
      if (!ranked.length) throw new Error('nothing to sort');
      await h.settle();
    }
  }
  return { ...out, marks };
}

export async function measureScaleParse(feed, h) {
  let text = await (await fetch(feed)).text();
  await h.settle();
  const t0 = performance.now();
  window.benchKeep = JSON.parse(text);
  const parseMs = performance.now() - t0;
  const bytes = text.length;
  text = undefined;
  await h.settle();
  await pause('loaded');
  return { marks: { t0, end: t0 + parseMs }, parseMs, chars: bytes, records: window.benchKeep.services.length };
}

export async function measureScaleReceive(feed, h) {
  // As measureScaleLoad: the same text parsed in this page first (its garbage is the same too).
  await parseFirst(feed, h);
  const worker = new Worker(new URL('./receive-worker.js', import.meta.url));
  const kept = [];
  const t0 = performance.now();
  await new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data === null) resolve();
      else for (const item of JSON.parse(data)) kept.push(item);
    };
    worker.onerror = (event) => reject(new Error(`receive-worker.js: ${event.message}`));
    worker.postMessage(new URL(feed, location.href).href);
  });
  const end = performance.now();
  worker.terminate();
  await settleAfter(h);
  window.benchKeep = kept;
  return { marks: { t0, end, settled: performance.now() }, records: kept.length };
}

// ---------------------------------------------------------------------------------------------
// Every service on a map: <nf-map>, a bare supercluster + Leaflet page, leaflet.markercluster.

const addCss = (href) =>
  new Promise((resolve, reject) => {
    const link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href });
    link.onload = resolve;
    link.onerror = () => reject(new Error(`${href} did not load`));
    document.head.append(link);
  });

const addScript = (src) =>
  new Promise((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src });
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.append(script);
  });

/** A 1000 × 500 px box with a 1 px border, as <nf-map>'s container is. */
function mapBox(container) {
  const div = document.createElement('div');
  div.style.cssText = 'box-sizing: border-box; height: 500px; border: 1px solid #c8c8c8';
  container.append(div);
  return div;
}

async function nfMapPage(container, h, feed) {
  const module = await import(params.get('bundle') ?? '/dist/naloxone-finder.js');
  await customElements.whenDefined('nf-map');
  // The finder's own reading of the feed, so the map gets the services it would get.
  const parsed = await module.parseFeed(new Uint8Array(await (await fetch(feed)).arrayBuffer()), {});
  const el = document.createElement('nf-map');
  el.setAttribute('tile-url', 'none');
  el.style.setProperty('--nf-map-height', '500px');
  container.append(el);
  await el.updateComplete;
  // Leaflet's chunk loads and an empty map is drawn first, so the draw timed is of the services alone.
  for (const until = performance.now() + 30_000; !el.leafletMap;) {
    if (performance.now() > until) throw new Error('nf-map: no Leaflet map after 30 s');
    await h.afterPaint();
  }
  await h.settle();
  return {
    count: parsed.services.length,
    draw: () => {
      el.services = parsed.services;
    },
    map: () => el.leafletMap,
  };
}

async function superclusterPage(container, h, feed) {
  await addCss('/node_modules/leaflet/dist/leaflet.css');
  const L = await import('/node_modules/leaflet/dist/leaflet-src.esm.js');
  const { default: Supercluster } = await import('/node_modules/supercluster/index.js');
  const { services } = await (await fetch(feed)).json();
  const map = L.map(mapBox(container), { maxZoom: 18 });
  map.fitBounds(L.latLngBounds(services.map((s) => [s.lat, s.lng])), FIT);
  await h.settle();
  const icon = (count) => {
    const node = document.createElement('div');
    node.className = 'bench-cluster';
    node.textContent = String(count);
    return L.divIcon({ html: node, className: '', iconSize: [32, 32] });
  };
  return {
    count: services.length,
    draw: () => {
      const index = new Supercluster({ radius: 60, maxZoom: 16 });
      index.load(services.map((s) => ({ type: 'Feature', properties: { name: s.name }, geometry: { type: 'Point', coordinates: [s.lng, s.lat] } })));
      const layer = L.layerGroup().addTo(map);
      // Only what is in view, redrawn after each move: supercluster's own Leaflet example.
      const render = () => {
        const b = map.getBounds();
        const features = index.getClusters([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], map.getZoom());
        layer.clearLayers();
        for (const f of features) {
          const [lng, lat] = f.geometry.coordinates;
          const marker = f.properties.cluster
            ? L.marker([lat, lng], { icon: icon(f.properties.point_count) })
            : L.marker([lat, lng], { title: f.properties.name });
          layer.addLayer(marker);
        }
      };
      map.on('moveend', render);
      render();
    },
    map: () => map,
  };
}

async function markerclusterPage(container, h, feed) {
  await addCss('/node_modules/leaflet/dist/leaflet.css');
  await addCss('/node_modules/leaflet.markercluster/dist/MarkerCluster.css');
  await addCss('/node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css');
  // The UMD builds: markercluster extends the global L.
  await addScript('/node_modules/leaflet/dist/leaflet-src.js');
  await addScript('/node_modules/leaflet.markercluster/dist/leaflet.markercluster-src.js');
  const { L } = window;
  const { services } = await (await fetch(feed)).json();
  const map = L.map(mapBox(container), { maxZoom: 18 });
  map.fitBounds(L.latLngBounds(services.map((s) => [s.lat, s.lng])), FIT);
  await h.settle();
  return {
    count: services.length,
    draw: () => {
      const group = L.markerClusterGroup();
      group.addLayers(services.map((s) => L.marker([s.lat, s.lng], { title: s.name })));
      map.addLayer(group);
    },
    map: () => map,
  };
}

/**
 * Watches a map's container for markers coming and going. `quiet()` resolves once nothing has
 * changed for `ms` and the page is idle, with the time of the first paint after the last change
 * (or undefined when nothing changed since `since`).
 */
function watch(container, h) {
  let last = 0;
  let paintedAt;
  const observer = new MutationObserver(() => {
    const at = (last = performance.now());
    h.afterPaint().then((t) => {
      if (last === at) paintedAt = t;
    });
  });
  observer.observe(container, { subtree: true, childList: true });
  return {
    stop: () => observer.disconnect(),
    quiet: async (since, ms) => {
      for (;;) {
        await h.afterPaint();
        await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }));
        const now = performance.now();
        if (now - Math.max(last, since) >= ms && (last < since || paintedAt >= last)) return last >= since ? paintedAt : undefined;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

export async function measureScaleMap(feed, h) {
  const which = params.get('page');
  const pages = { 'nf-map': nfMapPage, supercluster: superclusterPage, markercluster: markerclusterPage };
  if (!pages[which]) throw new Error(`page=${which}: expected nf-map, supercluster or markercluster`);
  const container = document.createElement('div');
  container.style.width = '1000px';
  document.body.append(container);
  const page = await pages[which](container, h, feed);
  // The map's own container: <nf-map>'s is in its shadow root, where an observer of the page does not look.
  const watcher = watch(page.map().getContainer(), h);
  const t0 = performance.now();
  page.draw();
  // A clusterer that builds off the page (<nf-map> from 2,000 services: a worker) draws nothing
  // until it answers: wait for the first marker, then for the map to go quiet.
  const pane = page.map().getPane('markerPane');
  for (const until = t0 + 120_000; !pane.children.length && performance.now() < until;) await h.afterPaint();
  const drawnAt = await watcher.quiet(t0, 1000);
  if (drawnAt === undefined) throw new Error(`${which}: nothing changed in the map after the services were given`);
  const map = page.map();
  if (!pane.children.length) throw new Error(`${which}: no markers or clusters in the DOM after the first draw`);
  const result = {
    page: which,
    services: page.count,
    firstDrawMs: drawnAt - t0,
    domMarkers: pane.children.length,
    view: { zoom: map.getZoom(), center: [map.getCenter().lat, map.getCenter().lng].map((v) => Number(v.toFixed(3))) },
    marks: { t0, end: drawnAt, steps: [] },
  };
  if (params.get('steps') === '1') {
    map.setView(STEP_VIEW.center, STEP_VIEW.zoom, { animate: false });
    await watcher.quiet(performance.now(), 300);
    await h.settle();
    result.stepMs = [];
    result.stepView = { zoom: map.getZoom(), domMarkers: pane.children.length };
    for (let i = 0; i < STEPS; i++) {
      const zoomIn = i % 4 === 1;
      const pan = i % 2 === 0 ? STEP_OFFSETS[(i / 2) % 4] : undefined;
      const name = pan ? pan.name : zoomIn ? 'zoom in' : 'zoom out';
      const start = performance.now();
      if (pan) map.panBy(pan.by, { animate: false });
      else map.setView(map.getCenter(), map.getZoom() + (zoomIn ? 1 : -1), { animate: false });
      // The pan scenario's end (the next frame painted), or later when the markers change after it
      // (a clusterer that redraws off the move's task).
      const framed = await h.twoFrames();
      const redrawn = await watcher.quiet(start, 300);
      const end = Math.max(framed, redrawn ?? 0);
      result.stepMs.push(end - start);
      result.marks.steps.push({ name, start, end: performance.now() });
      await h.settle();
    }
  }
  watcher.stop();
  return result;
}
