import { distanceKm, isLocated, KM_PER_MILE } from '../geo/distance.js';
import { countFilters, matchesFilters, noFilters, type FilterContext, type FilterCounts, type Filters, type OpenAt } from './filters.js';
import type { ServiceIndex } from './spatial-index.js';
import { forEachSliced } from '../util/yield.js';
import type { LatLng, LocatedService, RankedService, Service, ServiceType, Units } from '../types.js';

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
  /** Services by mail of the partner's types, before the visitor's filters: with `total`, every service a filter may show. */
  mailTotal: number;
  /** For the filter bar: how many services each choice would show. */
  counts: FilterCounts;
}

/** Ranked results handed out a page at a time: the first `k` cost O(log n + k), not a sort of all. Arrays fit too. */
export interface RankedResults {
  readonly length: number;
  slice(start?: number, end?: number): RankedService[];
}

/**
 * The part of a query that does not depend on where the visitor is: the partner's types, the
 * visitor's filters and the clock. O(n): worked out once per change of those, not per origin.
 */
export interface Selection {
  services: readonly Service[];
  /** By feed position: 0 not shown, 1 shown on the map and in the list, 2 the same but temporarily closed. */
  flags: Uint8Array;
  open: number;
  closed: number;
  /** Every match with a position, in feed order: what the map shows. */
  mapped: LocatedService[];
  /** Matches without a position, in feed order: listed last. */
  unlocated: Service[];
  mail: Service[];
  total: number;
  mailTotal: number;
  /**
   * For the filter bar: how many services each choice would show. Worked out on first read
   * (a pass over the feed that asks every service whether it is open now), so a visitor who
   * never opens the filters never waits for it.
   */
  readonly counts: FilterCounts;
}

const OPEN = 1;
const CLOSED = 2;

/** Partner types, visitor filters and "open now" applied to a feed; see `Selection`. */
export function selectServices(services: readonly Service[], query: Pick<Query, 'types' | 'filters' | 'isOpen'> = {}): Selection {
  const selector = new Selector(services, query);
  for (let row = 0; row < services.length; row++) selector.step(services[row], row);
  return selector.finish();
}

/**
 * The same, in time slices: the pass over a national feed is a long task on a slow phone
 * (100,000 services: over 100 ms at 4× CPU slowdown).
 */
export async function selectServicesSliced(
  services: readonly Service[],
  query: Pick<Query, 'types' | 'filters' | 'isOpen'> = {},
  signal?: AbortSignal,
): Promise<Selection> {
  const selector = new Selector(services, query);
  await forEachSliced(services, (service, row) => selector.step(service, row), signal);
  return selector.finish();
}

/** One pass of `selectServices`, a service at a time. */
class Selector {
  private readonly wanted: Set<ServiceType> | null;
  private readonly filters: Filters;
  private readonly ctx: FilterContext;
  private readonly all: boolean;
  private readonly flags: Uint8Array;
  private readonly unlocated: Service[] = [];
  private readonly mail: Service[] = [];
  private open = 0;
  private closed = 0;
  private total = 0;
  private mailTotal = 0;

  constructor(
    private readonly services: readonly Service[],
    private readonly query: Pick<Query, 'types' | 'filters' | 'isOpen'>,
  ) {
    this.wanted = query.types?.length ? new Set(query.types) : null;
    this.filters = query.filters ?? {};
    this.ctx = { isOpen: once(query.isOpen) };
    this.all = noFilters(this.filters);
    this.flags = new Uint8Array(services.length);
  }

  step(service: Service, row: number) {
    const { wanted } = this;
    if (wanted && !service.types.some((t) => wanted.has(t))) return;
    const byMail = service.types.includes('mail-based');
    if (byMail) this.mailTotal++;
    else this.total++;
    if (!this.all && !matchesFilters(service, this.filters, this.ctx)) return;
    if (byMail) {
      this.mail.push(service);
    } else if (isLocated(service)) {
      const isClosed = service.status === 'temporarily-closed';
      this.flags[row] = isClosed ? CLOSED : OPEN;
      if (isClosed) this.closed++;
      else this.open++;
    } else {
      this.unlocated.push(service);
    }
  }

  finish(): Selection {
    const { services, flags, open, closed, unlocated, mail, total, mailTotal } = this;
    // Filled from the flags at its known length: pushing 100,000 services one by one took about
    // twice as long.
    const mapped = new Array<LocatedService>(open + closed);
    for (let row = 0, at = 0; at < mapped.length; row++) if (flags[row]) mapped[at++] = services[row] as LocatedService;
    return withCounts({ services, flags, open, closed, mapped, unlocated, mail, total, mailTotal }, this.query, this.ctx);
  }
}

