import { distanceKm } from '../geo/distance.js';
import { DuplicateState, idAndPosition, validateInto, type ParsedFeed, type RecordOptions } from './validate.js';
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

/** An id a duplicate check may have given: "a~2" for a second "a". */
const SUFFIXED = /~\d+$/;

/**
 * Every record's id and position read (with validate.ts's own readers, nothing else checked),
 * the `size` records nearest `from` checked in full, in feed order, with those that have no
 * position when there are no more than `size` of them. Only a repeated id makes a
 * record depend on another (an exact duplicate is dropped, another record with its id renamed),
 * so records whose id repeats, or, when any does, whose id looks renamed, are left out along
 * with everything at their distance or beyond: what remains is exact.
 */
export function nearestServices(
  count: number,
  recordAt: (i: number) => unknown,
  indexes: readonly number[],
  options: RecordOptions,
  from: LatLng,
  size: number,
): NearestServices {
  const km = new Float64Array(count);
  const ids: (string | undefined)[] = new Array(count);
  const seen = new Map<string, number>();
  let repeats = false;
  let unplaced = 0;
  for (let i = 0; i < count; i++) {
    const { id, position } = idAndPosition(recordAt(i), indexes[i], options);
    km[i] = position ? distanceKm(from, position) : Infinity;
    if (!position) unplaced++;
    ids[i] = id;
    if (id === undefined) continue;
    const times = (seen.get(id) ?? 0) + 1;
    seen.set(id, times);
    if (times > 1) repeats = true;
  }
  // Every record nearer than the (size + 1)th nearest, then nearer than any whose id is in doubt;
  // those without a position too, when they are few and none is in doubt.
  let withinKm = count > size ? Float64Array.from(km).sort()[size] : Infinity;
  let withUnplaced = unplaced <= size;
  for (let i = 0; i < count; i++) {
    const id = ids[i];
    if (id === undefined || !repeats || !(seen.get(id)! > 1 || SUFFIXED.test(id))) continue;
    if (km[i] === Infinity) withUnplaced = false;
    else if (km[i] < withinKm) withinKm = km[i];
  }
  const into: ParsedFeed = { services: [], skipped: [], warnings: [] };
  const state = new DuplicateState();
  for (let i = 0; i < count; i++) {
    if (km[i] < withinKm || (withUnplaced && km[i] === Infinity)) validateInto(recordAt(i), indexes[i], options, into, state);
  }
  return { services: into.services, withinKm, unplaced: withUnplaced };
}
