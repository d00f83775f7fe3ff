import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../helpers/property-seed.js';
import { readHsds } from '../../src/feed/formats/hsds.js';
import { looksLikeHsds } from '../../src/feed/formats/hsds-detect.js';
import { parseClockTime, parseDayList, parseWeekday } from '../../src/hours/clock.js';
import { FeedFormatError } from '../../src/feed/validate.js';

const fixture = async (name: string): Promise<unknown> => (await fetch(new URL(`../fixtures/hsds/${name}`, import.meta.url))).json();
const byId = (records: Record<string, unknown>[]) => new Map(records.map((record) => [record['id'] as string, record]));

/** One service at one location with these schedules, as the smallest HSDS document. */
const withSchedules = (schedules: unknown[]) => [
  {
    id: 's',
    name: 'Schedule Test (fictional)',
    service_at_locations: [{ id: 'sal', location: { id: 'loc', latitude: 49, longitude: -123, schedules } }],
  },
];

describe('HSDS times', () => {
  it('reads the clock times partners write', () => {
    const cases: [string, string | undefined][] = [
      ['09:00', '09:00'],
      ['09:00:00', '09:00'],
      ['9:00am', '09:00'],
      ['9:00 pm', '21:00'],
      ['9 a.m.', '09:00'],
      ['9:30 P.M.', '21:30'],
      ['10:00', '10:00'],
      ['0900', '09:00'],
      ['12:00am', '00:00'],
      ['12:00pm', '12:00'],
      ['noon', '12:00'],
      ['24:00', '24:00'],
      ['17:00:00Z', '17:00'],
      ['09:00-05:00', '09:00'],
      ['nine', undefined],
      ['25:00', undefined],
      ['13:00pm', undefined],
      ['9:75', undefined],
      ['10-11', undefined],
      ['', undefined],
    ];
    for (const [text, expected] of cases) expect(parseClockTime(text), text).to.equal(expected);
    expect(parseClockTime(900)).to.equal(undefined);
  });

  it('reads every 24-hour and 12-hour time back to the same minute', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const hhmm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        const twelve = `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'am' : 'pm'}`;
        return parseClockTime(hhmm) === hhmm && parseClockTime(twelve) === hhmm;
      }),
    );
  });

  it('reads days as codes, names and ISO numbers', () => {
    expect(['MO', 'tu', 'Wednesday', 'Thurs', 'fri', 'Sat.', 1, '7', 0].map(parseWeekday)).to.deep.equal([
      'mo',
      'tu',
      'we',
      'th',
      'fr',
      'sa',
      'mo',
      'su',
      'su',
    ]);
    expect(parseWeekday('1SA')).to.equal(undefined);
    expect(parseWeekday('someday')).to.equal(undefined);
    expect(parseDayList('MO,TU,WE')).to.deep.equal(['mo', 'tu', 'we']);
    expect(parseDayList('Friday to Monday')).to.deep.equal(['mo', 'fr', 'sa', 'su']);
    expect(parseDayList('Mon and Wed')).to.deep.equal(['mo', 'we']);
    expect(parseDayList('1SA')).to.equal(undefined);
    expect(parseDayList('')).to.equal(undefined);
  });
});

describe('looksLikeHsds', () => {
  it('claims HSDS documents', async () => {
    expect(looksLikeHsds(await fixture('services-3.0.json'))).to.equal(true);
    expect(looksLikeHsds(await fixture('page-1-of-2.json'))).to.equal(true);
    expect(looksLikeHsds(await fixture('organization.json'))).to.equal(true);
    expect(looksLikeHsds({ id: 's', name: 'One (fictional)', service_at_locations: [] })).to.equal(true);
    expect(looksLikeHsds({ id: 'sal', service: { id: 's', name: 'x' }, location: { id: 'l' } })).to.equal(true);
  });

  it('leaves native feeds, GeoJSON and other documents alone', () => {
    const native = { id: 'a', name: 'Example Pharmacy (fictional)', lat: 49.28, lng: -123.12, types: ['naloxone'], status: 'active' };
    expect(looksLikeHsds({ version: 1, services: [native] })).to.equal(false);
    expect(looksLikeHsds([native])).to.equal(false);
    expect(looksLikeHsds({ type: 'FeatureCollection', features: [] })).to.equal(false);
    expect(looksLikeHsds([{ id: 'a', name: 'No HSDS keys (fictional)', status: 'active' }])).to.equal(false);
    expect(looksLikeHsds({ contents: [native], total_items: 1 })).to.equal(false);
    for (const value of [null, 3, 'text', [], {}]) expect(looksLikeHsds(value)).to.equal(false);
  });
});

