import turfDistance from '@turf/distance';
import { numberFormat } from '../i18n/intl.js';
import type { LatLng, LocatedService, Service, Units } from '../types.js';

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
