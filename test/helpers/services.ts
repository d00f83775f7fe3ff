import type { LocatedService } from '../../src/types.js';

/**
 * Fictional services for tests, on a line north of the origin (0, 0) so their order and
 * distances are known: each is `km` kilometres away.
 */
export const KM_PER_DEGREE = 111.19508; // Turf's Earth radius (6371008.8 m) × π / 180

export function fictionalService(id: string, km: number, extra: Partial<LocatedService> = {}): LocatedService {
  return {
    id,
    name: `Example Service ${id} (fictional)`,
    lat: km / KM_PER_DEGREE,
    lng: 0,
    types: ['naloxone'],
    ...extra,
  };
}

/** A feed document whose records sit at the given distances (km) from (0, 0), in that order. */
export function feedAt(distances: number[], extra: (i: number) => Partial<LocatedService> = () => ({})) {
  return { version: 1, title: 'Fictional test feed', services: distances.map((km, i) => fictionalService(`s${i}`, km, extra(i))) };
}

/** Serves a JSON document at a blob: URL, as if it were a partner's feed. */
export function feedUrl(data: unknown): string {
  return URL.createObjectURL(new Blob([JSON.stringify(data)], { type: 'application/json' }));
}
