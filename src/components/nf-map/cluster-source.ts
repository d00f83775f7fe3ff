import { ClusterIndex, clusterPoints, type Drawable } from './cluster-index.js';
import type { Box, ClusterReply, ClusterRequest } from './cluster-worker-protocol.js';
import type { LocatedService } from '../../types.js';

/**
 * From this many services up, the cluster index is built in a worker (cluster-worker.ts). Building
 * takes about 11 µs per service on this project's 2-core bench machine and four times that on a
 * slow phone, so 2,000 services are about 90 ms there: below that, the page builds it at once.
 */
export const WORKER_MIN_SERVICES = 2000;

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

type Pending = { request: Extract<ClusterRequest, { seq: number }>; resolve: (value: never) => void };

/**
 * The clusters of one `services` array. A small set is indexed on the page and answers at once;
 * a large one is indexed in a worker and answers with promises (the map keeps what it shows until
 * they settle). Where no worker can start, or the one started fails, the page builds the index.
 */
export class ClusterSource {
  private ids?: Map<string, number>;
  private page?: ClusterIndex;
  private worker?: Worker;
  /** Settles once the index is built, in the worker or on the page. */
  private readonly built: Promise<void>;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private disposed = false;

  constructor(readonly services: readonly LocatedService[]) {
    if (services.length < WORKER_MIN_SERVICES) {
      this.page = new ClusterIndex(clusterPoints(services));
      this.built = Promise.resolve();
    } else this.built = this.buildInWorker();
  }

  /** The place of a service id in `services`, or undefined. */
  indexOf(id: string): number | undefined {
    this.ids ??= new Map(this.services.map((s, i) => [s.id, i]));
    return this.ids.get(id);
  }

  /** What to draw in a box at a zoom (see ClusterIndex.query): now when built on the page, else later. */
  query(bbox: Box, zoom: number, pinned: ReadonlySet<number>): Drawable[] | Promise<Drawable[]> {
    if (this.page) return this.page.query(bbox, zoom, pinned);
    return this.built.then(() =>
      this.page ? this.page.query(bbox, zoom, pinned) : this.ask({ type: 'query', seq: ++this.seq, bbox, zoom, pinned: [...pinned] }),
    );
  }

  /** The zoom at which a cluster splits. */
  expansionZoom(id: number): number | Promise<number> {
    if (this.page) return this.page.expansionZoom(id);
    return this.built.then(() => (this.page ? this.page.expansionZoom(id) : this.ask({ type: 'expansion', seq: ++this.seq, id })));
  }

  /** Stops the worker; answers still owed come back empty (the map has moved on to another source). */
  dispose() {
    this.disposed = true;
    this.worker?.terminate();
    this.worker = undefined;
    for (const { request, resolve } of this.pending.values()) resolve((request.type === 'query' ? [] : 0) as never);
    this.pending.clear();
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
    // A chunk shared with the feed worker's starter, fetched only for a map this large.
    const { startWorker } = await import('../../util/module-worker.js');
    const worker = await startWorker({
      href: new URL('./cluster-worker.js', import.meta.url).href,
      plain: () => new Worker(new URL('./cluster-worker.js', import.meta.url), { type: 'module' }),
      policyFirst: POLICY_FIRST,
      onPage: tellOnPage,
    });
    if (this.disposed) {
      worker?.terminate();
      return;
    }
    if (!worker) {
      this.buildOnPage();
      return;
    }
    this.worker = worker;
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
      const points = clusterPoints(this.services);
      // Transferred, not copied: the page makes them again only if the worker fails.
      worker.postMessage({ type: 'load', points } satisfies ClusterRequest, [points.lat.buffer, points.lng.buffer, points.types.buffer]);
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
