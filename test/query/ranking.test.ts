import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../helpers/property-seed.js';
import { distanceKm, isLocated } from '../../src/geo/distance.js';
import { rankSelection, roundDistanceKm, selectServices, runQuery } from '../../src/query/query.js';
import { adoptIndex, indexFor, ServiceIndex } from '../../src/query/spatial-index.js';
import type { LatLng, RankedService, Service, ServiceType } from '../../src/types.js';

/**
 * The spatial index ranks only what is asked for. These check it against the plainest
 * possible ranking: every record measured and sorted, closed after open, ties in feed order,
 * then those without a position, with the radius applied to the sorted list.
 */
function bruteForce(services: Service[], origin: LatLng | null, radiusKm: number | null, types: ServiceType[] | null) {
  const rows = services.map((service, row) => ({ service, row })).filter(({ service }) => !types || service.types.some((t) => types.includes(t)));
  const inPerson = rows.filter(({ service }) => !service.types.includes('mail-based'));
  const located = inPerson
    .filter(({ service }) => isLocated(service))
    .map(({ service, row }) => ({
      service,
      row,
      km: origin ? distanceKm(origin, service as LatLng) : 0,
      closed: service.status === 'temporarily-closed' ? 1 : 0,
    }));
  located.sort((a, b) => a.closed - b.closed || a.km - b.km || a.row - b.row);
  const unlocated = inPerson.filter(({ service }) => !isLocated(service)).map(({ service }) => service.id);
  const within = radiusKm === null || !origin ? located : located.filter((l) => l.km <= radiusKm);
  const matches = [...located.map((l) => l.service.id), ...unlocated];
  const beyond = within.length === 0 && located.length > 0;
  const listed = beyond || within === located ? matches : [...within.map((l) => l.service.id), ...unlocated];
  return { matches, listed, withinRadius: within.length, beyond, km: new Map(located.map((l) => [l.service.id, l.km])) };
}

const ids = (results: RankedService[]) => results.map((r) => r.service.id);

/** Places that make trouble: shared points (ties), both sides of the antimeridian, near the poles. */
const lat = fc.oneof(fc.constantFrom(0, 0.01, 45, -45, 89.99, -89.99), fc.double({ min: -90, max: 90, noNaN: true }));
const lng = fc.oneof(fc.constantFrom(0, 0.01, 179.99, -179.99, 180, -180), fc.double({ min: -180, max: 180, noNaN: true }));
const record = fc.record({
  located: fc.boolean(),
  lat,
  lng,
  closed: fc.boolean(),
  types: fc.subarray(['naloxone', 'syringe-services', 'mail-based'] as ServiceType[], { minLength: 1 }),
});
const feed = fc.array(record, { maxLength: 120, size: 'medium' }).map((records) =>
  records.map((r, i): Service => ({
    id: `s${i}`,
    name: `Example Service ${i} (fictional)`,
    types: r.types,
    ...(r.located ? { lat: r.lat, lng: r.lng } : {}),
    ...(r.closed ? { status: 'temporarily-closed' as const } : {}),
  })),
);
/**
 * Some feeds repeat a few points many times: ties everywhere, more than one request to the index
 * holds, as in a city of pharmacies at one mall.
 */
const crowded = fc
  .array(fc.tuple(fc.constantFrom([49.28, -123.12], [49.2801, -123.12], [0, 179.999], [0, -179.999]), fc.boolean()), { maxLength: 200, size: 'max' })
  .map((points) =>
    points.map(([[pLat, pLng], closed], i): Service => ({
      id: `c${i}`,
      name: `Example Service ${i} (fictional)`,
      types: ['naloxone'],
      lat: pLat,
      lng: pLng,
      ...(closed ? { status: 'temporarily-closed' as const } : {}),
    })),
  );
const origin = fc.option(fc.record({ lat, lng }), { nil: null });
const radius = fc.option(fc.constantFrom(0.001, 1, 50, 500, 5000, 20000), { nil: null });

