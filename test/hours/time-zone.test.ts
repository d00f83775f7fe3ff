import { expect } from '@open-wc/testing';
import { knownTimeZone, serviceTimeZone } from '../../src/hours/time-zone.js';
import type { HoursRule } from '../../src/types.js';

const hours: HoursRule[] = [{ days: ['mo'], opens: '09:00', closes: '17:00' }];
const lookups = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('tz-lookup')).length;

describe('serviceTimeZone', () => {
  it("uses the service's own zone, then the partner default, without loading the lookup", async () => {
    expect(await serviceTimeZone({ hours, timezone: 'Asia/Kolkata', lat: 49.28, lng: -123.12 }, 'America/New_York')).to.equal('Asia/Kolkata');
    expect(await serviceTimeZone({ hours, lat: 49.28, lng: -123.12 }, 'America/New_York')).to.equal('America/New_York');
    expect(knownTimeZone({}, 'Not/AZone')).to.equal(undefined);
    expect(await serviceTimeZone({ lat: 49.28, lng: -123.12 })).to.equal(undefined);
    expect(lookups(), 'no lookup loaded yet').to.equal(0);
  });

  it('infers the zone from coordinates, loading the lookup only then', async () => {
    expect(await serviceTimeZone({ hours, lat: 49.2827, lng: -123.1207 })).to.equal('America/Vancouver');
    expect(await serviceTimeZone({ hours, lat: 48.8566, lng: 2.3522 }, 'Bad/Zone')).to.equal('Europe/Paris');
    expect(await serviceTimeZone({ hours, lat: 40.7128, lng: -74.006 })).to.equal('America/New_York');
    expect(await serviceTimeZone({ hours, lat: 22.5726, lng: 88.3639 })).to.equal('Asia/Kolkata');
    expect(lookups()).to.be.greaterThan(0);
    expect(await serviceTimeZone({ hours })).to.equal(undefined);
  });
});
