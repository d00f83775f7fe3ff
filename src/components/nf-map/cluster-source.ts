import { ClusterIndex, clusterPoints, clusterPointsSliced, clusterZoom, MAX_CLUSTER_ZOOM, type Drawable } from './cluster-index.js';
import type { Box, ClusterReply, ClusterRequest } from './cluster-worker-protocol.js';
import { forEachSliced, nextTask } from '../../util/yield.js';
import type { LocatedService } from '../../types.js';

/**
 * From this many services up, the cluster index is built in a worker (cluster-worker.ts). Building
 * 100,000 took 0.4–0.7 s in Node on this project's 2-core machine (4–7 µs per service, the first
 * build the slowest), about four times that on a slow phone: 2,000 are up to about 60 ms there.
 * Below that, the page builds the index at once, and answers without waiting.
 */
export const WORKER_MIN_SERVICES = 2000;

/** Notes where an id is, unless it was found before: an id twice is at its first place. */
function notePlace(places: Map<string, number>, service: LocatedService, i: number) {
  if (!places.has(service.id)) places.set(service.id, i);
}

/** Each id's first place in `services`. */
function placesOf(services: readonly LocatedService[]): Map<string, number> {
  const places = new Map<string, number>();
  for (let i = 0; i < services.length; i++) notePlace(places, services[i], i);
  return places;
}

/** As in worker-client.ts: the drop-in build sets this to true (rollup.config.js). */
const POLICY_FIRST = false;

let toldOnPage = false;

/** Once per page: why a large map's clusters are built on the page. */
function tellOnPage(reason: string) {
  if (toldOnPage) return;
  toldOnPage = true;
  console.info(
    `naloxone-finder: the map's clusters are built on the page because workers are blocked or unavailable here (${reason}). ` +
      "It still works; allowing workers from this site (CSP worker-src 'self', and the Trusted Types policy name naloxone-finder where Trusted Types are enforced) keeps the page responsive while a large map is drawn.",
  );
}

/** An answer of the worker, kept for its zoom: what it found in a box, with which services pinned. */
interface Answer {
  box: Box;
  pinned: string;
  items: Drawable[];
}

/**
 * How far beyond the box asked for the worker is asked about, in box widths and heights on each
 * side: after a zoom out (twice the view, plus the map's margin) the view is still inside.
 */
const AHEAD = 1.6;
const WORLD: Box = [-180, -85, 180, 85];

const contains = (outer: Box, inner: Box) => outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
/** `box` grown by AHEAD on every side, within the world. */
function ahead([w, s, e, n]: Box): Box {
  const [dx, dy] = [(e - w) * AHEAD, (n - s) * AHEAD];
  return [Math.max(WORLD[0], w - dx), Math.max(WORLD[1], s - dy), Math.min(WORLD[2], e + dx), Math.min(WORLD[3], n + dy)];
}
const pinnedKey = (pinned: ReadonlySet<number>) => [...pinned].sort((a, b) => a - b).join();

type Pending = { request: Extract<ClusterRequest, { seq: number }>; resolve: (value: never) => void };

/**
 * The clusters of one `services` array. A small set is indexed on the page and answers at once;
 * a large one is indexed in a worker and answers with promises (the map keeps what it shows until
 * they settle). Where no worker can start, or the one started fails, the page builds the index.
 */
export class ClusterSource {
  private ids?: Map<string, number>;
  private idsBuilding = false;
  /** Ids looked for by one pass while the table is being built, with their places (undefined: not there). */
  private readonly looked = new Map<string, number | undefined>();
  /** Stops the work done in slices (the id table, the worker's points) when the source is disposed. */
  private readonly stop = new AbortController();
  private page?: ClusterIndex;
  private worker?: Worker;
  /** Settles once the index is built, in the worker or on the page. */
  private readonly built: Promise<void>;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  /** The worker's last answer for each zoom near the view, and the questions on their way. */
  private readonly answers = new Map<number, Answer>();
  private readonly asking = new Map<number, { box: Box; pinned: string; answer: Promise<Answer> }>();
  private disposed = false;
  /**
   * Settles once the points are with the worker (or the index is built): the id table is built
   * after that, while the worker builds, so its slices do not hold back the worker's start.
   */
  private readonly handedOver: Promise<unknown>;
  private handOver = () => {};

