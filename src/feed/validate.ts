import type { Address, Service, ServiceStatus, SkippedRecord } from '../types.js';
import { readHours, type ReadHours } from '../hours/read-hours.js';
import { readCost, readLanguages } from './normalize.js';
import { isServiceType, saysNotOffered, sortTypes, typeBit, typesInLabel, typesOfBits, type ServiceType } from './service-types.js';
import { normalizeWebUrl, SCIENTIFIC, webUrlProblem } from '../util/safe-url.js';
import { cleanString, cleanText, cutText, describe, isObject, type Json, listOf, MAX_LENGTH, own, quote } from './text.js';
import { remembered } from '../util/remembered.js';
import type { FeedFormat } from './formats/format.js';

/** The feed's top level is not something we can read; nothing can be shown. */
export class FeedFormatError extends Error {
  override name = 'FeedFormatError';
}

export interface ParsedFeed {
  title?: string;
  updated?: string;
  services: Service[];
  /** Records left out, each with its source index and the reason. */
  skipped: SkippedRecord[];
  /** Problems that did not stop a record from showing, e.g. an unsafe website that was dropped. */
  warnings: SkippedRecord[];
}

export interface ValidateOptions {
  /** Types for records that have none (e.g. a list of naloxone pharmacies). */
  defaultTypes?: readonly ServiceType[];
  /** Partner categories or taxonomy terms (lower-cased, trimmed) → our types. */
  typeMap?: ReadonlyMap<string, readonly ServiceType[]>;
  /** Whether a missing id is an error (native feeds) or filled in from the position. */
  requireId?: boolean;
}

export interface Validated {
  service?: Service;
  errors: string[];
  warnings: string[];
}

const BOOLEAN_FIELDS = ['open24h', 'noIdRequired', 'walkIn', 'anonymous', 'appointmentRequired', 'peerRun'] as const;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', 'oui', 'sí', 'si']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'non', '']);
const STATUS_WORDS: Record<string, ServiceStatus> = {
  active: 'active',
  open: 'active',
  'temporarily-closed': 'temporarily-closed',
  'temporarily closed': 'temporarily-closed',
  temporarily_closed: 'temporarily-closed',
  closed: 'closed',
  inactive: 'closed',
  defunct: 'closed',
  'permanently closed': 'closed',
};
const COUNTRY_NAMES: Record<string, string> = {
  usa: 'US',
  'u.s.': 'US',
  'u.s.a.': 'US',
  'united states': 'US',
  'united states of america': 'US',
  canada: 'CA',
  uk: 'GB',
  'united kingdom': 'GB',
  mexico: 'MX',
  méxico: 'MX',
  australia: 'AU',
};

/** A yes as spreadsheets write it: true, "yes", "Y", "x", 1 (and "oui", "sí"). */
export const isYes = (value: unknown) =>
  (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') && TRUE_WORDS.has(String(value).trim().toLowerCase());

/**
 * A cell of a column named for a type ("Naloxone", "FTS available"): true for a yes, a yes with
 * more after it ("Yes (nasal spray only)", "Y - call first"), a check mark, or words of stock
 * ("Available", "In stock", "Limited"); false for a no, an empty cell, or words that say it is not
 * offered ("Out of stock"); undefined for anything else, which the validator reports.
 */
export function flagValue(value: unknown): boolean | undefined {
  if (isYes(value)) return true;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return value === undefined || value === null ? false : undefined;
  const text = String(value).trim().toLowerCase();
  if (FALSE_WORDS.has(text) || /^(?:no|non|none|n\/a)\b/.test(text) || saysNotOffered(text)) return false;
  if (/^(?:yes|y|oui|si|sí)\b|^[\u2713\u2714\u2611\u2705]|\b(?:available|in stock|offered|provided|limited|on ?site|disponible)\b/.test(text)) return true;
  return undefined;
}

/** Where the field map leaves, on a record it read, the notes of cells flagValue could not read. */
export const FLAG_NOTES = Symbol('flag notes');

/**
 * Where a format reader leaves, on a record it could not place, why ("geometry "LineString" is
 * not a Point"): said in place of "no coordinates" when no field gives a position either, so
 * the record gets one warning, not the reader's and the validator's.
 */
export const UNPLACED = Symbol('unplaced');

/** Splits a list written in one spreadsheet cell: "naloxone; drop-in", "en, es", "a|b". */
export function splitList(value: unknown): unknown[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) return value;
  if (typeof value === 'string')
    return value
      .split(/[;,|\n]/)
      .map((s) => s.trim())
      .filter(Boolean);
  return [value];
}

