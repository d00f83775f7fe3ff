import type { Service } from '../types.js';
import { describe, isObject } from './text.js';
import { ianaTimeZone, parseNativeFeed } from './validate.js';
import { reportLater } from './report.js';

/** What each element read each array that was not all validated records as: read (and reported) once. */
const read = new Map<string, WeakMap<object, Service[]>>();
/** Arrays found to be all validated records: the finder hands the same one to the list and the map. */
const validated = new WeakSet<object>();

/**
 * Marks a list of services the validator made (a feed the finder read, or a selection of it), so
 * the list and the map take it as it is rather than check each of 100,000 again; returns it.
 */
export function markValidated<T extends readonly Service[]>(services: T): T {
  validated.add(services);
  return services;
}

/** Fields the validator makes text, and yes/no. */
const TEXT = ['phone', 'website', 'email', 'description', 'hoursNote', 'cost', 'accessibility', 'status'] as const;
const FLAGS = ['open24h', 'noIdRequired', 'walkIn', 'anonymous', 'appointmentRequired', 'peerRun'] as const;
const CLOCK = /^\d\d:\d\d$/;
const strings = (list: unknown) => Array.isArray(list) && list.every((item) => typeof item === 'string');

/**
 * A record as the validator makes it: one an element can show as it is. Every field is checked
 * for the shape the validator gives it (hours as rules, languages as tags, a date, a zone the
 * browser knows), so a raw record ("hours": "Mon-Fri 9am-5pm") is read as a feed, not drawn as
 * if it were one and broken there.
 */
function isService(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<Record<keyof Service, unknown>>;
  const { id, name, types, lat, lng, hours, languages, address, lastVerified, timezone } = s;
  return (
    typeof id === 'string' &&
    typeof name === 'string' &&
    strings(types) &&
    (lat === undefined || typeof lat === 'number') &&
    (lng === undefined || typeof lng === 'number') &&
    TEXT.every((key) => s[key] === undefined || typeof s[key] === 'string') &&
    FLAGS.every((key) => s[key] === undefined || typeof s[key] === 'boolean') &&
    (languages === undefined || strings(languages)) &&
    (address === undefined || isObject(address)) &&
    (lastVerified === undefined || (typeof lastVerified === 'string' && /^\d{4}-\d\d-\d\d$/.test(lastVerified))) &&
    (timezone === undefined || (typeof timezone === 'string' && ianaTimeZone(timezone) !== undefined)) &&
    (hours === undefined ||
      (Array.isArray(hours) &&
        hours.every((rule) => isObject(rule) && strings(rule['days']) && CLOCK.test(String(rule['opens'])) && CLOCK.test(String(rule['closes'])))))
  );
}

/**
 * The `services` a page script gave `element`: as given when each is a validated record (the
 * finder's, or the `services` of `await parseFeedData(data)`). Anything else (raw records, a
 * whole feed object) is read as a native feed would be: the console says so, with every record
 * left out and why, and the rest are kept. Each array is checked once, so the same array given
 * again is the same services (the map keeps its clusters), and 100,000 are not walked twice.
 */
export function givenServices(element: string, value: unknown): Service[] {
  if (Array.isArray(value) && (validated.has(value) || value.every(isService))) {
    validated.add(value);
    return value as Service[];
  }
  if (typeof value !== 'object' || value === null) {
    console.error(`${element}: services must be a list of services, got ${describe(value)}; none are shown.`);
    return [];
  }
  const mine = read.get(element) ?? read.set(element, new WeakMap()).get(element)!;
  const known = mine.get(value);
  if (known) return known;
  let services: Service[] = [];
  try {
    const parsed = parseNativeFeed(value);
    services = parsed.services;
    console.error(
      `${element}: services were not validated services (those parseFeedData gives), so they were read as a native feed: ${services.length} of ${services.length + parsed.skipped.length} kept.`,
    );
    reportLater(`${element} services`, services.length, parsed.skipped, parsed.warnings);
  } catch (error) {
    console.error(`${element}: services could not be read: ${error instanceof Error ? error.message : String(error)} None are shown.`);
  }
  mine.set(value, services);
  return services;
}
