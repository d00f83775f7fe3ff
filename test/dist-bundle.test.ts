import { expect, waitUntil } from '@open-wc/testing';

// Needs `npm run build` first (the test script builds before it runs the browser tests).
describe('dist/naloxone-finder.js on a plain HTML page', () => {
  let frame: HTMLIFrameElement;

  before(async () => {
    frame = document.createElement('iframe');
    frame.src = '/test/fixtures/dist-page.html';
    frame.width = '1000';
    frame.height = '800';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    await loaded;
  });

  after(() => frame.remove());

  const finder = () => frame.contentDocument!.querySelector('naloxone-finder')!;
  const list = () => finder().shadowRoot?.querySelector('nf-service-list');
  /** How the page requested a built chunk (`name`-hash.js). */
  const chunk = (name: string) =>
    (frame.contentWindow!.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) =>
      new RegExp(`/chunks/${name}-[^/]+\\.js$`).test(e.name),
    );

  it('registers the elements and renders the feed nearest first', async () => {
    await waitUntil(() => list()?.shadowRoot?.querySelectorAll('li[part="item"]').length === 3, 'the built file rendered no results', {
      timeout: 5000,
    });
    const names = [...list()!.shadowRoot!.querySelectorAll('[part="name"]')].map((n) => n.textContent!.trim());
    expect(names).to.deep.equal(['Example Drop-in 1 (fictional)', 'Example Drop-in 2 (fictional)', 'Example Drop-in 0 (fictional)']);
    const distances = [...list()!.shadowRoot!.querySelectorAll('[part="distance"]')].map((n) => n.textContent);
    expect(distances).to.deep.equal(['1.0 km', '2.0 km', '3.0 km']);
    for (const tag of ['naloxone-finder', 'nf-service-list', 'nf-map']) expect(frame.contentWindow!.customElements.get(tag), tag).to.exist;
  });

  it('asks for the kdbush chunk beside the spatial index chunk that imports it, not after it arrives (one round trip less)', () => {
    const kdbush = chunk('kdbush');
    const index = chunk('spatial-index');
    expect(kdbush, 'no kdbush chunk loaded').to.exist;
    expect(index, 'no spatial index chunk loaded').to.exist;
    expect(kdbush!.startTime).to.be.below(index!.responseEnd);
  });

  it('keeps the spaces the build\'s template minifier would drop: "Monday (today)" in the week of hours', async () => {
    const doc = frame.contentDocument!;
    const el = doc.createElement('nf-service-list') as HTMLElement & { services: unknown[] };
    const every = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
    el.services = [
      {
        id: 'h',
        name: 'Example Hours (fictional)',
        types: ['naloxone'],
        lat: 0,
        lng: 0,
        timezone: 'UTC',
        hours: [{ days: every, opens: '09:00', closes: '17:00' }],
      },
    ];
    doc.body.append(el);
    try {
      await waitUntil(() => el.shadowRoot?.querySelector('[part="details-button"]'), 'no details button', { timeout: 5000 });
      el.shadowRoot!.querySelector<HTMLButtonElement>('[part="details-button"]')!.click();
      await waitUntil(() => el.shadowRoot!.querySelector('tr.today th'), 'no week of hours');
      expect(el.shadowRoot!.querySelector('tr.today th')!.textContent).to.match(/^[A-Z][a-z]+day \(today\)$/);
    } finally {
      el.remove();
    }
  });

  it('draws the map with its markers and fetches only the script, its map, index and last-good-copy chunks and the feed', async () => {
    const map = finder().shadowRoot!.querySelector('nf-map')!;
    await waitUntil(() => map.shadowRoot?.querySelectorAll('.nf-marker').length === 3, 'no markers', { timeout: 5000 });
    const requested = frame
      .contentWindow!.performance.getEntriesByType('resource')
      .map((r) => new URL(r.name).pathname)
      .filter((p) => !p.startsWith('/__web-dev-server'));
    expect(requested.filter((p) => !/^\/dist\/chunks\/(map-controller|spatial-index|kdbush|feed-cache)-[\w-]+\.js$/.test(p)).sort()).to.deep.equal([
      '/dist/naloxone-finder.js',
      '/test/fixtures/fictional-feed.json',
    ]);
    expect(
      requested.filter((p) => p.startsWith('/dist/chunks/')),
      "the map and spatial index chunks and the kdbush they share, the last good copy's, and no CSV or HSDS reader",
    ).to.have.length(4);
  });

  it("asks for the worker starter beside the feed worker's page side that imports it, for a feed over 2 MiB", async () => {
    const win = frame.contentWindow! as Window & typeof globalThis;
    // About 2.3 MB of fictional services, over the worker threshold.
    const services = Array.from({ length: 6000 }, (_, i) => ({
      id: `w-${i}`,
      name: `Example Worker Feed ${i} (fictional)`,
      lat: 49 + i / 10_000,
      lng: -123,
      types: ['naloxone'],
      description: 'x'.repeat(300),
    }));
    const url = win.URL.createObjectURL(new win.Blob([JSON.stringify({ version: 1, services })], { type: 'application/json' }));
    finder().setAttribute('src', url);
    await waitUntil(() => list()?.shadowRoot?.querySelector('[part="name"]')?.textContent?.includes('Worker Feed'), 'the big feed was not listed', {
      timeout: 20_000,
    });
    const client = chunk('worker-client');
    const starter = chunk('module-worker');
    expect(client, 'no worker-client chunk loaded').to.exist;
    expect(starter, 'no module-worker chunk loaded').to.exist;
    expect(starter!.startTime).to.be.below(client!.responseEnd);
  });

  // Last: the second copy's requests would show in the checks of what the page fetched.
  it('lets a second copy of the file on the page load beside the first (another address): its names are left to the first, with a note, not an error', async () => {
    await waitUntil(() => list()?.shadowRoot?.querySelector('li[part="item"]'), 'the first copy rendered no results', { timeout: 5000 });
    const shown = list()!.shadowRoot!.querySelectorAll('li[part="item"]').length;
    const win = frame.contentWindow! as Window & typeof globalThis;
    const notes: string[] = [];
    const info = win.console.info;
    win.console.info = (...args: unknown[]) => notes.push(args.join(' '));
    try {
      const copy = (await new win.Function('return import("/dist/naloxone-finder.js?copy=2")')()) as { NaloxoneFinder?: unknown };
      expect(copy.NaloxoneFinder, "the second copy's exports load").to.be.a('function');
      expect(win.customElements.get('naloxone-finder'), 'the first copy keeps the name').not.to.equal(copy.NaloxoneFinder);
    } finally {
      win.console.info = info;
    }
    expect(notes).to.include("naloxone-finder: <naloxone-finder> is already defined by another copy on this page; that copy's is used.");
    expect(notes.filter((n) => n.includes('already defined'))).to.have.length(6);
    expect(list()!.shadowRoot!.querySelectorAll('li[part="item"]'), 'the first copy still shows its list').to.have.length(shown);
  });
});
