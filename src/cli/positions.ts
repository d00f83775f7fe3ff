import type { Service, SkippedRecord } from '../types.js';

type Located = Service & { lat: number; lng: number };

/** Degrees between two points, longitude scaled to latitude's (a flat map at `cosLat`): enough to tell near from far. */
function roughDegrees(lat1: number, lng1: number, lat2: number, lng2: number, cosLat: number): number {
  const dLng = Math.abs(lng1 - lng2);
  return Math.hypot(lat1 - lat2, (dLng > 180 ? 360 - dLng : dLng) * cosLat);
}

/** At most `n` of `items`, spread evenly over them. */
const spread = <T>(items: readonly T[], n: number): T[] =>
  items.length <= n ? [...items] : Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]);

/**
 * Where most of the feed's services are: the service with the most others within 5° (a sample of
 * a big feed). Steadier than the median of each axis, which half the services written wrong would
 * move off them.
 */
function middleOf(located: readonly Located[]): { lat: number; lng: number } {
  const others = spread(located, 1000);
  let best = located[0];
  let most = -1;
  for (const s of spread(located, 200)) {
    const cosLat = Math.cos((s.lat * Math.PI) / 180);
    const near = others.filter((o) => roughDegrees(s.lat, s.lng, o.lat, o.lng, cosLat) < 5).length;
    if (near > most) [best, most] = [s, near];
  }
  return best;
}

/** Ways a position is commonly written wrong, each with the position meant and what to say. */
const SLIPS: [(s: Located) => [number, number], (s: Located) => string][] = [
  [(s) => [s.lng, s.lat], (s) => `"lat" ${s.lat} and "lng" ${s.lng} may be swapped`],
  [(s) => [s.lat, -s.lng], (s) => `"lng" ${s.lng} may have lost its minus sign (${-s.lng})`],
  [(s) => [-s.lat, s.lng], (s) => `"lat" ${s.lat} may have lost its minus sign (${-s.lat})`],
];

/**
 * Services whose position looks written wrong: a long way (over 27°, about 3,000 km) from where
 * most of the feed is, when swapped ("-71.06, 42.36": Boston, as a point off Antarctica) or with
 * a sign put back ("42.36, 71.06": Boston, as a point in Kazakhstan) they would lie three times
 * nearer. Both are valid coordinates, so the widget keeps them as written; `validate` and
 * `convert` name each, to be fixed at the source.
 */
export function misplacedPositions(services: readonly Service[]): SkippedRecord[] {
  const located = services.filter((s): s is Located => s.lat !== undefined && s.lng !== undefined);
  if (located.length < 3) return [];
  const middle = middleOf(located);
  const cosLat = Math.cos((middle.lat * Math.PI) / 180);
  const found: SkippedRecord[] = [];
  for (const s of located) {
    const apart = roughDegrees(s.lat, s.lng, middle.lat, middle.lng, cosLat);
    if (apart <= 27) continue;
    const slip = SLIPS.find(([meant]) => {
      const [lat, lng] = meant(s);
      return Math.abs(lat) <= 90 && roughDegrees(lat, lng, middle.lat, middle.lng, cosLat) * 3 < apart;
    });
    if (slip) {
      found.push({
        index: -1,
        reason: `service ${JSON.stringify(s.id)}: ${slip[1](s)}: as written the place is far from the feed's other services; corrected, it would be among them`,
      });
    }
  }
  return found;
}
