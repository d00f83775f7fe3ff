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

/** A point's properties: none. Its id is its place in `services`. */
type PointProps = Record<string, never>;

const TYPES = SERVICE_TYPES.length;

/**
 * What is read of supercluster's internals, as of the version package.json pins (9.1.0): per
 * zoom, a KD-tree whose `data` holds `stride` numbers per point or cluster, among them its id
 * (a point's is its place in the input; a cluster's encodes the zoom it was made at and its
 * origin's place in the next zoom's data) and the id of the cluster it joined at the zoom
 * below (-1 while it stands alone). And `load` keeps each input point's id and properties,
 * copies its coordinates and holds no reference to the point itself. The cluster tests check
 * every cluster's types, rank and place against its leaves from a plain supercluster, and the
 * map's tests each marker's place, so a change there fails them.
 */
interface Internals {
  trees: { data: Int32Array; numItems: number }[];
  stride: number;
  numPoints: number;
}
const OFFSET_ID = 3;
const OFFSET_PARENT = 4;

/**
 * Each cluster's count of services per type (a row of TYPES numbers) and the best-ranked
 * service it holds, worked out in one pass after supercluster has built, from each zoom's
 * record of which cluster every point and cluster joined: the highest zoom first, so a
 * cluster's own counts are whole before they are added to the cluster it joins. Supercluster's
 * own map/reduce makes and copies an object per cluster as it builds, which took longer.
 */
class ClusterTotals {
  /** Per zoom + 1: the row of each cluster made at that zoom, by its origin's place (-1: none). */
  private readonly rowsAt: Int32Array[] = [];
  private readonly counts: Uint32Array;
  private readonly best: Int32Array;

  constructor(
    private readonly index: Internals,
    bits: Uint32Array,
  ) {
    const { numPoints: n, stride, trees } = index;
    // Each cluster joins two or more points or clusters: n points make fewer than n clusters.
    const counts = (this.counts = new Uint32Array(Math.max(1, n) * TYPES));
    const best = (this.best = new Int32Array(Math.max(1, n)));
    let rows = 0;
    let last: Int32Array | undefined;
    for (let z = trees.length - 1; z >= 0; z--) {
      // A zoom where nothing merged shares the zoom above's tree.
      const { data, numItems } = trees[z];
      if (data === last) continue;
      last = data;
      for (let k = 0; k < numItems * stride; k += stride) {
        const parent = data[k + OFFSET_PARENT];
        if (parent < 0) continue;
        const e = parent - n;
        const made = (this.rowsAt[e & 31] ??= new Int32Array(trees[e & 31].numItems).fill(-1));
        let into = made[e >> 5];
        if (into < 0) {
          into = made[e >> 5] = rows++;
          best[into] = n;
        }
        const at = into * TYPES;
        const id = data[k + OFFSET_ID];
        if (id < n) {
          // A service: a count for each of its type bits.
          for (let b = bits[id]; b; b &= b - 1) counts[at + 31 - Math.clz32(b & -b)]++;
          if (id < best[into]) best[into] = id;
        } else {
          const from = this.row(id);
          for (let t = 0; t < TYPES; t++) counts[at + t] += counts[from * TYPES + t];
          if (best[from] < best[into]) best[into] = best[from];
        }
      }
    }
  }

  /** How many of cluster `id`'s services have each type, by type number (a view, not a copy). */
  countsOf(id: number): Uint32Array {
    const at = this.row(id) * TYPES;
    return this.counts.subarray(at, at + TYPES);
  }

  /** The best-ranked (first in the feed) service cluster `id` holds. */
  rank(id: number): number {
    return this.best[this.row(id)];
  }

  private row(id: number): number {
    const e = id - this.index.numPoints;
    const row = this.rowsAt[e & 31]?.[e >> 5] ?? -1;
    if (row < 0) throw new Error(`cluster ${id}: no counts (supercluster's internals have changed)`);
    return row;
  }
}

/** One properties object for every point. */
const NO_PROPS: PointProps = Object.freeze({});

