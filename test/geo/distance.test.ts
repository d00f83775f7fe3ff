import { expect } from '@open-wc/testing';
import { distanceKm, formatDistance } from '../../src/geo/distance.js';

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
