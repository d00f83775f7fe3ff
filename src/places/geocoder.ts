import { safeWebUrl } from '../util/safe-url.js';
import type { Place, PlaceSearchResult } from './search.js';

/** Places asked of an online geocoder are few and small: refuse a reply past this size. */
const MAX_REPLY_CHARS = 1_000_000;
const MAX_PLACES = 8;

/**
 * Asks the partner's own geocoder (`geocoder-url`, opt-in) for `query`, when the offline
 * gazetteer found nothing. `{q}` in the template is the typed text, URL-encoded: the typed text
 * then goes to that server, as the README says. Reads Nominatim's JSON (`[{ display_name, lat,
 * lon }]`) and GeoJSON geocoders such as Pelias and Photon (`features[].geometry.coordinates`
 * with `properties.label` or `name`). Never throws: a failure is `unavailable`.
 */
export async function geocode(template: string, query: string, signal?: AbortSignal): Promise<PlaceSearchResult> {
  let absolute: string | undefined;
  try {
    // A template on the partner's own site may be relative to the page.
    absolute = new URL(template.replaceAll('{q}', encodeURIComponent(query.trim())), document.baseURI).href;
  } catch {
    absolute = undefined;
  }
  const url = absolute && safeWebUrl(absolute);
  if (!url || !template.includes('{q}')) return { kind: 'unavailable', message: `geocoder-url "${template}" is not an http(s) address with {q}` };
  try {
    const response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', signal, headers: { accept: 'application/json' } });
    if (!response.ok) return { kind: 'unavailable', message: `the geocoder answered HTTP ${response.status}` };
    const text = await response.text();
    if (text.length > MAX_REPLY_CHARS) return { kind: 'unavailable', message: 'the geocoder sent more than a place list' };
    const places = readPlaces(JSON.parse(text) as unknown).slice(0, MAX_PLACES);
    if (!places.length) return { kind: 'not-found' };
    return places.length === 1 ? { kind: 'found', place: places[0] } : { kind: 'choices', reason: 'similar', places };
  } catch (error) {
    return { kind: 'unavailable', message: (error as Error)?.message ?? String(error) };
  }
}

function place(label: unknown, lat: unknown, lng: unknown): Place | undefined {
  const latitude = Number(lat);
  const longitude = Number(lng);
  if (typeof label !== 'string' || !label.trim() || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  const name = label.trim().slice(0, 200);
  return { kind: 'town', label: name, name, latitude, longitude };
}

function readPlaces(data: unknown): Place[] {
  const out: (Place | undefined)[] = [];
  if (Array.isArray(data)) {
    for (const d of data as Record<string, unknown>[]) out.push(place(d?.['display_name'] ?? d?.['name'], d?.['lat'], d?.['lon'] ?? d?.['lng']));
  } else if (data && typeof data === 'object' && Array.isArray((data as { features?: unknown }).features)) {
    for (const f of (data as { features: Record<string, unknown>[] }).features) {
      const coordinates = (f?.['geometry'] as { coordinates?: unknown[] } | undefined)?.coordinates;
      const props = (f?.['properties'] ?? {}) as Record<string, unknown>;
      if (Array.isArray(coordinates)) out.push(place(props['label'] ?? props['display_name'] ?? props['name'], coordinates[1], coordinates[0]));
    }
  }
  return out.filter((p): p is Place => p !== undefined);
}
