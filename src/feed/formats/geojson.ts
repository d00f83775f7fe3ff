import { FeedFormatError, UNPLACED } from '../validate.js';
import { cleanText, describe, isObject, type Json, MAX_LENGTH, own } from '../text.js';
import type { FormatOutput } from './format.js';
import { looksLikeGeoJson } from './geojson-detect.js';

/**
 * Reads a FeatureCollection: each feature's properties become a record (mapped through the
 * same field names and aliases as CSV), and a Point's `[lng, lat]` becomes its position, as
 * does the centre of a polygon as small as a building or a block (reported). A feature with
 * another geometry is placed by its properties' coordinates, or else kept without a map
 * position and reported once, by validation (UNPLACED).
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
    const centre = point ? undefined : smallAreaCentre(geometry);
    const at = point ?? centre;
    if (at) {
      // RFC 7946 order is [longitude, latitude]; the geometry wins over any lat/lng properties.
      record['lng'] = at[0];
      record['lat'] = at[1];
    }
    if (centre) {
      out.warnings.push({ index, reason: `geometry ${kindOf(geometry)} is not a Point; placed at the centre of the building or block it outlines` });
    } else if (!point && geometry !== null && geometry !== undefined) {
      // The properties' own coordinates, if any, place it (nothing to report); without them,
      // validation says this once, in place of "no coordinates".
      const wide = isObject(geometry) && (own(geometry, 'type') === 'Polygon' || own(geometry, 'type') === 'MultiPolygon');
      (record as { [UNPLACED]?: string })[UNPLACED] = `geometry ${kindOf(geometry)} is not a Point${wide ? ' nor the outline of a building or block' : ''}`;
    }
    out.records.push(record);
    out.indexes.push(index);
  });
  return out;
}

/** At most this many degrees of latitude across (about 1.1 km; longitude scaled to the same distance): a building or a block. */
const SMALL_AREA_DEGREES = 0.01;

/**
 * The centre of a Polygon or MultiPolygon no wider than a building or a block (an OpenStreetMap
 * export draws many pharmacies and clinics as their building's outline), else undefined: the
 * centre of a service area (a county) is no place to go to.
 */
function smallAreaCentre(geometry: unknown): [number, number] | undefined {
  if (!isObject(geometry)) return undefined;
  const type = own(geometry, 'type');
  const coordinates = own(geometry, 'coordinates');
  const polygons = type === 'Polygon' ? [coordinates] : type === 'MultiPolygon' && Array.isArray(coordinates) ? coordinates : [];
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of polygons) {
    // The outer ring: [[lng, lat], …].
    const ring: unknown = Array.isArray(polygon) ? polygon[0] : undefined;
    if (!Array.isArray(ring)) return undefined;
    for (const position of ring) {
      const [lng, lat] = Array.isArray(position) ? position : [];
      if (typeof lng !== 'number' || typeof lat !== 'number' || Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
      box[0] = Math.min(box[0], lng);
      box[1] = Math.min(box[1], lat);
      box[2] = Math.max(box[2], lng);
      box[3] = Math.max(box[3], lat);
    }
  }
  const [west, south, east, north] = box;
  if (!(north >= south)) return undefined;
  const middle = (south + north) / 2;
  const small = north - south <= SMALL_AREA_DEGREES && (east - west) * Math.cos((middle * Math.PI) / 180) <= SMALL_AREA_DEGREES;
  return small ? [(west + east) / 2, middle] : undefined;
}

/** A geometry's type as a message quotes it. */
const kindOf = (geometry: unknown) => describe(isObject(geometry) ? own(geometry, 'type') : geometry);

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