/**
 * `selection` for a new `isOpen`, as when the services' time zones are found after the first
 * render. Only the "open now" filter makes what is shown depend on it: without that filter the
 * flags and lists are kept (the map keeps its clusters) and only the counts are worked out
 * again, when read; with it, the services are selected again.
 */
export function withOpenAt(selection: Selection, query: Pick<Query, 'types' | 'filters' | 'isOpen'>): Selection {
  if (query.filters?.needs?.includes('open-now')) return selectServices(selection.services, query);
  const { services, flags, open, closed, mapped, unlocated, mail, total, mailTotal } = selection;
  return withCounts({ services, flags, open, closed, mapped, unlocated, mail, total, mailTotal }, query, { isOpen: once(query.isOpen) });
}

/** A selection with its filter-bar counts, worked out on first read (see `Selection.counts`). */
function withCounts(selection: Omit<Selection, 'counts'>, query: Pick<Query, 'types' | 'filters'>, ctx: FilterContext): Selection {
  const wanted = query.types?.length ? new Set(query.types) : null;
  let counts: FilterCounts | undefined;
  return Object.defineProperty(selection, 'counts', {
    enumerable: true,
    // Over the partner's types only: what each of the visitor's choices would show.
    get: () =>
      (counts ??= countFilters(wanted ? selection.services.filter((s) => s.types.some((t) => wanted.has(t))) : selection.services, query.filters ?? {}, ctx)),
  }) as Selection;
}

/** Where a selection's matches stand from an origin: what `runQuery` adds to a `Selection`. */
export interface Ranking {
  /** Every match, nearest first (temporarily closed after open ones), those without a position last. */
  matches: RankedResults;
  /** What the list shows: see `QueryResult.listed`. */
  listed: RankedResults;
  withinRadius: number;
  beyond: boolean;
}

/**
 * Ranks a selection from an origin. With the feed's spatial index (`indexFor(services)` from
 * `spatial-index.js`, a chunk of its own) only what is asked for is ranked, so a new origin
 * costs O(log n + k); without it every match is measured and sorted, which is quicker for a
 * few hundred services. Both give the same ranking. Without an origin, feed order is kept.
 */
export function rankSelection(selection: Selection, query: Pick<Query, 'origin' | 'radiusKm' | 'roundTo'> = {}, index?: ServiceIndex): Ranking {
  const { flags, services, unlocated } = selection;
  const origin = query.origin ?? null;
  const last = new ListSegment(unlocated);
  const located = selection.open + selection.closed;
  if (!origin) {
    const inOrder = (flag: number) =>
      new ListSegment(
        lazyFilter(services, (_, row) => flags[row] === flag),
        flag === OPEN ? selection.open : selection.closed,
      );
    const matches = new Ranked([inOrder(OPEN), inOrder(CLOSED), last]);
    return { matches, listed: matches, withinRadius: located, beyond: false };
  }
  const radius = query.radiusKm != null && query.radiusKm > 0 ? query.radiusKm : null;
  if (!index) return sortedRanking(selection, origin, radius, query.roundTo);
  const keepOpen = (row: number) => flags[row] === OPEN;
  const keepClosed = (row: number) => flags[row] === CLOSED;
  const near = (keep: (row: number) => boolean, count: number, maxKm?: number) => nearSegment(index, origin, keep, count, query.roundTo, maxKm);
  const matches = new Ranked([near(keepOpen, selection.open), near(keepClosed, selection.closed), last]);
  if (radius === null) return { matches, listed: matches, withinRadius: located, beyond: false };
  const open = index.countWithin(origin, radius, keepOpen);
  const closed = selection.closed ? index.countWithin(origin, radius, keepClosed) : 0;
  const withinRadius = open + closed;
  const beyond = withinRadius === 0 && located > 0;
  const listed = beyond ? matches : new Ranked([near(keepOpen, open, radius), near(keepClosed, closed, radius), last]);
  return { matches, listed, withinRadius, beyond };
}

/** Every match measured and sorted: closed after open, nearest first, ties in feed order. */
function sortedRanking(selection: Selection, origin: LatLng, radius: number | null, round: Units | undefined): Ranking {
  const { flags, services, unlocated } = selection;
  const measured: { row: number; km: number }[] = [];
  for (let row = 0; row < flags.length; row++) if (flags[row]) measured.push({ row, km: distanceKm(origin, services[row] as LatLng) });
  measured.sort((a, b) => flags[a.row] - flags[b.row] || a.km - b.km || a.row - b.row);
  const ranked = measured.map(({ row, km }) => ({ service: services[row], distanceKm: round ? roundDistanceKm(km, round) : km }));
  const within = radius === null ? ranked : ranked.filter((_, i) => measured[i].km <= radius);
  const beyond = within.length === 0 && ranked.length > 0;
  const matches = [...ranked, ...unlocated.map((service) => ({ service, distanceKm: null }))];
  const listed = beyond || within === ranked ? matches : [...within, ...matches.slice(ranked.length)];
  return { matches, listed, withinRadius: within.length, beyond };
}

