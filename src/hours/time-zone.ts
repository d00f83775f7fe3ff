import type { Service } from '../types.js';
import { isTimeZone } from './zone.js';

/**
 * The time zone a service's hours are in: its own `timezone`, else the partner's default,
 * else the zone at its coordinates. The coordinate lookup (@photostructure/tz-lookup, CC0)
 * is its own chunk, loaded only for a service with weekly hours that names no zone when the
 * partner gives none (open 24 hours needs no zone). Undefined when there is no way to know it.
 */
export async function serviceTimeZone(service: Pick<Service, 'hours' | 'timezone' | 'lat' | 'lng'>, partnerDefault?: string): Promise<string | undefined> {
  const known = knownTimeZone(service, partnerDefault);
  if (known || !service.hours?.length || service.lat === undefined || service.lng === undefined) return known;
  return (await coordinateZones())(service.lat, service.lng);
}

/**
 * The zone at a point, as a plain function once the lookup chunk has loaded: for many services,
 * one dynamic import rather than one per service (100k imports took longer than the lookups).
 * Undefined for out-of-range coordinates (the validator reports those already).
 */
export async function coordinateZones(): Promise<(lat: number, lng: number) => string | undefined> {
  const { default: tzlookup } = await import('@photostructure/tz-lookup');
  return (lat, lng) => {
    try {
      return tzlookup(lat, lng);
    } catch {
      return undefined;
    }
  };
}

/** The zone known without the lookup: the service's own, else the partner's default when valid. */
export function knownTimeZone(service: Pick<Service, 'timezone'>, partnerDefault?: string): string | undefined {
  if (service.timezone) return service.timezone;
  return partnerDefault && isTimeZone(partnerDefault) ? partnerDefault : undefined;
}
