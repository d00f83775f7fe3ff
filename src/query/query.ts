import { distanceKm, isLocated, KM_PER_MILE } from '../geo/distance.js';
import { countFilters, matchesFilters, noFilters, type FilterCounts, type Filters, type OpenAt } from './filters.js';
import type { LatLng, RankedService, Service, ServiceType, Units } from '../types.js';

/** What the visitor (and the partner) asked for: one value in, one `QueryResult` out. */
export interface Query {
  origin?: LatLng | null;
  /** Keep services offering any of these; empty or absent keeps all. */
  types?: readonly ServiceType[] | null;
  /**
   * When set, distances in the result are rounded to what the list shows in these units, so
   * nothing handed on (to views, events, page scripts) is finer than the visible text.
   */
  roundTo?: Units;
  /** With an origin: list only services within this many km (null or absent: no limit). */
  radiusKm?: number | null;
  /** The visitor's filters, inside the partner's `types`. */
  filters?: Filters;
  /** Whether a service is open now (from its hours); "open now" needs it. */
  isOpen?: OpenAt;
}

export interface QueryResult {
  /** Every in-person service that passes the filters, nearest first; those without a position last. */
  matches: RankedService[];
  /**
   * What the list shows: the matches within the radius (and those without a position), or,
   * when none lies within it, every match, nearest first, so the list is never empty while
   * the feed has a match.
   */
  listed: RankedService[];
  /** How many matches with a position lie within the radius (all of them without a radius or origin). */
  withinRadius: number;
  /** True when the nearest match lies beyond the radius: the list then shows those beyond. */
  beyond: boolean;
  /** Services that send naloxone by mail (type `mail-based`), offered apart from the in-person list. */
  mail: Service[];
  /** In-person services of the partner's types, before the visitor's filters ("8 of 51"). */
  total: number;
  /** For the filter bar: how many services each choice would show. */
  counts: FilterCounts;
}

/**
 * Filters by type and sorts nearest first; temporarily closed services come after the open
 * ones, and services without a map position come last, in feed order. Without an origin,
 * feed order is kept. Ties keep feed order (Array.prototype.sort is stable). Sorting uses the
 * exact distances; only the rounded ones leave this function when `roundTo` is set.
 */
export function runQuery(services: readonly Service[], query: Query = {}): QueryResult {
  const wanted = query.types?.length ? new Set(query.types) : null;
  const partners = wanted ? services.filter((s) => s.types.some((t) => wanted.has(t))) : services;
  const filters = query.filters ?? {};
  const ctx = { isOpen: once(query.isOpen) };
  const counts = countFilters(partners, filters, ctx);
  const kept = noFilters(filters) ? partners : partners.filter((s) => matchesFilters(s, filters, ctx));
  const total = partners.reduce((n, s) => n + (s.types.includes('mail-based') ? 0 : 1), 0);
  const origin = query.origin;
  const located: { service: Service; km: number | null; closed: number }[] = [];
  const unlocated: RankedService[] = [];
  const mail: Service[] = [];
  for (const service of kept) {
    if (service.types.includes('mail-based')) {
      mail.push(service);
    } else if (isLocated(service)) {
      located.push({ service, km: origin ? distanceKm(origin, service) : null, closed: service.status === 'temporarily-closed' ? 1 : 0 });
    } else {
      unlocated.push({ service, distanceKm: null });
    }
  }
  located.sort((a, b) => a.closed - b.closed || (a.km ?? 0) - (b.km ?? 0));
  const round = query.roundTo;
  const ranked = located.map(({ service, km }) => ({ service, distanceKm: km !== null && round ? roundDistanceKm(km, round) : km }));
  const radius = origin && query.radiusKm != null && query.radiusKm > 0 ? query.radiusKm : null;
  const within = radius === null ? ranked : ranked.filter((_, i) => located[i].km! <= radius);
  const beyond = within.length === 0 && ranked.length > 0;
  const matches = [...ranked, ...unlocated];
  const listed = beyond ? matches : within === ranked ? matches : [...within, ...unlocated];
  return { matches, listed, withinRadius: within.length, beyond, mail, total, counts };
}

/** `isOpen` asked at most once per service per query (the counts ask it for every choice). */
function once(isOpen: OpenAt | undefined): OpenAt | undefined {
  if (!isOpen) return undefined;
  const known = new Map<Service, boolean | undefined>();
  return (s) => {
    if (!known.has(s)) known.set(s, isOpen(s));
    return known.get(s);
  };
}

/** The services alone, ranked: `runQuery(...).matches`. */
export function rankServices(services: readonly Service[], query: Query = {}): RankedService[] {
  return runQuery(services, query).matches;
}

/**
 * Kilometres rounded to the precision `formatDistance` shows in `units`: a tenth of a unit
 * below 10, whole units above.
 */
export function roundDistanceKm(km: number, units: Units): number {
  const perUnit = units === 'mi' ? KM_PER_MILE : 1;
  const value = km / perUnit;
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return Number((rounded * perUnit).toFixed(6));
}
