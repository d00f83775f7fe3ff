import { expect } from '@open-wc/testing';
import { formatDistance } from '../../src/geo/distance.js';
import { rankServices, roundDistanceKm, runQuery } from '../../src/query/query.js';
import { fictionalService } from '../helpers/services.js';

describe('rankServices', () => {
  const far = fictionalService('far', 9);
  const near = fictionalService('near', 1, { types: ['syringe-services'] });
  const mid = fictionalService('mid', 4, { types: ['naloxone', 'drop-in'] });

  it('sorts nearest first from the origin, with distances', () => {
    const ranked = rankServices([far, near, mid], { origin: { lat: 0, lng: 0 } });
    expect(ranked.map((r) => r.service.id)).to.deep.equal(['near', 'mid', 'far']);
    expect(ranked[0].distanceKm).to.be.closeTo(1, 1e-6);
    expect(ranked[2].distanceKm).to.be.closeTo(9, 1e-6);
  });

  it('keeps feed order without an origin, and for equal distances', () => {
    expect(rankServices([far, near, mid]).map((r) => r.service.id)).to.deep.equal(['far', 'near', 'mid']);
    expect(rankServices([far, near, mid]).every((r) => r.distanceKm === null)).to.equal(true);
    const twins = [fictionalService('a', 2), fictionalService('b', 2), fictionalService('c', 1)];
    expect(rankServices(twins, { origin: { lat: 0, lng: 0 } }).map((r) => r.service.id)).to.deep.equal(['c', 'a', 'b']);
  });

  it('lists temporarily closed services after open ones, and services without a position last', () => {
    const closed = fictionalService('closed', 0.5, { status: 'temporarily-closed' });
    const nowhere = { id: 'nowhere', name: 'Example Van (fictional)', types: ['naloxone' as const] };
    const ranked = rankServices([nowhere, far, closed, near], { origin: { lat: 0, lng: 0 } });
    expect(ranked.map((r) => [r.service.id, r.distanceKm === null])).to.deep.equal([
      ['near', false],
      ['far', false],
      ['closed', false],
      ['nowhere', true],
    ]);
  });

  it('keeps services offering any of the wanted types', () => {
    const ranked = rankServices([far, near, mid], { origin: { lat: 0, lng: 0 }, types: ['drop-in', 'syringe-services'] });
    expect(ranked.map((r) => r.service.id)).to.deep.equal(['near', 'mid']);
    expect(rankServices([far, near, mid], { types: [] })).to.have.length(3);
  });
});

describe('roundDistanceKm', () => {
  it('rounds to what the list shows, so the printed distance is unchanged', () => {
    for (const km of [0.04, 0.26, 1.025635249412211, 3.33, 9.94, 12.7, 123.456, 1609.344]) {
      for (const units of ['km', 'mi'] as const) {
        expect(formatDistance(roundDistanceKm(km, units), units, 'en'), `${km} ${units}`).to.equal(formatDistance(km, units, 'en'));
      }
    }
    expect(roundDistanceKm(1.025635249412211, 'km')).to.equal(1);
    expect(roundDistanceKm(12.7, 'km')).to.equal(13);
  });

  it('sorts by exact distance but hands on only rounded ones', () => {
    // 1.02 and 1.04 km both show as 1.0 km: the order still follows the exact distance.
    const a = fictionalService('a', 1.04);
    const b = fictionalService('b', 1.02);
    const { matches } = runQuery([a, b], { origin: { lat: 0, lng: 0 }, roundTo: 'km' });
    expect(matches.map((r) => r.service.id)).to.deep.equal(['b', 'a']);
    expect(matches.map((r) => r.distanceKm)).to.deep.equal([1, 1]);
  });
});

describe('radius and mail', () => {
  const at = (id: string, km: number, extra = {}) => fictionalService(id, km, extra);
  const nowhere = { id: 'nowhere', name: 'Example Van (fictional)', types: ['naloxone' as const] };
  const byMail = { id: 'mail', name: 'Example Mail Program (fictional)', types: ['mail-based' as const, 'naloxone' as const] };

  it('lists the matches within the radius, then those without a position; mail-based services apart', () => {
    const r = runQuery([at('far', 60), at('near', 5), nowhere, byMail, at('mid', 40)], { origin: { lat: 0, lng: 0 }, radiusKm: 50 });
    expect(r.listed.map((x) => x.service.id)).to.deep.equal(['near', 'mid', 'nowhere']);
    expect(r.matches.map((x) => x.service.id)).to.deep.equal(['near', 'mid', 'far', 'nowhere']);
    expect(r.withinRadius).to.equal(2);
    expect(r.beyond).to.equal(false);
    expect(r.mail.map((s) => s.id)).to.deep.equal(['mail']);
  });

  it('when nothing lies within the radius, lists the nearest beyond it, never nothing', () => {
    const r = runQuery([at('far', 90), at('farther', 300)], { origin: { lat: 0, lng: 0 }, radiusKm: 50 });
    expect(r.beyond).to.equal(true);
    expect(r.withinRadius).to.equal(0);
    expect(r.listed.map((x) => x.service.id)).to.deep.equal(['far', 'farther']);
  });

  it('applies no radius without an origin, or with radius null', () => {
    const services = [at('a', 90), at('b', 300)];
    expect(runQuery(services, { radiusKm: 50 }).listed).to.have.length(2);
    expect(runQuery(services, { origin: { lat: 0, lng: 0 }, radiusKm: null }).beyond).to.equal(false);
    expect(runQuery(services, { origin: { lat: 0, lng: 0 }, radiusKm: null }).listed).to.have.length(2);
  });
});
