import { expect } from '@open-wc/testing';

// Needs the built bundle (`npm test` builds first). Each page is sent by the test runner with
// a real Content-Security-Policy header (test/csp/server.js) and loads /dist/naloxone-finder.js.

interface Report {
  violations: { directive: string; blocked: string; sample: string; source: string }[];
  error: string | null;
  listItems: number;
  leafletContainer: boolean;
  zoomButtons: string[];
  markers: number;
  attribution: string;
  attributionLinks: string[];
  attributionImages: number;
  tilesRequested: number;
  tilesLoaded: number;
  tileReferrerPolicies: (string | null)[];
  workerReads: number;
  clusters: number;
  mapped: number;
  clusterWorkers: number;
  info: string[];
}

async function load(policy: string, tiles: 'same' | 'partner' | 'openstreetmap', feed: 'small' | 'big' = 'small'): Promise<Report> {
  const frame = document.createElement('iframe');
  frame.src = `/test/csp/page.html?policy=${policy}&tiles=${tiles}&feed=${feed}`;
  frame.width = '1000';
  frame.height = '800';
  const report = new Promise<Report>((resolve) => {
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      resolve(e.data);
    };
    window.addEventListener('message', onMessage);
  });
  document.body.append(frame);
  try {
    return await report;
  } finally {
    frame.remove();
  }
}

function expectWholeWidget(report: Report, attribution: RegExp) {
  expect(report.violations, JSON.stringify(report.violations)).to.deep.equal([]);
  expect(report.error).to.equal(null);
  expect(report.listItems, 'list items').to.equal(3);
  expect(report.leafletContainer, 'Leaflet container').to.equal(true);
  expect(report.zoomButtons).to.deep.equal(['Zoom in', 'Zoom out']);
  expect(report.markers, 'markers').to.equal(3);
  expect(report.attribution).to.match(attribution);
  expect(report.attributionImages, 'no element from the attribution but links').to.equal(0);
}

const fictionalTiles = /^© Example Tiles \(fictional\)$/;

describe('the built widget under a strict Content-Security-Policy', function () {
  this.timeout(15000);

  it('renders list and map with Trusted Types and the policy names lit-html naloxone-finder', async () => {
    const report = await load('trusted-types', 'same');
    expectWholeWidget(report, fictionalTiles);
    expect(report.attributionLinks).to.deep.equal(['https://example.org/tiles']);
    expect(report.tilesLoaded).to.be.greaterThan(0);
  });

  it('needs no Trusted Types policy of its own: trusted-types lit-html is enough', async () => {
    const report = await load('trusted-types-lit-only', 'same');
    expectWholeWidget(report, fictionalTiles);
    expect(report.tilesLoaded).to.be.greaterThan(0);
  });

  it('renders without Trusted Types directives', async () => {
    const report = await load('no-trusted-types', 'same');
    expectWholeWidget(report, fictionalTiles);
    expect(report.tilesLoaded).to.be.greaterThan(0);
  });

  it("loads tiles from the partner's own host when img-src names it, without a Referer", async () => {
    const report = await load('partner-tiles', 'partner');
    expectWholeWidget(report, fictionalTiles);
    expect(report.tilesLoaded).to.equal(report.tilesRequested);
    expect(report.tilesLoaded).to.be.greaterThan(0);
    expect(report.tileReferrerPolicies).to.deep.equal(['no-referrer']);
  });

  it('works with the default OpenStreetMap tiles and the img-src the README gives for them', async () => {
    // The tiles themselves never arrive here (closed network); what matters is nothing is blocked.
    const report = await load('openstreetmap-tiles', 'openstreetmap');
    expectWholeWidget(report, /^© OpenStreetMap contributors$/);
    expect(report.attributionLinks).to.deep.equal(['https://www.openstreetmap.org/copyright']);
    expect(report.tilesRequested).to.be.greaterThan(0);
  });
});

describe('the built widget with a feed over 2 MB (read in a worker)', function () {
  this.timeout(30000);

  it('reads it in the feed worker (chunks/) when the policy allows it, with no violation', async () => {
    const report = await load('trusted-types-worker', 'same', 'big');
    expect(report.violations, JSON.stringify(report.violations)).to.deep.equal([]);
    expect(report.error).to.equal(null);
    expect(report.workerReads, 'feeds read in a worker').to.equal(1);
    expect(report.listItems, 'list items').to.equal(20);
    expect(report.clusterWorkers, "the map's cluster worker (chunks/) was started").to.equal(1);
    expect(report.clusters, 'clusters').to.be.greaterThan(0);
    expect(report.mapped, 'clusters and markers around the 20 listed (the view fits those)').to.be.greaterThan(20);
    expect(report.info).to.deep.equal([]);
  });

  it("still lists the services when worker-src 'none' blocks the worker, and says why in the console", async () => {
    const report = await load('workers-blocked', 'same', 'big');
    expect(report.error).to.equal(null);
    expect(
      report.violations.map((v) => v.directive),
      'only the workers were blocked: the feed worker, then the cluster worker',
    ).to.deep.equal(['worker-src', 'worker-src']);
    expect(report.workerReads, 'feeds read in a worker').to.equal(0);
    expect(report.listItems, 'list items').to.equal(20);
    expect(report.markers, 'markers').to.be.greaterThan(0);
    expect(report.clusters, 'clusters, built on the page').to.be.greaterThan(0);
    expect(report.mapped, 'clusters and markers around the 20 listed (the view fits those)').to.be.greaterThan(20);
    expect(report.clusterWorkers, 'no cluster worker').to.equal(0);
    expect(report.info).to.have.length(2);
    expect(report.info[0]).to.match(
      /^naloxone-finder: the feed is parsed on the page because workers are blocked or unavailable here \(.+\)\. It still works;/,
    );
    expect(report.info[1]).to.match(
      /^naloxone-finder: the map's clusters are built on the page because workers are blocked or unavailable here \(.+\)\. It still works;/,
    );
  });
});

describe('the built map chunk', () => {
  it("no longer has Leaflet's evaluation-time HTML checks (removed by leafletTrustedTypes in rollup.config.js)", async () => {
    const entry = await (await fetch('/dist/naloxone-finder.js')).text();
    const name = entry.match(/chunks\/map-controller-[\w-]+\.js/)?.[0];
    expect(name, 'the entry imports a map chunk').to.be.a('string');
    const chunk = await (await fetch(`/dist/${name}`)).text();
    expect(chunk.includes('leaflet-container'), 'this is the chunk with Leaflet in it').to.equal(true);
    expect(chunk.includes("innerHTML='<svg/>'") || chunk.includes('innerHTML="<svg/>"'), 'the inline SVG check').to.equal(false);
    expect(chunk.includes('<v:shape'), 'the VML check').to.equal(false);
  });
});
