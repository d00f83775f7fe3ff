import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { distanceKm, isLocated } from '../geo/distance.js';
import type { LatLng, Service } from '../types.js';

/** What crosses from a worker: the tree's own buffer and which service each point is. Both transferable. */
export interface IndexData {
  tree: ArrayBuffer;
  /** `rows[point]` is the service's position in the feed's `services` array. */
  rows: Uint32Array;
}

/** A candidate found near the origin: the service's position in the feed, and its distance. */
export interface Near {
  row: number;
  km: number;
}

/** geokdbush's Earth is 6371 km, Turf's 6371.0088 km: search this much wider, then measure with Turf. */
const SEARCH_SLACK = 1 + 1e-5;
/** How far apart the quick and the exact distance may be, as a fraction (see countWithin; preview.ts uses it too). */
export const EDGE_BAND = 1e-5;
/** Turf's kilometres per degree of latitude (its Earth is 6371.0088 km). */
const KM_PER_DEGREE_TURF = (Math.PI / 180) * 6371.0088;
/** Distances this close are a tie (the two formulas' rounding), broken by feed order. */
const TIE_KM = 1e-9;

/**
 * A static spatial index of a feed's services with a position (kdbush), built once per feed,
 * so a new origin costs O(log n + k) for the k nearest instead of a sort of every record.
 * Distances it hands out are Turf's, as everywhere else, so rankings never depend on which
 * formula chose the candidates.
 */
export class ServiceIndex {
  private constructor(
    private readonly tree: KDBush,
    private readonly rows: Uint32Array,
    private readonly services: readonly Service[],
  ) {}

  static build(services: readonly Service[]): ServiceIndex {
    const rows: number[] = [];
    for (let i = 0; i < services.length; i++) if (isLocated(services[i])) rows.push(i);
    const tree = new KDBush(Math.max(1, rows.length));
    // KDBush cannot hold nothing: an empty feed gets one point no row ever asks for.
    if (!rows.length) tree.add(0, 0);
    for (const row of rows) tree.add(services[row].lng!, services[row].lat!);
    tree.finish();
    return new ServiceIndex(tree, Uint32Array.from(rows), services);
  }

  /** An index a worker built for these services (`data` from its `data`). */
  static from(services: readonly Service[], data: IndexData): ServiceIndex {
    return new ServiceIndex(KDBush.from(data.tree), data.rows, services);
  }

  /** The service at a feed position. */
  serviceAt(row: number): Service {
    return this.services[row];
  }

  get data(): IndexData {
    return { tree: this.tree.data as ArrayBuffer, rows: this.rows };
  }

  /**
   * The `k` services nearest `origin` that `keep(row)` accepts, within `maxKm` when given:
   * nearest first, ties in feed order.
   */
  nearest(origin: LatLng, k: number, keep: (row: number) => boolean, maxKm = Infinity): Near[] {
    if (k <= 0) return [];
    const rows = this.rows;
    const pick = (point: number) => point < rows.length && keep(rows[point]);
    const search = Number.isFinite(maxKm) ? maxKm * SEARCH_SLACK : Infinity;
    // Ask for one more than needed, and more again while the last one found ties with the k-th:
    // services at the same distance are then all in hand and can be put in feed order.
    for (let want = k + 1; ; want *= 2) {
      const found = around(this.tree, origin.lng, origin.lat, want, search, pick);
      const near = found.map((point) => ({ row: rows[point], km: distanceKm(origin, this.services[rows[point]] as LatLng) })).filter((n) => n.km <= maxKm);
      const done = found.length < want || near.length <= k || near[near.length - 1].km - near[k - 1].km > TIE_KM;
      if (done) return near.sort((a, b) => a.km - b.km || a.row - b.row).slice(0, k);
    }
  }

