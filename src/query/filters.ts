import { SERVICE_TYPES, type ServiceType } from '../feed/service-types.js';
import type { Service } from '../types.js';
import { remembered } from '../util/remembered.js';

/** The low-barrier needs a visitor can ask for. */
export const NEEDS = ['free', 'no-id', 'walk-in', 'anonymous', 'open-now', 'open-24h'] as const;
export type Need = (typeof NEEDS)[number];

/** What the visitor asked for in the filter bar (inside the partner's `types`). */
export interface Filters {
  /** Services offering any of these types. */
  types?: readonly ServiceType[];
  /** Services meeting every one of these needs. */
  needs?: readonly Need[];
  /** Services speaking any of these languages (BCP 47 tags). */
  languages?: readonly string[];
}

/** How "open now" is decided: true, false, or undefined when the service gives no hours. */
export type OpenAt = (service: Service) => boolean | undefined;

export interface FilterContext {
  /** Opening hours in the service's time zone; without it, "open now" matches nothing. */
  isOpen?: OpenAt;
}

/** Counts for the filter bar: how many services each choice would show, the other choices kept. */
export interface FilterCounts {
  types: Partial<Record<ServiceType, number>>;
  needs: Record<Need, number>;
  languages: Record<string, number>;
}

const NEED_TESTS: Record<Need, (s: Service, ctx: FilterContext) => boolean> = {
  free: (s) => s.cost === 'free',
  'no-id': (s) => s.noIdRequired === true,
  'walk-in': (s) => s.walkIn === true,
  anonymous: (s) => s.anonymous === true,
  // A service without hours says nothing about being open, so it never counts as open; one
  // temporarily closed is not open, whatever its usual hours say.
  'open-now': (s, ctx) => s.status !== 'temporarily-closed' && (s.open24h === true || ctx.isOpen?.(s) === true),
  'open-24h': (s) => s.status !== 'temporarily-closed' && s.open24h === true,
};

/** A language tag's primary language ("es" of "es-MX"), remembered per tag: feeds repeat a few. */
const primaries = new Map<string, string>();
const primary = (tag: string) => remembered(primaries, tag, (t) => t.toLowerCase().split('-')[0]);

function typesMatch(s: Service, types: readonly ServiceType[] | undefined) {
  return !types?.length || s.types.some((t) => types.includes(t));
}

function needsMatch(s: Service, needs: readonly Need[] | undefined, ctx: FilterContext) {
  return !needs?.length || needs.every((n) => NEED_TESTS[n](s, ctx));
}

function languagesMatch(s: Service, languages: readonly string[] | undefined) {
  if (!languages?.length) return true;
  const spoken = (s.languages ?? []).map(primary);
  return languages.some((l) => spoken.includes(primary(l)));
}

/** Whether a service passes every active filter. */
export function matchesFilters(s: Service, filters: Filters, ctx: FilterContext = {}): boolean {
  return typesMatch(s, filters.types) && needsMatch(s, filters.needs, ctx) && languagesMatch(s, filters.languages);
}

/** True when no filter is active. */
export function noFilters(filters: Filters | undefined): boolean {
  return !filters?.types?.length && !filters?.needs?.length && !filters?.languages?.length;
}

/**
 * Faceted counts: for each choice, how many services would match with it added to the other
 * groups' choices (types OR'd within their group, needs AND'd, languages OR'd).
 */
export function countFilters(services: readonly Service[], filters: Filters, ctx: FilterContext = {}): FilterCounts {
  const counts: FilterCounts = { types: {}, needs: Object.fromEntries(NEEDS.map((n) => [n, 0])) as Record<Need, number>, languages: {} };
  for (const s of services) {
    const t = typesMatch(s, filters.types);
    const n = needsMatch(s, filters.needs, ctx);
    const l = languagesMatch(s, filters.languages);
    // Each type and language once per service, the first time it comes (no Set per service).
    if (n && l) s.types.forEach((type, i) => s.types.indexOf(type) === i && (counts.types[type] = (counts.types[type] ?? 0) + 1));
    // Needs are AND'd: a need's count is of those meeting it and every need already chosen (n).
    if (t && l && n) for (const need of NEEDS) if (NEED_TESTS[need](s, ctx)) counts.needs[need]++;
    if (t && n && s.languages) {
      const spoken = s.languages.map(primary);
      spoken.forEach((lang, i) => spoken.indexOf(lang) === i && (counts.languages[lang] = (counts.languages[lang] ?? 0) + 1));
    }
  }
  return counts;
}

/** `filters="free, open-now, drop-in, es"` → needs, types and language tags; unknown words reported. */
export function readFilterList(value: string): { filters: Filters; unknown: string[] } {
  const types: ServiceType[] = [];
  const needs: Need[] = [];
  const languages: string[] = [];
  const unknown: string[] = [];
  for (const word of value
    .split(',')
    .map((w) => w.trim().toLowerCase())
    .filter(Boolean)) {
    if ((NEEDS as readonly string[]).includes(word)) needs.push(word as Need);
    else if ((SERVICE_TYPES as readonly string[]).includes(word)) types.push(word as ServiceType);
    else if (/^[a-z]{2,3}$/.test(word)) languages.push(word);
    else unknown.push(word);
  }
  return { filters: { types, needs, languages }, unknown };
}
