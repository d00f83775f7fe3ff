import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../helpers/property-seed.js';
import { clockFromParts, parseClockTime, parseDayList } from '../../src/hours/clock.js';
import { readHours, readHoursText, resolveRange } from '../../src/hours/read-hours.js';
import type { HoursRule } from '../../src/types.js';

const WEEK = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr'];
const rule = (days: string[], opens: string, closes: string) => ({ days, opens, closes }) as HoursRule;
const pad = (n: number) => String(n).padStart(2, '0');

describe('readHoursText', () => {
  const cases: [string, HoursRule[]][] = [
    ['9am-5pm', [rule(WEEK, '09:00', '17:00')]],
    ['9:00 AM – 5:00 PM', [rule(WEEK, '09:00', '17:00')]],
    ['9:00 AM — 5:00 PM', [rule(WEEK, '09:00', '17:00')]],
    ['9:00 AM to 5:00 PM', [rule(WEEK, '09:00', '17:00')]],
    ['09:00-17:00', [rule(WEEK, '09:00', '17:00')]],
    ['0900-1700', [rule(WEEK, '09:00', '17:00')]],
    ['Mon-Fri 9am-5pm', [rule(WEEKDAYS, '09:00', '17:00')]],
    ['Mon-Fri: 9 a.m. - 5 p.m.', [rule(WEEKDAYS, '09:00', '17:00')]],
    ['9am-5pm Mon-Fri', [rule(WEEKDAYS, '09:00', '17:00')]],
    ['Monday to Friday 9-5', [rule(WEEKDAYS, '09:00', '17:00')]],
    ['Weekdays 8:30am-4:30pm', [rule(WEEKDAYS, '08:30', '16:30')]],
    ['Mon, Wed, Fri 10:00-14:00', [rule(['mo', 'we', 'fr'], '10:00', '14:00')]],
    ['Tues & Thurs 10am - noon', [rule(['tu', 'th'], '10:00', '12:00')]],
    ['Sat 10-2', [rule(['sa'], '10:00', '14:00')]],
    ['Sun 12-12', [rule(['su'], '12:00', '24:00')]],
    ['9-5pm', [rule(WEEK, '09:00', '17:00')]],
    ['10pm-2', [rule(WEEK, '22:00', '02:00')]],
    ['22:00-06:00', [rule(WEEK, '22:00', '06:00')]],
    ['8pm-midnight', [rule(WEEK, '20:00', '24:00')]],
    ['9-12, 13-17', [rule(WEEK, '09:00', '12:00'), rule(WEEK, '13:00', '17:00')]],
    ['Mon-Fri 24 hours', [rule(WEEKDAYS, '00:00', '24:00')]],
    ['Mon-Fri 9am-5pm; Sat 10am-2pm; Sun closed', [rule(WEEKDAYS, '09:00', '17:00'), rule(['sa'], '10:00', '14:00')]],
    ['Mon-Fri 9am-5pm, Sat 10-2', [rule(WEEKDAYS, '09:00', '17:00'), rule(['sa'], '10:00', '14:00')]],
    ['Daily 9-5, closed Sunday', [rule(['mo', 'tu', 'we', 'th', 'fr', 'sa'], '09:00', '17:00')]],
    ['closed Sun, Mon-Fri 9-5', [rule(WEEKDAYS, '09:00', '17:00')]],
    ['Fri-Mon 20:00-02:00', [rule(['mo', 'fr', 'sa', 'su'], '20:00', '02:00')]],
    ['mo-fr 09:00-17:00\nsa 10:00-14:00', [rule(WEEKDAYS, '09:00', '17:00'), rule(['sa'], '10:00', '14:00')]],
    // Single letters that name one day; times before the days of their own part.
    ['M-F 9-5', [rule(WEEKDAYS, '09:00', '17:00')]],
    ['M, W, F 9a-5p', [rule(['mo', 'we', 'fr'], '09:00', '17:00')]],
    ['R 1pm-4pm', [rule(['th'], '13:00', '16:00')]],
    ['9am-5pm M-F; Sat 10am-2pm', [rule(WEEKDAYS, '09:00', '17:00'), rule(['sa'], '10:00', '14:00')]],
    // French and Spanish, as partners in Quebec or Puerto Rico write them.
    ['lun-ven 9h-17h', [rule(WEEKDAYS, '09:00', '17:00')]],
    ['Du lundi au vendredi de 9 h à 17 h; samedi 10 h à 14 h', [rule(WEEKDAYS, '09:00', '17:00'), rule(['sa'], '10:00', '14:00')]],
    ['Lunes a viernes 8:00 a.m. - 4:00 p.m.', [rule(WEEKDAYS, '08:00', '16:00')]],
    ['mié, sáb 10:00-14:00', [rule(['we', 'sa'], '10:00', '14:00')]],
  ];
  for (const [text, hours] of cases) {
    it(`reads ${JSON.stringify(text)}`, () => {
      expect(readHoursText(text)).to.deep.equal({ hours, warnings: [] });
    });
  }

  it('reads round-the-clock hours as open24h', () => {
    for (const text of ['24/7', '24 hours', 'Open 24 hours', 'open 24 hours, 7 days a week', 'Daily 00:00-24:00', 'Every day 12am-12am']) {
      expect(readHoursText(text), text).to.deep.equal({ open24h: true, warnings: [] });
    }
  });

  it('reads "closed Sunday" alone as no opening hours, without a warning', () => {
    expect(readHoursText('closed Sunday')).to.deep.equal({ warnings: [] });
  });

  it('leaves out only the part it cannot read, says which and why, and keeps it as written for visitors', () => {
    expect(readHoursText('Mon-Fri 9-5 (closed holidays)')).to.deep.equal({
      hours: [rule(WEEKDAYS, '09:00', '17:00')],
      warnings: ['could not read "closed holidays": "holidays" is not a day or a time; that part was left out'],
      note: 'closed holidays',
    });
  });

  it('keeps the hours and makes a note of the words after them, in brackets or after a comma, when no days or times follow', () => {
    for (const [text, note] of [
      ['Mon-Fri 9am-5pm (call ahead)', 'call ahead'],
      ['Mon-Fri 9-5 (walk-in)', 'walk-in'],
      ['Mon-Fri 9am-5pm, call first', 'call first'],
      ['9am-5pm Mon-Fri walk-in only', 'walk-in only'],
    ]) {
      expect(readHoursText(text), text).to.deep.equal({
        hours: [rule(WEEKDAYS, '09:00', '17:00')],
        warnings: [`could not read "${note}": "${note.split(/[^a-z]/)[0]}" is not a day or a time; that part was left out`],
        note,
      });
    }
    // Days or times after the words: the part is not read, and the brackets are quoted whole.
    expect(readHoursText('Mon-Fri 9-5, Sat (by appointment)')).to.deep.equal({
      warnings: ['could not read "Sat (by appointment)": "by" is not a day or a time; the hours are shown as written'],
      note: 'Mon-Fri 9-5, Sat (by appointment)',
    });
    expect(readHoursText('Mon-Fri 9-5 call Sat 10-2').note).to.equal('Mon-Fri 9-5 call Sat 10-2');
  });

  it('keeps no rules when a part left out names days: Saturday would read as closed, not by appointment', () => {
    expect(readHoursText('Mon-Fri 9-5, Sat by appointment')).to.deep.equal({
      warnings: ['could not read "Sat by appointment": "by" is not a day or a time; the hours are shown as written'],
      note: 'Mon-Fri 9-5, Sat by appointment',
    });
  });

  it('gives times with no days of their own the days before them, or every day when none came before', () => {
    expect(readHoursText('Mon-Fri 9am-12pm; 1pm-5pm')).to.deep.equal({
      hours: [rule(WEEKDAYS, '09:00', '12:00'), rule(WEEKDAYS, '13:00', '17:00')],
      warnings: [],
    });
    expect(readHoursText('lun-ven 9h-12h; 14h-18h').hours).to.deep.equal([rule(WEEKDAYS, '09:00', '12:00'), rule(WEEKDAYS, '14:00', '18:00')]);
    expect(readHoursText('9-12; Sat 10-2').hours).to.deep.equal([rule([...WEEKDAYS, 'su'], '09:00', '12:00'), rule(['sa'], '10:00', '14:00')]);
  });

  it('reads a day written again with overlapping times as an exception, and times apart as one more period', () => {
    expect(readHoursText('Mon-Fri 9am-5pm; Wed 9am-12pm').hours).to.deep.equal([
      rule(['mo', 'tu', 'th', 'fr'], '09:00', '17:00'),
      rule(['we'], '09:00', '12:00'),
    ]);
    expect(readHoursText('Daily 10pm-2am; Sat 11pm-4am').hours).to.deep.equal([
      rule(['mo', 'tu', 'we', 'th', 'fr', 'su'], '22:00', '02:00'),
      rule(['sa'], '23:00', '04:00'),
    ]);
    expect(readHoursText('Mon-Fri 9-12; Mon-Fri 1pm-5pm').hours).to.deep.equal([rule(WEEKDAYS, '09:00', '12:00'), rule(WEEKDAYS, '13:00', '17:00')]);
  });

  it('does not guess a range that could be night or day', () => {
    expect(readHoursText('Mon-Fri 1-5')).to.deep.equal({
      warnings: [
        'could not read "Mon-Fri 1-5": "1-5" could be day or night hours: write am/pm ("1pm") or 24-hour times ("13:00"); the hours are shown as written',
      ],
      note: 'Mon-Fri 1-5',
    });
    expect(readHoursText('Mon-Fri 1pm-5pm').hours).to.deep.equal([rule(WEEKDAYS, '13:00', '17:00')]);
  });

  it('keeps no rules when a part left out held times, or days without them: the rest would say "closed" when it may be open', () => {
    expect(readHoursText('Mon-Fri 9-5; Sat 1-4')).to.deep.equal({
      warnings: ['could not read "Sat 1-4": "1-4" could be day or night hours: write am/pm ("1pm") or 24-hour times ("13:00"); the hours are shown as written'],
      note: 'Mon-Fri 9-5; Sat 1-4',
    });
    expect(readHoursText('T 9-5; Sat 10-2')).to.deep.equal({
      warnings: ['could not read "T 9-5": "t" is not a day or a time; the hours are shown as written'],
      note: 'T 9-5; Sat 10-2',
    });
    expect(readHoursText('Mon-Fri; Sat 10-2')).to.deep.equal({
      warnings: ['"Mon-Fri" names days but no opening times; the hours are shown as written'],
      note: 'Mon-Fri; Sat 10-2',
    });
  });

  it('warns about days without times, a time without an end, a lone "closed" and impossible times', () => {
    expect(readHoursText('Mon-Fri').warnings).to.deep.equal(['"Mon-Fri" names days but no opening times; the hours are shown as written']);
    expect(readHoursText('from 9am').warnings).to.deep.equal([
      'could not read "9am": "9am" is a time without an end (write a range such as "9am-5pm"); the hours are shown as written',
    ]);
    expect(readHoursText('Closed').warnings).to.deep.equal(['"Closed" names no days; if the service is closed for now, set its status instead']);
    expect(readHoursText('Mon 25:00-26:00').warnings).to.have.length(1);
    expect(readHoursText('Mon 13pm-5pm').warnings).to.have.length(1);
    expect(readHoursText('Mon 9am-9am').warnings).to.deep.equal([
      'could not read "Mon 9am-9am": "9am-9am" opens and closes at the same time; the hours are shown as written',
    ]);
  });
});

