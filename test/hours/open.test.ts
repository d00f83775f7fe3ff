import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../helpers/property-seed.js';
import { isOpenAt, nextChange, serviceRules, weekTable } from '../../src/hours/open.js';
import { instantOf, wallClock } from '../../src/hours/zone.js';
import type { HoursRule } from '../../src/types.js';

const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr'] as HoursRule['days'];
const nineToFive: HoursRule[] = [{ days: WEEKDAYS, opens: '09:00', closes: '17:00' }];
const at = (iso: string) => new Date(iso);
const iso = (date: Date | undefined) => date?.toISOString();

describe('isOpenAt and nextChange in the service time zone', () => {
  // 2026-11-04 is a Wednesday; 14:00 UTC is 09:00 in New York (EST), 15:00 in Paris (CET)
  // and 19:30 in Kolkata (IST, no daylight saving).
  const now = at('2026-11-04T14:00:00Z');

  it('New York: opens at 09:00 local, so it is open at 14:00 UTC and closes at 22:00 UTC', () => {
    expect(isOpenAt(nineToFive, 'America/New_York', now)).to.equal(true);
    const change = nextChange(nineToFive, 'America/New_York', now)!;
    expect({ ...change, changesAt: iso(change.changesAt) }).to.deep.equal({ open: true, kind: 'closes', changesAt: '2026-11-04T22:00:00.000Z' });
    expect(isOpenAt(nineToFive, 'America/New_York', at('2026-11-04T13:59:59Z')), 'one second before 09:00').to.equal(false);
  });

  it('Vancouver: 07:00 local is before opening; it opens at 09:00 PDT (16:00 UTC)', () => {
    // A summer day: time zone data differ on British Columbia's clocks from November 2026.
    const july = at('2026-07-08T14:00:00Z');
    const change = nextChange(nineToFive, 'America/Vancouver', july)!;
    expect({ ...change, changesAt: iso(change.changesAt) }).to.deep.equal({ open: false, kind: 'opens', changesAt: '2026-07-08T16:00:00.000Z' });
    expect(isOpenAt(nineToFive, 'America/Vancouver', at('2026-07-09T00:30:00Z')), 'Wednesday 17:30 PDT').to.equal(false);
  });

  it('Paris: 15:00 local is open, closes at 17:00 CET (16:00 UTC)', () => {
    expect(iso(nextChange(nineToFive, 'Europe/Paris', now)!.changesAt)).to.equal('2026-11-04T16:00:00.000Z');
    expect(isOpenAt(nineToFive, 'Europe/Paris', now)).to.equal(true);
  });

  it('Kolkata: 19:30 local is after closing; it opens Thursday at 09:00 IST (03:30 UTC)', () => {
    const change = nextChange(nineToFive, 'Asia/Kolkata', now)!;
    expect({ ...change, changesAt: iso(change.changesAt) }).to.deep.equal({ open: false, kind: 'opens', changesAt: '2026-11-05T03:30:00.000Z' });
  });

  it('a service closed today says when it next opens', () => {
    // Saturday 2026-11-07, noon in New York: next opening is Monday 09:00 EST.
    const change = nextChange(nineToFive, 'America/New_York', at('2026-11-07T17:00:00Z'))!;
    expect({ ...change, changesAt: iso(change.changesAt) }).to.deep.equal({ open: false, kind: 'opens', changesAt: '2026-11-09T14:00:00.000Z' });
    // Open only on Wednesdays, asked on a Wednesday after closing: next Wednesday, a week on.
    const weekly: HoursRule[] = [{ days: ['we'], opens: '09:00', closes: '12:00' }];
    expect(iso(nextChange(weekly, 'America/New_York', at('2026-11-04T18:00:00Z'))!.changesAt)).to.equal('2026-11-11T14:00:00.000Z');
  });

  it('hours past midnight: open Friday 22:00 until 06:00, so open early on Saturday', () => {
    const nights: HoursRule[] = [{ days: ['fr'], opens: '22:00', closes: '06:00' }];
    // Saturday 2026-11-07 02:00 in Paris (01:00 UTC).
    const saturday = at('2026-11-07T01:00:00Z');
    expect(isOpenAt(nights, 'Europe/Paris', saturday)).to.equal(true);
    expect(iso(nextChange(nights, 'Europe/Paris', saturday)!.changesAt)).to.equal('2026-11-07T05:00:00.000Z');
    // Thursday 02:00 is not the night after a Friday.
    expect(isOpenAt(nights, 'Europe/Paris', at('2026-11-05T01:00:00Z'))).to.equal(false);
    // Friday 21:00 Paris: opens at 22:00.
    expect(iso(nextChange(nights, 'Europe/Paris', at('2026-11-06T20:00:00Z'))!.changesAt)).to.equal('2026-11-06T21:00:00.000Z');
  });

  it('joins nights that run into the next day: 22:00-24:00 then 00:00-06:00 closes at 06:00', () => {
    const split: HoursRule[] = [
      { days: ['fr'], opens: '22:00', closes: '24:00' },
      { days: ['sa'], opens: '00:00', closes: '06:00' },
    ];
    const change = nextChange(split, 'Asia/Kolkata', at('2026-11-06T17:00:00Z'))!; // Fri 22:30 IST
    expect({ ...change, changesAt: iso(change.changesAt) }).to.deep.equal({ open: true, kind: 'closes', changesAt: '2026-11-07T00:30:00.000Z' });
  });

  it('24/7 is open with no change to announce', () => {
    const rules = serviceRules({ open24h: true })!;
    expect(nextChange(rules, 'America/Vancouver', now)).to.deep.equal({ open: true, kind: 'closes' });
    expect(isOpenAt(rules, 'Asia/Kolkata', now)).to.equal(true);
  });

  it('a service without hours is neither open nor closed', () => {
    expect(isOpenAt(undefined, 'America/New_York', now)).to.equal(undefined);
    expect(isOpenAt([], 'America/New_York', now)).to.equal(undefined);
    expect(nextChange(undefined, 'America/New_York', now)).to.equal(undefined);
    expect(serviceRules({})).to.equal(undefined);
  });
});

