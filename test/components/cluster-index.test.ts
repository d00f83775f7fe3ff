import { expect } from '@open-wc/testing';
import Supercluster from 'supercluster';
import { ClusterIndex, clusterPoints, EXTENT, MAX_CLUSTER_ZOOM, RADIUS, type Drawable } from '../../src/components/nf-map/cluster-index.js';
import { SERVICE_TYPES } from '../../src/feed/service-types.js';
import { ClusterSource, WORKER_MIN_SERVICES } from '../../src/components/nf-map/cluster-source.js';
import type { LocatedService, ServiceType } from '../../src/types.js';

/** Fictional services in clumps (a seeded generator), some sharing one point. */
function clumps(count: number): LocatedService[] {
  let seed = 42;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const centres = Array.from({ length: 12 }, () => [random() * 2, random() * 2]);
  return Array.from({ length: count }, (_, i) => {
    const [lat, lng] = centres[i % centres.length];
    const same = i % 50 === 0;
    return {
      id: `c${i}`,
      name: `Example Service ${i} (fictional)`,
      lat: same ? lat : lat + (random() - 0.5) * 0.05,
      lng: same ? lng : lng + (random() - 0.5) * 0.05,
      types: i % 3 ? ['naloxone'] : ['treatment', 'testing'],
    };
  });
}

describe('ClusterIndex', () => {
  const services = clumps(3000);
  const index = new ClusterIndex(clusterPoints(services));
  const world: [number, number, number, number] = [-180, -85, 180, 85];

  it('accounts for every service exactly once at every zoom, pinned ones taken out of their clusters', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const pinned = new Set(Array.from({ length: 40 }, () => Math.floor(random() * services.length)));
    for (let zoom = 0; zoom <= MAX_CLUSTER_ZOOM + 1; zoom++) {
      const drawn = index.query(world, zoom, pinned);
      const alone = drawn.filter((d) => d.kind === 'service').map((d) => (d.kind === 'service' ? d.index : -1));
      expect(
        alone.filter((i) => pinned.has(i)),
        `zoom ${zoom}: pinned ones are drawn by the map, not here`,
      ).to.deep.equal([]);
      const inClusters = drawn.reduce((sum, d) => sum + (d.kind === 'cluster' ? d.count : 0), 0);
      expect(inClusters + alone.length + pinned.size, `zoom ${zoom}`).to.equal(services.length);
      for (const d of drawn) if (d.kind === 'cluster') expect(d.count).to.be.at.least(2);
    }
  });

  it('lists the types a cluster holds, most common first, and splits it at its expansion zoom', () => {
    const zoom = 3;
    const biggest = index
      .query(world, zoom, new Set())
      .filter((d) => d.kind === 'cluster')
      .sort((a, b) => (b.kind === 'cluster' ? b.count : 0) - (a.kind === 'cluster' ? a.count : 0))[0];
    if (biggest?.kind !== 'cluster') throw new Error('no cluster at zoom 3');
    expect(biggest.count).to.be.greaterThan(100);
    // Two in three are naloxone; the rest treatment and testing, equal, so in vocabulary order.
    expect(biggest.types).to.deep.equal(['naloxone', 'treatment', 'testing']);
    expect(index.expansionZoom(biggest.id)).to.be.greaterThan(zoom);
  });

  it("names each cluster's types by the services it holds, most common first, and ranks it by the first, at every zoom", () => {
    // Each clump (i % 12) has its own mix of types, one service in seven the next clump's mix,
    // so a cluster that merges clumps at a lower zoom is named differently from its parts.
    const mixes: ServiceType[][] = [['naloxone'], ['treatment', 'testing'], ['drop-in'], ['naloxone', 'drop-in'], ['testing']];
    const mixed = clumps(3000).map((s, i) => ({ ...s, types: mixes[((i % 12) + (i % 7 === 0 ? 1 : 0)) % mixes.length] }));
    const mine = new ClusterIndex(clusterPoints(mixed));
    // The leaves of each cluster, from supercluster itself with the same settings (same ids).
    const plain = new Supercluster<{ i: number }>({ radius: RADIUS, extent: EXTENT, maxZoom: MAX_CLUSTER_ZOOM });
    plain.load(mixed.map((s, i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [s.lng, s.lat] } })));
    let clusters = 0;
    for (let zoom = 0; zoom <= MAX_CLUSTER_ZOOM; zoom++) {
      for (const d of mine.query(world, zoom, new Set())) {
        if (d.kind !== 'cluster') continue;
        clusters++;
        const counts = new Map<ServiceType, number>();
        const leaves = plain.getLeaves(d.id, Infinity).map((leaf) => leaf.properties.i);
        for (const i of leaves) for (const type of mixed[i].types) counts.set(type, (counts.get(type) ?? 0) + 1);
        const want = SERVICE_TYPES.filter((type) => counts.has(type)).sort((a, b) => counts.get(b)! - counts.get(a)!);
        expect(d.types, `zoom ${zoom}, cluster of ${d.count}`).to.deep.equal(want);
        // Its rank (keyboard order) and place are those of the first service it holds in the feed.
        const first = Math.min(...leaves);
        expect([d.rank, d.lat, d.lng], `zoom ${zoom}, cluster of ${d.count}`).to.deep.equal([first, mixed[first].lat, mixed[first].lng]);
      }
    }
    expect(clusters).to.be.greaterThan(50);
  });
});