  /**
   * How many services `keep(row)` accepts within `km` of `origin`: a box search, then the exact
   * distance. The box is split at the antimeridian and widened to every longitude near a pole.
   */
  countWithin(origin: LatLng, km: number, keep: (row: number) => boolean): number {
    // A little under Turf's 111.195 km per degree, so the box errs wide (by about 46 millionths).
    const KM_PER_DEGREE = 111.19;
    const dLat = km / KM_PER_DEGREE;
    const south = Math.max(-90, origin.lat - dLat);
    const north = Math.min(90, origin.lat + dLat);
    const widest = Math.max(Math.abs(south), Math.abs(north));
    const cos = Math.cos((widest * Math.PI) / 180);
    const dLng = widest >= 89.9 || cos <= 0 ? 180 : (km / (KM_PER_DEGREE * cos)) * SEARCH_SLACK;
    const boxes: [number, number][] =
      dLng >= 180
        ? [[-180, 180]]
        : origin.lng - dLng < -180
          ? [
              [origin.lng - dLng + 360, 180],
              [-180, origin.lng + dLng],
            ]
          : origin.lng + dLng > 180
            ? [
                [origin.lng - dLng, 180],
                [-180, origin.lng + dLng - 360],
              ]
            : [[origin.lng - dLng, origin.lng + dLng]];
    // Turf's distance (arrays and a units lookup per call) only for those near the edge: the
    // quick haversine on geokdbush's 6371 km sphere is 1.4 millionths short of it (the radii),
    // and the band is seven times that.
    const quick = haversineFrom(origin);
    const surelyIn = km * (1 - EDGE_BAND);
    const surelyOut = km * (1 + EDGE_BAND);
    // No trigonometry at all for most: north-south along a meridian, then east-west along the
    // service's parallel, is a path no shorter than the distance, so a service that short a
    // path away is in. Each degree of longitude is longest at the box's latitude nearest the
    // equator; a longitude apart across the antimeridian only makes the path longer.
    const nearestEquator = south <= 0 && north >= 0 ? 0 : Math.min(Math.abs(south), Math.abs(north));
    const kmPerDegreeEast = KM_PER_DEGREE_TURF * Math.cos((nearestEquator * Math.PI) / 180);
    const pathIn = km * (1 - 1e-9);
    let count = 0;
    for (const [west, east] of boxes) {
      for (const point of this.tree.range(west, south - 1e-9, east, north + 1e-9)) {
        if (point >= this.rows.length) continue;
        const row = this.rows[point];
        if (!keep(row)) continue;
        const service = this.services[row] as LatLng;
        if (Math.abs(service.lat - origin.lat) * KM_PER_DEGREE_TURF + Math.abs(service.lng - origin.lng) * kmPerDegreeEast <= pathIn) {
          count++;
          continue;
        }
        const near = quick(service);
        if (near <= surelyIn || (near <= surelyOut && distanceKm(origin, service) <= km)) count++;
      }
    }
    return count;
  }
}

/**
 * Distances in km from `origin` by the haversine on a 6371 km sphere, its cosine worked out
 * once; atan2, as Turf has it, stays exact near the far side of the Earth, where asin does not.
 * Also for a large feed's nearest preview (preview.ts), which measures every record.
 */
export function haversineFrom(origin: LatLng): (to: LatLng) => number {
  const rad = Math.PI / 180;
  const cosLat = Math.cos(origin.lat * rad);
  return (to) => {
    const a = Math.min(
      1,
      Math.sin(((to.lat - origin.lat) * rad) / 2) ** 2 + cosLat * Math.cos(to.lat * rad) * Math.sin(((to.lng - origin.lng) * rad) / 2) ** 2,
    );
    return 12742 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
  };
}

const built = new WeakMap<readonly Service[], ServiceIndex>();

/** The index of a feed's services: built on first use, then the same one for that array. */
export function indexFor(services: readonly Service[]): ServiceIndex {
  let index = built.get(services);
  if (!index) built.set(services, (index = ServiceIndex.build(services)));
  return index;
}

/** Uses an index built elsewhere (a worker) for these services, so none is built here. */
export function adoptIndex(services: readonly Service[], data: IndexData): void {
  built.set(services, ServiceIndex.from(services, data));
}