  constructor(readonly services: readonly LocatedService[]) {
    if (services.length < WORKER_MIN_SERVICES) {
      this.page = new ClusterIndex(clusterPoints(services));
      this.built = Promise.resolve();
    } else this.built = this.buildInWorker();
    this.handedOver = Promise.race([new Promise<void>((resolve) => (this.handOver = resolve)), this.built.catch(() => undefined)]);
  }

  /**
   * The places of these ids in `services` (undefined where an id is not there; the first place
   * where one is there twice). A small map builds an id → place table at once. A big one
   * answers its first questions with one pass over the services looking for just these ids, and
   * builds the table in time slices once the worker has its points: at 100,000 services, building
   * it took about 180 ms in one task at 4× CPU slowdown.
   */
  positionsOf(ids: readonly string[]): (number | undefined)[] {
    if (!this.ids && this.services.length < WORKER_MIN_SERVICES) this.ids = placesOf(this.services);
    const table = this.ids;
    if (table) return ids.map((id) => table.get(id));
    if (!this.idsBuilding) {
      this.idsBuilding = true;
      const building = new Map<string, number>();
      const { signal } = this.stop;
      // From a task after the points are with the worker: this one is drawing the map.
      this.handedOver
        .then(() => nextTask(signal))
        .then(() => forEachSliced(this.services, (service, i) => notePlace(building, service, i), signal))
        .then(
          () => {
            this.ids = building;
            this.looked.clear();
          },
          () => undefined,
        );
    }
    // Each id is looked for once: the map asks for the listed and selected ones at every draw.
    const unknown = new Set(ids.filter((id) => !this.looked.has(id)));
    if (unknown.size) {
      const found = new Map<string, number>();
      for (let i = 0; i < this.services.length && found.size < unknown.size; i++) if (unknown.has(this.services[i].id)) notePlace(found, this.services[i], i);
      for (const id of unknown) this.looked.set(id, found.get(id));
    }
    return ids.map((id) => this.looked.get(id));
  }

  /**
   * What to draw in a box at a zoom (see ClusterIndex.query): at once when the index is on the
   * page, or when the worker has already answered for a wider box at this zoom with the same
   * services pinned; else later. Each question also asks the worker ahead about a wider box, at
   * this zoom and one level in and out, so the next pan or zoom step is answered at once.
   */
  query(bbox: Box, zoom: number, pinned: ReadonlySet<number>): Drawable[] | Promise<Drawable[]> {
    if (this.page) return this.page.query(bbox, zoom, pinned);
    // A view across the antimeridian or past the poles' cut-off is asked as it is.
    if (!contains(WORLD, bbox)) return this.built.then(() => this.askQuery(bbox, zoom, pinned));
    const z = clusterZoom(zoom);
    const key = pinnedKey(pinned);
    for (const near of this.answers.keys()) if (Math.abs(near - z) > 2) this.answers.delete(near);
    const known = this.answers.get(z);
    const now = known?.pinned === key && contains(known.box, bbox) ? known.items : undefined;
    const later = now ? undefined : this.askAhead(z, bbox, key, pinned);
    for (const near of [z - 1, z + 1]) if (near >= 0 && near <= MAX_CLUSTER_ZOOM + 1) void this.askAhead(near, bbox, key, pinned);
    if (now) return this.within(now, bbox);
    return later!.then((answer) => this.within(answer.items, bbox));
  }

  /** The worker's answer for `z` about a box wider than `bbox`, unless it has given or is giving one. */
  private askAhead(z: number, bbox: Box, key: string, pinned: ReadonlySet<number>): Promise<Answer> {
    const known = this.answers.get(z);
    if (known?.pinned === key && contains(known.box, bbox)) return Promise.resolve(known);
    const asked = this.asking.get(z);
    if (asked?.pinned === key && contains(asked.box, bbox)) return asked.answer;
    const box = ahead(bbox);
    const answer: Promise<Answer> = this.built.then(async () => {
      const items = await this.askQuery(box, z, pinned);
      const got = { box, pinned: key, items };
      if (this.asking.get(z)?.answer === answer) {
        this.asking.delete(z);
        this.answers.set(z, got);
      }
      return got;
    });
    this.asking.set(z, { box, pinned: key, answer });
    return answer;
  }

  private askQuery(bbox: Box, zoom: number, pinned: ReadonlySet<number>): Promise<Drawable[]> {
    return this.ask({ type: 'query', seq: ++this.seq, bbox, zoom, pinned: [...pinned] });
  }

