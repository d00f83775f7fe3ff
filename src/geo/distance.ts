import turfDistance from '@turf/distance';
import type { LatLng, RankedService, Service, ServiceType, Units } from '../types.js';

/** Great-circle distance in kilometres (Turf's haversine on a spherical Earth). */
export function distanceKm(from: LatLng, to: LatLng): number {
  return turfDistance([from.lng, from.lat], [to.lng, to.lat], { units: 'kilometers' });
}

export const KM_PER_MILE = 1.609344;

/** "1.2 km", "0.8 mi", "12 km": one decimal below 10, whole numbers above. */
export function formatDistance(km: number, units: Units, locale?: string): string {
  const value = units === 'mi' ? km / KM_PER_MILE : km;
  const digits = value < 10 ? 1 : 0;
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  return `${number} ${units}`;
}

export interface Query {
  origin?: LatLng | null;
  /** Keep services offering any of these; empty or absent keeps all. */
  types?: readonly ServiceType[] | null;
}

/**
 * Filters by type and sorts nearest first. Without an origin, feed order is kept.
 * Ties keep feed order (Array.prototype.sort is stable), so equal distances never shuffle.
 */
export function rankServices(services: readonly Service[], query: Query = {}): RankedService[] {
  const wanted = query.types?.length ? new Set(query.types) : null;
  const kept = wanted ? services.filter((s) => s.types.some((t) => wanted.has(t))) : services;
  const origin = query.origin;
  if (!origin) return kept.map((service) => ({ service, distanceKm: null }));
  return kept
    .map((service) => ({ service, distanceKm: distanceKm(origin, service) }))
    .sort((a, b) => a.distanceKm - b.distanceKm);
}
