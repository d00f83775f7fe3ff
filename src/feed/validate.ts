import type { Address, Service, SkippedRecord } from '../types.js';
import { isServiceType, sortTypes, type ServiceType } from './service-types.js';
import { safeWebUrl } from '../util/safe-url.js';

/** The feed's top level is not something we can read; nothing can be shown. */
export class FeedFormatError extends Error {
  override name = 'FeedFormatError';
}

export interface ParsedFeed {
  title?: string;
  updated?: string;
  services: Service[];
  skipped: SkippedRecord[];
  /** Problems that did not stop a record from showing, e.g. an unsafe website that was dropped. */
  warnings: SkippedRecord[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

const ADDRESS_FIELDS = ['street', 'city', 'region', 'postalCode', 'country'] as const;

function optionalString(record: Json, key: string, problems: string[]): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    problems.push(`"${key}" must be a string, got ${describe(value)}`);
    return undefined;
  }
  return value.trim() || undefined;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function coordinate(record: Json, key: 'lat' | 'lng', limit: number): number | string {
  const value = record[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return value === undefined ? `"${key}" is missing` : `"${key}" must be a number, got ${describe(value)}`;
  }
  if (Math.abs(value) > limit) return `"${key}" ${value} is outside -${limit}..${limit}`;
  return value;
}

function address(record: Json, warnings: string[]): Address | undefined {
  const value = record['address'];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    warnings.push(`"address" must be an object, got ${describe(value)}`);
    return undefined;
  }
  const result: Address = {};
  for (const field of ADDRESS_FIELDS) {
    const part = optionalString(value, field, warnings);
    if (part) result[field] = part;
  }
  return Object.keys(result).length ? result : undefined;
}

function types(record: Json, warnings: string[]): ServiceType[] {
  const value = record['types'];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warnings.push(`"types" must be an array, got ${describe(value)}`);
    return [];
  }
  const known = new Set<ServiceType>();
  for (const item of value) {
    if (isServiceType(item)) known.add(item);
    else warnings.push(`unknown type ${describe(item)} ignored`);
  }
  return sortTypes([...known]);
}

/**
 * Checks one record. Returns the service, or the reasons it cannot be shown. Problems with
 * optional fields are warnings: the field is dropped and the record still shows.
 */
export function validateService(record: unknown): { service?: Service; errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (!isObject(record)) return { errors: [`record must be an object, got ${describe(record)}`], warnings };

  const rawId = record['id'];
  const id = typeof rawId === 'number' && Number.isFinite(rawId) ? String(rawId) : typeof rawId === 'string' ? rawId.trim() : '';
  if (!id) errors.push(rawId === undefined ? '"id" is missing' : `"id" must be a non-empty string, got ${describe(rawId)}`);

  const rawName = record['name'];
  const name = typeof rawName === 'string' ? rawName.trim() : '';
  if (!name) errors.push(rawName === undefined ? '"name" is missing' : `"name" must be a non-empty string, got ${describe(rawName)}`);

  const lat = coordinate(record, 'lat', 90);
  const lng = coordinate(record, 'lng', 180);
  if (typeof lat === 'string') errors.push(lat);
  if (typeof lng === 'string') errors.push(lng);

  const service: Service = { id, name, lat: lat as number, lng: lng as number, types: types(record, warnings) };
  const addr = address(record, warnings);
  if (addr) service.address = addr;
  const phone = optionalString(record, 'phone', warnings);
  if (phone) service.phone = phone;
  const description = optionalString(record, 'description', warnings);
  if (description) service.description = description;
  const website = optionalString(record, 'website', warnings);
  if (website) {
    const safe = safeWebUrl(website);
    if (safe) service.website = safe;
    else warnings.push(`"website" ${describe(website)} is not an http(s) URL and is not shown`);
  }

  return errors.length ? { errors, warnings } : { service, errors, warnings };
}

/**
 * Reads a parsed native feed (version 1 object or a bare array of services). Bad records are
 * skipped with their index and reasons; the rest are returned in feed order.
 * Throws FeedFormatError only when the document as a whole is not a feed.
 */
export function parseNativeFeed(data: unknown): ParsedFeed {
  let records: unknown[];
  const result: ParsedFeed = { services: [], skipped: [], warnings: [] };
  if (Array.isArray(data)) {
    records = data;
  } else if (isObject(data)) {
    if (data['version'] !== undefined && data['version'] !== 1) {
      throw new FeedFormatError(`feed version ${describe(data['version'])} is not supported (expected 1).`);
    }
    if (!Array.isArray(data['services'])) {
      throw new FeedFormatError(
        data['services'] === undefined
          ? 'the feed has no "services" array.'
          : `"services" must be an array, got ${describe(data['services'])}.`,
      );
    }
    records = data['services'];
    if (typeof data['title'] === 'string') result.title = data['title'];
    if (typeof data['updated'] === 'string') result.updated = data['updated'];
  } else {
    throw new FeedFormatError(`expected a feed object or an array of services, got ${describe(data)}.`);
  }

  const seen = new Set<string>();
  records.forEach((record, index) => {
    const { service, errors, warnings } = validateService(record);
    const rawId = isObject(record) && typeof record['id'] === 'string' ? record['id'] : undefined;
    for (const warning of warnings) result.warnings.push({ index, ...(rawId ? { id: rawId } : {}), reason: warning });
    if (!service) {
      result.skipped.push({ index, ...(rawId ? { id: rawId } : {}), reason: errors.join('; ') });
      return;
    }
    if (seen.has(service.id)) {
      // Both records stay visible: hiding one could hide the only copy with the right address.
      result.warnings.push({ index, id: service.id, reason: `duplicate id "${service.id}"` });
    }
    seen.add(service.id);
    result.services.push(service);
  });
  return result;
}
