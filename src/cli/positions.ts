import type { Service, SkippedRecord } from '../types.js';

/** Degrees between two points, longitude scaled to latitude's (a flat map at `cosLat`): enough to tell near from far. */
function roughDegrees(lat1: number, lng1: number, lat2: number, lng2: number, cosLat: number): number {
  const dLng = Math.abs(lng1 - lng2);
  return Math.hypot(lat1 - lat2, (dLng > 180 ? 360 - dLng : dLng) * cosLat);
}

/**
 * Services whose latitude and longitude look written the wrong way round: a long way (over 27°,
 * about 3,000 km) from the middle of the feed, when swapped they would lie three times nearer it
 * ("-71.06, 42.36": Boston, as a point off Antarctica). Both orders are valid coordinates, so
 * the widget keeps them as written; `validate` and `convert` name each, to be fixed at the source.
 */
export function swappedPositions(services: readonly Service[]): SkippedRecord[] {
  const located = services.filter((s): s is Service & { lat: number; lng: number } => s.lat !== undefined && s.lng !== undefined);
  if (located.length < 3) return [];
  const middle = (key: 'lat' | 'lng') => Float64Array.from(located, (s) => s[key]).sort()[located.length >> 1];
  const lat = middle('lat');
  const lng = middle('lng');
  const cosLat = Math.cos((lat * Math.PI) / 180);
  return located
    .filter((s) => {
      if (Math.abs(s.lng) > 90) return false;
      const apart = roughDegrees(s.lat, s.lng, lat, lng, cosLat);
      return apart > 27 && roughDegrees(s.lng, s.lat, lat, lng, cosLat) * 3 < apart;
    })
    .map((s) => ({
      index: -1,
      reason: `service ${JSON.stringify(s.id)}: "lat" ${s.lat} and "lng" ${s.lng} may be swapped: as written the place is far from the feed's other services, and swapped it would be among them`,
    }));
}
