import { normalizeName } from './normalize.js';
import { rankDistance } from './codec.js';
import { caFsas, caTowns, findCode, nearestTowns, usMajorTowns, usMinorTowns, usZips, type Country, type TownTable } from './gazetteer.js';
import { REGION_COUNTRY } from './regions.js';

/** A place the search found. Coordinates to 0.01° (about 1 km), as the gazetteer keeps them. */
export interface Place {
  kind: 'zip' | 'postal-district' | 'town' | 'partner';
  /** What to show: "15213 (Pittsburgh, PA)", "Springfield, IL", "V6B (Vancouver, BC)". */
  label: string;
  name: string;
  /** State or province code, when known. */
  region?: string;
  country?: Country;
  latitude: number;
  longitude: number;
  /** Population, rounded (it only orders matches). */
  population?: number;
  /** For a ZIP code whose postal town is not in the gazetteer: the nearest town named instead. */
  near?: boolean;
}

/** A partner's own named place (a neighbourhood, a reserve, a campus), searched first. */
export interface PartnerPlace {
  name: string;
  latitude: number;
  longitude: number;
  /** Shown after the name, for example a state or city. */
  region?: string;
}

export type PlaceSearchResult =
  | { kind: 'found'; place: Place }
  /** Several places: `ambiguous` when they share the name typed, `similar` when none has it exactly. */
  | { kind: 'choices'; reason: 'ambiguous' | 'similar'; places: Place[] }
  | { kind: 'not-found' }
  /** The text is a ZIP or postal-district code, written correctly, that does not exist (`located: false`: it exists but has no place on a map). */
  | { kind: 'unknown-code'; code: string; codeKind: 'zip' | 'postal-district'; located?: false }
  | { kind: 'invalid'; reason: 'empty' | 'too-long' | 'no-letters-or-digits' | 'zip-digits' }
  /** The gazetteer could not be loaded (offline, or the chunk is missing). */
  | { kind: 'unavailable'; message: string };

export interface SearchOptions {
  /** "PA", "BC", "US" or "CA": matches there come first. */
  region?: string;
  places?: readonly PartnerPlace[];
  /** The word before a town a ZIP code is only near, in the visitor's language ("cerca de"). Default "near". */
  near?: string;
}

/** Longer text is no place name (the longest in the gazetteer is under 60 characters). */
export const MAX_QUERY_LENGTH = 100;
const MAX_CHOICES = 25;
const MAX_SIMILAR = 8;

const US_ZIP = /^(\d{5})(?:-\d{4})?$/;
const CA_POSTAL = /^([A-Z]\d[A-Z])(?:\s*\d[A-Z]\d)?$/i;

/**
 * Finds a place from what a visitor typed, in this browser only: a US ZIP code, a Canadian
 * postal code or its first three characters, a town or city, or one of the partner's places.
 * Never throws; every outcome, bad input included, is a result kind.
 */
export async function searchPlaces(query: string, options: SearchOptions = {}): Promise<PlaceSearchResult> {
  const text = String(query ?? '').trim();
  if (!text) return { kind: 'invalid', reason: 'empty' };
  if (text.length > MAX_QUERY_LENGTH) return { kind: 'invalid', reason: 'too-long' };
  try {
    const zip = US_ZIP.exec(text);
    if (zip) return await searchZip(zip[1], options.near ?? 'near');
    if (/^[\d\s-]+$/.test(text)) return { kind: 'invalid', reason: 'zip-digits' };
    const fsa = CA_POSTAL.exec(text);
    if (fsa) return await searchFsa(fsa[1].toUpperCase());
    return await searchName(text, options);
  } catch (error) {
    return { kind: 'unavailable', message: error instanceof Error ? error.message : String(error) };
  }
}

/** A ZIP named "near" a town only within about 50 km of it (rankDistance units: 0.45° squared). */
const NEAR_LIMIT = (45 * 1024) ** 2;

const degrees = (hundredths: number) => hundredths / 100;

async function searchZip(code: string, nearWord: string): Promise<PlaceSearchResult> {
  const [zips, major] = await Promise.all([usZips(), usMajorTowns()]);
  const i = findCode(zips.codes, code);
  if (i < 0)
    return zips.unlocated.has(code) ? { kind: 'unknown-code', code, codeKind: 'zip', located: false } : { kind: 'unknown-code', code, codeKind: 'zip' };
  const state = zips.regions[i];
  const rank = zips.labels[i];
  const [town] = nearestTowns(major, zips.lat[i], zips.lng[i], rank || 1).slice(-1);
  const near = rank === 0;
  const far = near && rankDistance(zips.lat[i], zips.lng[i], major.lat[town], major.lng[town]) > NEAR_LIMIT;
  const townText = far ? state : `${near ? `${nearWord} ` : ''}${major.names[town]}, ${major.regions[town]}`;
  return {
    kind: 'found',
    place: {
      kind: 'zip',
      label: `${code} (${townText})`,
      name: code,
      region: state,
      country: 'US',
      latitude: degrees(zips.lat[i]),
      longitude: degrees(zips.lng[i]),
      ...(near && !far ? { near } : {}),
    },
  };
}