/**
 * The points as supercluster's `load` reads them (see Internals): one feature, refilled for each
 * point in turn. It keeps each point's id and properties and copies its place, nothing else;
 * a feature object per point was 70 ms of the build at 100k services, most of it garbage.
 */
function asFeatures(points: ClusterPoints): PointFeature<PointProps>[] {
  const { lat, lng } = points;
  const coordinates = [0, 0];
  const feature: PointFeature<PointProps> = { type: 'Feature', id: 0, properties: NO_PROPS, geometry: { type: 'Point', coordinates } };
  const features = {
    length: lat.length,
    *[Symbol.iterator]() {
      for (let i = 0; i < lat.length; i++) {
        feature.id = i;
        coordinates[0] = lng[i];
        coordinates[1] = lat[i];
        yield feature;
      }
    },
  };
  return features as unknown as PointFeature<PointProps>[];
}

/** One thing to draw: a service on its own, or a cluster of the services not pinned. */
export type Drawable =
  | { kind: 'service'; index: number }
  /** `rank`: its best-ranked service; `named`: the service its name gives, which it holds (that one, unless drawn on its own). */
  | { kind: 'cluster'; id: number; lat: number; lng: number; count: number; types: ServiceType[]; rank: number; named: number };

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
  private readonly index: Supercluster<PointProps>;
  /** Per zoom: the cluster holding each pinned service (or none), found once per pinned set. */
  private readonly homes = new Map<number, Map<number, number>>();
  private homesKey = '';
  private readonly totals: ClusterTotals;

  constructor(private readonly points: ClusterPoints) {
    this.index = new Supercluster<PointProps>({ radius: RADIUS, extent: EXTENT, maxZoom: MAX_CLUSTER_ZOOM });
    const features = asFeatures(points);
    this.index.load(features);
    this.totals = new ClusterTotals(this.index as unknown as Internals, points.types);
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
    const clusters = new Map<number, { lat: number; lng: number; count: number }>();
    /** Pinned services this box has on their own at this zoom: no cluster holds them. */
    const alone = new Set<number>();
    for (const f of found) {
      const p = f.properties;
      if ('cluster' in p && p.cluster) {
        const [lng, lat] = f.geometry.coordinates;
        clusters.set(p.cluster_id, { lat, lng, count: p.point_count });
      } else if (pinned.has(f.id as number)) alone.add(f.id as number);
      else out.push({ kind: 'service', index: f.id as number });
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
        const [leaf] = this.index.getLeaves(id, minus.length + 1).filter((l) => !pinned.has(l.id as number));
        out.push({ kind: 'service', index: leaf.id as number });
      } else if (count > 1) {
        const counts = new Map<ServiceType, number>();
        const row = this.totals.countsOf(id);
        SERVICE_TYPES.forEach((type, k) => {
          if (row[k]) counts.set(type, row[k]);
        });
        for (const i of minus) for (const type of typesOfBits(this.points.types[i])) counts.set(type, counts.get(type)! - 1);
        // Most common first; vocabulary order between equals (the sort is stable).
        const types = [...counts]
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([type]) => type);
        // Drawn on the place of a service it holds rather than at the mean of their places, so the
        // points on the map are points of the feed (the mean only when that service has its own pin).
        const m = this.totals.rank(id);
        const at = pinned.has(m) ? c : { lat: this.points.lat[m], lng: this.points.lng[m] };
        const named = pinned.has(m) ? (this.index.getLeaves(id, minus.length + 1).find((l) => !pinned.has(l.id as number))!.id as number) : m;
        out.push({ kind: 'cluster', id, lat: at.lat, lng: at.lng, count, types, rank: m, named });
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
    for (const child of children) if (!('cluster' in child.properties) && child.id === i) return true;
    for (const child of children) {
      const p = child.properties;
      if (!('cluster' in p && p.cluster)) continue;
      const [lng, lat] = child.geometry.coordinates;
      if (Math.hypot(x(lng) - px, y(lat) - py) <= 4.01 * r && this.holds(p.cluster_id, i, px, py, r / 2)) return true;
    }
    return false;
  }
}
