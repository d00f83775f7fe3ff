import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../helpers/property-seed.js';
import { FeedFormatError, parseNativeFeed, validateService } from '../../src/feed/validate.js';
import { idAndPosition, quickId } from '../../src/feed/preview.js';
import { fieldResolver, keepsOwnPlace, type FieldMap } from '../../src/feed/field-map.js';
import type { ServiceType } from '../../src/types.js';

const good = { id: 'a', name: 'Example Pharmacy (fictional)', lat: 49.28, lng: -123.12, types: ['naloxone'] };
const reasons = (list: { reason: string }[]) => list.map((w) => w.reason);

describe('parseNativeFeed', () => {
  it('reads a version 1 feed with every field', () => {
    const feed = parseNativeFeed({
      version: 1,
      title: 'Fictional feed',
      updated: '2026-11-01',
      services: [
        {
          ...good,
          types: ['drop-in', 'naloxone'],
          address: { street: ' 1 Example St ', city: 'Exampleton', region: 'BC', postalCode: 'V0V 0V0', country: 'ca' },
          phone: '604-555-0100',
          website: 'https://example.org/',
          email: 'hello@example.org',
          description: 'Fictional record for tests.',
          hours: [
            { days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' },
            { days: ['fr', 'sa'], opens: '22:00', closes: '02:00' },
          ],
          timezone: 'America/Vancouver',
          hoursNote: 'Closed on holidays.',
          cost: 'Free',
          noIdRequired: true,
          walkIn: true,
          anonymous: false,
          appointmentRequired: false,
          languages: ['en', 'es-mx', 'fr_CA'],
          peerRun: true,
          accessibility: 'Step-free entrance.',
          lastVerified: '2026-10-30',
          status: 'temporarily-closed',
        },
      ],
    });
    expect(feed.title).to.equal('Fictional feed');
    expect(feed.updated).to.equal('2026-11-01');
    expect(feed.skipped).to.deep.equal([]);
    expect(feed.warnings).to.deep.equal([]);
    expect(feed.services[0]).to.deep.equal({
      id: 'a',
      name: 'Example Pharmacy (fictional)',
      lat: 49.28,
      lng: -123.12,
      types: ['naloxone', 'drop-in'],
      address: { street: '1 Example St', city: 'Exampleton', region: 'BC', postalCode: 'V0V 0V0', country: 'CA' },
      phone: '604-555-0100',
      website: 'https://example.org/',
      email: 'hello@example.org',
      description: 'Fictional record for tests.',
      hours: [
        { days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' },
        { days: ['fr', 'sa'], opens: '22:00', closes: '02:00' },
      ],
      timezone: 'America/Vancouver',
      hoursNote: 'Closed on holidays.',
      cost: 'free',
      noIdRequired: true,
      walkIn: true,
      anonymous: false,
      appointmentRequired: false,
      languages: ['en', 'es-MX', 'fr-CA'],
      peerRun: true,
      accessibility: 'Step-free entrance.',
      lastVerified: '2026-10-30',
      status: 'temporarily-closed',
    });
  });

  it('accepts a bare array of services', () => {
    expect(parseNativeFeed([good]).services.map((s) => s.id)).to.deep.equal(['a']);
  });

  it('skips only records that cannot be shown, with index and reason, and keeps the rest', () => {
    const feed = parseNativeFeed([
      good,
      { name: 'No id (fictional)', lat: 1, lng: 1 },
      'not a record',
      { ...good, id: 'e', name: '  ' },
      { ...good, id: 'gone', status: 'closed' },
      { ...good, id: 'f' },
    ]);
    expect(feed.services.map((s) => s.id)).to.deep.equal(['a', 'f']);
    expect(feed.skipped).to.deep.equal([
      { index: 1, reason: '"id" is missing' },
      { index: 2, reason: 'record must be an object, got "not a record"' },
      { index: 3, id: 'e', reason: '"name" must be a non-empty string, got "  "' },
      { index: 4, id: 'gone', reason: '"status" is closed, so it is not listed' },
    ]);
  });

  it('keeps records without a usable position, reported, without coordinates', () => {
    const feed = parseNativeFeed([
      { ...good, id: 'none', lat: undefined, lng: undefined },
      { ...good, id: 'text', lat: 'north' },
      { ...good, id: 'range', lat: 95, lng: 200 },
      { ...good, id: 'zero', lat: 0, lng: 0 },
    ]);
    expect(feed.services.map((s) => [s.id, s.lat, s.lng])).to.deep.equal([
      ['none', undefined, undefined],
      ['text', undefined, undefined],
      ['range', undefined, undefined],
      ['zero', undefined, undefined],
    ]);
    expect(reasons(feed.warnings)).to.deep.equal([
      'no coordinates: listed without a map position',
      '"lat" is not a number ("north"): listed without a map position',
      'coordinates 95, 200 are out of range: listed without a map position',
      'coordinates 0, 0 (a common geocoding failure): listed without a map position',
    ]);
  });

  it('reads numbers written as text and fixes coordinates only when the swap is unambiguous', () => {
    const feed = parseNativeFeed([
      { ...good, lat: ' 49.28 ', lng: '-123,12' },
      { ...good, id: 'b', lat: -123.12, lng: 49.28 },
      { ...good, id: 'c', lat: 12, lng: 49 },
    ]);
    expect(feed.services.map((s) => [s.lat, s.lng])).to.deep.equal([
      [49.28, -123.12],
      [49.28, -123.12],
      [12, 49],
    ]);
    expect(reasons(feed.warnings)).to.deep.equal(['"lat" -123.12 and "lng" 49.28 look swapped and were swapped back']);
  });

  it('restores the leading zeros of US ZIP codes, only in the US', () => {
    const feed = parseNativeFeed([
      { ...good, address: { postalCode: '2108', country: 'US' } },
      { ...good, id: 'b', address: { postalCode: 2108, country: 'United States' } },
      { ...good, id: 'c', address: { postalCode: '601-1234', country: 'US' } },
      { ...good, id: 'd', address: { postalCode: '2108', country: 'AU' } },
    ]);
    expect(feed.services.map((s) => s.address!.postalCode)).to.deep.equal(['02108', '02108', '00601-1234', '2108']);
  });

  it('reads flat address columns, lists in one cell, yes/no words and hours written as text', () => {
    const { service, warnings } = validateService(
      {
        id: 'r1',
        name: 'Example Outreach (fictional)',
        lat: '40.7',
        lng: '-74.0',
        street: '1 Example Ave',
        city: 'Exampletown ',
        region: 'NY',
        postalCode: '1001',
        country: 'US',
        types: 'Naloxone; Fentanyl test strips | SSP',
        languages: 'en, es',
        walkIn: 'Yes',
        noIdRequired: 'n',
        hours: 'mo-fr 09:00-17:00; sa 10:00-14:00; su-mo 22:00-02:00',
      },
      { requireId: false },
    );
    expect(warnings).to.deep.equal([]);
    expect(service).to.include({ walkIn: true, noIdRequired: false });
    expect(service!.types).to.deep.equal(['naloxone', 'fentanyl-test-strips', 'syringe-services']);
    expect(service!.languages).to.deep.equal(['en', 'es']);
    expect(service!.address).to.deep.equal({ street: '1 Example Ave', city: 'Exampletown', region: 'NY', postalCode: '01001', country: 'US' });
    expect(service!.hours).to.deep.equal([
      { days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' },
      { days: ['sa'], opens: '10:00', closes: '14:00' },
      { days: ['mo', 'su'], opens: '22:00', closes: '02:00' },
    ]);
  });

  it('maps partner categories through a type map, and gives default types to records with none', () => {
    const typeMap = new Map<string, ServiceType[]>([
      ['pharmacy - narcan', ['naloxone']],
      ['needle exchange', ['syringe-services', 'safer-use-supplies']],
    ]);
    const mapped = validateService({ ...good, types: ['Pharmacy - Narcan', 'Needle Exchange'] }, { typeMap });
    expect(mapped.service!.types).to.deep.equal(['naloxone', 'syringe-services', 'safer-use-supplies']);
    const defaulted = validateService({ ...good, types: undefined }, { defaultTypes: ['naloxone'] });
    expect(defaulted.service!.types).to.deep.equal(['naloxone']);
    const kept = validateService({ ...good, types: ['drop-in'] }, { defaultTypes: ['naloxone'] });
    expect(kept.service!.types).to.deep.equal(['drop-in']);
  });

  it('normalizes scheme-less websites and refuses every other scheme, keeping the record', () => {
    const sites = [
      'www.example.org',
      'example.org/path?q=1',
      'https:\\\\example.org\\a',
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://example.org',
      'not a site',
    ];
    const feed = parseNativeFeed(sites.map((website, i) => ({ ...good, id: `w${i}`, website })));
    expect(feed.services.map((s) => s.website)).to.deep.equal([
      'https://www.example.org/',
      'https://example.org/path?q=1',
      'https://example.org/a',
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(feed.warnings.map((w) => w.id)).to.deep.equal(['w3', 'w4', 'w5', 'w6']);
    expect(feed.warnings[0].reason).to.equal('"website" "javascript:alert(1)" is not an http(s) address and is not shown');
  });

  it('refuses websites with a user name or password, without repeating the password', () => {
    const sites = ['https://user:s3cret@example.org/', 'http://example.org@evil.example/', '//admin@example.org/x'];
    const feed = parseNativeFeed(sites.map((website, i) => ({ ...good, id: `c${i}`, website })));
    expect(feed.services.map((s) => s.website)).to.deep.equal([undefined, undefined, undefined]);
    expect(feed.warnings.map((w) => [w.id, w.reason])).to.deep.equal(
      ['c0', 'c1', 'c2'].map((id) => [id, '"website" has a user name or password in it (https://name:password@…) and is not shown']),
    );
    expect(JSON.stringify(feed.warnings)).not.to.include('s3cret');
  });

  it('drops the Arabic letter mark with the other direction controls', () => {
    const feed = parseNativeFeed([{ ...good, name: '\u061CExample\u061C Pharmacy', phone: '\u061C555-0100' }]);
    expect(feed.services[0].name).to.equal('Example Pharmacy');
    expect(feed.services[0].phone).to.equal('555-0100');
  });

  it('reports bad optional fields and drops only them', () => {
    const feed = parseNativeFeed([
      {
        ...good,
        types: ['naloxone', 'tacos'],
        phone: { number: 1 },
        email: 'not-an-email',
        timezone: 'Mars/Olympus',
        languages: ['en', '!!'],
        lastVerified: '2026-02-30',
        status: 'maybe',
        walkIn: 'sometimes',
        hours: [
          { days: ['mo'], opens: '9am', closes: '17:00' },
          { days: ['tu'], opens: 'nine', closes: '17:00' },
        ],
      },
    ]);
    expect(feed.services).to.have.length(1);
    // Without Tuesday's rule, the rest would call the service closed on Tuesdays: the hours are shown as written.
    expect(feed.services[0].hours).to.equal(undefined);
    expect(feed.services[0].hoursNote).to.equal('Mon 9am–17:00; Tue nine–17:00');
    expect(reasons(feed.warnings)).to.deep.equal([
      'unknown type "tacos" ignored',
      '"phone" must be text, got an object',
      '"email" "not-an-email" is not an email address and is not shown',
      '"hours" rule 2 could not be read: opens "nine" is not a time like "09:00" or "9am"; the hours are shown as written',
      '"timezone" "Mars/Olympus" is not an IANA time zone such as "America/Vancouver"',
      'language "!!" is not a language name or code that could be read (such as "Spanish", "es" or "es-MX") and was left out',
      '"lastVerified" "2026-02-30" is not a date like 2026-11-01',
      '"status" "maybe" is not active, temporarily-closed or closed',
      '"walkIn" must be true or false, got "sometimes"',
    ]);
  });

  it('drops a phone a spreadsheet rounded into scientific notation (its digits are lost), and reads open-data phone and link objects', () => {
    const feed = parseNativeFeed([
      { id: 'a', name: 'Example Pharmacy A (fictional)', types: ['naloxone'], phone: '6.17556E+09' },
      {
        id: 'b',
        name: 'Example Pharmacy B (fictional)',
        types: ['naloxone'],
        phone: { phone_number: '(617) 555-0100', phone_type: 'Main' },
        website: { url: 'https://example.org/b', description: 'Website' },
      },
    ]);
    expect(feed.services[0].phone).to.equal(undefined);
    expect(feed.services[1]).to.include({ phone: '(617) 555-0100', website: 'https://example.org/b' });
    expect(reasons(feed.warnings).filter((r) => !r.startsWith('no coordinates'))).to.deep.equal([
      '"phone" "6.17556E+09" is a number a spreadsheet wrote in scientific notation, so its digits are lost; it is not shown (format the column as text)',
    ]);
  });

  it('reads no type from a label that says the service is not offered, and says so; "no-cost" is an offer', () => {
    const feed = parseNativeFeed(
      [
        'No naloxone available',
        'Narcan - out of stock',
        'Sin naloxona',
        'Naloxone : rupture de stock',
        'No-cost naloxone kits',
        'Syringe exchange, no naloxone',
        'No wrong door treatment, Naloxone pas de rendez-vous',
      ].map((types, i) => ({ id: `s${i}`, name: `Example Site ${i} (fictional)`, lat: 1, lng: 1, types: types.split(', ') })),
    );
    // "No wrong door" and "pas de rendez-vous" (no appointment) take nothing away.
    expect(feed.services.map((s) => s.types)).to.deep.equal([[], [], [], [], ['naloxone'], ['syringe-services'], ['naloxone', 'treatment']]);
    expect(reasons(feed.warnings)).to.deep.equal([
      '"No naloxone available" says the service is not offered, so no type is read from it',
      '"Narcan - out of stock" says the service is not offered, so no type is read from it',
      '"Sin naloxona" says the service is not offered, so no type is read from it',
      '"Naloxone : rupture de stock" says the service is not offered, so no type is read from it',
      '"no naloxone" says the service is not offered, so no type is read from it',
    ]);
  });

  it('cleans text: literal \\n, control and bidi-override characters, and cuts very long text', () => {
    const { service, warnings } = validateService({
      ...good,
      name: 'Example\u202E Clinic (fictional)',
      description: `Line one\\nLine two\u0007 ${'x'.repeat(5000)}`,
    });
    expect(service!.name).to.equal('Example Clinic (fictional)');
    expect(service!.description!.startsWith('Line one\nLine two ')).to.equal(true);
    expect(service!.description!.length).to.equal(2000);
    expect(service!.description!.endsWith('…')).to.equal(true);
    expect(warnings).to.deep.equal(['"description" was longer than 2000 characters and was cut']);
  });

  it('reads the HTML a content system exports as text: tags dropped, paragraphs as lines, references as characters', () => {
    const { service } = validateService({
      ...good,
      name: 'Example Health &amp; Harm Reduction (fictional) &lt;3',
      description: '<p>Walk in <b>anytime</b> &amp; ask for a kit.</p><p>Cafe next door &#8211; 2nd floor.<br/>Ring &#x2019;bell&#8217;.</p>',
      accessibility: 'Ramp &#8238;reversed',
    });
    expect(service!.name).to.equal('Example Health & Harm Reduction (fictional) <3');
    expect(service!.description).to.equal('Walk in anytime & ask for a kit.\n\nCafe next door \u2013 2nd floor.\nRing \u2019bell\u2019.');
    expect(service!.accessibility, 'a bidi override written as a reference is dropped too').to.equal('Ramp reversed');
    // Not HTML: kept as written.
    expect(validateService({ ...good, name: 'Example <fictional> Site & Co' }).service!.name).to.equal('Example <fictional> Site & Co');
  });

  it('reports duplicate ids, keeping both under unique ids, and shows exact duplicates once', () => {
    const feed = parseNativeFeed([good, { ...good, name: 'Another Pharmacy (fictional)' }, { ...good }]);
    expect(feed.services.map((s) => s.id)).to.deep.equal(['a', 'a~2']);
    expect(reasons(feed.warnings)).to.deep.equal([
      'duplicate id "a" (also record 1): both are shown, this one as "a~2"',
      'exact duplicate of record 1: shown once',
    ]);
  });

  it('gives every service its own hours and languages, though values read once are remembered', () => {
    const record = (id: string) => ({ ...good, id, hours: 'Mon-Fri 9am-5pm', languages: 'English, Creole', timezone: 'Mars/Base' });
    const feed = parseNativeFeed([record('a'), record('b')]);
    const [a, b] = feed.services;
    expect(a.hours).to.deep.equal([{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }]);
    expect(b.hours).to.deep.equal(a.hours);
    expect(b.hours).not.to.equal(a.hours);
    expect(b.hours![0].days).not.to.equal(a.hours![0].days);
    a.hours![0].days.pop();
    expect(parseNativeFeed([record('c')]).services[0].hours![0].days).to.have.length(5);
    expect(b.languages).to.deep.equal(['en', 'ht']);
    // The second record is warned about just as the first (zone and ambiguous language).
    expect(reasons(feed.warnings.filter((w) => w.id === 'b'))).to.deep.equal(reasons(feed.warnings.filter((w) => w.id === 'a')));
    expect(feed.warnings.filter((w) => w.id === 'b')).to.have.length(2);
  });

  it('is not fooled by prototype keys', () => {
    const hostile = JSON.parse(
      '{"id":"p","name":"Proto (fictional)","lat":1,"lng":1,"__proto__":{"polluted":true,"types":["naloxone"]},"constructor":{"prototype":{"polluted":true}}}',
    );
    const feed = parseNativeFeed({ version: 1, services: [hostile], __proto__: { polluted: true } } as unknown);
    expect(feed.services[0].types).to.deep.equal([]);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    expect(Object.getPrototypeOf(feed.services[0])).to.equal(Object.prototype);
  });

  it('rejects documents that are not feeds, saying what was found', () => {
    expect(() => parseNativeFeed({ version: 2, services: [] })).to.throw(FeedFormatError, 'feed version number 2 is not supported');
    expect(() => parseNativeFeed({ version: 1 })).to.throw(FeedFormatError, 'no "services" array');
    expect(() => parseNativeFeed({ services: {} })).to.throw(FeedFormatError, '"services" must be an array, got an object');
    expect(() => parseNativeFeed('hello')).to.throw(FeedFormatError, 'got "hello"');
    expect(() => parseNativeFeed(null)).to.throw(FeedFormatError, 'got null');
  });

  it('accepts numeric ids as strings', () => {
    expect(parseNativeFeed([{ ...good, id: 7 }]).services[0].id).to.equal('7');
  });
});

describe('idAndPosition', () => {
  // What the preview ranks by (preview.ts) must be what validation keeps, record for record.
  const ids = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('a', ' a ', '', '   ', 'a\u0000b', 'x'.repeat(201), '<b>a</b>', 'a&amp;b', 'a\\nb'),
    fc.double(),
    fc.integer(),
    fc.constantFrom(null, undefined, true, [], {}),
  );
  const coordinates = fc.oneof(
    fc.double({ min: -200, max: 200 }),
    fc.constantFrom(0, -0, 90, -90, 90.000001, 180, -180, 180.5, 45, NaN, Infinity),
    fc.constantFrom('49.28', ' -123,12 ', '', 'x', null, undefined, [1, 2]),
  );
  it('gives the id and position validation keeps, whether the record is read quickly or in full', () => {
    fc.assert(
      fc.property(ids, coordinates, coordinates, (id, lat, lng) => {
        const record = { id, name: 'Example Pharmacy (fictional)', lat, lng, types: ['naloxone'] };
        const read = idAndPosition(record, 3, { requireId: true });
        const { service } = validateService(record, { requireId: true });
        // Only a bad id skips this record; then there is no id to rank by.
        expect(read.id).to.equal(service?.id);
        if (service) expect(read.position).to.deep.equal(service.lat === undefined ? undefined : { lat: service.lat, lng: service.lng });
      }),
      { numRuns: 2000 },
    );
  });

  // A preview ranks a record by its own id, lat and lng, unresolved, where the field map keeps
  // them (preview.ts, asIs), whatever other keys the record has, aliases of those included.
  const keys = fc.constantFrom(
    ...['id', 'lat', 'lng', 'ID', 'Lat', 'LNG', 'latitude', 'longitude', 'lon', 'long', 'x', 'y', 'identifier', 'uid', 'objectid'],
    ...['name', 'title', 'coordinates', 'location', 'address', 'Latitude (decimal)', 'geo.lat', 'Naloxone', 'ID required'],
  );
  const values = fc.oneof(ids, coordinates, fc.constant([-123.1, 49.2]), fc.constant({ lat: 10, lng: 20 }), fc.constantFrom('yes', 'no'));
  const maps = fc.constantFrom<FieldMap | undefined>(
    undefined,
    {},
    { defaults: { lat: 1, lng: 2, id: 'given', name: 'Given (fictional)' } },
    { records: 'items', typeMap: { Narcan: 'naloxone' } },
    { lat: 'y', lng: 'x' },
    { id: 'uid' },
    { name: 'lat' },
  );
  it("reads a record's own id and position as the field map does, where the map names no field", () => {
    let kept = 0;
    fc.assert(
      fc.property(fc.dictionary(keys, values), ids, coordinates, coordinates, fc.boolean(), maps, (rest, id, lat, lng, ownFirst, map) => {
        const record: Record<string, unknown> = ownFirst ? { id, lat, lng, ...rest } : { ...rest, id, lat, lng };
        const quick = quickId(record);
        if (!keepsOwnPlace(map) || !quick) return;
        kept++;
        const resolved = fieldResolver(map)(record);
        expect(idAndPosition(resolved, 0, { requireId: true })).to.deep.equal({ id: quick, position: { lat: record['lat'], lng: record['lng'] } });
      }),
      { numRuns: 2000 },
    );
    // The property held for records read quickly, not only for none.
    expect(kept).to.be.greaterThan(100);
  });

  it('says a field map that names a field may read another id or position', () => {
    expect(keepsOwnPlace({ lat: 'y', lng: 'x' })).to.equal(false);
    expect(keepsOwnPlace({ name: 'lat' })).to.equal(false);
    const record = { id: 'a', name: 'Example Pharmacy (fictional)', lat: 49.28, lng: -123.12, y: 45, x: -100 };
    expect(idAndPosition(fieldResolver({ lat: 'y', lng: 'x' })(record), 0, { requireId: true }).position).to.deep.equal({ lat: 45, lng: -100 });
    expect(keepsOwnPlace({ defaults: { lat: 1 } })).to.equal(true);
  });
});
