import { expect, fixture, html } from '@open-wc/testing';
import { map as createMap, type GridLayer, type Map as LeafletMap } from 'leaflet/dist/leaflet-src.esm.js';
import leafletCss from 'leaflet/dist/leaflet.css?inline';
import { createPmtilesLayer } from '../../src/components/nf-map/pmtiles-layer.js';

// The archives come from test/helpers/pmtiles-fixture.js (256×256 PNG tiles of one colour each).
const RASTER = 'test/fixtures/pmtiles/raster.pmtiles';
const COLOURS = {
  '0/0/0': [200, 30, 40],
  '1/0/0': [10, 120, 200],
  '1/1/0': [30, 160, 60],
  '1/0/1': [240, 170, 20],
  '1/1/1': [120, 40, 160],
};
const absolute = (path: string) => new URL(path, document.baseURI).href;

// Leaflet places tiles with its own stylesheet (nf-map adopts it in its shadow root).
const leafletSheet = new CSSStyleSheet();
leafletSheet.replaceSync(leafletCss);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, leafletSheet];

// A strict policy as a partner might set: no images at all, requests to this site only. Tiles are
// canvases drawn from fetched bytes, so they need neither img-src nor blob: URLs.
const csp = document.createElement('meta');
csp.httpEquiv = 'Content-Security-Policy';
csp.content = "img-src 'none'; connect-src 'self'";
document.head.append(csp);
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));

interface Request {
  url: string;
  range: string | null;
  referrerPolicy: string;
}

/** Every fetch the layer makes, as the browser would send it. */
function recordFetches() {
  const requests: Request[] = [];
  const original = window.fetch;
  window.fetch = (input, init) => {
    const request = new Request(input, init);
    requests.push({ url: request.url, range: request.headers.get('range'), referrerPolicy: request.referrerPolicy });
    return original(input, init);
  };
  return { requests, restore: () => (window.fetch = original) };
}

/** Every resource the page loads while the test runs, whoever asked for it. */
function recordResources() {
  const names: string[] = [];
  const observer = new PerformanceObserver((list) => names.push(...list.getEntries().map((e) => e.name)));
  observer.observe({ type: 'resource' });
  return {
    names,
    stop: () => {
      names.push(...observer.takeRecords().map((e) => e.name));
      observer.disconnect();
    },
  };
}

async function showMap(tileUrl: string, view: { center: [number, number]; zoom: number; size: number }) {
  const container = await fixture<HTMLDivElement>(html`<div style="width: ${view.size}px; height: ${view.size}px"></div>`);
  const map = createMap(container, { center: view.center, zoom: view.zoom, zoomAnimation: false, fadeAnimation: false });
  const layer = (await createPmtilesLayer(tileUrl, { attribution: 'Fictional tiles' })) as GridLayer;
  const loaded = new Promise((resolve) => layer.once('load', resolve));
  layer.addTo(map);
  await loaded;
  return { map, container };
}

/** The colour a visitor sees at a point of the map, read from the tile canvas under it. */
function colourAt(container: HTMLElement, x: number, y: number) {
  const origin = container.getBoundingClientRect();
  for (const canvas of container.querySelectorAll<HTMLCanvasElement>('canvas.leaflet-tile')) {
    const r = canvas.getBoundingClientRect();
    const [px, py] = [origin.left + x - r.left, origin.top + y - r.top];
    if (px < 0 || py < 0 || px >= r.width || py >= r.height) continue;
    const scale = canvas.width / r.width;
    return [
      ...canvas
        .getContext('2d')!
        .getImageData(Math.floor(px * scale), Math.floor(py * scale), 1, 1)
        .data.slice(0, 3),
    ];
  }
  return null;
}

async function rejection(tileUrl: string) {
  const logged: string[] = [];
  const original = console.error;
  console.error = (message: string) => logged.push(message);
  try {
    await createPmtilesLayer(tileUrl, { attribution: '' });
  } catch (e) {
    return { message: (e as Error).message, logged };
  } finally {
    console.error = original;
  }
  throw new Error(`${tileUrl} was accepted`);
}

