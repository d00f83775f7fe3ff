import { expect } from '@open-wc/testing';
import { distanceKm, formatDistance, rankServices } from '../../src/geo/distance.js';
import { fictionalService } from '../helpers/services.js';

describe('distanceKm', () => {
  it('matches known great-circle distances', () => {
    // Paris (Notre-Dame) to London (Charing Cross): 343.5 km by haversine.
    expect(distanceKm({ lat: 48.8566, lng: 2.3522 }, { lat: 51.5074, lng: -0.1278 })).to.be.closeTo(343.5, 0.6);
    // One degree of longitude on the equator: 111.195 km on a 6371.0088 km sphere.
    expect(distanceKm({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).to.be.closeTo(111.195, 0.001);
    // Across the antimeridian is short, not half the world.
    expect(distanceKm({ lat: 0, lng: 179.5 }, { lat: 0, lng: -179.5 })).to.be.closeTo(111.195, 0.001);
    expect(distanceKm({ lat: 49.2827, lng: -123.1207 }, { lat: 49.2827, lng: -123.1207 })).to.equal(0);
  });
});

describe('formatDistance', () => {
  it('writes one decimal under 10 and whole numbers above, in the chosen unit', () => {
    expect(formatDistance(1.234, 'km', 'en')).to.equal('1.2 km');
    expect(formatDistance(0.05, 'km', 'en')).to.equal('0.1 km');
    expect(formatDistance(1.2875, 'mi', 'en')).to.equal('0.8 mi');
    expect(formatDistance(15.6, 'km', 'en')).to.equal('16 km');
    expect(formatDistance(1609.344, 'mi', 'en')).to.equal('1,000 mi');
  });
});

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