/** Parses "49.28", " -123,12 " (decimal comma) and numbers; undefined for anything else. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // A minus sign pasted from a word processor or a web page (U+2212) is a minus.
  const text = value.trim().replace(/^\u2212/, '-');
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text)) return undefined;
  return Number(text.replace(',', '.'));
}

export class RecordReader {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  constructor(readonly record: Json) {}

  get(key: string): unknown {
    const value = own(this.record, key);
    return value === null ? undefined : value;
  }

  text(key: string, max: number = MAX_LENGTH.short): string | undefined {
    let value = this.get(key);
    if (value === undefined) return undefined;
    // Open-data portals (Socrata) export a phone as {"phone_number": …} and a link as {"url": …}.
    const inner = key === 'phone' ? 'phone_number' : key === 'website' ? 'url' : '';
    if (inner && isObject(value) && typeof own(value, inner) === 'string') value = own(value, inner);
    if (typeof value !== 'string' && typeof value !== 'number') {
      this.warnings.push(`"${key}" must be text, got ${describe(value)}`);
      return undefined;
    }
    const text = cleanString(typeof value === 'string' ? value : String(value));
    if (!text) return undefined;
    if (text.length <= max) return text;
    this.warnings.push(`"${key}" was longer than ${max} characters and was cut`);
    return cutText(text, max);
  }

  boolean(key: string): boolean | undefined {
    const value = this.get(key);
    if (value === undefined || typeof value === 'boolean') return value;
    const word = typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : undefined;
    if (word !== undefined && TRUE_WORDS.has(word)) return true;
    if (word !== undefined && FALSE_WORDS.has(word)) return word === '' ? undefined : false;
    this.warnings.push(`"${key}" must be true or false, got ${describe(value)}`);
    return undefined;
  }
}

/** Cleaned text cut to `max` ('' when nothing is left), as cleanText gives it. */
const fit = (value: string, max: number) => {
  const text = cleanString(value);
  return text.length <= max ? text : cutText(text, max);
};

/** An id as written → as kept: '' when there is none. */
export const idText = (raw: unknown) =>
  typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : typeof raw === 'string' ? fit(raw, MAX_LENGTH.name) : '';

export function readId(r: RecordReader, requireId: boolean): string {
  const raw = r.get('id');
  const id = idText(raw);
  if (!id && (requireId || raw !== undefined)) {
    r.errors.push(raw === undefined ? '"id" is missing' : `"id" must be a non-empty string, got ${describe(raw)}`);
  }
  return id;
}

function readName(r: RecordReader): string {
  const raw = r.get('name');
  const cleaned = typeof raw === 'string' ? fit(raw, MAX_LENGTH.name) : typeof raw === 'number' ? fit(String(raw), MAX_LENGTH.name) : '';
  // A name of only invisible characters would be an invisible button.
  const name = /[^\s\u200B-\u200D\u2060\uFEFF]/.test(cleaned) ? cleaned : '';
  if (!name) r.errors.push(raw === undefined ? '"name" is missing' : `"name" must be a non-empty string, got ${describe(raw)}`);
  else if (String(raw).trim().length > MAX_LENGTH.name) r.warnings.push(`"name" was longer than ${MAX_LENGTH.name} characters and was cut`);
  return name;
}

const DECIMAL = String.raw`([-+\u2212]?\d+\.\d+)`;
/** Well-known text, longitude first: "POINT (-73.75 42.65)", "SRID=4326;POINT Z (-73.75 42.65 0)". */
const WKT_POINT = new RegExp(String.raw`^(?:SRID=4326;)?POINT\s*Z?M?\s*\(\s*([-+]?[\d.]+)\s+([-+]?[\d.]+)(?:\s+\S+){0,2}\s*\)$`, 'i');
/**
 * "42.65, -73.75" or "42.65 -73.75", latitude first: the whole text, or with a comma in
 * parentheses at its end (searched for, so linear on any text).
 */
const PAIR = new RegExp(String.raw`^${DECIMAL}\s*[,\s]\s*${DECIMAL}$|\(\s*${DECIMAL}\s*,\s*${DECIMAL}\s*\)$`);