  /** The items of a wider answer that a box holds, by where they are drawn. */
  private within(items: Drawable[], [w, s, e, n]: Box): Drawable[] {
    return items.filter((item) => {
      const at = item.kind === 'cluster' ? item : this.services[item.index];
      return at.lng >= w && at.lng <= e && at.lat >= s && at.lat <= n;
    });
  }

  /** The zoom at which a cluster splits. */
  expansionZoom(id: number): number | Promise<number> {
    if (this.page) return this.page.expansionZoom(id);
    return this.built.then(() => this.ask({ type: 'expansion', seq: ++this.seq, id }));
  }

  /** Stops the worker; answers still owed come back empty (the map has moved on to another source). */
  dispose() {
    this.disposed = true;
    this.stop.abort();
    this.worker?.terminate();
    this.worker = undefined;
    for (const { request, resolve } of this.pending.values()) resolve(this.answerOnPage(request) as never);
    this.pending.clear();
    this.answers.clear();
    this.asking.clear();
  }

  private ask<T>(request: Pending['request']): Promise<T> {
    if (!this.worker) return Promise.resolve(this.answerOnPage(request) as T);
    return new Promise<T>((resolve) => {
      this.pending.set(request.seq, { request, resolve: resolve as Pending['resolve'] });
      this.worker!.postMessage(request);
    });
  }

  private answerOnPage(request: Pending['request']): Drawable[] | number {
    if (this.disposed || !this.page) return request.type === 'query' ? [] : 0;
    return request.type === 'query' ? this.page.query(request.bbox, request.zoom, new Set(request.pinned)) : this.page.expansionZoom(request.id);
  }

  private async buildInWorker(): Promise<void> {
    // A chunk shared with the feed worker's starter, fetched only for a map this large. It is
    // loaded before the points are made: made first, their slices held its script back (about
    // 80 ms at 100,000 services).
    const { startWorker } = await import('../../util/module-worker.js');
    const starting = startWorker({
      href: new URL('./cluster-worker.js', import.meta.url).href,
      plain: () => new Worker(new URL('./cluster-worker.js', import.meta.url), { type: 'module' }),
      policyFirst: POLICY_FIRST,
      onPage: tellOnPage,
    });
    // The points are made in slices while the worker starts (100,000 services took about 130 ms
    // in one task at 4× CPU slowdown), from the next task on: when the chunk was already loaded
    // (by the feed worker), this is still the task drawing the map.
    const making = nextTask(this.stop.signal)
      .then(() => clusterPointsSliced(this.services, this.stop.signal))
      .catch(() => undefined);
    const worker = await starting;
    if (this.disposed) {
      worker?.terminate();
      return;
    }
    if (!worker) {
      // The points made in slices serve the page's index as well.
      const points = await making;
      if (!this.disposed) this.page = new ClusterIndex(points ?? clusterPoints(this.services));
      return;
    }
    this.worker = worker;
    const points = await making;
    if (!points || this.disposed) return;
    await new Promise<void>((loaded) => {
      worker.addEventListener('message', ({ data }: MessageEvent<ClusterReply>) => {
        if (data.type === 'loaded') loaded();
        else if (data.type === 'drawables' || data.type === 'expansion') {
          const waiting = this.pending.get(data.seq);
          this.pending.delete(data.seq);
          waiting?.resolve((data.type === 'drawables' ? data.items : data.zoom) as never);
        } else if (data.type === 'error') this.fail(data.message, loaded);
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        this.fail(event.message || 'the cluster worker stopped', loaded);
      });
      // Transferred, not copied: the page makes them again only if the worker fails.
      worker.postMessage({ type: 'load', points } satisfies ClusterRequest, [points.lat.buffer, points.lng.buffer, points.types.buffer]);
      this.handOver();
    });
  }

  /** The worker failed (out of memory, say): the page builds the index and answers what was asked. */
  private fail(reason: string, loaded: () => void) {
    if (this.disposed || !this.worker) return;
    this.worker.terminate();
    this.worker = undefined;
    console.warn(`naloxone-finder: the map's cluster worker failed (${reason}); the clusters are built on the page instead.`);
    this.buildOnPage();
    for (const { request, resolve } of this.pending.values()) resolve(this.answerOnPage(request) as never);
    this.pending.clear();
    loaded();
  }

  private buildOnPage() {
    this.page = new ClusterIndex(clusterPoints(this.services));
  }
}