async function searchFsa(code: string): Promise<PlaceSearchResult> {
  const fsas = await caFsas();
  const i = findCode(fsas.codes, code);
  if (i < 0) return { kind: 'unknown-code', code, codeKind: 'postal-district' };
  return {
    kind: 'found',
    place: {
      kind: 'postal-district',
      label: `${code} (${fsas.names[i]}, ${fsas.regions[i]})`,
      name: code,
      region: fsas.regions[i],
      country: 'CA',
      latitude: degrees(fsas.lat[i]),
      longitude: degrees(fsas.lng[i]),
    },
  };
}

interface Candidate {
  place: Place;
  distance: number;
}

function townPlace(t: TownTable, i: number): Place {
  return {
    kind: 'town',
    label: `${t.names[i]}, ${t.regions[i]}`,
    name: t.names[i],
    region: t.regions[i],
    country: t.country,
    latitude: degrees(t.lat[i]),
    longitude: degrees(t.lng[i]),
    population: t.population[i],
  };
}

function partnerPlace(p: PartnerPlace): Place {
  return {
    kind: 'partner',
    label: p.region ? `${p.name}, ${p.region}` : p.name,
    name: p.name,
    ...(p.region ? { region: p.region } : {}),
    latitude: p.latitude,
    longitude: p.longitude,
  };
}

async function searchName(text: string, options: SearchOptions): Promise<PlaceSearchResult> {
  let key = normalizeName(text);
  if (!key) return { kind: 'invalid', reason: 'no-letters-or-digits' };
  // "Springfield, IL" or "Springfield IL" limits the search to that state or province.
  let within: string | undefined;
  const suffix = /^(.+?)[\s,]+([A-Za-z]{2})$/.exec(text.trim());
  if (suffix && REGION_COUNTRY.has(suffix[2].toUpperCase()) && normalizeName(suffix[1])) {
    within = suffix[2].toUpperCase();
    key = normalizeName(suffix[1]);
  }
  const partner = (options.places ?? []).filter(validPartnerPlace);
  const tables = await Promise.all([usMajorTowns(), usMinorTowns(), caTowns()]);
  const preferred = options.region?.trim().toUpperCase();
  const rank = (p: Place) => (p.kind === 'partner' ? 0 : preferred && (p.region === preferred || p.country === preferred) ? 1 : 2);
  const order = (a: Candidate, b: Candidate) =>
    a.distance - b.distance ||
    rank(a.place) - rank(b.place) ||
    (b.place.population ?? 0) - (a.place.population ?? 0) ||
    a.place.label.localeCompare(b.place.label);

  const matches = (limit: number): Candidate[] => {
    const out: Candidate[] = [];
    for (const p of partner) {
      const distance = editDistance(key, normalizeName(p.name), limit);
      if (distance <= limit) out.push({ place: partnerPlace(p), distance });
    }
    for (const t of tables) {
      for (let i = 0; i < t.keys.length; i++) {
        if (within && t.regions[i] !== within) continue;
        const distance = limit === 0 ? (t.keys[i] === key ? 0 : 1) : editDistance(key, t.keys[i], limit);
        if (distance <= limit) out.push({ place: townPlace(t, i), distance });
      }
    }
    return out.sort(order);
  };

  const exact = matches(0);
  if (exact.length === 1) return { kind: 'found', place: exact[0].place };
  if (exact.length > 1) return { kind: 'choices', reason: 'ambiguous', places: exact.slice(0, MAX_CHOICES).map((c) => c.place) };
  // A typo: one edit in a short name, two in a longer one.
  const limit = key.length < 4 ? 0 : key.length < 8 ? 1 : 2;
  const similar = limit ? matches(limit) : [];
  if (similar.length) return { kind: 'choices', reason: 'similar', places: similar.slice(0, MAX_SIMILAR).map((c) => c.place) };
  return { kind: 'not-found' };
}

function validPartnerPlace(p: PartnerPlace): boolean {
  return (
    typeof p?.name === 'string' &&
    normalizeName(p.name) !== '' &&
    Number.isFinite(p.latitude) &&
    Number.isFinite(p.longitude) &&
    Math.abs(p.latitude) <= 90 &&
    Math.abs(p.longitude) <= 180
  );
}

/**
 * Edit distance (insertions, deletions, substitutions and swaps of neighbours), or limit + 1 as
 * soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    [before, previous] = [previous, row];
  }
  return Math.min(previous[b.length], limit + 1);
}
