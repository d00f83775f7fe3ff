/* global window, document, location, parent -- this file runs in the test page, not in Node */
// Runs inside test/csp/page.html, which the test runner sends with a CSP header (server.js).
// Loads the built drop-in file as a partner would, then reports to the test page what was
// blocked and what rendered.

const violations = [];
// Capture on window: violations inside shadow roots and in detached nodes all pass here.
window.addEventListener(
  'securitypolicyviolation',
  (e) => violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: `${e.sourceFile}:${e.lineNumber}` }),
  true,
);

const params = new URLSearchParams(location.search);
const tiles = params.get('tiles');
const partner = `http://${location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1'}:${location.port}`;
const tileHost = { same: '', partner }[tiles];

// What the widget says in the console (why a large feed is read on the page).
const info = [];
const consoleInfo = console.info;
console.info = (...args) => {
  info.push(args.join(' '));
  consoleInfo.apply(console, args);
};

const finder = document.createElement('naloxone-finder');
finder.setAttribute('src', params.get('feed') === 'big' ? '/test/csp/big-feed.json' : '/test/fixtures/fictional-feed.json');
finder.setAttribute('latitude', '0');
finder.setAttribute('longitude', '0');
if (tileHost !== undefined) {
  finder.setAttribute('tile-url', `${tileHost}/test/fixtures/tile.png?{z}/{x}/{y}`);
  finder.setAttribute(
    'tile-attribution',
    '&copy; <a href="https://example.org/tiles">Example Tiles</a> (fictional) <img src=x onerror="parent.postMessage(\'ran\', \'*\')">',
  );
}
document.body.append(finder);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function state() {
  const root = finder.shadowRoot;
  const list = root?.querySelector('nf-service-list')?.shadowRoot;
  const map = root?.querySelector('nf-map')?.shadowRoot;
  const tileImages = [...(map?.querySelectorAll('.leaflet-tile-pane img') ?? [])];
  const attribution = map?.querySelector('.leaflet-control-attribution');
  return {
    listItems: list?.querySelectorAll('li[part="item"]').length ?? 0,
    leafletContainer: Boolean(map?.querySelector('.leaflet-container')),
    zoomButtons: [...(map?.querySelectorAll('.leaflet-control-zoom button') ?? [])].map((b) => b.getAttribute('aria-label')),
    markers: map?.querySelectorAll('.nf-marker').length ?? 0,
    attribution: attribution && !attribution.hidden ? attribution.textContent : '',
    attributionLinks: [...(attribution?.querySelectorAll('a') ?? [])].map((a) => a.href),
    attributionImages: attribution?.querySelectorAll('img').length ?? 0,
    tilesRequested: tileImages.length,
    tilesLoaded: tileImages.filter((img) => img.complete && img.naturalWidth > 0).length,
    tileReferrerPolicies: [...new Set(tileImages.map((img) => img.getAttribute('referrerpolicy')))],
    workerReads: performance.getEntriesByName('naloxone-finder: feed read in a worker').length,
    clusters: map?.querySelectorAll('.nf-cluster').length ?? 0,
    // Every service the map accounts for: in its clusters ("12 services: …") or on its own.
    mapped:
      [...(map?.querySelectorAll('.nf-cluster') ?? [])].reduce(
        (sum, c) =>
          sum +
          Number(
            c
              .getAttribute('aria-label')
              .match(/^[\d,]+/)[0]
              .replace(/,/g, ''),
          ),
        0,
      ) + (map?.querySelectorAll('.nf-marker').length ?? 0),
    clusterWorkers: performance.getEntriesByType('resource').filter((r) => /\/cluster-worker-[\w-]+\.js$/.test(r.name)).length,
    info,
  };
}

// Tiles we serve must all arrive; OpenStreetMap's never do here (closed network).
const rendered = (s) =>
  s.listItems > 0 &&
  s.markers > 0 &&
  // A big feed's clusters come from the cluster worker, or are built on the page where it is blocked.
  (params.get('feed') !== 'big' || s.clusters > 0) &&
  s.zoomButtons.length === 2 &&
  s.attribution &&
  (tileHost === undefined || (s.tilesRequested > 0 && s.tilesLoaded === s.tilesRequested));

// A function, not top-level await: the test runner serves this file for an es2021 target.
async function report() {
  let error = null;
  try {
    await import('/dist/naloxone-finder.js');
  } catch (e) {
    error = String(e);
  }
  for (let waited = 0; waited < 6000 && !rendered(state()); waited += 100) await sleep(100);
  // Room for anything still on its way (late tiles, the map chunk's last tasks) to be blocked.
  await sleep(300);
  parent.postMessage({ violations, error, ...state() }, location.origin);
}

report();
