import type { LatLng } from '../types.js';

// A quick distance for passes over every service (the spatial index's radius count, a large
// feed's nearest preview), where Turf's (arrays and a units lookup per call) would cost more than
// the rest of the pass. Both then measure with Turf (distance.ts) where the two could disagree.

/** How far apart the quick and Turf's distance may be, as a fraction: seven times the radii's difference. */
export const EDGE_BAND = 1e-5;

/**
 * Distances in km from `origin` by the haversine on a 6371 km sphere (1.4 millionths short of
 * Turf's 6371.0088 km), its cosine worked out once; atan2, as Turf has it, stays exact near
 * the far side of the Earth, where asin does not.
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