describe('createPmtilesLayer', () => {
  let map: LeafletMap | undefined;
  afterEach(() => {
    map?.remove();
    map = undefined;
  });

  it('draws the tile from a relative pmtiles: URL, requesting only byte ranges of the archive with no Referer', async () => {
    const fetches = recordFetches();
    const resources = recordResources();
    try {
      const shown = await showMap(`pmtiles:${RASTER}`, { center: [0, 0], zoom: 0, size: 256 });
      map = shown.map;
      expect(colourAt(shown.container, 128, 128)).to.deep.equal(COLOURS['0/0/0']);
      expect(shown.container.querySelector('img')).to.equal(null);
      expect(shown.container.querySelector('.leaflet-control-attribution')!.textContent).to.contain('Fictional tiles');
    } finally {
      fetches.restore();
      resources.stop();
    }
    expect(fetches.requests.length).to.be.at.least(2); // the header, then the tile
    for (const r of fetches.requests) {
      expect(r.url).to.equal(absolute(RASTER));
      expect(r.range).to.match(/^bytes=\d+-\d+$/);
      expect(r.referrerPolicy).to.equal('no-referrer');
    }
    expect(resources.names).to.have.length(fetches.requests.length);
    expect(new Set(resources.names)).to.deep.equal(new Set([absolute(RASTER)]));
    expect(violations).to.deep.equal([]);
  });

  it('puts each tile in its place (absolute URL, zoom 1)', async () => {
    const shown = await showMap(`pmtiles:${absolute(RASTER)}`, { center: [0, 0], zoom: 1, size: 512 });
    map = shown.map;
    expect(colourAt(shown.container, 128, 128)).to.deep.equal(COLOURS['1/0/0']);
    expect(colourAt(shown.container, 384, 128)).to.deep.equal(COLOURS['1/1/0']);
    expect(colourAt(shown.container, 128, 384)).to.deep.equal(COLOURS['1/0/1']);
    expect(colourAt(shown.container, 384, 384)).to.deep.equal(COLOURS['1/1/1']);
    expect(violations).to.deep.equal([]);
  });

  it("zooms in past the archive's deepest level by enlarging its tiles", async () => {
    const shown = await showMap(`pmtiles:/${RASTER}`, { center: [-40, 90], zoom: 4, size: 256 });
    map = shown.map;
    expect(colourAt(shown.container, 128, 128)).to.deep.equal(COLOURS['1/1/1']);
  });

  it('rejects, and logs, a missing archive', async () => {
    const { message, logged } = await rejection('pmtiles:/test/fixtures/pmtiles/missing.pmtiles');
    expect(message).to.equal(`the PMTiles archive ${absolute('/test/fixtures/pmtiles/missing.pmtiles')} could not be loaded (HTTP 404).`);
    expect(logged).to.deep.equal([`naloxone-finder: ${message}`]);
  });

  it('rejects a file that is not a PMTiles archive', async () => {
    const { message, logged } = await rejection('pmtiles:/test/fixtures/tile.png');
    expect(message).to.equal(`${absolute('/test/fixtures/tile.png')} is not a PMTiles archive.`);
    expect(logged).to.have.length(1);
  });

  it('rejects archives it cannot draw: version 2, vector tiles, directories compressed with brotli', async () => {
    const v2 = await rejection('pmtiles:/test/fixtures/pmtiles/version-2.pmtiles');
    expect(v2.message).to.equal(
      `${absolute('/test/fixtures/pmtiles/version-2.pmtiles')} is a PMTiles version 2 archive; only version 3 is supported (convert it with "pmtiles convert").`,
    );
    const vector = await rejection('pmtiles:/test/fixtures/pmtiles/vector.pmtiles');
    expect(vector.message).to.equal(
      `${absolute('/test/fixtures/pmtiles/vector.pmtiles')} holds vector tiles (MVT); this map draws raster tiles only (PNG, JPEG, WebP or AVIF).`,
    );
    const brotli = await rejection('pmtiles:/test/fixtures/pmtiles/brotli-directory.pmtiles');
    expect(brotli.message).to.contain('compresses its directories with brotli, which browsers cannot read');
  });

  it('rejects a server that ignores Range requests, and URLs that are not http(s)', async () => {
    // The test server answers Range requests only under test/fixtures/; this large file comes whole.
    const whole = await rejection('pmtiles:/node_modules/leaflet/dist/leaflet-src.js');
    expect(whole.message).to.contain('ignored the HTTP Range request and sent the whole file');
    const scheme = await rejection('pmtiles:data:application/octet-stream,PMTiles');
    expect(scheme.message).to.equal('tile-url "pmtiles:data:application/octet-stream,PMTiles": the archive must be served over https (or http), not data:');
  });
});