describe('parseDayList', () => {
  it('reads a list of any length in one pass: a long run of spaces does not stall it', () => {
    // It took seconds when every space looked for a dash after the run.
    expect(parseDayList(`mo${' '.repeat(200_000)}x`)).to.equal(undefined);
    expect(parseDayList('Monday  through  Friday')).to.deep.equal(['mo', 'tu', 'we', 'th', 'fr']);
    expect(parseDayList('mo - we and fr')).to.deep.equal(['mo', 'tu', 'we', 'fr']);
  });
});

describe('readHours', () => {
  it('reads native rules, with times written either way, and a list of text', () => {
    expect(
      readHours([
        { days: ['mo', 'tu'], opens: '9am', closes: '5:30 pm' },
        { days: 'sa-su', opens: '10:00', closes: '00:00' },
      ]),
    ).to.deep.equal({ hours: [rule(['mo', 'tu'], '09:00', '17:30'), rule(['sa', 'su'], '10:00', '24:00')], warnings: [] });
    expect(readHours(['Mon-Fri 9-5', 'Sat 10-2'])).to.deep.equal({ hours: [rule(WEEKDAYS, '09:00', '17:00'), rule(['sa'], '10:00', '14:00')], warnings: [] });
    expect(readHours(['24/7'])).to.deep.equal({ open24h: true, warnings: [] });
  });

  it('names each rule it leaves out', () => {
    const read = readHours([{ days: [], opens: '09:00', closes: '17:00' }, { days: ['mo'], opens: '9', closes: '9' }, 'nonsense', 3]);
    expect(read.hours).to.equal(undefined);
    expect(read.warnings).to.deep.equal([
      'rule 1 could not be read: days [] are not like ["mo", "tu"] or "mo-fr"; the hours are shown as written',
      'rule 2 could not be read: it opens and closes at 09:00; the hours are shown as written',
      'rule 3: could not read "nonsense": "nonsense" is not a day or a time; that part was left out',
      'rule 4 could not be read: expected {days, opens, closes}, got number 3; the hours are shown as written',
    ]);
    expect(read.note).to.equal('09:00–17:00; Mon 9–9; nonsense');
    expect(readHours({ opens: '09:00' }).warnings).to.deep.equal(['must be text or a list of rules, got an object']);
    expect(readHours(undefined)).to.deep.equal({ warnings: [] });
    expect(readHours('')).to.deep.equal({ warnings: [] });
  });

  it('quotes what it leaves out briefly and without bidi controls, in text and in rules', () => {
    // Spaces around a dash belong to the range: the range was quoted whole in its problem.
    const [spaced] = readHoursText(`Mon 1${' '.repeat(3000)}- 5`).warnings;
    expect(spaced.length, spaced.slice(0, 200)).to.be.below(300);
    expect(spaced).to.match(/^could not read "Mon 1 +…": "1 +…" could be day or night hours/);
    expect(
      readHours([
        { days: ['mo', '\u202Eus'], opens: '\u2066nine', closes: '17:00' },
        { days: ['mo'], opens: '9', closes: '\u2067five' },
      ]).warnings,
    ).to.deep.equal([
      'rule 1 could not be read: days ["mo", "us"] are not like ["mo", "tu"] or "mo-fr"; the hours are shown as written',
      'rule 2 could not be read: closes "five" is not a time like "17:00" or "5pm"; the hours are shown as written',
    ]);
  });

  it('reads a list of rules it has read before the same way, into a copy of its own', () => {
    // Feeds repeat a few rule lists in thousands of records: each distinct list is read once.
    const written = () => [{ days: ['mo', 'tu', 'we'], opens: '9am', closes: '5pm' }, { days: 'sa', opens: '10:00', closes: 'noon' }, 'closed on holidays'];
    const first = readHours(written());
    const again = readHours(written());
    expect(again).to.deep.equal(first);
    expect(first.warnings).to.deep.equal(['rule 3: could not read "closed on holidays": "holidays" is not a day or a time; that part was left out']);
    // No two services share a rule, a list of days or the warnings.
    first.hours![0].days.push('fr');
    first.hours![1].opens = '11:00';
    first.warnings.push('changed');
    expect(readHours(written())).to.deep.equal(again);
    expect(again.hours![0].days).to.deep.equal(['mo', 'tu', 'we']);
    // Lists that differ in any part each read as their own.
    expect(readHours([{ days: ['mo', 'tu', 'we'], opens: '9am', closes: '6pm' }]).hours).to.deep.equal([rule(['mo', 'tu', 'we'], '09:00', '18:00')]);
    expect(readHours([{ days: 'mo,tu,we', opens: '9am', closes: '5pm' }]).hours).to.deep.equal([rule(['mo', 'tu', 'we'], '09:00', '17:00')]);
    expect(readHours([{ days: ['mo'], opens: 9, closes: '5pm' }]).warnings).to.deep.equal([
      'rule 1 could not be read: opens number 9 is not a time like "09:00" or "9am"; the hours are shown as written',
    ]);
    const bad = () => [{ days: ['su'], opens: '09:00', closes: '09:00' }, ...written()];
    expect(readHours(bad())).to.deep.equal(readHours(bad()));
    expect(readHours(bad()).hours).to.equal(undefined);
  });

  it('keeps no rule when one cannot be read, and shows the list as written: the rest would say "closed" on its days', () => {
    // Tuesday's rule has a typo: without it, the service would read as closed all Tuesday.
    expect(
      readHours([
        { days: ['mo'], opens: '9am', closes: '17:00' },
        { days: ['tu'], opens: 'nine', closes: '17:00' },
        { days: 'we-fr', opens: '09:00', closes: '17:00' },
      ]),
    ).to.deep.equal({
      warnings: ['rule 2 could not be read: opens "nine" is not a time like "09:00" or "9am"; the hours are shown as written'],
      note: 'Mon 9am–17:00; Tue nine–17:00; Wed, Thu, Fri 09:00–17:00',
    });
    // Text that reads only as written counts as such a rule; text that leaves out no times does not.
    expect(readHours(['Mon-Fri 9-5', 'Sat 1-4'])).to.deep.equal({
      warnings: [
        'rule 2: could not read "Sat 1-4": "1-4" could be day or night hours: write am/pm ("1pm") or 24-hour times ("13:00"); the hours are shown as written',
      ],
      note: 'Mon-Fri 9-5; Sat 1-4',
    });
    expect(readHours(['Mon-Fri 9-5', 'Holidays vary'])).to.deep.equal({
      hours: [rule(WEEKDAYS, '09:00', '17:00')],
      warnings: ['rule 2: could not read "Holidays vary": "holidays" is not a day or a time; that part was left out'],
      note: 'Holidays vary',
    });
    // Bidi controls in a rule reach neither the note nor a warning.
    expect(readHours([{ days: ['mo', '\u202Eus'], opens: '9', closes: '17' }]).note).to.equal('mo, us 9–17');
  });

  it('reads a "__proto__" key in a rule as nothing', () => {
    const hostile = JSON.parse('{"__proto__": {"days": ["mo"]}, "opens": "09:00", "closes": "17:00"}');
    expect(readHours([hostile]).warnings).to.have.length(1);
  });
});

