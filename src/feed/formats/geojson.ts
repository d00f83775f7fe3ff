import { FeedFormatError } from '../validate.js';
import { cleanText, describe, isObject, type Json, MAX_LENGTH, own } from '../text.js';
import type { FormatOutput } from './format.js';

/** True for a GeoJSON FeatureCollection or a single Feature (RFC 7946). */
export function looksLikeGeoJson(doc: unknown): boolean {
  return isObject(doc) && (own(doc, 'type') === 'FeatureCollection' || own(doc, 'type') === 'Feature');
}

/**
 * Reads a FeatureCollection: each feature's properties become a record (mapped through the
 * same field names and aliases as CSV), and a Point's `[lng, lat]` becomes its position.
 * A feature with another geometry is kept without a map position and reported.
 */
export function readGeoJson(doc: unknown): FormatOutput {
  if (!looksLikeGeoJson(doc))
    throw new FeedFormatError(`expected a GeoJSON FeatureCollection, got ${describe(isObject(doc) ? (own(doc, 'type') ?? 'an object without "type"') : doc)}.`);
  const collection = doc as Json;
  const features = own(collection, 'type') === 'Feature' ? [collection] : own(collection, 'features');
  if (!Array.isArray(features)) throw new FeedFormatError(`the FeatureCollection's "features" must be an array, got ${describe(features)}.`);
  const out: FormatOutput = { records: [], indexes: [], skipped: [], warnings: [] };
  const name = own(collection, 'name');
  // Cleaned like the native feed's title: bounded, without control or bidi characters.
  const title = typeof name === 'string' ? cleanText(name, MAX_LENGTH.short).text : undefined;
  if (title) out.title = title;

  features.forEach((feature, index) => {
    if (!isObject(feature) || own(feature, 'type') !== 'Feature') {
      out.skipped.push({
        index,
        reason: `not a GeoJSON Feature (got ${describe(isObject(feature) ? (own(feature, 'type') ?? 'an object without "type"') : feature)})`,
      });
      return;
    }
    const properties = own(feature, 'properties');
    const record: Json = isObject(properties) ? { ...properties } : {};
    const id = own(feature, 'id');
    if ((typeof id === 'string' || typeof id === 'number') && !Object.prototype.hasOwnProperty.call(record, 'id')) record['id'] = id;
    const geometry = own(feature, 'geometry');
    const point = pointOf(geometry);
    if (point) {
      // RFC 7946 order is [longitude, latitude]; the geometry wins over any lat/lng properties.
      record['lng'] = point[0];
      record['lat'] = point[1];
    } else {
      // Keep the properties' own coordinates, if any; otherwise the record has no position.
      const kind = isObject(geometry) ? own(geometry, 'type') : geometry;
      if (geometry !== null && geometry !== undefined) {
        out.warnings.push({ index, reason: `geometry ${describe(kind)} is not a Point; listed without a map position unless its properties give coordinates` });
      }
    }
    out.records.push(record);
    out.indexes.push(index);
  });
  return out;
}

function pointOf(geometry: unknown): [unknown, unknown] | undefined {
  if (!isObject(geometry)) return undefined;
  const type = own(geometry, 'type');
  const coordinates = own(geometry, 'coordinates');
  if (type === 'Point' && Array.isArray(coordinates) && coordinates.length >= 2) return [coordinates[0], coordinates[1]];
  if (type === 'MultiPoint' && Array.isArray(coordinates) && coordinates.length === 1 && Array.isArray(coordinates[0])) {
    return [coordinates[0][0], coordinates[0][1]];
  }
  return undefined;
}