/**
 * A position written as one value, as open-data portals and spreadsheets export it: well-known
 * text (longitude first), a "latitude, longitude" pair with decimals (or a space between them; in parentheses when it ends
 * an address, as Socrata writes "100 Main St\nAlbany, NY\n(42.65, -73.75)"), an object with
 * `latitude` and `longitude`, or a GeoJSON Point. `rest`: the text before such a pair.
 */
export function positionIn(value: unknown): { lat: unknown; lng: unknown; rest?: string } | undefined {
  if (typeof value === 'string') {
    const text = value.trim();
    const wkt = WKT_POINT.exec(text);
    if (wkt) return { lat: wkt[2], lng: wkt[1] };
    const pair = PAIR.exec(text);
    if (pair) return pair[1] ? { lat: pair[1], lng: pair[2] } : { lat: pair[3], lng: pair[4], rest: text.slice(0, pair.index).trimEnd() };
  } else if (isObject(value)) {
    const point = own(value, 'coordinates');
    if (own(value, 'type') === 'Point' && Array.isArray(point)) return { lat: point[1], lng: point[0] };
    const lat = own(value, 'latitude') ?? own(value, 'lat');
    const lng = own(value, 'longitude') ?? own(value, 'lng') ?? own(value, 'lon');
    if (lat !== undefined && lng !== undefined) return { lat, lng };
  }
  return undefined;
}

/** Web Mercator's extent in metres (EPSG:3857), rounded up. */
const MERCATOR_MAX = 20_048_967;

/**
 * Coordinates: numbers or numeric strings, or, without them, one value holding both
 * (`coordinates`, or an `address` that is or ends with a position: positionIn). Swapped pairs
 * are fixed only when unambiguous (latitude out of range but valid as a longitude, and the
 * other way round). Anything else leaves the record without a map position, reported, never
 * dropped.
 */
export function readPosition(r: RecordReader, mailBased: boolean, unplaced = 'no coordinates'): { lat: number; lng: number } | undefined {
  let rawLat = r.get('lat');
  let rawLng = r.get('lng');
  if ((rawLat === undefined || rawLat === '') && (rawLng === undefined || rawLng === '')) {
    const one = r.get('coordinates');
    const found = positionIn(one) ?? positionIn(r.get('address'));
    if (!found) {
      if (one !== undefined && one !== '') r.warnings.push(`"coordinates" ${describe(one)} is not a position: listed without a map position`);
      // A naloxone-by-mail program has no place to go to: nothing to report.
      else if (!mailBased) r.warnings.push(`${unplaced}: listed without a map position`);
      return undefined;
    }
    ({ lat: rawLat, lng: rawLng } = found);
  }
  const lat = toNumber(rawLat);
  const lng = toNumber(rawLng);
  if (lat === undefined || lng === undefined) {
    const bad = lat === undefined ? ['lat', rawLat] : ['lng', rawLng];
    r.warnings.push(
      `"${bad[0]}" ${bad[1] === undefined || bad[1] === '' ? 'is missing' : `is not a number (${describe(bad[1])})`}: listed without a map position`,
    );
    return undefined;
  }
  if (Math.abs(lat) > 90 && Math.abs(lat) <= 180 && Math.abs(lng) <= 90) {
    r.warnings.push(`"lat" ${lat} and "lng" ${lng} look swapped and were swapped back`);
    return { lat: lng, lng: lat };
  }
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    // Metres, as GIS exports write them (ArcGIS's default): not guessed back to degrees, as
    // other projections' metres or feet would land somewhere wrong.
    const metres = Math.abs(lat) <= MERCATOR_MAX && Math.abs(lng) <= MERCATOR_MAX && Math.max(Math.abs(lat), Math.abs(lng)) > 1000;
    const hint = metres ? ' (they look like metres of a projection, such as web Mercator, EPSG:3857: export latitude and longitude in degrees, WGS84)' : '';
    r.warnings.push(`coordinates ${lat}, ${lng} are out of range${hint}: listed without a map position`);
    return undefined;
  }
  if (lat === 0 && lng === 0) {
    r.warnings.push('coordinates 0, 0 (a common geocoding failure): listed without a map position');
    return undefined;
  }
  return { lat, lng };
}

