// Fails the build when the drop-in code grows past its budgets (gzip -9, as servers send it).
//   - naloxone-finder.js, the file every visitor loads before the list can show: 60 KiB.
//   - that file plus the map chunk (Leaflet, the clusterer) and the chunks it imports, what a visitor
//     with the map loads in all: 115.5 KiB.
//     (76 KiB until the privacy, CSP, filter, overdose, hours, place-search and details work of
//     issues 6 and 7 put the entry at about 44 kB; 90 KiB until issue 8's accessibility work,
//     measured at +1.9 kB: the live region, headings, dark and forced-colours palettes, roving
//     markers, marker names and key help; 94 KiB until issue 10's query in two stages, ranking
//     only the page shown, measured at +1.4 kB in the entry with the "Chosen on the map" section;
//     95 KiB until issue 10's clustering, measured at +7.1 kB: supercluster and kdbush (a chunk the
//     map shares with the spatial index), our cluster index, numbered pins and cluster names;
//     102 KiB until the rest of issue 10 in the entry (the worker's hand-over, validation caches,
//     time-sliced time zones and body copy) left it 21 B over; 103 KiB until the cluster worker's
//     page side (starting it, asking it, building on the page where it cannot start), measured at
//     +1.3 kB (the worker starter it shares with the feed worker is a chunk of its own, loaded only for big maps);
//     104 KiB until the rest of issue 10's long tasks: big bodies (and big last good copies) handed to
//     the feed worker as Blobs, unread on the page; the selection in time slices before the first render, kept when time zones
//     arrive; the map's draw of a big set a task later; JSON.parse in the worker where a check shows
//     the limits hold: +0.9 kB in the entry, +0.3 kB in the map chunk (its id table and points in slices);
//     105 KiB until the new-origin, validation and "Open now" speed-ups in the entry (a zone's offset
//     known per day, language names remembered, a list of hours rules read once, a number per record
//     in the duplicate check, "open now" read from the wall clock away from clock changes, filter
//     counts without a Set per service), measured at +0.52 kB in all; 105.5 KiB until a large
//     feed's first page shown in feed order before the rest is read (the early page), +0.28 kB in the entry;
//     106 KiB until positions written in one column (a portal's Location: well-known text, "lat, lng",
//     an address ending with one, a Point or latitude/longitude object), "Services offered"
//     headers and yes/no columns named for a type were read, +0.57 kB in the entry; 106.75 KiB until
//     hours not read were kept as written for visitors (and no weekly hours kept from a cell whose
//     part left out held times), and "M-F" was read, +0.23 kB, and JSON rows where no record has an id
//     were given ids by place and ArcGIS JSON was named in its error, +0.2 kB, in the entry; 107 KiB
//     until the words of longer service labels were read as types ("Naloxone kits", "Syringe
//     exchange", "Buprenorphine"), +0.43 kB in the entry; 107.5 KiB until French and Spanish headers,
//     service words and hours were read ("Nom", "Dirección", "Échange de seringues", "lundi au
//     vendredi 9 h à 17 h"), and language cells, day lists and an address's coordinates were read in
//     linear time on any text, +0.8 kB in the entry; 108.25 KiB until hours that could mislead were
//     shown as written (a list of rules or HSDS schedules with one unreadable, a part left out that
//     names days), times after ";" took the days before them and a day written again with overlapping
//     times took the new ones, +0.29 kB in the entry; 108.75 KiB until the fixes of an outside
//     test by keyboard, screen reader, Spanish and French and partner data, +1.37 kB in the entry
//     in all (measured against 0bbfd79): "Hours: …" in the list for hours shown as written,
//     the filters' focus after "Clear filters" and Escape, wrapped JSON records
//     ({"data": […]}), phone links for spelt and "+44 (0)" numbers, the overdose card's number
//     by where the services are (place-region, address.country, North America), markers
//     measured from the map's origin, and by-mail services in the filter summary; 110 KiB until
//     headers with a note in brackets were read ("Latitude (decimal)") and a feed where no record
//     has a name listed its columns in the error, +0.19 kB; 110.25 KiB until the map was given the
//     visitor's area, rounded, in place of their point after "Show my area" (a ring, its own words,
//     no distances measured from it, the map's event distances rounded), +0.22 kB; 110.5 KiB until
//     a bad directions-url was named, a list's first empty event dropped, and the overdose card's
//     main country taken from a sample of the feed once per feed (a pass at every new origin had
//     made it 1 s at 100k), +0.28 kB; 110.75 KiB until the feed's timeout bounded each wait rather
//     than the whole download, a refresh's closed services were taken out of the last good copy
//     and an all-closed feed said so in three languages, +0.24 kB; 111.25 KiB until the rest of
//     that outside testing: units, limit and zoom checked and attribute text read from properties,
//     the live region waiting for the page's words, English words marked lang="en", hours said as
//     people say them, where the list is sorted from after a location failure, nothing offering
//     a map that failed to load, the place search's "near" in the page language, and compressed
//     feeds starting their worker at the headers, +0.62 kB; 111.75 KiB until "Try again" and
//     naloxone by mail under a feed error, +0.16 kB, and services given to the list or the map
//     unvalidated read as a native feed, with the console saying so, +0.34 kB; 112.25 KiB until the
//     fixes of an outside test with partner data, privacy and phones (place-region checked, rounded
//     phones dropped, Socrata phone and link objects, type labels that say "not offered", the
//     device point dropped for services a page script hands over, the kdbush chunk asked for
//     beside the chunks that import it), +0.41 kB; 112.75 KiB until useMyLocation() asked only on
//     a visitor's action, with the console saying why not, +0.19 kB; 113 KiB until yes words with
//     more after them in a column named for a type, old copies of other feeds pruned, the partner's
//     zone for services without a position and taller place choices, +0.30 kB, and text exported
//     as HTML read as text, +0.30 kB; 113.75 KiB until parseFeed handed the feed worker its decoded
//     text, for the nearest services found in it before it is parsed (nearest-in-text.ts), +8 B, less
//     the console summary's copy of the count helper, -6 B; 114 KiB until the fixes of a second
//     outside review (hours notes in brackets, a Socrata location's address, "lat lng" pairs, the
//     minus sign, metres named, CKAN's rows, the lang watch in shadow roots, the map credit and the
//     by-mail count in three languages, a chosen filter kept), +0.54 kB in the entry; 114.5 KiB
//     until messages named records from 1, one way for the console and the CLI, +0.09 kB, and
//     English on a page in another language was marked so throughout and written in the formats
//     of that language's region, +0.15 kB; 114.75 KiB until a marker focused near the map's edge
//     was brought into view with its name's tooltip, not its icon alone, +0.2 kB in the map chunk;
//     115 KiB until the fixes of a third outside review: given records checked field by field,
//     number properties checked as their attributes, "Show in the list" under the map, the
//     location failure offering the place search, +0.86 kB in the entry, less the console's
//     summary of a feed's problems moved to a chunk of its own (-0.41 kB).
//     The list still needs only the entry. Leaflet's CSS for popups, the layers and scale controls
//     and Internet Explorer is left out of the map chunk: -0.9 kB.)
//   - the spatial index (kdbush, geokdbush) with the chunks it imports, fetched beside the feed: 4 KiB
//     (3.1 kB measured when it was added), and none of it in the entry.
//   - the PMTiles chunk (the pmtiles reader and its layer), loaded only for a `pmtiles:` tile URL: 10 KiB
//     (8.5 KiB measured when it was added, fflate's inflate included), and none of it in the two above.
//   - the gazetteer (src/places/data/), loaded on the first place search, one chunk per country and kind:
//     what the first search transfers, whatever was typed (a US ZIP: ZIP codes + major US towns;
//     a name: all US and Canadian towns; a Canadian postal district): 150 KiB each.
//   - each locale chunk beyond English (es, fr): 8 KiB.
//   - the feed worker (chunks/feed-worker-*.js), started only for feeds above 2 MiB, a build of its
//     own with its own CSV, HSDS and JSON-scan chunks (chunks/feed-worker.<name>-*.js): what a large
//     JSON feed loads (worker + JSON scanner) 26.75 KiB (26.5 until GeoJSON outlines of a building
//     were placed at their centre, which the worker's reader of a file's first services carries,
//     +0.33 kB; 26.25 until the same review's reading fixes,
//     +0.40 kB; 26 until language codes were read without
//     Intl's names, the common record's id and position without a reader, and parseFeed read a
//     parse handed back by its text hook, +0.11 kB; 25 until the first services were read from the
//     file's start, for the early page in feed order, +0.86 kB; 24 until the validator read rounded phones,
//     Socrata objects and "not offered" labels, +0.12 kB; 24.25 until yes words with more after them,
//     pruned old copies, +0.31 kB, and HTML read as text, +0.28 kB; 24.75 until "Provider Name",
//     "Location 1", "Walk-ins Accepted" and "ID Required" were read, +0.14 kB), a large CSV (worker + CSV reader + papaparse) 34.5 KiB (34.25 until the same outlines,
//     +0.33 kB; 33.75 until the same, and a note of
//     a few cells above the header, +0.59 kB; 33.5 until the same three, +0.11 kB; 32.5 until
//     the same start read, which the CSV worker carries too; 32 until the same, and stray quotes read as
//     plain characters). Sorted from a place, a large native feed also loads its nearest-in-text
//     and preview chunks (2.35 kB), to list the nearest before the whole file is parsed.
//     None of it is in the entry, whose only trace is the worker's URL.
//   - the map's cluster worker (chunks/cluster-worker-*.js: supercluster, kdbush, our cluster index),
//     started only for maps of 2,000 services or more: 8 KiB (6.5 kB measured when it was added).
// The CSV and HSDS readers are listed too; they load only for feeds in those formats.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const gzip = (path) => gzipSync(readFileSync(new URL(path, dist)), { level: 9 }).length;
const chunks = readdirSync(new URL('chunks/', dist)).filter((f) => f.endsWith('.js'));
const sizes = new Map([['naloxone-finder.js', gzip('naloxone-finder.js')], ...chunks.map((f) => [`chunks/${f}`, gzip(`chunks/${f}`)])]);
/** A chunk with the chunks it imports statically (not the entry, counted on its own), once each. */
function withImports(chunk, seen = new Set()) {
  if (seen.has(chunk)) return 0;
  seen.add(chunk);
  const code = readFileSync(new URL(`chunks/${chunk}`, dist), 'utf8');
  const imported = [...code.matchAll(/(?:^|[;}\s])import[^"'()]*?["']\.\/([\w.-]+\.js)["']/g)].map((m) => m[1]);
  return sizes.get(`chunks/${chunk}`) + imported.reduce((sum, name) => sum + withImports(name, seen), 0);
}
const mapChunk = chunks.find((f) => f.startsWith('map-controller-'));
if (!mapChunk) {
  console.error('Size check: no map chunk (chunks/map-controller-*.js) was built.');
  process.exit(1);
}
const indexChunk = chunks.find((f) => f.startsWith('spatial-index-'));
if (!indexChunk) {
  console.error('Size check: no spatial index chunk (chunks/spatial-index-*.js) was built; it must be imported dynamically.');
  process.exit(1);
}
const pmtilesChunk = chunks.find((f) => f.startsWith('pmtiles-layer-'));
if (!pmtilesChunk) {
  console.error('Size check: no PMTiles chunk (chunks/pmtiles-layer-*.js) was built; it must be imported dynamically.');
  process.exit(1);
}
// pmtiles' own error text survives minification: finding it shows the reader was bundled eagerly.
const PMTILES_MARK = 'Wrong magic number for PMTiles archive';
for (const file of ['naloxone-finder.js', `chunks/${mapChunk}`]) {
  if (readFileSync(new URL(file, dist), 'utf8').includes(PMTILES_MARK)) {
    console.error(`Size check: dist/${file} contains the pmtiles reader; import it only through the PMTiles chunk.`);
    process.exit(1);
  }
}

