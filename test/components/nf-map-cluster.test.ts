import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/nf-map/nf-map.js';
import type { NfMap } from '../../src/components/nf-map/nf-map.js';
import type { LocatedService, ServiceType } from '../../src/types.js';
import { KM_PER_DEGREE } from '../helpers/services.js';

/** A fictional service `km` east and `northKm` north of (0, 0). */
const at = (id: string, km: number, northKm = 0, types: ServiceType[] = ['naloxone']): LocatedService => ({
  id,
  name: `Example Service ${id} (fictional)`,
  lat: northKm / KM_PER_DEGREE,
  lng: km / KM_PER_DEGREE,
  types,
});

/**
 * Groups of fictional services, 8 km apart along the equator; within a group each is a few
 * metres from the next, so a view of all the groups shows each group as one cluster.
 */
const SIZES = [2, 3, 5, 8];
const groups = () =>
  SIZES.flatMap((size, g) => Array.from({ length: size }, (_, i) => at(`g${g}-${i}`, g * 8 + i * 0.01, 0, i % 3 === 2 ? ['treatment'] : ['naloxone'])));

async function map(services: LocatedService[], extra: Partial<NfMap> = {}) {
  const el = await fixture<NfMap>(html`<nf-map tile-url="none"></nf-map>`);
  Object.assign(el, { services, ...extra });
  await el.updateComplete;
  return el;
}

const clusters = (el: NfMap) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.leaflet-marker-icon.nf-cluster')];
const markers = (el: NfMap) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.leaflet-marker-icon.nf-marker')];
/** The count a cluster's name starts with ("12 services: …"). */
const countOf = (cluster: HTMLElement) =>
  Number(
    cluster
      .getAttribute('aria-label')!
      .match(/^([\d,]+) services?/)![1]
      .replace(/,/g, ''),
  );
/** Services the map accounts for: those in its clusters and those drawn on their own. */
const total = (el: NfMap) => clusters(el).reduce((sum, c) => sum + countOf(c), 0) + markers(el).length;
const focused = (el: NfMap) => el.shadowRoot!.activeElement;