function readCountry(r: RecordReader, value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^[A-Za-z]{2}$/.test(value)) return value.toUpperCase();
  // own(): a country written "__proto__" or "constructor" must not read Object.prototype.
  const code = own(COUNTRY_NAMES, value.toLowerCase()) as string | undefined;
  if (code) return code;
  r.warnings.push(`"country" ${describe(value)} is not a two-letter code; shown as written`);
  return value;
}

/** Nested `address` object, a one-line `address` string, or flat columns (CSV). */
function readAddress(r: RecordReader): Address | undefined {
  const nested = r.get('address');
  let source = r;
  const result: Address = {};
  if (isObject(nested)) {
    source = new RecordReader(nested);
  } else if (typeof nested === 'string' || typeof nested === 'number') {
    // Coordinates are never shown as an address; an address they end keeps its text.
    const found = positionIn(nested);
    const street = found ? found.rest && fit(found.rest, MAX_LENGTH.short) : r.text('address');
    if (street) result.street = street;
  } else if (nested !== undefined) {
    r.warnings.push(`"address" must be an object or text, got ${describe(nested)}`);
  }
  let any = result.street !== undefined;
  for (const field of ADDRESS_PARTS) {
    const value = addressPart(r, source, field);
    if (value && !result[field]) {
      result[field] = value;
      any = true;
    }
  }
  // What a portal's location column says of the address, for the parts no column gave.
  const portal = humanAddress(isObject(nested) ? nested : r.get('coordinates'));
  if (portal) {
    for (const [field, key] of HUMAN_ADDRESS) {
      const value = portal.text(key);
      if (value && !result[field]) {
        result[field] = value;
        any = true;
      }
    }
    for (const warning of portal.warnings) r.warnings.push(warning);
  }
  const country = readCountry(r, addressPart(r, source, 'country'));
  if (country) {
    result.country = country;
    any = true;
  }
  // Spreadsheets drop leading zeros from US ZIP codes: 2108 → 02108.
  if (result.postalCode && result.country === 'US' && /^\d{3,4}(-\d{4})?$/.test(result.postalCode)) {
    const [zip, plus4] = result.postalCode.split('-');
    result.postalCode = zip.padStart(5, '0') + (plus4 ? `-${plus4}` : '');
  }
  if (source !== r) for (const warning of source.warnings) r.warnings.push(warning);
  return any ? result : undefined;
}

const ADDRESS_PARTS = ['street', 'city', 'region', 'postalCode'] as const;

/** Socrata's keys in a location column's `human_address`, and ours. */
const HUMAN_ADDRESS = [
  ['street', 'address'],
  ['city', 'city'],
  ['region', 'state'],
  ['postalCode', 'zip'],
] as const;

/**
 * The address in a Socrata location column (`{"latitude": …, "longitude": …, "human_address":
 * "{\"address\": \"1 Example St\", \"city\": …, \"state\": …, \"zip\": …}"}`): JSON text inside
 * the value, read when it is an object.
 */
function humanAddress(value: unknown): RecordReader | undefined {
  const text = isObject(value) ? own(value, 'human_address') : undefined;
  if (typeof text !== 'string' || !text.trimStart().startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? new RecordReader(parsed) : undefined;
  } catch {
    return undefined;
  }
}

/** Parts missing from a nested address may still come from flat columns (or field-map defaults). */
const addressPart = (r: RecordReader, source: RecordReader, field: keyof Address) => source.text(field) ?? (source === r ? undefined : r.text(field));

function readTypes(r: RecordReader, options: ValidateOptions): ServiceType[] {
  const values = splitList(r.get('types'));
  let found = 0;
  let unknown: string[] | undefined;
  let notOffered: string[] | undefined;
  if (values) {
    for (const item of values) {
      if (typeof item !== 'string') {
        (unknown ??= []).push(describe(item));
        continue;
      }
      const key = item.trim().toLowerCase();
      const mapped = options.typeMap?.get(key);
      if (mapped) for (const type of mapped) found |= typeBit(type);
      else if (isServiceType(key)) found |= typeBit(key);
      else if (saysNotOffered(key)) (notOffered ??= []).push(describe(item));
      else {
        // Checked again: labelToType reads a plain object, so "__proto__" would give Object.prototype.
        const named = typesInLabel(key).filter(isServiceType);
        for (const type of named) found |= typeBit(type);
        if (!named.length) (unknown ??= []).push(describe(item));
      }
    }
  }
  if (unknown) r.warnings.push(`unknown type${unknown.length > 1 ? 's' : ''} ${listOf(unknown)} ignored`);
  if (notOffered) r.warnings.push(`${listOf(notOffered)} ${notOffered.length > 1 ? 'say' : 'says'} the service is not offered, so no type is read from it`);
  if (found) return typesOfBits(found);
  // Default types come from the page or the command line, not checked against the vocabulary here.
  return options.defaultTypes ? sortTypes([...new Set(options.defaultTypes)]) : [];
}