describe('readHsds', () => {
  it('gives one record per service-at-location, named after the location when there are several', async () => {
    const out = readHsds(await fixture('services-3.0.json'));
    expect(out.native).to.equal(true);
    expect(out.records.map((r) => r['id'])).to.deep.equal([
      'svc-harbour@loc-h1',
      'svc-harbour@loc-h2',
      'svc-mail',
      'svc-northside@loc-missing',
      'svc-eastgate@loc-e1',
      'svc-pier@loc-p1',
    ]);
    expect(out.indexes).to.deep.equal([0, 0, 1, 2, 3, 4]);
    const records = byId(out.records);
    expect(records.get('svc-harbour@loc-h1')).to.deep.equal({
      id: 'svc-harbour@loc-h1',
      name: 'Harbour Street Outreach (fictional) – Harbour Street Storefront (fictional)',
      lat: '49.2800',
      lng: '-123.1000',
      types: ['naloxone', 'syringe-services'],
      website: 'https://example.org/harbour',
      email: 'harbour@example.org',
      description: 'Naloxone kits, sterile syringes and a warm place to sit.',
      cost: 'free',
      languages: ['en', 'pa', 'yue'],
      lastVerified: '2026-11-02',
      status: 'active',
      address: { street: '120 Harbour Street, Ground floor', city: 'Exampleton', region: 'BC', postalCode: 'V0V 0A1', country: 'CA' },
      phone: '604-555-0121 x5',
      accessibility: 'Step-free entrance',
      hours: [{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }],
      hoursNote: 'Closed on statutory holidays.',
    });
    const van = records.get('svc-harbour@loc-h2')!;
    expect(van['name']).to.equal('Harbour Street Outreach (fictional) – Harbour Street Van Stop (fictional)');
    expect(van['phone'], 'location phone before service phone').to.equal('604-555-0122');
    expect(van['hours'], 'past midnight').to.deep.equal([{ days: ['fr', 'sa'], opens: '20:00', closes: '02:00' }]);
    expect(records.get('svc-eastgate@loc-e1')!['name'], 'one location: the service name alone').to.equal('Eastgate Overdose Prevention Site (fictional)');
  });

  it('keeps a service without locations, and one whose location is missing, without coordinates', async () => {
    const out = readHsds(await fixture('services-3.0.json'));
    const records = byId(out.records);
    const mail = records.get('svc-mail')!;
    expect(mail).to.not.have.property('lat');
    expect(mail).to.include({ name: 'Naloxone by Post (fictional)', status: 'temporarily-closed', cost: 'free' });
    expect(mail['types']).to.deep.equal(['naloxone', 'mail-based']);
    const northside = records.get('svc-northside@loc-missing')!;
    expect(northside).to.not.have.property('lat');
    expect(northside['cost'], 'text that is not only "free" stays text').to.equal('Free for everyone; a $2 donation is welcome.');
    expect(northside['types'], '"fentanyl testing" is not testing of a person').to.deep.equal(['fentanyl-test-strips', 'drug-checking']);
    expect(out.warnings).to.deep.include({
      index: 2,
      id: 'svc-northside@loc-missing',
      reason: 'service-at-location "sal-n1" points to location "loc-missing", which is not in the feed; shown without a map position',
    });
  });

  it('quotes ids and values in its reasons without bidi controls, and briefly', () => {
    // Found by a random property run (seed 1133347939): location_id and sal ids were quoted whole.
    const long = `\u2066${'x'.repeat(3000)}`;
    const out = readHsds({
      name: 'Example Organization (fictional)',
      services: [
        {
          id: 's',
          name: 'Example (fictional)',
          service_at_locations: [{ id: '\u202Esal-1', location_id: '\u202A\u202B\u202D\u2066\u2067\u2068Example Clinic\u2069\u202C' }, { id: long }],
          schedules: [
            { id: '\u202Eweekly\u202C', freq: '\u2067MONTHLY' },
            { id: long, freq: 'DAILY' },
          ],
        },
      ],
    });
    const reasons = out.warnings.map((w) => w.reason);
    expect(reasons).to.include.members([
      'service-at-location "sal-1" points to location "Example Clinic", which is not in the feed; shown without a map position',
      `service-at-location "${'x'.repeat(40)}…" has no location; shown without a map position`,
      'schedule "weekly" has freq "MONTHLY", which weekly hours cannot show; it has no description to show instead',
      `schedule "${'x'.repeat(40)}…" repeats daily, which weekly hours cannot show; it has no description to show instead`,
    ]);
  });

  it('skips a service without a name once per location, and nothing else', async () => {
    const out = readHsds(await fixture('services-3.0.json'));
    expect(out.skipped).to.deep.equal([
      { index: 5, id: 'svc-noname', reason: 'the service has no "name"' },
      { index: 5, id: 'svc-noname', reason: 'the service has no "name"' },
    ]);
  });

  it('maps HSDS statuses', async () => {
    const records = byId(readHsds(await fixture('services-3.0.json')).records);
    expect(records.get('svc-pier@loc-p1')!['status']).to.equal('closed');
    const page = readHsds(await fixture('page-1-of-2.json'));
    expect(page.records.map((r) => r['status'])).to.deep.equal(['active', 'closed']);
    const odd = readHsds([{ id: 'x', name: 'Odd (fictional)', status: 'sometimes' }]);
    expect(odd.records[0]).to.not.have.property('status');
    expect(odd.warnings[0].reason).to.contain('"sometimes" is not an HSDS status');
  });

  it('maps taxonomy terms through the type map before the built-in names, and lists unmapped terms once', async () => {
    const doc = await fixture('services-3.0.json');
    const plain = readHsds(doc);
    expect(plain.warnings).to.deep.include({
      index: -1,
      reason: 'taxonomy terms that give no type (map them with field-map if they should): "Partner category 7", "Employment help"',
    });
    const mapped = readHsds(doc, { typeMap: { ' hr-07 ': ['drop-in', 'safer-use-supplies'], 'NEEDLE EXCHANGE': 'wound-care', EMP: 'job-board' } });
    expect(mapped.records[0]['types']).to.deep.equal(['naloxone', 'safer-use-supplies', 'drop-in', 'wound-care']);
    expect(mapped.warnings).to.deep.include({ index: -1, reason: 'the type map names types that do not exist and were ignored: "job-board"' });
    expect(mapped.warnings.some((w) => w.reason.startsWith('taxonomy terms that give no type'))).to.equal(false);
  });

  it('reads the API paged wrapper and says when pages are missing', async () => {
    const out = readHsds(await fixture('page-1-of-2.json'));
    expect(out.records.map((r) => r['id'])).to.deep.equal(['svc-p1@loc-p1', 'svc-p2@loc-p2']);
    expect(out.records[0]['website'], 'organization website when the service has none').to.equal('https://example.org/bayview');
    expect(out.warnings[0]).to.include({ index: -1 });
    expect(out.warnings[0].reason).to.contain('page 1 of 2');
  });

  it('reads an organization document, following location_id to its locations', async () => {
    const out = readHsds(await fixture('organization.json'));
    expect(out.title).to.equal('Westway Health Collective (fictional)');
    expect(out.records).to.deep.equal([
      {
        id: 'svc-w1@loc-w1',
        name: 'Westway Hepatitis C Testing (fictional)',
        lat: 51.05,
        lng: -114.07,
        types: ['testing'],
        website: 'https://example.org/westway',
        status: 'active',
        address: { street: '9 Example Crescent', city: 'Sampleton', region: 'AB', postalCode: 'T0T 0T0', country: 'CA' },
      },
    ]);
  });

  it('reads a single service and a service-at-location document', () => {
    expect(readHsds({ id: 's', name: 'Single (fictional)', service_at_locations: [] }).records).to.have.length(1);
    const sal = readHsds({ id: 'sal', service: { id: 's', name: 'Linked (fictional)' }, location: { id: 'l', latitude: 1, longitude: 2 } });
    expect(sal.records[0]).to.include({ id: 's@l', name: 'Linked (fictional)', lat: 1, lng: 2 });
  });

  describe('schedules', () => {
    it('turns a schedule that covers every day around the clock into open24h', () => {
      const [record] = readHsds(withSchedules([{ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU', opens_at: '00:00', closes_at: '24:00' }])).records;
      expect(record).to.include({ open24h: true });
      expect(record).to.not.have.property('hours');
      const weekdays = readHsds(withSchedules([{ byday: 'MO-FR', opens_at: '12:00am', closes_at: '12:00am' }])).records[0];
      expect(weekdays['hours']).to.deep.equal([{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '00:00', closes: '24:00' }]);
    });

    it('reads 1.x/2.x weekday rows and merges equal times', () => {
      const [record] = readHsds(
        withSchedules([
          { weekday: 1, opens_at: '9:00am', closes_at: '5:00 pm' },
          { weekday: 'Tuesday', opens_at: '09:00:00', closes_at: '17:00:00' },
          { weekday: '3', opens_at: '10:00', closes_at: '14:00' },
          { weekday: '3', opens_at: '15:00', closes_at: '18:00' },
        ]),
      ).records;
      expect(record['hours']).to.deep.equal([
        { days: ['mo', 'tu'], opens: '09:00', closes: '17:00' },
        { days: ['we'], opens: '10:00', closes: '14:00' },
        { days: ['we'], opens: '15:00', closes: '18:00' },
      ]);
    });

    it('keeps no weekly hours when a schedule cannot be read, and shows the schedules as written', () => {
      // Without Monday's schedule, the rest would call the service closed all Monday.
      const out = readHsds(
        withSchedules([
          { id: 'bad', byday: 'MO', opens_at: 'nine-ish', closes_at: '17:00' },
          { byday: 'TU', opens_at: '9', closes_at: '17' },
        ]),
      );
      expect(out.records).to.have.length(1);
      expect(out.records[0]).to.not.have.property('hours');
      expect(out.records[0]['hoursNote']).to.equal('Mon nine-ish–17:00; Tue 9–17');
      expect(out.warnings).to.deep.equal([
        { index: 0, id: 's@loc', reason: 'schedule "bad": could not read the time "nine-ish"; the hours are shown as written' },
      ]);
      // A schedule's description stands for it in the note.
      const described = readHsds(
        withSchedules([
          { id: '12', byday: 'MO', opens_at: '09:00', description: 'Mondays from 9 (fictional)' },
          { byday: 'TU', opens_at: '09:00', closes_at: '17:00' },
        ]),
      );
      expect(described.records[0]).to.not.have.property('hours');
      expect(described.records[0]['hoursNote'], 'each note a sentence of its own').to.equal('Mondays from 9 (fictional). Tue 09:00–17:00');
      expect(described.warnings.map((w) => w.reason)).to.deep.equal(['schedule "12" has opens_at but no closes_at; the hours are shown as written']);
    });

    it('leaves out a schedule that has ended or not begun (valid_to, until, valid_from, dtstart), with a warning', () => {
      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      const out = readHsds(
        withSchedules([
          {
            id: 'summer-2020',
            byday: 'MO,TU,WE,TH,FR',
            opens_at: '08:00',
            closes_at: '20:00',
            valid_from: '2020-06-01',
            valid_to: '2020-08-31',
            description: 'Summer hours (fictional)',
          },
          { id: 'next', byday: 'SA', opens_at: '10:00', closes_at: '14:00', dtstart: `${day(30)}T00:00:00` },
          { id: 'old', byday: 'SU', opens_at: '10:00', closes_at: '14:00', until: day(-1) },
          { id: 'now', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00', valid_from: day(-10), valid_to: day(0) },
        ]),
      );
      expect(out.records[0]['hours']).to.deep.equal([{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }]);
      expect(out.records[0], "nor is the ended schedule's description").to.not.have.property('hoursNote');
      expect(out.warnings.map((w) => w.reason)).to.deep.equal([
        'schedule "summer-2020" ended on 2020-08-31, so it is not in the hours',
        `schedule "next" begins on ${day(30)}, so it is not in the hours`,
        `schedule "old" ended on ${day(-1)}, so it is not in the hours`,
      ]);
    });

    it('keeps IANA time zones, leaves UTC offsets out with a warning, and keeps monthly schedules as notes', () => {
      const zoned = readHsds(withSchedules([{ byday: 'MO', opens_at: '09:00', closes_at: '17:00', timezone: 'America/Halifax' }])).records[0];
      expect(zoned['timezone']).to.equal('America/Halifax');
      const offset = readHsds(withSchedules([{ byday: 'MO', opens_at: '09:00', closes_at: '17:00', timezone: -5 }]));
      expect(offset.records[0]).to.not.have.property('timezone');
      expect(offset.warnings[0].reason).to.contain('UTC offset');
      const monthly = readHsds(
        withSchedules([{ id: 'm', freq: 'MONTHLY', byday: '1SA', opens_at: '10:00', closes_at: '13:00', description: 'First Saturday, 10 to 1.' }]),
      );
      expect(monthly.records[0]).to.not.have.property('hours');
      expect(monthly.records[0]['hoursNote']).to.equal('First Saturday, 10 to 1.');
      expect(monthly.warnings[0].reason).to.equal('schedule "m" repeats monthly, which weekly hours cannot show; its description is kept in the hours note');
      const fortnightly = readHsds(withSchedules([{ id: 'f', byday: 'WE', interval: 2, opens_at: '10:00', closes_at: '12:00' }]));
      expect(fortnightly.warnings[0].reason).to.equal(
        'schedule "f" repeats every 2 weeks, which weekly hours cannot show; it has no description to show instead',
      );
    });

    it('takes schedules from the service-at-location, then the location, then the service', async () => {
      const records = byId(readHsds(await fixture('services-3.0.json')).records);
      expect(records.get('svc-harbour@loc-h1')!['hours']).to.deep.equal([{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }]);
      expect(records.get('svc-eastgate@loc-e1')).to.include({ open24h: true, timezone: 'America/Vancouver' });
      const serviceLevel = readHsds([
        {
          id: 's',
          name: 'Service hours (fictional)',
          schedules: [{ byday: 'SU', opens_at: '10:00', closes_at: '12:00' }],
          service_at_locations: [{ location: { id: 'l' } }],
        },
      ]);
      expect(serviceLevel.records[0]['hours']).to.deep.equal([{ days: ['su'], opens: '10:00', closes: '12:00' }]);
    });
  });

  it('is not affected by __proto__ or constructor keys', () => {
    const doc = JSON.parse(`[{
      "__proto__": { "polluted": true, "name": "from the prototype" },
      "constructor": { "prototype": { "polluted": true } },
      "id": "h",
      "service_at_locations": [{ "__proto__": { "location": { "id": "sneaky", "latitude": 1, "longitude": 1 } } }],
      "attributes": [{ "taxonomy_term": { "name": "__proto__" } }, { "taxonomy_term": { "name": "constructor" } }]
    }, {
      "id": "h2",
      "name": "Hostile Keys (fictional)",
      "attributes": [{ "taxonomy_term": { "name": "__proto__" } }, { "taxonomy_term": { "name": "toString" } }],
      "service_at_locations": [{ "location": { "__proto__": { "latitude": 5 }, "id": "l" } }]
    }]`);
    const typeMap = JSON.parse('{ "__proto__": "naloxone", "constructor": ["drop-in"] }');
    const out = readHsds(doc, { typeMap });
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    expect(Object.prototype).to.not.have.property('polluted');
    expect(out.skipped).to.deep.equal([{ index: 0, id: 'h', reason: 'the service has no "name"' }]);
    expect(out.records).to.deep.equal([{ id: 'h2@l', name: 'Hostile Keys (fictional)', types: ['naloxone'] }]);
  });

  it('throws FeedFormatError only for top levels that are not HSDS', () => {
    for (const value of [null, 42, 'services', true, { foo: 1 }, { contents: 'nope' }]) {
      expect(() => readHsds(value), JSON.stringify(value)).to.throw(FeedFormatError);
    }
    expect(readHsds([]).records).to.deep.equal([]);
    expect(readHsds([1, null, 'x']).skipped).to.have.length(3);
  });

  it('never throws anything but FeedFormatError, whatever the JSON', () => {
    const check = (doc: unknown, typeMap?: unknown) => {
      try {
        readHsds(doc, { typeMap: typeMap as Record<string, string> });
        looksLikeHsds(doc);
      } catch (error) {
        if (!(error instanceof FeedFormatError)) throw error;
      }
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (doc, map) => check(doc, map)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (doc) => check(doc)),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.constantFrom('id', 'name', 'service_at_locations', 'schedules', 'attributes', 'status', 'contents'), fc.jsonValue())),
        (doc) => check(doc),
      ),
      {
        numRuns: 300,
      },
    );
  });

  it('accounts for every service-at-location: records + skipped', () => {
    const time = fc.oneof(fc.constantFrom('9:00am', '9:00 pm', '10:00', '0900', '12:00am', '24:00', 'later'), fc.string());
    const schedule = fc.record(
      {
        byday: fc.oneof(fc.constantFrom('MO,TU', 'SA', '1SA', ''), fc.string()),
        weekday: fc.oneof(fc.integer({ min: -1, max: 8 }), fc.string()),
        opens_at: time,
        closes_at: time,
        freq: fc.constantFrom('WEEKLY', 'MONTHLY'),
        timezone: fc.constantFrom('America/Vancouver', '-5', 3),
      },
      { requiredKeys: [] },
    );
    const location = fc.record(
      {
        id: fc.string(),
        name: fc.string(),
        latitude: fc.oneof(fc.double(), fc.string()),
        longitude: fc.oneof(fc.double(), fc.string()),
        schedules: fc.array(schedule, { maxLength: 3 }),
      },
      { requiredKeys: [] },
    );
    const sal = fc.oneof(
      fc.record({ id: fc.string(), location, location_id: fc.string(), schedules: fc.array(schedule, { maxLength: 3 }) }, { requiredKeys: [] }),
      fc.constantFrom(null, 3, 'x'),
    );
    const service = fc.oneof(
      fc.record(
        {
          id: fc.oneof(fc.string(), fc.integer()),
          name: fc.string(),
          status: fc.constantFrom('active', 'inactive', 'defunct', 'temporarily closed', 'unknown'),
          service_at_locations: fc.array(sal, { maxLength: 4 }),
          attributes: fc.array(fc.record({ taxonomy_term: fc.record({ name: fc.string(), code: fc.string() }) }), { maxLength: 3 }),
        },
        { requiredKeys: ['service_at_locations'] },
      ),
      fc.constantFrom(null, 7, 'not a service'),
    );
    const rule = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
    fc.assert(
      fc.property(fc.array(service, { maxLength: 6 }), (services) => {
        const out = readHsds(services);
        const expected = services.reduce<number>((sum, s) => sum + (typeof s === 'object' && s !== null ? Math.max(1, s.service_at_locations.length) : 1), 0);
        expect(out.records.length + out.skipped.length).to.equal(expected);
        expect(out.indexes).to.have.length(out.records.length);
        for (const record of out.records) {
          expect(record['id']).to.be.a('string');
          for (const h of (record['hours'] as { days: string[]; opens: string; closes: string }[] | undefined) ?? []) {
            expect(h.days).to.not.be.empty;
            expect(h.opens).to.match(rule);
            expect(rule.test(h.closes) || h.closes === '24:00').to.equal(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
