import Supercluster, { type PointFeature } from 'supercluster';
import { SERVICE_TYPES, typeBit, typesOfBits } from '../../feed/service-types.js';
import { forEachSliced } from '../../util/yield.js';
import type { LocatedService, ServiceType } from '../../types.js';

/**
 * What the clusterer needs of the services, in arrays that cross to a worker cheaply: places,
 * and each service's types as bits in vocabulary order.
 */
export interface ClusterPoints {
  lat: Float64Array;
  lng: Float64Array;
  types: Uint32Array;
}

export function clusterPoints(services: readonly LocatedService[]): ClusterPoints {
  const points = noPoints(services.length);
  for (let i = 0; i < services.length; i++) setPoint(points, i, services[i]);
  return points;
}

/** The same, in time slices: for the worker, whose page side has nothing to answer until it is built. */
export async function clusterPointsSliced(services: readonly LocatedService[], signal?: AbortSignal): Promise<ClusterPoints> {
  const points = noPoints(services.length);
  await forEachSliced(services, (s, i) => setPoint(points, i, s), signal);
  return points;
}

const noPoints = (n: number): ClusterPoints => ({ lat: new Float64Array(n), lng: new Float64Array(n), types: new Uint32Array(n) });

function setPoint(points: ClusterPoints, i: number, s: LocatedService) {
  points.lat[i] = s.lat;
  points.lng[i] = s.lng;
  let bits = 0;
  for (const type of s.types) bits |= typeBit(type);
  points.types[i] = bits;
}

/** A point's own properties: its place in `services`. */
interface PointProps {
  i: number;
}

/**
 * What a cluster carries, merged by supercluster's map/reduce as it builds: the best-ranked
 * service it holds (`m`, for keyboard order) and the row of `TypeCounts` with how many of its
 * services have each type (-1 for a service on its own: its type bits are its counts). Two
 * numbers, so the copy supercluster makes of a cluster's aggregate as it starts a cluster at
 * the next zoom out is cheap; the counts are in one typed array rather than in an object per
 * cluster.
 */
interface Aggregate {
  m: number;
  r: number;
}

const TYPES = SERVICE_TYPES.length;

/**
 * Each cluster's count of services per type, a row of TYPES numbers per cluster. Supercluster
 * starts a cluster from a copy of one member's aggregate, which points at that member's row:
 * a row is written to only by the aggregate it was made for (`owners`), so the copy gets a row
 * of its own before its first merge and the member's counts stay as they were. Every row is a
 * cluster with two members or more, so n services need fewer than n rows.
 */
class TypeCounts {
  private readonly rows: Uint32Array;
  private readonly owners: Aggregate[] = [];

  constructor(private readonly bits: Uint32Array) {
    this.rows = new Uint32Array(bits.length * TYPES);
  }

  /** Adds `from`'s services to `into`'s counts. */
  merge(into: Aggregate, from: Aggregate) {
    const at = this.own(into) * TYPES;
    for (let k = 0; k < TYPES; k++) this.rows[at + k] += this.count(from, k);
  }

  /** How many services of type number `k` the aggregate stands for. */
  count(aggregate: Aggregate, k: number): number {
    return aggregate.r < 0 ? (this.bits[aggregate.m] >>> k) & 1 : this.rows[aggregate.r * TYPES + k];
  }

  /** `aggregate`'s own row, made (from what it stands for so far) if it has none. */
  private own(aggregate: Aggregate): number {
    if (aggregate.r >= 0 && this.owners[aggregate.r] === aggregate) return aggregate.r;
    const r = this.owners.length;
    for (let k = 0; k < TYPES; k++) this.rows[r * TYPES + k] = this.count(aggregate, k);
    this.owners.push(aggregate);
    return (aggregate.r = r);
  }
}

/** One thing to draw: a service on its own, or a cluster of the services not pinned. */
export type Drawable =
  { kind: 'service'; index: number } | { kind: 'cluster'; id: number; lat: number; lng: number; count: number; types: ServiceType[]; rank: number };

/** Cluster radius in screen px (supercluster's `extent` matched to Leaflet's 256 px tiles). */
export const RADIUS = 40;
export const EXTENT = 256;
/** Beyond this zoom every service is drawn on its own (those sharing a point are fanned out). */
export const MAX_CLUSTER_ZOOM = 16;

/** The zoom level whose clusters a (fractional) map zoom shows. */
export const clusterZoom = (zoom: number) => Math.min(Math.floor(zoom), MAX_CLUSTER_ZOOM + 1);

const x = (lng: number) => lng / 360 + 0.5;
const y = (lat: number) => {
  const sin = Math.sin((lat * Math.PI) / 180);
  const v = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return v < 0 ? 0 : v > 1 ? 1 : v;
};

/**
 * Every service in one supercluster index, built once per set of points. Pinned services
 * (the listed ones and the selected one) are drawn on their own by the map, so each query
 * takes them out of the clusters that hold them: counts and types are those of the services
 * a cluster stands for, and pinning never rebuilds the index (100k services take ~0.5 s).
 */
export class ClusterIndex {
  private readonly index: Supercluster<PointProps, Aggregate>;
  /** Per zoom: the cluster holding each pinned service (or none), found once per pinned set. */
  private readonly homes = new Map<number, Map<number, number>>();
  private homesKey = '';
  private readonly counts: TypeCounts;