// The gazetteer chunks exist only once <nf-place-search> is part of the bundle. The search code
// (chunks/search-*.js) comes with every first search, so it counts in each.
const placeChunk = (name) => chunks.find((f) => f.startsWith(`${name}-`));
const PLACE_SEARCHES = [
  ['first place search: a US ZIP code', ['search', 'us-zips', 'us-towns-major']],
  ['first place search: a town name', ['search', 'us-towns-major', 'us-towns-minor', 'ca-towns']],
  ['first place search: a Canadian postal code', ['search', 'ca-fsas']],
];
const placeBudgets = placeChunk('us-zips')
  ? PLACE_SEARCHES.map(([label, names]) => [label, names.reduce((sum, name) => sum + (sizes.get(`chunks/${placeChunk(name)}`) ?? Infinity), 0), 150 * 1024])
  : [];

// Each shipped language beyond English is a chunk of its own (src/i18n/locales/), fetched only
// for a page in that language: 8 KiB each, and none of its words in the entry.
const localeDir = new URL('../src/i18n/locales/', import.meta.url);
const LOCALES = (existsSync(localeDir) ? readdirSync(localeDir) : [])
  .filter((f) => f.endsWith('.ts'))
  .map((f) => {
    // A locale's own words for "Use my location" mark it: found in the entry, it was bundled eagerly.
    const mark = /useMyLocation: '([^']+)'/.exec(readFileSync(new URL(f, localeDir), 'utf8'))?.[1];
    return [f.replace(/\.ts$/, ''), mark];
  });