describe('<nf-map> clusters', () => {
  it('merges nearby services into clusters showing how many they hold, and splits them on zoom', async () => {
    const el = await map(groups());
    expect(markers(el), 'every group is a cluster at this zoom').to.have.length(0);
    expect(
      clusters(el)
        .map(countOf)
        .sort((a, b) => a - b),
    ).to.deep.equal(SIZES);
    for (const cluster of clusters(el)) {
      expect(cluster.textContent, 'the disc shows the count').to.equal(String(countOf(cluster)));
      expect(cluster.getAttribute('role')).to.equal('button');
      // The count sits in the middle of its disc.
      const disc = cluster.getBoundingClientRect();
      const count = cluster.querySelector('.nf-cluster-count')!.getBoundingClientRect();
      expect(count.left + count.width / 2, 'centred across').to.be.closeTo(disc.left + disc.width / 2, 1.5);
      expect(count.top + count.height / 2, 'centred down').to.be.closeTo(disc.top + disc.height / 2, 1.5);
    }
    el.leafletMap!.setView([0, 24 / KM_PER_DEGREE], 18, { animate: false });
    expect(clusters(el)).to.have.length(0);
    expect(markers(el).map((m) => m.getAttribute('aria-label'))).to.have.members(
      SIZES.slice(-1).flatMap((size) => [...Array(size).keys()].map((i) => `Example Service g3-${i} (fictional)`)),
    );
  });

  it('names a cluster by its count, the types it holds, most common first, and a service in it, in the page language', async () => {
    const el = await map(groups());
    const names = clusters(el).map((c) => c.getAttribute('aria-label'));
    // The service named is the one whose place the disc stands on: the group's first.
    expect(names).to.have.members([
      '2 services: Naloxone. Including Example Service g0-0 (fictional)',
      '3 services: Naloxone, Treatment. Including Example Service g1-0 (fictional)',
      '5 services: Naloxone, Treatment. Including Example Service g2-0 (fictional)',
      '8 services: Naloxone, Treatment. Including Example Service g3-0 (fictional)',
    ]);
    el.lang = 'es';
    // Spanish is a chunk of its own, loaded on first use.
    const types = new Intl.ListFormat('es', { type: 'unit' }).format(['Naloxona', 'Tratamiento']);
    const spanish = `8 servicios: ${types}. Entre ellos, Example Service g3-0 (fictional)`;
    await waitUntil(() => clusters(el).some((c) => c.getAttribute('aria-label') === spanish), 'named in Spanish');
  });

  it('tells apart clusters of the same count and types by a service each holds, never one drawn on its own', async () => {
    // Two pairs of the same type 8 km apart, and the first of one pair listed (drawn on its own).
    const el = await map([at('a1', 0), at('a2', 0.01), at('a3', 0.02), at('b1', 8), at('b2', 8.01)], { listed: ['a1'] });
    el.leafletMap!.setView([0, 4 / KM_PER_DEGREE], 11, { animate: false });
    await waitUntil(() => clusters(el).length === 2, 'two clusters');
    const names = clusters(el).map((c) => c.getAttribute('aria-label')!);
    expect(names.map((name) => name.split('.')[0])).to.deep.equal(['2 services: Naloxone', '2 services: Naloxone']);
    expect(new Set(names).size, 'two names').to.equal(2);
    expect(names.find((name) => name.includes('Example Service b'))).to.equal('2 services: Naloxone. Including Example Service b1 (fictional)');
    // a1 has its own numbered pin: the cluster names one it holds.
    expect(names.find((name) => !name.includes('Example Service b'))).to.match(/Including Example Service a[23] \(fictional\)$/);
  });

  it('draws listed services on their own, numbered in list order, and leaves them out of the cluster counts', async () => {
    const el = await map(groups(), { listed: ['g3-4', 'g0-1', 'g3-0'] });
    const numbered = markers(el).map((m) => [m.querySelector('.nf-pin-number')?.textContent, m.getAttribute('aria-label')]);
    // The name starts with the number the pin shows, so it can be spoken to choose it.
    expect(numbered).to.have.deep.members([
      ['1', '1. Example Service g3-4 (fictional)'],
      ['2', '2. Example Service g0-1 (fictional)'],
      ['3', '3. Example Service g3-0 (fictional)'],
      // g0 had two services: with one listed, the other is on its own, unnumbered.
      [undefined, 'Example Service g0-0 (fictional)'],
    ]);
    expect(
      clusters(el)
        .map(countOf)
        .sort((a, b) => a - b),
    ).to.deep.equal([3, 5, 6]);
    const total = clusters(el).reduce((sum, c) => sum + countOf(c), 0) + markers(el).length;
    expect(total, 'every service once').to.equal(groups().length);
    // Numbered pins stack above every cluster and unnumbered marker, so no disc hides one.
    const z = (m: Element) => Number(getComputedStyle(m).zIndex);
    const lowestNumbered = Math.min(
      ...markers(el)
        .filter((m) => m.querySelector('.nf-pin-number'))
        .map(z),
    );
    const others = [...clusters(el), ...markers(el).filter((m) => !m.querySelector('.nf-pin-number'))];
    for (const other of others) expect(z(other), other.getAttribute('aria-label')!).to.be.below(lowestNumbered);
  });

  it('fits the listed services and the origin, not every service', async () => {
    const el = await map([...groups(), at('far-1', 400), at('far-2', -400)], { listed: ['g0-0', 'g1-0'], latitude: 0, longitude: 0 });
    const bounds = el.leafletMap!.getBounds();
    for (const id of ['g0-0', 'g1-0']) expect(bounds.contains([0, (id === 'g0-0' ? 0 : 8) / KM_PER_DEGREE])).to.equal(true);
    expect(bounds.contains([0, 400 / KM_PER_DEGREE]), 'a service far away is not fitted').to.equal(false);
  });

  it('always draws the selected service on its own and highlighted, even when it is not listed', async () => {
    const el = await map(groups());
    el.selectedId = 'g3-5';
    await el.updateComplete;
    const selected = el.shadowRoot!.querySelector<HTMLElement>('.nf-marker--selected')!;
    expect(selected.getAttribute('aria-label')).to.equal('Example Service g3-5 (fictional)');
    expect(selected.getAttribute('aria-current')).to.equal('true');
    expect(
      clusters(el)
        .map(countOf)
        .sort((a, b) => a - b),
    ).to.deep.equal([2, 3, 5, 7]);
    el.selectedId = null;
    await el.updateComplete;
    expect(
      clusters(el)
        .map(countOf)
        .sort((a, b) => a - b),
    ).to.deep.equal(SIZES);
  });

  it('keeps services at the very same point each reachable: the cluster zooms in, then they are fanned out', async () => {
    // Two fictional pharmacies at one address, as two real ones in Vancouver are.
    const el = await map([at('same-1', 0), at('same-2', 0), at('other', 30)]);
    const [pair] = clusters(el);
    expect(countOf(pair)).to.equal(2);
    pair.focus();
    await sendKeys({ press: 'Enter' });
    expect(clusters(el)).to.have.length(0);
    const [a, b] = markers(el).filter((m) => m.getAttribute('aria-label')!.includes('same'));
    const [ra, rb] = [a.getBoundingClientRect(), b.getBoundingClientRect()];
    expect(ra.right <= rb.left || rb.right <= ra.left, 'side by side, not on top of each other').to.equal(true);
    expect([a, b], 'focus stays in the map, on one of them').to.include(focused(el));
    setTimeout(() => b.click());
    const event = await oneEvent(el, 'nf-service-select');
    expect(event.detail.service.id).to.equal(b.getAttribute('aria-label')!.includes('same-1') ? 'same-1' : 'same-2');
  });

  it('fans out services a few metres apart too, at the closest zoom where zooming cannot part them, and leaves one 30 m off where it is', async () => {
    // Three fictional services in one mall, 2 and 4 m apart, and one across the street.
    const el = await map([at('mall-1', 0), at('mall-2', 0.002), at('mall-3', 0.004, 0.001), at('across', 0.03)]);
    el.leafletMap!.setView([0, 0.015 / KM_PER_DEGREE], 19, { animate: false });
    await waitUntil(() => markers(el).length === 4, 'all four drawn on their own');
    const byId = (id: string) => markers(el).find((m) => m.getAttribute('aria-label')!.includes(`${id} `))!;
    const mall = ['mall-1', 'mall-2', 'mall-3'].map((id) => byId(id).getBoundingClientRect());
    for (const [i, j] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      const [a, b] = [mall[i], mall[j]];
      expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, `mall-${i + 1} and mall-${j + 1} apart`).to.equal(true);
    }
    // Each is the one a tap at its middle reaches.
    for (const id of ['mall-1', 'mall-2', 'mall-3', 'across']) {
      const box = byId(id).getBoundingClientRect();
      const hit = el.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      expect(hit?.closest('.leaflet-marker-icon'), id).to.equal(byId(id));
    }
    const across = byId('across').getBoundingClientRect();
    const point = el.leafletMap!.latLngToContainerPoint([0, 0.03 / KM_PER_DEGREE]);
    const view = el.shadowRoot!.querySelector('.leaflet-container')!.getBoundingClientRect();
    expect(Math.abs(across.left + across.width / 2 - view.left - point.x), 'the pin stands on its own point (to the pixel Leaflet rounds to)').to.be.at.most(1);
  });

  it('fits places on both sides of the antimeridian in a narrow view across it, and draws them side by side there', async () => {
    // Fictional services on Fiji's side of 180°, two east of it and two west.
    const pacific = [179.4, 179.8, -179.8, -179.4].map((lng, i) => ({ ...at(`p${i}`, 0), lat: -17, lng }));
    const el = await map(pacific, { listed: pacific.map((s) => s.id) });
    await waitUntil(() => markers(el).length === 4, 'four markers');
    expect(el.leafletMap!.getZoom(), 'not the whole world').to.be.at.least(6);
    const view = el.shadowRoot!.querySelector('.leaflet-container')!.getBoundingClientRect();
    const inside = (box: DOMRect) => box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom;
    expect(markers(el).map((m) => inside(m.getBoundingClientRect()))).to.deep.equal([true, true, true, true]);
    // West to east on the screen as on the globe: 179.4° E, 179.8° E, 179.8° W, 179.4° W.
    const order = markers(el)
      .map((m) => [m.getBoundingClientRect().left, m.getAttribute('aria-label')!] as const)
      .sort((a, b) => a[0] - b[0])
      .map(([, name]) => name.replace(/^\d+\. /, ''));
    expect(order).to.deep.equal(pacific.map((s) => s.name));
    // Panned across to the other side of the world's copy, still drawn where the view is.
    el.leafletMap!.setView([-17, -180], 7, { animate: false });
    await waitUntil(() => markers(el).filter((m) => inside(m.getBoundingClientRect())).length === 4, 'all four in view from the other side');
  });

  describe('keyboard', () => {
    it('has markers and clusters in one tab stop; Enter on a cluster zooms in and keeps focus in the map', async () => {
      const page = await fixture(html`<div><button>Before</button><nf-map tile-url="none"></nf-map></div>`);
      const el = page.querySelector('nf-map')!;
      el.services = groups();
      el.listed = ['g1-0'];
      await el.updateComplete;
      // The map fits the listed service; the visitor zooms out to all the groups.
      el.leafletMap!.setView([0, 12 / KM_PER_DEGREE], 11, { animate: false });
      page.querySelector('button')!.focus();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(focused(el)!.getAttribute('aria-label'), 'the listed one first').to.equal('1. Example Service g1-0 (fictional)');
      expect([...markers(el), ...clusters(el)].filter((m) => m.tabIndex === 0)).to.have.length(1);
      const seen: string[] = [];
      for (let i = 0; i < 4; i++) {
        await sendKeys({ press: 'ArrowDown' });
        seen.push(focused(el)!.getAttribute('aria-label')!);
      }
      expect(
        seen.slice(0, 3).map((name) => name.split('.')[0]),
        'then the clusters, in the order of their first service',
      ).to.deep.equal(['2 services: Naloxone', '2 services: Naloxone, Treatment', '5 services: Naloxone, Treatment']);
      expect(seen[3]).to.equal('8 services: Naloxone, Treatment. Including Example Service g3-0 (fictional)');
      const zoom = el.leafletMap!.getZoom();
      await sendKeys({ press: 'Enter' });
      expect(el.leafletMap!.getZoom()).to.be.greaterThan(zoom);
      expect(focused(el), 'focus is on a marker or cluster, not lost to the page').to.have.class('leaflet-marker-icon');
      const box = (focused(el) as HTMLElement).getBoundingClientRect();
      const view = el.shadowRoot!.querySelector('.leaflet-container')!.getBoundingClientRect();
      expect(box.left >= view.left && box.right <= view.right && box.top >= view.top && box.bottom <= view.bottom, 'in view').to.equal(true);
      await sendKeys({ press: 'Tab' });
      expect(focused(el), 'one Tab leaves the markers').to.have.class('leaflet-control-zoom-in');
    });

    it('selects a service with Enter on its marker', async () => {
      const el = await map(groups(), { listed: ['g2-0'] });
      markers(el)[0].focus();
      setTimeout(() => sendKeys({ press: 'Enter' }));
      const event = await oneEvent(el, 'nf-service-select');
      expect(event.detail.service.id).to.equal('g2-0');
    });
  });

  it("never draws a late answer for a view already left (the worker's answers come later)", async () => {
    const grid = Array.from({ length: 2400 }, (_, i) => at(`grid-${i}`, (i % 60) * 2, Math.floor(i / 60) * 2.5));
    const el = await map(grid);
    const home: [number, number] = [50 / KM_PER_DEGREE, 50 / KM_PER_DEGREE];
    el.leafletMap!.setView(home, 10, { animate: false });
    const drawn = () => [...markers(el), ...clusters(el)].map((m) => m.getAttribute('aria-label')).sort();
    await waitUntil(() => clusters(el).length > 0 && total(el) > 0, 'clusters around home');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const before = drawn();
    // Away to where there is nothing (asked of the worker), and straight back (answered at once).
    el.leafletMap!.setView([30, 30], 10, { animate: false });
    el.leafletMap!.setView(home, 10, { animate: false });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(drawn(), 'the answer for the empty place came last, and is not drawn').to.deep.equal(before);
  });

  it('has only what is in view in the page, and markers near enough to reach into it', async () => {
    // 2,000 fictional services on a 100 × 100 km grid.
    const grid = Array.from({ length: 2000 }, (_, i) => at(`grid-${i}`, (i % 50) * 2, Math.floor(i / 50) * 2.5));
    const el = await map(grid);
    // 2,000 are clustered in a worker: its answer comes a moment later.
    await waitUntil(() => total(el) === 2000, `fitted to all: every service is in a cluster or a marker (${total(el)})`);
    el.leafletMap!.setView([50 / KM_PER_DEGREE, 50 / KM_PER_DEGREE], 13, { animate: false });
    await waitUntil(() => clusters(el).length === 0, 'zoomed in, the worker answers with markers only');
    const drawn = [...markers(el), ...clusters(el)];
    expect(drawn.length).to.be.greaterThan(0);
    expect(drawn.length, 'a small part of 2,000').to.be.below(200);
    // A marker's point is in the map's box or at most 48 px out (the largest marker's reach).
    const size = el.leafletMap!.getSize();
    for (const m of markers(el)) {
      const id = m.getAttribute('aria-label')!.match(/grid-(\d+)/)![1];
      const s = grid[Number(id)];
      const p = el.leafletMap!.latLngToContainerPoint([s.lat, s.lng]);
      const out = Math.max(-p.x, p.x - size.x, -p.y, p.y - size.y);
      expect(out, `${s.id} is ${Math.round(out)} px out of view`).to.be.at.most(48.5);
    }
  });

  it('draws 2,000 or more new services a task after the update, and updateComplete waits for that draw', async () => {
    const el = await map([]);
    el.services = Array.from({ length: 2500 }, (_, i) => at(`n${i}`, (i % 50) * 0.3, Math.floor(i / 50) * 0.3));
    el.listed = ['n0', 'n1'];
    // Lit's update runs in a microtask: the draw is put off to a task after it.
    await Promise.resolve();
    await Promise.resolve();
    expect(el.isUpdatePending, "Lit's update has run").to.equal(false);
    expect(markers(el), 'nothing drawn in the update').to.have.length(0);
    await el.updateComplete;
    // The numbered pins draw at once; the clusters when the worker answers.
    expect(markers(el).map((m) => m.textContent!.trim())).to.have.members(['1', '2']);
  });

  it('draws 100,000 fictional services without an error', async () => {
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    const error = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      let seed = 1;
      const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
      const many = Array.from({ length: 100_000 }, (_, i) => ({ ...at(`m${i}`, 0), lat: 25 + random() * 24, lng: -125 + random() * 58 }));
      const el = await map(many);
      await waitUntil(() => clusters(el).length > 0, 'clusters from the worker', { timeout: 20_000 });
      const drawn = [...markers(el), ...clusters(el)];
      expect(drawn.length).to.be.greaterThan(0).and.below(1000);
      expect(total(el)).to.equal(100_000);
      await expect(el).to.be.accessible();
    } finally {
      window.removeEventListener('error', onError);
      console.error = error;
    }
    expect(errors).to.deep.equal([]);
  });

  it('is accessible with clusters, numbered markers and a selected one', async () => {
    const el = await map(groups(), { listed: ['g0-0', 'g2-1'], selectedId: 'g3-2' });
    await expect(el).to.be.accessible();
  });
});