describe('daylight saving in America/New_York, 2026', () => {
  const zone = 'America/New_York';

  it('spring forward (Sunday 2026-03-08): 09:00 that day is EDT, 13:00 UTC, one hour earlier than the day before', () => {
    const daily: HoursRule[] = [{ days: ['sa', 'su'], opens: '09:00', closes: '17:00' }];
    // Sunday 06:30 UTC: 01:30 EST, before the change at 02:00 local.
    const change = nextChange(daily, zone, at('2026-03-08T06:30:00Z'))!;
    expect(iso(change.changesAt)).to.equal('2026-03-08T13:00:00.000Z');
    // Saturday's 09:00 was EST, 14:00 UTC.
    expect(iso(nextChange(daily, zone, at('2026-03-07T06:30:00Z'))!.changesAt)).to.equal('2026-03-07T14:00:00.000Z');
    expect(isOpenAt(daily, zone, at('2026-03-08T13:30:00Z')), '09:30 EDT').to.equal(true);
    expect(isOpenAt(daily, zone, at('2026-03-08T12:30:00Z')), '08:30 EDT').to.equal(false);
  });

  it('spring forward: a night that spans the missing hour lasts one hour less', () => {
    const night: HoursRule[] = [{ days: ['sa'], opens: '22:00', closes: '06:00' }];
    // Saturday 22:00 EST is 03:00 UTC; Sunday 06:00 EDT is 10:00 UTC: 7 hours, not 8.
    const change = nextChange(night, zone, at('2026-03-08T04:00:00Z'))!;
    expect({ open: change.open, closes: iso(change.changesAt) }).to.deep.equal({ open: true, closes: '2026-03-08T10:00:00.000Z' });
    // An opening time inside the missing hour (02:30) comes after the jump, at 03:30 EDT.
    expect(new Date(instantOf({ year: 2026, month: 3, day: 8 }, 150, zone)).toISOString()).to.equal('2026-03-08T07:30:00.000Z');
  });

  it('fall back (Sunday 2026-11-01): 17:00 that day is EST, 22:00 UTC; an overnight rule gains the repeated hour', () => {
    const daily: HoursRule[] = [{ days: ['su'], opens: '09:00', closes: '17:00' }];
    expect(iso(nextChange(daily, zone, at('2026-11-01T15:00:00Z'))!.changesAt), 'closes 17:00 EST').to.equal('2026-11-01T22:00:00.000Z');
    expect(iso(nextChange(daily, zone, at('2026-11-01T04:00:00Z'))!.changesAt), 'opens 09:00 EST').to.equal('2026-11-01T14:00:00.000Z');
    const night: HoursRule[] = [{ days: ['sa'], opens: '22:00', closes: '06:00' }];
    // Saturday 22:00 EDT (02:00 UTC) to Sunday 06:00 EST (11:00 UTC): 9 hours.
    const open = nextChange(night, zone, at('2026-11-01T01:00:00Z'))!;
    expect({ open: open.open, at: iso(open.changesAt) }).to.deep.equal({ open: false, at: '2026-11-01T02:00:00.000Z' });
    expect(iso(nextChange(night, zone, at('2026-11-01T06:30:00Z'))!.changesAt), 'during the repeated 01:30').to.equal('2026-11-01T11:00:00.000Z');
    // 01:30 happens twice that night; a time then means the first one (EDT).
    expect(new Date(instantOf({ year: 2026, month: 11, day: 1 }, 90, zone)).toISOString()).to.equal('2026-11-01T05:30:00.000Z');
  });
});

