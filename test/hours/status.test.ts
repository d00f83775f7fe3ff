import { expect } from '@open-wc/testing';
import { formatHoursStatus, formatHoursTime, hoursStatus, type HoursStatus } from '../../src/hours/status.js';
import { enHours, type HoursStrings } from '../../src/i18n/hours.js';
import type { HoursRule } from '../../src/types.js';

const hours: HoursRule[] = [{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }];
const zone = 'America/New_York';
// Intl puts a narrow no-break space before "PM": compare with plain spaces.
const plain = (text: string) => text.replace(/\s/g, ' ');
const say = (now: Date, locale = 'en-US', service: { hours?: HoursRule[]; open24h?: boolean } = { hours }) => {
  const status = hoursStatus(service, zone, now);
  return status && plain(formatHoursStatus(status, { locale, timeZone: zone, now }));
};

describe('hoursStatus and formatHoursStatus', () => {
  it('open: "Open now · closes 5 PM" in en-US, 24-hour in es-ES', () => {
    const now = new Date('2026-11-04T15:00:00Z'); // Wednesday 10:00 EST
    expect(hoursStatus({ hours }, zone, now)).to.deep.equal({ state: 'open', changesAt: new Date('2026-11-04T22:00:00Z') });
    expect(say(now)).to.equal('Open now · closes 5 PM');
    expect(say(now, 'es-ES')).to.equal('Open now · closes 17:00');
  });

  it('closing within the hour: "Closes in 25 min"', () => {
    const now = new Date('2026-11-04T21:35:00Z'); // 16:35 EST
    expect(hoursStatus({ hours }, zone, now)).to.deep.equal({ state: 'open', changesAt: new Date('2026-11-04T22:00:00Z'), minutes: 25 });
    expect(say(now)).to.equal('Closes in 25 min');
  });

  it('closed until another day: "Closed · opens Mon 9 AM"', () => {
    const now = new Date('2026-11-07T17:00:00Z'); // Saturday noon
    expect(say(now)).to.equal('Closed · opens Mon 9 AM');
    expect(say(now, 'es-ES')).to.equal('Closed · opens lun 9:00');
  });

  it('closed until later today names no day; opening within the hour counts down', () => {
    expect(say(new Date('2026-11-04T12:00:00Z'))).to.equal('Closed · opens 9 AM'); // 07:00
    expect(say(new Date('2026-11-04T13:59:00Z'))).to.equal('Opens in 1 min');
  });

  it('shows minutes past the hour, and "Open 24 hours" for round-the-clock services', () => {
    const late: HoursRule[] = [{ days: ['we'], opens: '08:30', closes: '22:45' }];
    expect(say(new Date('2026-11-04T15:00:00Z'), 'en-US', { hours: late })).to.equal('Open now · closes 10:45 PM');
    expect(say(new Date('2026-11-04T15:00:00Z'), 'en-US', { open24h: true })).to.equal('Open 24 hours');
    expect(hoursStatus({ open24h: true }, undefined, new Date())).to.deep.equal({ state: 'open-24h' });
  });

  it('says nothing for a service without hours or without a time zone', () => {
    expect(hoursStatus({}, zone, new Date())).to.equal(undefined);
    expect(hoursStatus({ hours }, undefined, new Date())).to.equal(undefined);
  });

  it('takes its words from the strings object, with plural forms by Intl.PluralRules', () => {
    const strings: HoursStrings = {
      ...enHours,
      closesIn: { one: 'Ferme dans {n} minute', other: 'Ferme dans {n} minutes' },
    };
    const status: HoursStatus = { state: 'open', changesAt: new Date('2026-11-04T22:00:00Z'), minutes: 1 };
    const now = new Date('2026-11-04T21:59:00Z');
    expect(formatHoursStatus(status, { locale: 'fr-FR', timeZone: zone, now, strings })).to.equal('Ferme dans 1 minute');
    expect(formatHoursStatus({ ...status, minutes: 12 }, { locale: 'fr-FR', timeZone: zone, now, strings })).to.equal('Ferme dans 12 minutes');
  });

  it('formats week-table times in the visitor locale', () => {
    expect(plain(formatHoursTime('17:00', 'en-US'))).to.equal('5 PM');
    expect(plain(formatHoursTime('09:30', 'en-US'))).to.equal('9:30 AM');
    expect(formatHoursTime('17:00', 'es-ES')).to.equal('17:00');
    expect(plain(formatHoursTime('24:00', 'en-US'))).to.equal('12 AM');
  });
});