/**
 * Filters by type and sorts nearest first; temporarily closed services come after the open
 * ones, and services without a map position come last, in feed order. Without an origin,
 * feed order is kept. Ties keep feed order. Sorting uses the exact distances; only the rounded
 * ones leave this function when `roundTo` is set. Every result in arrays: for a page of a big
 * feed, `selectServices` and `rankSelection` rank only what is shown.
 */
export function runQuery(services: readonly Service[], query: Query = {}): QueryResult {
  const selection = selectServices(services, query);
  const ranking = rankSelection(selection, query);
  const { mail, total, mailTotal, counts } = selection;
  return {
    matches: ranking.matches.slice(),
    listed: ranking.listed.slice(),
    withinRadius: ranking.withinRadius,
    beyond: ranking.beyond,
    mail,
    total,
    mailTotal,
    counts,
  };
}

/** A service's distance from the origin as a ranking gives it (rounded to `roundTo`), or null. */
export function rankedDistance(service: Service, origin: LatLng | null | undefined, roundTo?: Units): number | null {
  if (!origin || !isLocated(service)) return null;
  const km = distanceKm(origin, service);
  return roundTo ? roundDistanceKm(km, roundTo) : km;
}

/** Part of a ranking: its length is known at once, its first `k` are worked out when asked for. */
interface Segment {
  readonly length: number;
  take(k: number): RankedService[];
}

/** Segments one after the other, as one list. */
class Ranked implements RankedResults {
  readonly length: number;
  constructor(private readonly segments: Segment[]) {
    this.length = segments.reduce((n, s) => n + s.length, 0);
  }

  slice(start = 0, end = this.length): RankedService[] {
    const from = Math.max(0, start < 0 ? this.length + start : start);
    const to = Math.min(this.length, end < 0 ? this.length + end : end);
    const out: RankedService[] = [];
    let offset = 0;
    for (const segment of this.segments) {
      if (offset >= to) break;
      if (offset + segment.length > from) {
        const part = segment.take(Math.min(segment.length, to - offset));
        for (let i = Math.max(0, from - offset); i < part.length; i++) out.push(part[i]);
      }
      offset += segment.length;
    }
    return out;
  }
}

/** Services in a given order, without distances (no origin, or no position). */
class ListSegment implements Segment {
  readonly length: number;
  private memo: RankedService[] = [];
  constructor(
    private readonly items: readonly Service[] | (() => readonly Service[]),
    length?: number,
  ) {
    this.length = length ?? (typeof items === 'function' ? items().length : items.length);
  }

  take(k: number): RankedService[] {
    if (this.memo.length < Math.min(k, this.length)) {
      const items = typeof this.items === 'function' ? this.items() : this.items;
      this.memo = items.slice(0, Math.max(k, this.memo.length * 2)).map((service) => ({ service, distanceKm: null }));
    }
    return this.memo.slice(0, k);
  }
}

/** The services a filter keeps, found once and only when asked for. */
function lazyFilter(services: readonly Service[], keep: (s: Service, row: number) => boolean): () => Service[] {
  let kept: Service[] | undefined;
  return () => (kept ??= services.filter(keep));
}

/**
 * The nearest services a predicate accepts, from the spatial index, a growing prefix at a time.
 * The origin stays in this closure: a ranking is handed to views and sits in properties page
 * scripts can walk, and the visitor's point must not be found there.
 */
function nearSegment(index: ServiceIndex, origin: LatLng, keep: (row: number) => boolean, length: number, round: Units | undefined, maxKm?: number): Segment {
  let memo: RankedService[] = [];
  return {
    length,
    take(k) {
      const want = Math.min(k, length);
      if (memo.length < want) {
        // Twice what was asked before, so paging through "Show more" stays linear overall.
        const n = Math.min(length, Math.max(want, memo.length * 2, 32));
        memo = index.nearest(origin, n, keep, maxKm).map(({ row, km }) => ({
          service: index.serviceAt(row),
          distanceKm: round ? roundDistanceKm(km, round) : km,
        }));
      }
      return memo.slice(0, want);
    },
  };
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