describe('weekTable', () => {
  it('gives the 7 days from today in the service time zone, today marked, each with its times', () => {
    const rules: HoursRule[] = [
      { days: WEEKDAYS, opens: '09:00', closes: '17:00' },
      { days: ['fr'], opens: '20:00', closes: '02:00' },
      { days: ['fr'], opens: '07:00', closes: '08:00' },
    ];
    // 2026-11-06T06:00Z: still Thursday evening in Vancouver, already Friday in Paris.
    const now = at('2026-11-06T06:00:00Z');
    const vancouver = weekTable(rules, 'America/Vancouver', now);
    expect(vancouver.map((d) => d.weekday)).to.deep.equal(['th', 'fr', 'sa', 'su', 'mo', 'tu', 'we']);
    expect(vancouver.map((d) => d.today)).to.deep.equal([true, false, false, false, false, false, false]);
    expect(vancouver[0].date).to.deep.equal({ year: 2026, month: 11, day: 5 });
    expect(vancouver[1].ranges).to.deep.equal([
      { opens: '07:00', closes: '08:00' },
      { opens: '09:00', closes: '17:00' },
      { opens: '20:00', closes: '02:00' },
    ]);
    expect(vancouver[2].ranges, 'Saturday: closed').to.deep.equal([]);
    expect(new Intl.DateTimeFormat('en-US', { weekday: 'long', timeZone: 'America/Vancouver' }).format(vancouver[0].noon)).to.equal('Thursday');
    const paris = weekTable(rules, 'Europe/Paris', now);
    expect(paris[0]).to.include({ weekday: 'fr', today: true });
  });

  it('lists the days even without hours, each with no times', () => {
    const table = weekTable(undefined, 'Asia/Kolkata', at('2026-03-08T12:00:00Z'));
    expect(table).to.have.length(7);
    expect(table.every((d) => d.ranges.length === 0)).to.equal(true);
  });
});