const NO_HOURS: ReadHours = Object.freeze({ warnings: [] });

/** `hours` in any written form, through the one reader every format shares; "24/7" sets open24h. */
function readHoursField(r: RecordReader): ReadHours {
  const value = r.get('hours');
  if (value === undefined) return NO_HOURS;
  const read = readHours(value);
  for (const warning of read.warnings) r.warnings.push(`"hours" ${warning}`);
  return read;
}

/** Zone as written → its IANA name, or undefined when Intl does not know it (a DateTimeFormat costs tens of µs). */
const zones = new Map<string, string | undefined>();

function ianaZone(zone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A time zone's IANA name as this browser resolves it ("Etc/UTC" → "UTC"), remembered: undefined for one it does not know. */
export const ianaTimeZone = (zone: string): string | undefined => remembered(zones, zone, ianaZone);

function readTimezone(r: RecordReader): string | undefined {
  const zone = r.text('timezone');
  if (!zone) return undefined;
  const resolved = ianaTimeZone(zone);
  if (resolved === undefined) r.warnings.push(`"timezone" ${describe(zone)} is not an IANA time zone such as "America/Vancouver"`);
  return resolved;
}

function readLanguageField(r: RecordReader): string[] | undefined {
  const value = r.get('languages');
  if (value === undefined) return undefined;
  const { tags, unknown, ambiguous } = readLanguages(value);
  for (const { name, tag } of ambiguous) {
    r.warnings.push(`language ${describe(name)} can mean more than one language and was read as "${tag}"; write its full name or code to be exact`);
  }
  for (const item of unknown) {
    r.warnings.push(`language ${describe(item)} is not a language name or code that could be read (such as "Spanish", "es" or "es-MX") and was left out`);
  }
  return tags.length ? tags : undefined;
}

function readDate(r: RecordReader, key: string): string | undefined {
  const value = r.text(key);
  if (!value) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(value);
  const date = match && new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  if (match && date && date.getUTCDate() === +match[3] && date.getUTCMonth() === +match[2] - 1) return `${match[1]}-${match[2]}-${match[3]}`;
  r.warnings.push(`"${key}" ${describe(value)} is not a date like 2026-11-01`);
  return undefined;
}

function readCostField(r: RecordReader): string | undefined {
  const cost = r.text('cost');
  return cost ? readCost(cost) : undefined;
}

function readStatus(r: RecordReader): ServiceStatus | undefined {
  const value = r.text('status');
  if (!value) return undefined;
  const status = own(STATUS_WORDS, value.toLowerCase()) as ServiceStatus | undefined;
  if (!status) r.warnings.push(`"status" ${describe(value)} is not active, temporarily-closed or closed`);
  return status;
}

function readWebsite(r: RecordReader): string | undefined {
  const raw = r.get('website');
  // A cut address would still parse, as a link to some other page: drop it instead.
  if (typeof raw === 'string' && raw.trim().length > MAX_LENGTH.long) {
    r.warnings.push(`"website" is longer than ${MAX_LENGTH.long} characters and is not shown`);
    return undefined;
  }
  const value = r.text('website', MAX_LENGTH.long);
  if (!value) return undefined;
  const url = normalizeWebUrl(value);
  if (!url) {
    r.warnings.push(
      webUrlProblem(value) === 'credentials'
        ? // Not quoted: the password would reach the console and the event detail.
          '"website" has a user name or password in it (https://name:password@…) and is not shown'
        : `"website" ${describe(value)} is not an http(s) address and is not shown`,
    );
  }
  return url;
}

/**
 * The local part allows what addresses really use ("o'brien+kits@…") but not what a mailto:
 * link reads as its own syntax (? # % /), and the domain is a host name: so an address can
 * never add a subject, body or copy to the visitor's message.
 */
const EMAIL = /^[\p{L}\p{N}!$&'*+=^_`{|}~.-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;

export const isEmail = (value: string) => EMAIL.test(value);

/** The phone as written; not a number a spreadsheet rounded into scientific notation ("6.17556E+09"): its digits are lost. */
function readPhone(r: RecordReader): string | undefined {
  const value = r.text('phone');
  if (!value || !SCIENTIFIC.test(value)) return value;
  r.warnings.push(
    `"phone" ${describe(value)} is a number a spreadsheet wrote in scientific notation, so its digits are lost; it is not shown (format the column as text)`,
  );
  return undefined;
}

function readEmail(r: RecordReader): string | undefined {
  const value = r.text('email');
  if (!value) return undefined;
  const email = value.replace(/^mailto:/i, '');
  if (isEmail(email)) return email;
  r.warnings.push(`"email" ${describe(value)} is not an email address and is not shown`);
  return undefined;
}

/** Sets an optional field only when it has a value: a service has no keys for what it lacks. */
function put<K extends keyof Service>(service: Service, key: K, value: Service[K] | undefined) {
  if (value !== undefined) service[key] = value;
}

/**
 * Checks one record and normalizes what real feeds get wrong. Returns the service, or the
 * reasons it cannot be shown. Problems with optional fields are warnings: that field is
 * dropped and the record still shows.
 */
export function validateService(record: unknown, options: ValidateOptions = {}): Validated {
  if (!isObject(record)) return { errors: [`record must be an object, got ${describe(record)}`], warnings: [] };
  const r = new RecordReader(record);
  const notes = (record as { [FLAG_NOTES]?: string[] })[FLAG_NOTES];
  if (notes) r.warnings.push(...notes);
  const id = readId(r, options.requireId ?? true);
  const name = readName(r);
  const types = readTypes(r, options);
  const position = readPosition(r, types.includes('mail-based'), (record as { [UNPLACED]?: string })[UNPLACED]);
  const service: Service = position ? { id, name, lat: position.lat, lng: position.lng, types } : { id, name, types };

  // Read in field order, so warnings come in that order, and set in that order too (the
  // service's keys keep it); "24/7" also sets open24h below.
  put(service, 'address', readAddress(r));
  put(service, 'phone', readPhone(r));
  put(service, 'website', readWebsite(r));
  put(service, 'email', readEmail(r));
  put(service, 'description', r.text('description', MAX_LENGTH.long));
  const hours = readHoursField(r);
  put(service, 'hours', hours.hours);
  put(service, 'timezone', readTimezone(r));
  // Hours that could not be read are still shown, as written, after the partner's note.
  const hoursNote = r.text('hoursNote');
  put(service, 'hoursNote', hours.note ? fit(hoursNote ? `${hoursNote} · ${hours.note}` : hours.note, MAX_LENGTH.short) : hoursNote);
  put(service, 'cost', readCostField(r));
  put(service, 'languages', readLanguageField(r));
  put(service, 'accessibility', r.text('accessibility'));
  put(service, 'lastVerified', readDate(r, 'lastVerified'));
  put(service, 'status', readStatus(r));
  for (const key of BOOLEAN_FIELDS) {
    const value = r.boolean(key);
    if (value !== undefined) service[key] = value;
  }
  if (hours.open24h && service.open24h === undefined) service.open24h = true;
  if (service.status === 'closed') r.errors.push(CLOSED_REASON);
  return r.errors.length ? { errors: r.errors, warnings: r.warnings } : { service, errors: r.errors, warnings: r.warnings };
}

/** Why a record marked `closed` is skipped: the partner's word, which no older copy may undo. */
export const CLOSED_REASON = '"status" is closed, so it is not listed';

const recordId = (record: unknown) => {
  const id = isObject(record) ? own(record, 'id') : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, MAX_LENGTH.name) : undefined;
};

/**
 * Validates records in order, keeping every valid one. Ids are made unique (a repeated id
 * gets a suffix, so selection still works) and exact duplicates are shown once; both are
 * reported. `indexes` gives each record's position in the source for messages.
 */
export function validateRecords(
  records: readonly unknown[],
  options: RecordOptions = {},
  into: ParsedFeed = { services: [], skipped: [], warnings: [] },
  state = new DuplicateState(),
): ParsedFeed {
  records.forEach((record, i) => validateInto(record, options.indexes?.[i] ?? i, options, into, state));
  return into;
}

export type RecordOptions = ValidateOptions & { indexes?: readonly number[]; idPrefix?: string };

/** Validates one record found at `index` in the source and adds it, or its problems, to `into`. */
export function validateInto(record: unknown, index: number, options: RecordOptions, into: ParsedFeed, state: DuplicateState) {
  const { service, errors, warnings } = validateService(record, options);
  if (warnings.length || !service) {
    const rawId = recordId(record);
    const at = (reason: string): SkippedRecord => ({ index, ...(rawId ? { id: rawId } : {}), reason });
    for (const warning of warnings) into.warnings.push(at(warning));
    if (!service) {
      into.skipped.push(at(errors.join('; ')));
      return;
    }
  }
  if (!service.id) service.id = givenId(index, options);
  state.add(service, index, into, options.idPrefix);
}

/** The prefix of the ids a format's records are given ("row-3", "feature-3", "record-3"), which placeName names them by too. */
export const idPrefixOf = (format: FeedFormat | undefined) => (format === 'csv' ? 'row' : format === 'geojson' ? 'feature' : 'record');

/** The id a record without one is kept under: its format's prefix and its place in the source. */
export const givenId = (index: number, options: RecordOptions) => `${options.idPrefix ?? 'record'}-${index + 1}`;

/**
 * A record's place as a person counts it, from 1, as the id it would be given counts
 * ("record 3" is "record-3", the third; a CSV's "data row 3", a GeoJSON's "feature 3"). `index`
 * in skipped and warnings stays the 0-based position.
 */
export const placeName = (index: number, prefix = 'record') => `${prefix === 'row' ? 'data row' : prefix} ${index + 1}`;

/** A service kept, under the id it holds, for the duplicate checks: made once another record shares its id. */
interface Kept {
  index: number;
  service: Service;
  /** The service as JSON under the id it came with, made only when another record could be its duplicate. */
  content?: string;
  /** Whether it holds the id it came with (not one with a suffix given here). */
  cameWithId: boolean;
  /** Later services that came with the id this one holds (each now holds one with a suffix), in order. */
  later?: Kept[];
}

/** Exact duplicates share the id they came with, then name and place: compared before any JSON is made. */
const samePlace = (a: Service, b: Service) => a.name === b.name && a.lat === b.lat && a.lng === b.lng;

export class DuplicateState {
  /**
   * Id → the service holding it. Ids are nearly always unique, so one lookup per record is all it
   * takes, and the common entry is a number (its place in `into.services`), not an object per
   * record; it becomes a `Kept` once another record comes with the same id.
   */
  private readonly ids = new Map<string, number | Kept>();
  /** The source index of each service kept, by its place in `into.services`. */
  private readonly indexes: number[] = [];

  /** `prefix`: the format's id prefix, which names the other record in a message (placeName). */
  add(service: Service, index: number, into: ParsedFeed, prefix?: string) {
    const found = this.ids.get(service.id);
    if (found === undefined) {
      this.ids.set(service.id, into.services.length);
      this.keep(service, index, into);
      return;
    }
    const holder = typeof found === 'number' ? this.kept(service.id, found, into) : found;
    const entry: Kept = { index, service, cameWithId: false };
    const duplicate = (kept: Kept) => {
      if (!samePlace(kept.service, service)) return false;
      entry.content ??= JSON.stringify(service);
      return (kept.content ??= JSON.stringify(kept.service)) === entry.content;
    };
    const same = holder.cameWithId && duplicate(holder) ? holder : holder.later?.find(duplicate);
    if (same) {
      into.warnings.push({ index, id: service.id, reason: `exact duplicate of ${placeName(same.index, prefix)}: shown once` });
      return;
    }
    (holder.later ??= []).push(entry);
    // Later duplicates compare with the record as it came, before its new id.
    entry.content ??= JSON.stringify(service);
    // The suffix must fit within the id's maximum length (a long id is cut to make room).
    const suffixed = (n: number) => `${service.id.slice(0, MAX_LENGTH.name - `~${n}`.length).replace(/[\uD800-\uDBFF]$/, '')}~${n}`;
    let n = 2;
    while (this.ids.has(suffixed(n))) n++;
    into.warnings.push({
      index,
      id: service.id,
      reason: `duplicate id ${describe(service.id)} (also ${placeName(holder.index, prefix)}): both are shown, this one as ${describe(suffixed(n))}`,
    });
    service.id = suffixed(n);
    this.ids.set(service.id, entry);
    this.keep(service, index, into);
  }

  private keep(service: Service, index: number, into: ParsedFeed) {
    this.indexes.push(index);
    into.services.push(service);
  }

  /** The `Kept` of the service at `at` in `into.services`, which holds the id it came with. */
  private kept(id: string, at: number, into: ParsedFeed): Kept {
    const kept: Kept = { index: this.indexes[at], service: into.services[at], cameWithId: true };
    this.ids.set(id, kept);
    return kept;
  }
}

/**
 * Reads a parsed native feed (version 1 object or a bare array of services). Bad records are
 * skipped with their index and reasons; the rest are returned in feed order.
 * Throws FeedFormatError only when the document as a whole is not a feed.
 */
export function parseNativeFeed(data: unknown, options: ValidateOptions = {}): ParsedFeed {
  const result: ParsedFeed = { services: [], skipped: [], warnings: [] };
  return validateRecords(nativeRecords(data, result), { requireId: true, ...options }, result);
}

/** What APIs name the array of their rows. */
const ROWS_KEY = /^(?:records|rows|data|results|items|entries)$/i;

/** The arrays of records (objects) at a document's top level, else one level down, with their dotted paths. */
function recordArrays(data: object): { path: string; records: unknown[] }[] {
  const arrays = (at: object, prefix: string) =>
    Object.keys(at).flatMap((key) => {
      const value = own(at, key);
      return Array.isArray(value) && isObject(value[0]) ? [{ path: prefix + key, records: value as unknown[] }] : [];
    });
  const top = arrays(data, '');
  if (top.length) return top;
  return Object.keys(data).flatMap((key) => {
    const inner = own(data, key);
    return isObject(inner) ? arrays(inner, `${key}.`) : [];
  });
}

/** The records array of a native feed; fills title and updated into `meta`, and says in its warnings where else the records were found. */
export function nativeRecords(data: unknown, meta: { title?: string; updated?: string; warnings?: SkippedRecord[] } = {}): unknown[] {
  if (Array.isArray(data)) return data;
  if (!isObject(data)) throw new FeedFormatError(`expected a feed object or an array of services, got ${describe(data)}.`);
  const version = own(data, 'version');
  if (version !== undefined && version !== 1 && version !== '1') {
    throw new FeedFormatError(`feed version ${describe(version)} is not supported (expected 1).`);
  }
  const services = own(data, 'services');
  if (!Array.isArray(services)) {
    const features = own(data, 'features');
    // ArcGIS REST answers f=json with its own JSON ("features" of "attributes" and x/y); the same query gives GeoJSON.
    const esri = Array.isArray(features) && isObject(features[0]) && isObject(own(features[0], 'attributes'));
    if (services !== undefined) throw new FeedFormatError(`"services" must be an array, got ${describe(services)}.`);
    if (esri) throw new FeedFormatError('it is ArcGIS JSON, not GeoJSON: ask the same query for GeoJSON (f=geojson instead of f=json).');
    // An API's answer wraps its rows ({"data": […]}, {"result": {"records": […]}}): one array of records is read as the feed.
    let found = recordArrays(data);
    // Of several, the one named as rows are ({"result": {"fields": […], "records": […]}}, as CKAN answers).
    const rows = found.filter(({ path }) => ROWS_KEY.test(path.slice(path.lastIndexOf('.') + 1)));
    if (found.length > 1 && rows.length === 1) found = rows;
    if (found.length !== 1) {
      const named = found.length ? `; it holds several arrays of records (${listOf(found.map(({ path }) => quote(path)))}): name one` : ': name the array';
      const example = JSON.stringify({ records: found[0]?.path ?? 'data' });
      throw new FeedFormatError(`the feed has no "services" array${named} with the field map's "records" (for example ${example}).`);
    }
    const [{ path, records }] = found;
    meta.warnings?.push({ index: -1, reason: `the feed has no "services" array; its records were read from ${quote(path)}` });
    return records;
  }
  const title = own(data, 'title');
  const updated = own(data, 'updated');
  if (typeof title === 'string') meta.title = cleanText(title, MAX_LENGTH.short).text;
  if (typeof updated === 'string') meta.updated = cleanText(updated, 40).text;
  return services;
}
