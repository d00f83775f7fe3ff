import type { ComplexAttributeConverter } from 'lit';
import { readTypeList, type ServiceType } from '../feed/service-types.js';
import type { Units } from '../types.js';

/** `types="naloxone, drop-in"` ↔ ['naloxone', 'drop-in']; unknown names are reported and ignored. */
export const typesConverter: ComplexAttributeConverter<ServiceType[] | null> = {
  fromAttribute(value) {
    if (value === null) return null;
    const { types, unknown } = readTypeList(value);
    if (unknown.length) console.warn(`naloxone-finder: unknown service type(s) ignored: ${unknown.join(', ')}`);
    return types;
  },
  toAttribute(value) {
    return value?.join(',') ?? null;
  },
};

/** Parses a number attribute; anything that is not a finite number becomes undefined. */
export const optionalNumber: ComplexAttributeConverter<number | undefined> = {
  fromAttribute(value) {
    if (value === null || value.trim() === '') return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  },
  toAttribute(value) {
    return value === undefined ? null : String(value);
  },
};

/** `latitude` / `longitude` of `element`: optionalNumber, and text that is not a number is reported. */
export function coordinate(element: string, attribute: string): ComplexAttributeConverter<number | undefined> {
  return {
    ...optionalNumber,
    fromAttribute(value) {
      const n = optionalNumber.fromAttribute!(value);
      if (n === undefined && value !== null && value.trim() !== '')
        console.error(`${element}: ${attribute}="${value.slice(0, 40)}" is not a number; it is ignored.`);
      return n;
    },
  };
}

/**
 * A number attribute `accepts` takes: anything else is reported, naming the element, the
 * attribute and what it should be (`expected`), and `fallback` is used, so a typo never leaves
 * the widget stuck.
 */
function checkedNumber(
  element: string,
  attribute: string,
  fallback: number,
  accepts: (n: number) => boolean,
  expected: string,
): ComplexAttributeConverter<number> {
  return {
    fromAttribute(value) {
      if (value === null) return fallback;
      const n = value.trim() === '' ? NaN : Number(value);
      if (Number.isFinite(n) && accepts(n)) return n;
      console.error(`${element}: ${attribute}="${value}" is not ${expected}; using ${fallback}.`);
      return fallback;
    },
  };
}

/** A number attribute of the finder's that must be positive (or zero, with `zero`), in `unit`. */
export function positiveNumber(attribute: string, unit: string, fallback: number, { zero = false } = {}): ComplexAttributeConverter<number> {
  return checkedNumber('naloxone-finder', attribute, fallback, (n) => n > 0 || (zero && n === 0), `${zero ? 'zero or ' : ''}a positive number of ${unit}`);
}

/**
 * `units`: `km` or `mi`, in any case; anything else is reported, naming the element, and the page
 * language's units are used (a unit word printed after kilometres would mislead).
 */
export function unitsConverter(element: string): ComplexAttributeConverter<Units | undefined> {
  return {
    fromAttribute(value) {
      const units = value?.trim().toLowerCase();
      if (units === 'km' || units === 'mi') return units;
      if (value !== null) console.error(`${element}: units="${value}" is neither km nor mi, so distances use the page language's units.`);
      return undefined;
    },
  };
}

/** A number attribute of `min` or more (a whole one with `whole`), of `element`. */
export function numberIn(
  attribute: string,
  fallback: number,
  { min, whole = false }: { min: number; whole?: boolean },
  element = 'naloxone-finder',
): ComplexAttributeConverter<number> {
  return checkedNumber(
    element,
    attribute,
    fallback,
    (n) => n >= min && (!whole || Number.isInteger(n)),
    `${whole ? 'a whole number' : 'a number'} ${min} or more`,
  );
}

/**
 * Numbers set as properties, checked as their attributes are (a converter runs for attributes
 * only): one its converter would not take is reported and its default used. For `willUpdate`.
 */
export function checkNumbers(
  host: object,
  changed: ReadonlyMap<PropertyKey, unknown>,
  converters: Record<string, ComplexAttributeConverter<number | undefined>>,
) {
  const values = host as Record<string, unknown>;
  for (const [key, converter] of Object.entries(converters)) {
    if (!changed.has(key)) continue;
    const value = values[key];
    const checked = converter.fromAttribute!(value === undefined || value === null ? null : String(value), Number);
    if (checked !== value) values[key] = checked;
  }
}

/**
 * Text properties set from script, checked as their attributes would give them (`defaults`:
 * each one's default): null (an attribute taken away) or undefined is the default, a number
 * is read as its text, and anything else is reported and the default used, so a
 * wrong value never stops the widget. For `willUpdate`.
 */
export function checkTexts(host: object, changed: ReadonlyMap<PropertyKey, unknown>, defaults: Record<string, string | undefined>, element: string) {
  const values = host as Record<string, unknown>;
  for (const [key, fallback] of Object.entries(defaults)) {
    const value = values[key];
    if (!changed.has(key) || typeof value === 'string' || value === fallback) continue;
    if (typeof value === 'number') values[key] = String(value);
    else {
      if (value !== null && value !== undefined) console.error(`${element}: ${key} must be text; the default is used.`);
      values[key] = fallback;
    }
  }
}

/** The origin from a latitude/longitude pair, only when both are valid coordinates. */
export function originFrom(latitude: number | undefined, longitude: number | undefined) {
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return null;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { lat: latitude, lng: longitude };
}

export const DEFAULT_DIRECTIONS_URL = 'https://www.google.com/maps/dir/?api=1&destination={lat},{lng}';

/** `directions-url` templates already reported, so a bad one is named once, not once per service. */
const badDirections = new Set<string>();

/**
 * Fills `{lat}` and `{lng}` with the service's coordinates (never the visitor's). A template that
 * is not http(s) gives no link, and one console error.
 */
export function directionsHref(template: string, lat: number, lng: number): string | undefined {
  const url = template.replaceAll('{lat}', String(lat)).replaceAll('{lng}', String(lng));
  if (/^https?:\/\//i.test(url)) return url;
  if (!badDirections.has(template)) {
    badDirections.add(template);
    console.error(`naloxone-finder: directions-url="${template.slice(0, 100)}" is not an http(s) address; no directions links are shown.`);
  }
  return undefined;
}

/**
 * `heading-level="2"`: the level of the widget's headings, so partners fit it into their page's
 * outline. 1 to 6; anything else is reported and 3 used.
 */
export const headingLevel: ComplexAttributeConverter<number> = {
  fromAttribute(value) {
    const n = Number(value);
    if (value !== null && Number.isInteger(n) && n >= 1 && n <= 6) return n;
    if (value !== null) console.error(`naloxone-finder: heading-level="${value}" is not a whole number from 1 to 6; using 3.`);
    return 3;
  },
};