const localeBudgets = LOCALES.map(([tag, mark]) => {
  const chunk = chunks.find((f) => f.startsWith(`${tag}-`));
  if (!chunk) {
    console.error(`Size check: no ${tag} locale chunk (chunks/${tag}-*.js); it must be imported dynamically.`);
    process.exit(1);
  }
  if (mark && readFileSync(new URL('naloxone-finder.js', dist), 'utf8').includes(mark)) {
    console.error(`Size check: the entry holds the ${tag} strings; load them only through their chunk.`);
    process.exit(1);
  }
  return [`${tag} locale chunk`, sizes.get(`chunks/${chunk}`), 8 * 1024];
});

const workerChunk = chunks.find((f) => /^feed-worker-[\w-]+\.js$/.test(f));
if (!workerChunk) {
  console.error('Size check: no feed worker (chunks/feed-worker-*.js) was built; see moduleWorker in rollup.config.js.');
  process.exit(1);
}
const workerPart = (name) => sizes.get(`chunks/${chunks.find((f) => f.startsWith(`feed-worker.${name}-`))}`) ?? Infinity;
const workerSize = sizes.get(`chunks/${workerChunk}`);
const clusterWorker = chunks.find((f) => /^cluster-worker-[\w-]+\.js$/.test(f));
if (!clusterWorker) {
  console.error('Size check: no cluster worker (chunks/cluster-worker-*.js) was built; see moduleWorker in rollup.config.js.');
  process.exit(1);
}

