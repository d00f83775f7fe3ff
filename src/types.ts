import type { ServiceType } from './feed/service-types.js';

export type { ServiceType };

/** A postal address; every part optional because real feeds rarely have all of them. */
export interface Address {
  street?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

/** One place where a visitor can get naloxone or another harm-reduction service. */
export interface Service {
  id: string;
  name: string;
  /** WGS84 latitude in degrees. */
  lat: number;
  /** WGS84 longitude in degrees. */
  lng: number;
  types: ServiceType[];
  address?: Address;
  phone?: string;
  /** Only http(s) URLs survive validation. */
  website?: string;
  description?: string;
}

/** The native feed, version 1. */
export interface Feed {
  version: 1;
  title?: string;
  updated?: string;
  services: Service[];
}

/** A record the validator left out, and why. */
export interface SkippedRecord {
  /** Position of the record in the feed's `services` array. */
  index: number;
  id?: string;
  reason: string;
}

/** A point on the globe. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** A service with its distance from the origin, as the list shows it. */
export interface RankedService {
  service: Service;
  /** Great-circle distance in kilometres, or null when there is no origin. */
  distanceKm: number | null;
}

export type Units = 'km' | 'mi';