  constructor(private readonly points: ClusterPoints) {
    const counts = (this.counts = new TypeCounts(points.types));
    this.index = new Supercluster<PointProps, Aggregate>({
      radius: RADIUS,
      extent: EXTENT,
      maxZoom: MAX_CLUSTER_ZOOM,
      map: ({ i }) => ({ m: i, r: -1 }),
      reduce: (into, from) => {
        counts.merge(into, from);
        if (from.m < into.m) into.m = from.m;
      },
    });
    const features = new Array<PointFeature<PointProps>>(points.lat.length);
    for (let i = 0; i < features.length; i++) {
      features[i] = { type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [points.lng[i], points.lat[i]] } };
    }
    this.index.load(features);
  }

  /**
   * Clusters and unpinned services in a box (`[west, south, east, north]`) at a zoom. Pinned
   * services are left out, and taken out of the counts and types of clusters that hold them; a
   * cluster left with one service is that service.
   */
  query(bbox: [number, number, number, number], zoom: number, pinned: ReadonlySet<number>): Drawable[] {
    const z = clusterZoom(zoom);
    const found = this.index.getClusters(bbox, z);
    const out: Drawable[] = [];
    const clusters = new Map<number, { lat: number; lng: number; count: number; aggregate: Aggregate }>();
    /** Pinned services this box has on their own at this zoom: no cluster holds them. */
    const alone = new Set<number>();
    for (const f of found) {
      const p = f.properties;
      if ('cluster' in p && p.cluster) {
        const [lng, lat] = f.geometry.coordinates;
        clusters.set(p.cluster_id, { lat, lng, count: p.point_count, aggregate: p });
      } else if (pinned.has((p as PointProps).i)) alone.add((p as PointProps).i);
      else out.push({ kind: 'service', index: (p as PointProps).i });
    }
    const taken = new Map<number, number[]>();
    if (pinned.size > alone.size && clusters.size) {
      const homes = this.homesAt(z, pinned, alone, clusters);
      for (const [i, home] of homes) if (clusters.has(home)) (taken.get(home) ?? taken.set(home, []).get(home)!).push(i);
    }
    for (const [id, c] of clusters) {
      const minus = taken.get(id) ?? [];
      const count = c.count - minus.length;
      if (count === 1) {
        const [leaf] = this.index.getLeaves(id, minus.length + 1).filter((l) => !pinned.has(l.properties.i));
        out.push({ kind: 'service', index: leaf.properties.i });
      } else if (count > 1) {
        const counts = new Map<ServiceType, number>();
        SERVICE_TYPES.forEach((type, k) => {
          const n = this.counts.count(c.aggregate, k);
          if (n) counts.set(type, n);
        });
        for (const i of minus) for (const type of typesOfBits(this.points.types[i])) counts.set(type, counts.get(type)! - 1);
        // Most common first; vocabulary order between equals (the sort is stable).
        const types = [...counts]
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([type]) => type);
        // Drawn on the place of a service it holds rather than at the mean of their places, so the
        // points on the map are points of the feed (the mean only when that service has its own pin).
        const m = c.aggregate.m;
        const at = pinned.has(m) ? c : { lat: this.points.lat[m], lng: this.points.lng[m] };
        out.push({ kind: 'cluster', id, lat: at.lat, lng: at.lng, count, types, rank: m });
      }
    }
    return out;
  }

  /** The zoom at which a cluster splits: choosing it zooms there. */
  expansionZoom(id: number): number {
    return this.index.getClusterExpansionZoom(id);
  }

  /**
   * Which shown cluster holds each pinned service at zoom `z`. A leaf lies within 4 cluster
   * radii of every cluster that holds it (each level adds at most two radii, halving as zoom
   * grows), so only nearby clusters are searched, and within them only nearby children.
   */
  private homesAt(z: number, pinned: ReadonlySet<number>, alone: ReadonlySet<number>, shown: Map<number, { lat: number; lng: number }>) {
    const key = [...pinned].join();
    if (key !== this.homesKey) {
      this.homesKey = key;
      this.homes.clear();
    }
    let homes = this.homes.get(z);
    if (!homes) this.homes.set(z, (homes = new Map()));
    const r = RADIUS / (EXTENT * 2 ** z);
    for (const i of pinned) {
      const known = homes.get(i);
      if (alone.has(i) || (known !== undefined && shown.has(known))) continue;
      const [px, py] = [x(this.points.lng[i]), y(this.points.lat[i])];
      // Not found among these clusters: its own is out of this box; look again next time.
      for (const [id, c] of shown) {
        if (Math.hypot(x(c.lng) - px, y(c.lat) - py) <= 4.01 * r && this.holds(id, i, px, py, r / 2)) {
          homes.set(i, id);
          break;
        }
      }
    }
    return homes;
  }

  /** Whether cluster `id` holds service `i` at (px, py); `r` is the radius of its children's zoom. */
  private holds(id: number, i: number, px: number, py: number, r: number): boolean {
    const children = this.index.getChildren(id);
    for (const child of children) if (!('cluster' in child.properties) && child.properties.i === i) return true;
    for (const child of children) {
      const p = child.properties;
      if (!('cluster' in p && p.cluster)) continue;
      const [lng, lat] = child.geometry.coordinates;
      if (Math.hypot(x(lng) - px, y(lat) - py) <= 4.01 * r && this.holds(p.cluster_id, i, px, py, r / 2)) return true;
    }
    return false;
  }
}
