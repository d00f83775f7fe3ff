import { isObject, own } from '../text.js';

/** True for a GeoJSON FeatureCollection or a single Feature (RFC 7946). The reader (geojson.ts) is a chunk of its own. */
export function looksLikeGeoJson(doc: unknown): boolean {
  return isObject(doc) && (own(doc, 'type') === 'FeatureCollection' || own(doc, 'type') === 'Feature');
}
