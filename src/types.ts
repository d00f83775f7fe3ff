import type { ServiceType } from './feed/service-types.js';

export type { ServiceType };

/** A postal address; every part optional because real feeds rarely have all of them. */
export interface Address {
  street?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  /** ISO 3166-1 alpha-2 code where known ("US", "CA"). */
  country?: string;
}

export type Weekday = 'mo' | 'tu' | 'we' | 'th' | 'fr' | 'sa' | 'su';

/** One weekly opening rule. `closes` earlier than `opens` means the service closes after midnight. */
export interface HoursRule {
  days: Weekday[];
  /** "HH:MM", 24-hour. */
  opens: string;
  /** "HH:MM", 24-hour; "24:00" allowed for midnight. */
  closes: string;
}

export type ServiceStatus = 'active' | 'temporarily-closed' | 'closed';

/** One place where a visitor can get naloxone or another harm-reduction service. */
export interface Service {
  id: string;
  name: string;
  /** WGS84 latitude in degrees; absent when the record has no map position. */
  lat?: number;
  /** WGS84 longitude in degrees; absent when the record has no map position. */
  lng?: number;
  types: ServiceType[];
  address?: Address;
  phone?: string;
  /** Only http(s) URLs survive validation. */
  website?: string;
  email?: string;
  description?: string;
  hours?: HoursRule[];
  open24h?: boolean;
  /** IANA time zone of the hours, e.g. "America/Vancouver". */
  timezone?: string;
  hoursNote?: string;
  /** "free", or text such as "sliding scale". */
  cost?: string;
  noIdRequired?: boolean;
  walkIn?: boolean;
  anonymous?: boolean;
  appointmentRequired?: boolean;
  /** BCP 47 language tags of the languages spoken. */
  languages?: string[];
  peerRun?: boolean;
  accessibility?: string;
  /** ISO date (YYYY-MM-DD) the record was last checked. */
  lastVerified?: string;
  status?: ServiceStatus;
}

/** A service with a map position. */
export type LocatedService = Service & { lat: number; lng: number };

/** The native feed, version 1. */
export interface Feed {
  version: 1;
  title?: string;
  updated?: string;
  services: Service[];
}

/** A record the validator left out, or a problem it found in one, and why. */
export interface SkippedRecord {
  /** Position of the record in the source (array index; for CSV, the data row, 0-based). */
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
  /** Great-circle distance in kilometres, or null when there is no origin or no position. */
  distanceKm: number | null;
}

export type Units = 'km' | 'mi';
