import { distanceKm } from '../geo/distance.js';
import { EDGE_BAND, haversineFrom } from '../query/spatial-index.js';
import { isObject, MAX_LENGTH, own, type Json } from './text.js';
import { DuplicateState, givenId, idText, readId, readPosition, RecordReader, validateInto, type ParsedFeed, type RecordOptions } from './validate.js';
import type { LatLng, Service } from '../types.js';

/**
 * The early page of a feed sorted from a place (parseFeed's `previewFrom`): the services nearest
 * that place, checked before the rest, so a page can list its nearest before the whole feed is
 * read. A chunk of its own: only feeds of over a thousand records need it.
 */

export interface NearestServices {
  /**
   * Every service of the whole feed nearer than `withinKm`, in feed order, each exactly as the
   * feed's result will hold it, and, when `unplaced`, every service without a position too.
   * Services at `withinKm` or beyond are not here.
   */
  services: Service[];
  withinKm: number;
  /** Whether every service without a position is in `services` (a feed with a thousand or fewer). */
  unplaced: boolean;
}

export interface NearestOptions {
  /** The whole record to check, where `recordAt` gives no more than its id and position fields. */
  fullAt?: (i: number) => unknown;
  /**
   * The records as they came, where a record's own `id`, `lat` and `lng` are what `recordAt`
   * would read for it (keepsOwnPlace): one that has them is ranked without being resolved (at
   * 14k records in fresh workers, the pass took 12–15 ms with every record resolved, 6–7 ms so).
   */
  asIs?: readonly unknown[] | false;
}

/**
 * The id of nearly every record, one with an id and coordinates that are numbers in range (not
 * 0,0), read as readId and readPosition read them, without a reader and its lists (a quarter to
 * a third of a preview's pass over every record, cold, in a feed worker: 68 → 52 ms at 100k, 40
 * → 25 ms at 20k): its own `lat` and `lng` are then its position as they are. '' for any other
 * record, which idAndPosition reads in full.
 */
export function quickId(record: Json): string {
  const lat = own(record, 'lat');
  const lng = own(record, 'lng');
  const placed = typeof lat === 'number' && typeof lng === 'number' && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && (lat !== 0 || lng !== 0);
  return placed ? idText(own(record, 'id')) : '';
}

/**
 * What a record's id and position will be once validated, read alone (the rest unchecked), as
 * validateInto reads them: the id before the duplicate checks (undefined when the id is bad,
 * which skips the record), the position undefined when it has none, with validate.ts's own
 * readers: what the preview ranks every record by before it checks any.
 */
export function idAndPosition(record: unknown, index: number, options: RecordOptions): { id?: string; position?: LatLng } {
  if (!isObject(record)) return {};
  const quick = quickId(record);
  if (quick) return { id: quick, position: { lat: record['lat'] as number, lng: record['lng'] as number } };
  const r = new RecordReader(record);
  const id = readId(r, options.requireId ?? true);
  // Mail-based or not changes only a warning, not the position.
  const position = readPosition(r, true);
  return { id: r.errors.length ? undefined : id || givenId(index, options), position };
}

/** An id a duplicate check may have given: "a~2" for a second "a", its base "a". */
const SUFFIXED = /^(.*)~\d+$/s;

/**
 * Every record's id and position read (with validate.ts's own readers, nothing else checked),
 * the `size` records nearest `from` checked in full, in feed order, with those that have no
 * position when there are no more than `size` of them. Only a repeated id makes a record depend
 * on another (an exact duplicate is dropped, another record with its id renamed "id~2"), so
 * records whose id comes more than once, or could be such a new id, are left out, along with
 * everything at their distance or beyond: what remains is exact. `recordAt` may give a record
 * with no more than its id and position fields when `fullAt` gives the whole of it, to be checked
 * (NearestOptions).
 */
export function nearestServices(
  count: number,
  recordAt: (i: number) => unknown,
  indexes: readonly number[],
  options: RecordOptions,
  from: LatLng,
  size: number,
  { fullAt = recordAt, asIs }: NearestOptions = {},
): NearestServices {
  // The quick distance of every record (Infinity without a position), then Turf's, as the page
  // ranks by, for those that may be among the nearest.
  const quick = haversineFrom(from);
  const km = new Float64Array(count);
  const ids: (string | undefined)[] = new Array(count);
  const positions: (LatLng | undefined)[] = new Array(count);
  let unplaced = 0;
  for (let i = 0; i < count; i++) {
    // Nearly every record, read where it stands: its own lat and lng are its position.
    const record = asIs ? asIs[i] : undefined;
    const quickly = isObject(record) ? quickId(record) : '';
    if (quickly) {
      const position = record as unknown as LatLng;
      ids[i] = quickly;
      positions[i] = position;
      km[i] = quick(position);
      continue;
    }
    const { id, position } = idAndPosition(recordAt(i), indexes[i], options);
    ids[i] = id;
    positions[i] = position;
    km[i] = position ? quick(position) : Infinity;
    if (!position) unplaced++;
  }
  const reach = (count > size ? Float64Array.from(km).sort()[size] : Infinity) * (1 + EDGE_BAND);
  const exact = new Float64Array(count).fill(Infinity);
  const near: number[] = [];
  for (let i = 0; i < count; i++) {
    const position = positions[i];
    if (position && km[i] < reach) {
      exact[i] = distanceKm(from, position);
      near.push(exact[i]);
    }
  }
  // Turf's distance is never shorter than the quick one: a record beyond `reach` is beyond this.
  let withinKm = Math.min(reach, near.length > size ? Float64Array.from(near).sort()[size] : Infinity);
  let withUnplaced = unplaced <= size;
  const taken = (i: number) => (positions[i] ? exact[i] < withinKm : withUnplaced);

  // The rows that may be taken, in feed order: those in doubt below take some out again.
  const rows: number[] = [];
  for (let i = 0; i < count; i++) if (taken(i)) rows.push(i);

  // How often each id taken comes in the whole feed, and whether the id a suffixed one ("a~2")
  // would have been given for ("a") comes at all.
  const baseOf = (id: string) => SUFFIXED.exec(id)?.[1];
  const times = new Map<string, number>();
  const bases = new Map<string, boolean>();
  for (const i of rows) {
    const id = ids[i];
    if (id === undefined) continue;
    times.set(id, 0);
    const base = baseOf(id);
    if (base !== undefined) bases.set(base, false);
  }
  for (const id of ids) {
    if (id === undefined) continue;
    const seen = times.get(id);
    if (seen !== undefined) times.set(id, seen + 1);
    if (bases.has(id)) bases.set(id, true);
  }
  // In doubt: an id that comes more than once, or may have been given to another record (its
  // base comes, or it is so long that a longer id cut short to make room could have become it).
  const doubtful = (id: string) => {
    const base = baseOf(id);
    return times.get(id)! > 1 || (base !== undefined && (id.length >= MAX_LENGTH.name - 1 || bases.get(base)!));
  };
  // Every row here was taken before any doubt: one a doubt has since put out of reach (at or
  // beyond `withinKm`, or unplaced once those are out) changes neither, so none is checked again.
  for (const i of rows) {
    const id = ids[i];
    if (id === undefined || !doubtful(id)) continue;
    if (positions[i]) withinKm = Math.min(withinKm, exact[i]);
    else withUnplaced = false;
  }

  const into: ParsedFeed = { services: [], skipped: [], warnings: [] };
  const state = new DuplicateState();
  for (const i of rows) if (taken(i)) validateInto(fullAt(i), indexes[i], options, into, state);
  return { services: into.services, withinKm, unplaced: withUnplaced };
}