describe('ClusterSource', () => {
  const world: [number, number, number, number] = [-180, -85, 180, 85];

  it('finds services by id, in a small set and in a large one, before and after its id table is built', async () => {
    const small = new ClusterSource(clumps(30));
    expect(small.positionsOf(['c17', 'missing', 'c0'])).to.deep.equal([17, undefined, 0]);
    const count = WORKER_MIN_SERVICES + 500;
    const services = clumps(count);
    // The same id twice: its first place, as before.
    services[count - 1] = { ...services[count - 1], id: 'c5' };
    const large = new ClusterSource(services);
    try {
      const ids = ['c5', `c${count - 2}`, 'missing', 'c1234'];
      const want = [5, count - 2, undefined, 1234];
      expect(large.positionsOf(ids), 'in one pass').to.deep.equal(want);
      // The table is built in slices, a task or more later.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(large.positionsOf(ids), 'from the table').to.deep.equal(want);
    } finally {
      large.dispose();
    }
  });

  it('answers at once for a small set, built on the page', () => {
    const source = new ClusterSource(clumps(WORKER_MIN_SERVICES - 1));
    const found = source.query(world, 3, new Set());
    if (!Array.isArray(found)) throw new Error('a promise for a set below the worker threshold');
    const cluster = found.find((d) => d.kind === 'cluster');
    expect(cluster?.kind).to.equal('cluster');
    expect(typeof source.expansionZoom((cluster as Extract<Drawable, { kind: 'cluster' }>).id)).to.equal('number');
  });

  it('builds a large set in a worker that answers exactly as the page would, at every zoom, with pinned services', async () => {
    const services = clumps(WORKER_MIN_SERVICES + 1000);
    const onPage = new ClusterIndex(clusterPoints(services));
    const source = new ClusterSource(services);
    const workers = performance.getEntriesByType('resource').filter((r) => r.name.includes('cluster-worker')).length;
    try {
      const pinned = new Set([0, 5, 17, 400, 2999]);
      for (let zoom = 0; zoom <= MAX_CLUSTER_ZOOM + 1; zoom += 3) {
        const answer = source.query(world, zoom, pinned);
        expect(answer, 'a promise: the worker answers').to.be.instanceOf(Promise);
        const sorted = (list: Drawable[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        expect(sorted(await answer), `zoom ${zoom}`).to.deep.equal(sorted(onPage.query(world, zoom, pinned)));
      }
      const cluster = onPage.query(world, 2, new Set()).find((d) => d.kind === 'cluster');
      if (cluster?.kind !== 'cluster') throw new Error('no cluster at zoom 2');
      expect(await source.expansionZoom(cluster.id)).to.equal(onPage.expansionZoom(cluster.id));
      expect(
        performance.getEntriesByType('resource').filter((r) => r.name.includes('cluster-worker')).length,
        'the worker script was loaded',
      ).to.be.greaterThan(workers);
    } finally {
      source.dispose();
    }
  });

  it('answers a pan or a zoom step near the last view at once, from what the worker was asked ahead', async () => {
    const services = clumps(WORKER_MIN_SERVICES + 1000);
    const onPage = new ClusterIndex(clusterPoints(services));
    const source = new ClusterSource(services);
    /** Where an item is drawn: a cluster on one of its services, a service on its own place. */
    const at = (d: Drawable) => (d.kind === 'cluster' ? d : services[d.index]);
    const inBox =
      ([w, s, e, n]: number[]) =>
      (d: Drawable) =>
        at(d).lng >= w && at(d).lng <= e && at(d).lat >= s && at(d).lat <= n;
    const key = (d: Drawable) => JSON.stringify(d);
    try {
      const pinned = new Set([3, 70]);
      const view: [number, number, number, number] = [0.4, 0.4, 1.2, 1.0];
      expect(source.query(view, 9, pinned), 'the first question waits for the worker').to.be.instanceOf(Promise);
      await source.query(view, 9, pinned);
      const steps: [string, [number, number, number, number], number][] = [
        ['a pan', [0.6, 0.5, 1.4, 1.1], 9],
        ['a zoom in', [0.6, 0.55, 1.0, 0.85], 10],
        ['a zoom out', [0.0, 0.1, 1.6, 1.3], 8],
      ];
      // The worker answers in order: once it has answered a later question, the questions asked
      // ahead (zoom 8 and 10) have come back.
      const cluster = onPage.query(world, 2, new Set()).find((d) => d.kind === 'cluster');
      await source.expansionZoom(cluster?.kind === 'cluster' ? cluster.id : -1);
      for (const [name, box, zoom] of steps) {
        const now = source.query(box, zoom, pinned);
        if (!Array.isArray(now)) throw new Error(`${name}: a promise, not an answer at once`);
        expect(now.every(inBox(box)), `${name}: only what the box holds`).to.equal(true);
        // Everything the page's own index finds there, drawn in the box, is in the answer.
        const expected = onPage.query(box, zoom, pinned).filter(inBox(box)).map(key);
        expect(now.map(key), name).to.include.members(expected);
      }
      expect(source.query(view, 9, new Set([3])), 'other services pinned: asked anew').to.be.instanceOf(Promise);
    } finally {
      source.dispose();
    }
  });

  it('answers what is still owed with nothing once disposed', async () => {
    const source = new ClusterSource(clumps(WORKER_MIN_SERVICES));
    const answer = source.query(world, 3, new Set());
    source.dispose();
    expect(await answer).to.deep.equal([]);
  });
});