const budgets = [
  ...placeBudgets,
  ...localeBudgets,
  ['naloxone-finder.js (first paint)', sizes.get('naloxone-finder.js'), 60 * 1024],
  ['naloxone-finder.js + map chunk', sizes.get('naloxone-finder.js') + withImports(mapChunk), 115.5 * 1024],
  ['spatial index chunk', withImports(indexChunk), 4 * 1024],
  ['PMTiles chunk', sizes.get(`chunks/${pmtilesChunk}`), 10 * 1024],
  ['feed worker, a large JSON feed (worker + JSON scanner)', workerSize + workerPart('json-scan'), 26.75 * 1024],
  ['feed worker, a large CSV feed (worker + CSV reader + papaparse)', workerSize + workerPart('csv') + workerPart('papaparse.min'), 34.5 * 1024],
  ['cluster worker', withImports(clusterWorker), 8 * 1024],
];
for (const [file, size] of sizes) console.log(`${String(size).padStart(7)} B gzip  dist/${file}`);
let failed = false;
for (const [label, size, budget] of budgets) {
  const ok = size <= budget;
  failed ||= !ok;
  console.log(`${ok ? 'ok  ' : 'OVER'} ${label}: ${size} B gzip, budget ${budget} B (${budget - size} to spare)`);
}
if (failed) {
  console.error('Size budget exceeded.');
  process.exit(1);
}
