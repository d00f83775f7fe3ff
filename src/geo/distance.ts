import turfDistance from '@turf/distance';
import { numberFormat } from '../i18n/intl.js';
import type { LatLng, LocatedService, RankedService, Service, ServiceType, Units } from '../types.js';

/** Great-circle distance in kilometres (Turf's haversine on a spherical Earth). */
export function distanceKm(from: LatLng, to: LatLng): number {
  return turfDistance([from.lng, from.lat], [to.lng, to.lat], { units: 'kilometers' });
}

export const KM_PER_MILE = 1.609344;

/** "1.2 km", "0.8 mi", "12 km": one decimal below 10, whole numbers above. */
export function formatDistance(km: number, units: Units, locale?: string): string {
  const value = units === 'mi' ? km / KM_PER_MILE : km;
  const digits = value < 10 ? 1 : 0;
  return `${numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${units}`;
}

export function isLocated(service: Service): service is LocatedService {
  return typeof service.lat === 'number' && typeof service.lng === 'number';
}

export interface Query {
  origin?: LatLng | null;
  /** Keep services offering any of these; empty or absent keeps all. */
  types?: readonly ServiceType[] | null;
}

/**
 * Filters by type and sorts nearest first; temporarily closed services come after the open
 * ones, and services without a map position come last, in feed order. Without an origin,
 * feed order is kept. Ties keep feed order (Array.prototype.sort is stable).
 */
export function rankServices(services: readonly Service[], query: Query = {}): RankedService[] {
  const wanted = query.types?.length ? new Set(query.types) : null;
  const kept = wanted ? services.filter((s) => s.types.some((t) => wanted.has(t))) : services;
  const origin = query.origin;
  const located: (RankedService & { closed: number })[] = [];
  const unlocated: RankedService[] = [];
  for (const service of kept) {
    if (isLocated(service)) {
      located.push({ service, distanceKm: origin ? distanceKm(origin, service) : null, closed: service.status === 'temporarily-closed' ? 1 : 0 });
    } else {
      unlocated.push({ service, distanceKm: null });
    }
  }
  located.sort((a, b) => a.closed - b.closed || (a.distanceKm ?? 0) - (b.distanceKm ?? 0));
  return [...located.map(({ service, distanceKm }) => ({ service, distanceKm })), ...unlocated];
}