describe('ranking with the spatial index', () => {
  it('gives every page exactly what measuring and sorting every record gives', () => {
    fc.assert(
      fc.property(
        fc.oneof(feed, crowded),
        origin,
        radius,
        fc.option(fc.constant(['naloxone'] as ServiceType[]), { nil: null }),
        fc.integer({ min: 1, max: 30 }),
        (services, from, km, types, page) => {
          const expected = bruteForce(services, from, km, types);
          const selection = selectServices(services, { types });
          // Through the index, and measuring and sorting every match (without one).
          for (const ranking of [
            rankSelection(selection, { origin: from, radiusKm: km }, indexFor(services)),
            rankSelection(selection, { origin: from, radiusKm: km }),
          ]) {
            expect(ranking.withinRadius, 'within').to.equal(expected.withinRadius);
            expect(ranking.beyond, 'beyond').to.equal(expected.beyond);
            expect(ranking.listed.length, 'listed length').to.equal(expected.listed.length);
            expect(ranking.matches.length, 'matches length').to.equal(expected.matches.length);
            // Page by page, as "Show more" asks, then all at once.
            for (let shown = page; shown < ranking.listed.length + page; shown += page) {
              expect(ids(ranking.listed.slice(0, shown)), `first ${shown}`).to.deep.equal(expected.listed.slice(0, shown));
            }
            const all = ranking.matches.slice();
            expect(ids(all)).to.deep.equal(expected.matches);
            for (const r of all) if (r.distanceKm !== null) expect(r.distanceKm).to.equal(expected.km.get(r.service.id));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts services within the radius as Turf does, at every latitude, across the antimeridian and the poles', () => {
    fc.assert(
      fc.property(
        fc.record({
          lat: fc.double({ min: -89, max: 89, noNaN: true }),
          lng: fc.double({ min: -180, max: 180, noNaN: true }),
          km: fc.double({ min: 1, max: 3000, noNaN: true }),
          seed: fc.integer({ min: 1, max: 2 ** 31 - 2 }),
        }),
        ({ lat, lng, km, seed }) => {
          const from = { lat, lng };
          let state = seed;
          const random = () => ((state = (state * 16807) % 2147483647) - 1) / 2147483646;
          // Fictional services scattered up to 1.5 radii away in each direction (in degrees, wider in longitude near the poles).
          const spread = (1.5 * km) / 111;
          const services: Service[] = Array.from({ length: 400 }, (_, i) => ({
            id: `p${i}`,
            name: `Example Service ${i} (fictional)`,
            types: ['naloxone'],
            lat: Math.max(-90, Math.min(90, lat + (random() * 2 - 1) * spread)),
            lng: ((((lng + ((random() * 2 - 1) * spread) / Math.max(0.05, Math.cos((lat * Math.PI) / 180)) + 540) % 360) + 360) % 360) - 180,
          }));
          const within = services.filter((service) => distanceKm(from, service as LatLng) <= km).length;
          expect(
            indexFor(services).countWithin(from, km, () => true),
            `${km} km from ${lat}, ${lng}`,
          ).to.equal(within);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts services at the very edge of the radius as Turf measures them', () => {
    // Points a hair inside and outside 50 km, 5 km and 19,000 km (near the far side of the
    // Earth), on eight bearings from three origins: the count decides between Turf's distance
    // and the quick one for those near the edge.
    const rad = Math.PI / 180;
    const R = 6371.0088;
    const toward = (from: LatLng, km: number, bearing: number): LatLng => {
      const d = km / R;
      const lat1 = from.lat * rad;
      const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(bearing * rad));
      const lng2 = from.lng * rad + Math.atan2(Math.sin(bearing * rad) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
      return { lat: lat2 / rad, lng: ((((lng2 / rad + 540) % 360) + 360) % 360) - 180 };
    };
    const nudges = [-1e-4, -1e-5, -3e-6, -1e-6, -1e-7, 0, 1e-7, 1e-6, 3e-6, 1e-5, 1e-4];
    for (const from of [
      { lat: 40.71, lng: -74.01 },
      { lat: -33.87, lng: 151.21 },
      { lat: 0.5, lng: 179.9 },
    ]) {
      for (const km of [50, 5, 19_000]) {
        const services: Service[] = [];
        for (let bearing = 0; bearing < 360; bearing += 45)
          for (const nudge of nudges)
            services.push({
              id: `e${services.length}`,
              name: `Example Service ${services.length} (fictional)`,
              types: ['naloxone'],
              ...toward(from, km * (1 + nudge), bearing),
            });
        const within = services.filter((s) => distanceKm(from, s as LatLng) <= km).length;
        // Both sides of the edge are there, so a count off by one either way shows.
        expect(within, 'some inside').to.be.greaterThan(8 * 4);
        expect(within, 'some outside').to.be.lessThan(8 * 7);
        expect(
          indexFor(services).countWithin(from, km, () => true),
          `${km} km from ${from.lat}, ${from.lng}`,
        ).to.equal(within);
      }
    }
  });

  it('rounds distances only after ranking, as runQuery does', () => {
    const services: Service[] = [1.04, 1.02, 12.7].map((km, i) => ({
      id: `r${i}`,
      name: `Example Service ${i} (fictional)`,
      types: ['naloxone'],
      lat: km / 111.195,
      lng: 0,
    }));
    const ranking = rankSelection(selectServices(services), { origin: { lat: 0, lng: 0 }, roundTo: 'km' }, indexFor(services));
    expect(ids(ranking.matches.slice(0, 3))).to.deep.equal(['r1', 'r0', 'r2']);
    expect(ranking.matches.slice(0, 3).map((r) => r.distanceKm)).to.deep.equal(
      ranking.matches.slice(0, 3).map((r) => roundDistanceKm(distanceKm({ lat: 0, lng: 0 }, r.service as LatLng), 'km')),
    );
    expect(runQuery(services, { origin: { lat: 0, lng: 0 }, roundTo: 'km' }).matches).to.deep.equal(ranking.matches.slice());
  });

  it('builds the index once per feed, and uses one handed over from elsewhere', () => {
    const services: Service[] = Array.from({ length: 50 }, (_, i) => ({
      id: `i${i}`,
      name: `Example Service ${i} (fictional)`,
      types: ['naloxone'],
      lat: i / 10,
      lng: -i / 10,
    }));
    expect(indexFor(services)).to.equal(indexFor(services));
    const copy = services.slice();
    // Index data as a worker would send it: the buffers, rebuilt here without sorting again.
    adoptIndex(copy, ServiceIndex.build(services).data);
    const from = { lat: 2, lng: -2 };
    expect(indexFor(copy)).to.not.equal(indexFor(services));
    expect(ids(rankSelection(selectServices(copy), { origin: from }, indexFor(copy)).matches.slice(0, 5))).to.deep.equal(
      ids(rankSelection(selectServices(services), { origin: from }).matches.slice(0, 5)),
    );
  });

  it('ranks an empty feed and one where nothing has a position', () => {
    expect(rankSelection(selectServices([]), { origin: { lat: 0, lng: 0 }, radiusKm: 50 }, indexFor([])).listed.slice()).to.deep.equal([]);
    const nowhere: Service[] = [{ id: 'n', name: 'Example Van (fictional)', types: ['naloxone'] }];
    const ranking = rankSelection(selectServices(nowhere), { origin: { lat: 0, lng: 0 }, radiusKm: 50 }, indexFor(nowhere));
    expect(ids(ranking.listed.slice())).to.deep.equal(['n']);
    expect(ranking.beyond).to.equal(false);
  });
});
