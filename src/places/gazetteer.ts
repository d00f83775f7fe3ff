import { decodeNumbers, decodePopulation, rankDistance, unzigzag } from './codec.js';
import { normalizeName } from './normalize.js';

/**
 * The gazetteer, read from data modules that the build emits as separate chunks. Nothing loads
 * until the first search, and each chunk is one country and one kind (US ZIP codes, US towns,
 * Canadian postal districts, Canadian towns), never a part chosen from what the visitor typed:
 * a server that sees the requests learns at most the country and whether a code or a name was
 * searched.
 */

export type Country = 'US' | 'CA';

/** Towns of one chunk, decoded into columns. Coordinates in hundredths of a degree. */
export interface TownTable {
  country: Country;
  names: string[];
  keys: string[];
  regions: string[];
  lat: Int32Array;
  lng: Int32Array;
  population: number[];
}

export interface CodeTable {
  /** Sorted codes: 5-digit ZIPs or 3-character postal districts. */
  codes: string[];
  regions: string[];
  lat: Int32Array;
  lng: Int32Array;
}

export interface UsZipTable extends CodeTable {
  /** 0, or k + 1 when the ZIP's postal town is the k-th nearest major town. */
  labels: number[];
  /** ZIP codes that exist but have no location (military APO/FPO codes). */
  unlocated: Set<string>;
}

export interface CaFsaTable extends CodeTable {
  names: string[];
}

interface TownModule {
  names: string;
  regions: string;
  lat: string;
  lng: string;
  population: string;
}

function runs(text: string): string[] {
  const out: string[] = [];
  for (const [, region, count] of text.matchAll(/([A-Z]{2})([0-9a-zA-Z_-]*?[0-9a-v])/g)) {
    const [n] = decodeNumbers(count);
    for (let i = 0; i < n; i++) out.push(region);
  }
  return out;
}

function coordinates(text: string): Int32Array {
  const deltas = decodeNumbers(text);
  const out = new Int32Array(deltas.length);
  let value = 0;
  deltas.forEach((d, i) => (out[i] = value += unzigzag(d)));
  return out;
}

function codes(text: string, width: number): string[] {
  let value = 0;
  return decodeNumbers(text).map((d) => String((value += d)).padStart(width, '0'));
}

export function readTowns(country: Country, m: TownModule): TownTable {
  const names = m.names.split('|');
  return {
    country,
    names,
    keys: names.map(normalizeName),
    regions: runs(m.regions),
    lat: coordinates(m.lat),
    lng: coordinates(m.lng),
    population: decodeNumbers(m.population).map(decodePopulation),
  };
}

const memo = new Map<string, Promise<unknown>>();

/** Loads a chunk once; a failed load is forgotten so the next search tries again. */
function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = memo.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    memo.set(key, p);
    p.catch(() => memo.delete(key));
  }
  return p;
}

export const usMajorTowns = () => once('us-major', async () => readTowns('US', await import('./data/us-towns-major.js')));
export const usMinorTowns = () => once('us-minor', async () => readTowns('US', await import('./data/us-towns-minor.js')));
export const caTowns = () => once('ca-towns', async () => readTowns('CA', await import('./data/ca-towns.js')));

export const usZips = () =>
  once('us-zips', async (): Promise<UsZipTable> => {
    const m = await import('./data/us-zips.js');
    return {
      codes: codes(m.zips, 5),
      regions: runs(m.states),
      lat: coordinates(m.lat),
      lng: coordinates(m.lng),
      labels: decodeNumbers(m.labels),
      unlocated: new Set(codes(m.unlocated, 5)),
    };
  });

export const caFsas = () =>
  once('ca-fsas', async (): Promise<CaFsaTable> => {
    const m = await import('./data/ca-fsas.js');
    return {
      codes: m.fsas.match(/.{3}/g) ?? [],
      regions: runs(m.regions),
      names: m.names.split('|'),
      lat: coordinates(m.lat),
      lng: coordinates(m.lng),
    };
  });

/** Index of `code` in a sorted list, or -1. */
export function findCode(list: readonly string[], code: string): number {
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] === code) return mid;
    if (list[mid] < code) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Major towns ranked by distance from a point, nearest first (ties by index, as the generator ranks). */
export function nearestTowns(towns: TownTable, lat: number, lng: number, count: number): number[] {
  const d = Array.from(towns.names, (_, i) => rankDistance(lat, lng, towns.lat[i], towns.lng[i]));
  return Array.from(d.keys())
    .sort((a, b) => d[a] - d[b] || a - b)
    .slice(0, count);
}