describe('wallClock', () => {
  // Read from the zone's offset, cached per quarter hour: the same as Intl's own reading, on
  // either side of each 2026 clock change and in zones a quarter or half hour off the hour.
  const zones = ['America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Europe/Paris', 'Pacific/Chatham', 'UTC'];
  const intl = (format: Intl.DateTimeFormat, instant: number) => {
    const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)])) as Record<
      'year' | 'month' | 'day' | 'hour' | 'minute' | 'second',
      number
    >;
    return { date: { year: parts.year, month: parts.month, day: parts.day }, minutes: parts.hour * 60 + parts.minute, seconds: parts.second };
  };

  it('agrees with Intl through 2026 and around each clock change, in seven zones', () => {
    const QUARTER = 15 * 60_000;
    const wrong: string[] = [];
    let changes = 0;
    for (const timeZone of zones) {
      const format = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
      const check = (instant: number) => {
        const expected = JSON.stringify(intl(format, instant));
        const actual = JSON.stringify(wallClock(instant, timeZone));
        if (actual !== expected) wrong.push(`${timeZone} at ${new Date(instant).toISOString()}: ${actual}, Intl ${expected}`);
      };
      const offset = (instant: number) => {
        const { date, minutes, seconds } = intl(format, instant);
        return Date.UTC(date.year, date.month - 1, date.day, 0, minutes, seconds) - instant;
      };
      // Every 4 h 7 min 13.5 s; where the offset changed since the last look, each quarter hour
      // in between is searched for the change, and the moments around it are checked.
      let last = Date.UTC(2026, 0, 1);
      for (let instant = last; instant < Date.UTC(2027, 0, 1); instant += 14_833_500) {
        check(instant);
        if (offset(instant) !== offset(last)) {
          for (let q = Math.ceil(last / QUARTER) * QUARTER; q <= instant; q += QUARTER) {
            if (offset(q) === offset(q - 1000)) continue;
            changes++;
            for (const at of [q - 60_000, q - 1, q, q + 1, q + 59_999, q + 3_600_000]) check(at);
          }
        }
        last = instant;
      }
    }
    expect(wrong).to.deep.equal([]);
    // New York, St John's, Lord Howe and Paris change twice a year; Chatham too.
    expect(changes).to.equal(10);
  });
});

describe('isOpenAt (property-based)', () => {
  // isOpenAt reads the wall clock where no clock change is near, and works out the week's
  // periods (nextChange) where one is: both must say the same at every moment.
  const zones = ['America/New_York', 'America/St_Johns', 'Australia/Lord_Howe', 'Europe/Paris', 'Pacific/Chatham', 'Asia/Kathmandu', 'UTC'];
  const time = fc.integer({ min: 0, max: 96 }).map((q) => {
    const minutes = q * 15;
    return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  });
  const ruleArb = fc
    .record({ days: fc.subarray(['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'] as HoursRule['days'], { minLength: 1 }), opens: time, closes: time })
    .filter((r) => r.opens !== '24:00' && r.opens !== r.closes);
  // Through 2026, and on purpose within hours of each zone's clock changes (2026-03-08 and
  // 2026-11-01 in North America, 2026-03-29 and 2026-10-25 in Europe, April and October in the
  // south Pacific).
  const near = [
    '2026-03-08T07:00:00Z',
    '2026-11-01T06:00:00Z',
    '2026-03-29T01:00:00Z',
    '2026-10-25T01:00:00Z',
    '2026-04-04T15:00:00Z',
    '2026-09-26T14:00:00Z',
  ].map(Date.parse);
  // Quarter hours (where rules open and close), a millisecond either side, or a minute in.
  const QUARTER = 15 * 60_000;
  const nudge = fc.constantFrom(0, -1, 1, 60_000);
  const instant = fc.oneof(
    fc.tuple(fc.integer({ min: Date.UTC(2026, 0, 1) / QUARTER, max: Date.UTC(2027, 0, 1) / QUARTER }), nudge).map(([q, by]) => q * QUARTER + by),
    fc.tuple(fc.constantFrom(...near), fc.integer({ min: -4 * 96, max: 4 * 96 }), nudge).map(([at, q, by]) => at + q * QUARTER + by),
  );

  it('says what nextChange says, for any rules, zone and moment', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 4 }), fc.constantFrom(...zones), instant, (rules, zone, at) => {
        const now = new Date(at);
        expect(isOpenAt(rules, zone, now), `${zone} at ${now.toISOString()}`).to.equal(nextChange(rules, zone, now)?.open);
      }),
      { numRuns: 3000 },
    );
  });
});