describe('clock reader (property-based)', () => {
  it('reads every 24-hour time, with or without its colon, to the same minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const hhmm = `${pad(h)}:${pad(m)}`;
        return parseClockTime(hhmm) === hhmm && parseClockTime(`${pad(h)}${pad(m)}`) === hhmm && parseClockTime(`${pad(h)}.${pad(m)}`) === hhmm;
      }),
    );
  });

  it('reads every 12-hour time in the ways people write am/pm', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom('am', 'AM', ' am', ' a.m.', 'a', ' A.M.'), (h, m, am) => {
        const twelve = h % 12 === 0 ? 12 : h % 12;
        const suffix = h < 12 ? am : am.replace(/a/i, (a) => (a === 'a' ? 'p' : 'P'));
        return parseClockTime(`${twelve}:${pad(m)}${suffix}`) === `${pad(h)}:${pad(m)}`;
      }),
    );
  });

  it('never reads an hour or minute out of range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), (h, m) => {
        const read = parseClockTime(`${h}:${pad(m)}`);
        const valid = m < 60 && (h < 24 || (h === 24 && m === 0));
        return valid ? read === `${pad(h)}:${pad(m)}` : read === undefined;
      }),
    );
  });

  it('reads any range written with am/pm on both ends exactly as written', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), (a, b) => {
        fc.pre(a !== b && b !== 0);
        const write = (t: number) => `${Math.floor(t / 60) % 12 || 12}:${pad(t % 60)}${t < 720 ? 'am' : 'pm'}`;
        const range = resolveRange(clockFromParts(...split(write(a)))!, clockFromParts(...split(write(b)))!, '');
        return 'opens' in range && range.opens === a && range.closes === b;
      }),
    );
  });

  it('reads a daytime range without am/pm as opening before it closes, within 12 hours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 12 }), fc.integer({ min: 1, max: 12 }), (from, to) => {
        const range = resolveRange(clockFromParts(String(from), undefined, undefined)!, clockFromParts(String(to), undefined, undefined)!, '');
        if (!('opens' in range)) return false;
        return range.opens === from * 60 && range.closes > range.opens && range.closes - range.opens <= 720;
      }),
    );
  });

  it('reads any text without throwing, and every rule it returns is well formed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const read = readHoursText(text);
        return (read.hours ?? []).every((r) => r.days.length > 0 && /^\d\d:\d\d$/.test(r.opens) && /^\d\d:\d\d$/.test(r.closes) && r.opens !== r.closes);
      }),
    );
  });
});

/** "9:30am" → the parts clockFromParts takes. */
function split(text: string): [string, string | undefined, string | undefined] {
  const match = /^(\d+):(\d+)([ap])m$/.exec(text)!;
  return [match[1], match[2], match[3]];
}
