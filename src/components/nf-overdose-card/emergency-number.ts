import { regionOf } from '../../i18n/units.js';
import type { Service } from '../../types.js';
import { REGION_COUNTRY } from '../../places/regions.js';
import { displayName } from '../../i18n/intl.js';

/** The number to call for an ambulance, by region, where it is not 112. */
const NUMBERS: Readonly<Record<string, string>> = {
  US: '911',
  CA: '911',
  MX: '911',
  GB: '999',
  AU: '000',
  NZ: '111',
};

/**
 * The emergency number for the region a language tag most likely means ("en" → US → 911,
 * "fr-FR" → 112). 112 is the number in every EU country, and the fallback everywhere else:
 * GSM phones route it to the local emergency service in most countries, even where the local
 * number differs.
 */
export function emergencyNumberFor(locale: string): string {
  return emergencyNumberForCountry(locale ? regionOf(locale) : undefined);
}

/** The emergency number in a country (an ISO 3166-1 alpha-2 code from readCountry); 112 by default. */
export function emergencyNumberForCountry(country: string | undefined): string {
  return (country && NUMBERS[country]) || '112';
}

/** A country code as written in any case ("us", " CA "), upper-cased, or undefined when it names no region Intl knows. */
export function readCountry(value: string): string | undefined {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return undefined;
  // A country of our own table is one: no need to build Intl's region names (over 100 ms at first
  // use on a slow phone, in the finder's first render when its place is in North America).
  if (Object.prototype.hasOwnProperty.call(NUMBERS, code)) return code;
  // The shared, remembered display names: Intl gives an unknown code back as it is.
  try {
    return displayName('en', 'region', code) !== code ? code : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `value` is a code `place-region` can name: a US state, a Canadian province or territory, or a country (`PA`, `bc`, `US`). */
export function isRegionCode(value: string): boolean {
  const code = value.trim().toUpperCase();
  return REGION_COUNTRY.has(code) || readCountry(code) !== undefined;
}

/** Whether a point lies in North America north of the Caribbean (the US, Canada, northern Mexico), where the number is 911. */
const inNorthAmerica = (lat: number, lng: number) => lat >= 24 && lat <= 84 && lng >= -170 && lng <= -52;

/**
 * The country a finder's `place-region` names: `US` and `CA` themselves, a US state or Canadian
 * province or territory (`BC` → CA), or any other country code. A code that is both (`PA`
 * Pennsylvania or Panama, `DE` Delaware or Germany, `NL` Newfoundland or the Netherlands) is
 * read by `near`, a point where the services are: the state or province when it lies in North
 * America, else the country; without one, neither. Undefined for anything else.
 */
export function countryOfRegion(region: string | null | undefined, near?: { lat: number; lng: number }): string | undefined {
  const code = region?.trim().toUpperCase() ?? '';
  if (code === 'US' || code === 'CA') return code;
  const state = REGION_COUNTRY.get(code);
  const country = readCountry(code);
  if (!state || !country) return state ?? country;
  return near ? (inNorthAmerica(near.lat, near.lng) ? state : country) : undefined;
}

/** For the emergency number alone: "US" (911) when a point where the services are lies in North America, else undefined. */
export const northAmericaAt = (near: { lat: number; lng: number } | undefined) => (near && inNorthAmerica(near.lat, near.lng) ? 'US' : undefined);

/**
 * The country more than half of the services that name a country (`address.country`) are in, or
 * undefined when none has such a majority (in a big feed, of an even sample). Call it once per feed.
 */
export function mainCountry(services: readonly Service[] | undefined): string | undefined {
  const counts = new Map<string, number>();
  let named = 0;
  // At most 2,000 services decide: a national directory's pass over every one was a task of its
  // own on a slow phone, and a majority shows in a sample that size. They are spread by the golden
  // ratio, not every nth, so a feed whose rows repeat a pattern is not read on one beat of it.
  const all = services ?? [];
  const sample = Math.min(all.length, 2000);
  // A feed writes its countries a few ways at most: each is read once.
  const read = new Map<string, string | undefined>();
  for (let k = 0; k < sample; k++) {
    const service = all[sample === all.length ? k : Math.floor(((k * 0.6180339887498949) % 1) * all.length)];
    const written = service.address?.country?.trim();
    if (!written) continue;
    // A country the feed wrote some other way ("Kanada") still counts against the majority.
    named++;
    let code = read.get(written);
    if (code === undefined && !read.has(written)) read.set(written, (code = readCountry(written)));
    if (code) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  for (const [code, count] of counts) if (count * 2 > named) return code;
  return undefined;
}

/**
 * A partner's number as written (digits, spaces, an optional leading +; 2 to 15 digits),
 * tidied for display, or undefined when it is anything else.
 */
export function readEmergencyNumber(value: string): string | undefined {
  const text = value.trim().replace(/\s+/g, ' ');
  if (!/^\+?\d[\d ]*$/.test(text)) return undefined;
  const digits = text.replace(/\D/g, '').length;
  return digits >= 2 && digits <= 15 ? text : undefined;
}

/** The `tel:` URL of a number readEmergencyNumber accepted or emergencyNumberFor gave. */
export const emergencyTel = (number: string) => `tel:${number.replace(/ /g, '')}`;
