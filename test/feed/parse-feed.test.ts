import { expect } from '@open-wc/testing';
import { decodeFeed, detectTextFormat, FeedJsonError, FeedLimitError, FeedNoValidRecordsError, parseFeed, parseFeedData } from '../../src/feed/parse-feed.js';
import { FeedFormatError } from '../../src/feed/validate.js';
import { JSON_LIMITS } from '../../src/feed/json-errors.js';
import { fictionalService } from '../helpers/services.js';
import { readFieldMap } from '../../src/feed/field-map.js';

const utf8 = (text: string) => new TextEncoder().encode(text);
const reasons = (list: { reason: string }[]) => list.map((w) => w.reason);

describe('decodeFeed', () => {
  it('reads UTF-8 (dropping a BOM) and falls back to Windows-1252', async () => {
    expect((await decodeFeed(utf8('\uFEFFClínica'))).text).to.equal('Clínica');
    // "Clínica" saved by a spreadsheet as Windows-1252: í is the single byte 0xED.
    const cp1252 = new Uint8Array([0x43, 0x6c, 0xed, 0x6e, 0x69, 0x63, 0x61]);
    expect(await decodeFeed(cp1252)).to.deep.equal({ text: 'Clínica', encoding: 'windows-1252' });
    expect((await decodeFeed(new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).text).to.equal('A');
  });

  it('decodes megabytes in pieces: characters split between pieces stay whole, and a late non-UTF-8 byte still means Windows-1252', async () => {
    // 3-byte and 4-byte characters, offset so that some straddle each 1 MiB boundary.
    const text = `x${'Clínica – 🏥 '.repeat(200_000)}`;
    const decoded = await decodeFeed(utf8(text));
    expect(decoded.encoding).to.equal('utf-8');
    expect(decoded.text === text, 'UTF-8 text decoded whole').to.equal(true);
    const cp1252 = new Uint8Array(3 * 1024 * 1024).fill(0x61);
    cp1252[cp1252.length - 2] = 0xed; // í, only in the last piece
    const late = await decodeFeed(cp1252);
    expect(late.encoding).to.equal('windows-1252');
    expect(late.text.length).to.equal(cp1252.length);
    expect(late.text.slice(-3)).to.equal('aía');
  });
});

describe('parseFeed with blocking (as the feed worker reads)', function () {
  this.timeout(60_000);
  /** The result, or the error's class, message and detail. */
  const outcome = (input: Uint8Array | string, blocking: boolean) =>
    parseFeed(input, { blocking }).then(
      (result) => ({ result }),
      (error: Error & { detail?: string }) => ({ error: [error.name, error.message, error.detail] }),
    );
  // Over 64 kB of text: without blocking, the JSON scanner reads these; with it, JSON.parse where the limits allow.
  const services = Array.from({ length: 400 }, (_, i) =>
    fictionalService(`b-${i}`, i / 10, { description: `Quotes "inside", a backslash \\ and "${'é🏥'.repeat(i % 5)}", ending in one \\`.repeat(3) }),
  );
  const big = JSON.stringify({ version: 1, title: 'Blocking "test" \\ feed', services });
  /** The text with every character outside printable ASCII an e, and one é byte (Windows-1252) near the end. */
  const windows1252 = (text: string) => {
    const ascii = text.replace(/[^ -~]/g, 'e');
    const bytes = utf8(ascii);
    bytes[ascii.lastIndexOf('Quotes')] = 0xe9;
    return bytes;
  };
  const utf16le = (text: string) => {
    const units = new Uint16Array(text.length + 1);
    units[0] = 0xfeff;
    for (let i = 0; i < text.length; i++) units[i + 1] = text.charCodeAt(i);
    return new Uint8Array(units.buffer);
  };
  const cases: [string, Uint8Array | string][] = [
    ['a feed with escaped quotes and backslashes in its strings', utf8(big)],
    ['the same with a byte order mark', utf8(`\uFEFF${big}`)],
    ['the same as UTF-16', utf16le(big)],
    ['the same as Windows-1252 (a late é byte)', windows1252(big)],
    ['broken JSON at the very end (a comma before the last brace)', utf8(`${big.slice(0, -1)},}`)],
    ['a string left open', utf8(big.slice(0, big.lastIndexOf('"')))],
    [`nested deeper than ${JSON_LIMITS.depth}`, utf8(`{"version":1,"services":[],"x":${'['.repeat(70)}${']'.repeat(70)},"pad":"${'x'.repeat(70_000)}"}`)],
    [`more than ${JSON_LIMITS.values.toLocaleString('en-US')} values`, utf8(`{"version":1,"services":[],"x":[${'0,'.repeat(JSON_LIMITS.values)}0]}`)],
  ];
  for (const [label, input] of cases) {
    it(`${label}: the same as read in slices`, async () => {
      const sliced = await outcome(input, false);
      const blocking = await outcome(input, true);
      expect(blocking).to.deep.equal(sliced);
      const read = 'result' in sliced ? sliced.result.services.length : sliced.error;
      if (label.startsWith('a feed') || label.startsWith('the same')) expect(read, 'read').to.equal(400);
      else expect(read, 'refused').to.be.an('array');
    });
  }

  it('parses JSON the limits allow with JSON.parse itself, in one call', async () => {
    const parse = JSON.parse;
    const lengths: number[] = [];
    JSON.parse = ((text: string, reviver?: Parameters<typeof parse>[1]) => (lengths.push(text.length), parse(text, reviver))) as typeof JSON.parse;
    try {
      await parseFeed(utf8(big), { blocking: true });
    } finally {
      JSON.parse = parse;
    }
    expect(lengths).to.include(big.length);
  });
});

describe('detectTextFormat', () => {
  it('tells JSON from CSV', () => {
    expect(detectTextFormat('  {"services": []}')).to.equal('json');
    expect(detectTextFormat('[]')).to.equal('json');
    expect(detectTextFormat('name,lat,lng\nA,1,2')).to.equal('csv');
    expect(detectTextFormat('name;lat;lng')).to.equal('csv');
  });

  for (const [text, contentType, message] of [
    [
      '<!DOCTYPE html><html><body>Not found</body></html>',
      'text/html',
      'received an HTML page, not a feed (it starts "<!DOCTYPE html><html><body>Not found</bo…"). Check that the address points at the data file.',
    ],
    ['<?xml version="1.0"?><feed/>', '', 'received XML'],
    ['function init() { return 1 }', '', 'received JavaScript'],
    ['window.services = []', 'application/javascript', 'received JavaScript'],
    ['hello there', '', 'received text that is neither JSON nor CSV (it starts "hello there")'],
    ['   ', '', 'the feed is empty'],
  ]) {
    it(`says what was received: ${message.slice(0, 30)}`, () => {
      expect(() => detectTextFormat(text, contentType)).to.throw(FeedFormatError, message);
    });
  }
});

describe('parseFeed', () => {
  it('reads a native feed and says invalid JSON is invalid JSON', async () => {
    const feed = await parseFeed(utf8('{"version":1,"services":[{"id":"a","name":"A (fictional)","lat":1,"lng":2}]}'));
    expect(feed.format).to.equal('native');
    expect(feed.services.map((s) => s.id)).to.deep.equal(['a']);
    let error: unknown;
    await parseFeed('{"services": [').catch((e) => (error = e));
    expect(error).to.be.instanceOf(FeedJsonError);
    expect((error as Error).message).to.match(/^it is not valid JSON \(/);
  });

  it('throws FeedNoValidRecordsError when every record is skipped, in every format and from the services property', async () => {
    const inputs: [string, () => Promise<unknown>][] = [
      ['parseFeedData', () => parseFeedData([{ id: 'a' }, { id: 'b' }])],
      ['native text', () => parseFeed('{"version": 1, "services": [{"id": "a"}, {"id": "b"}]}')],
      ['CSV', () => parseFeed('id,lat,lng\na,1,2\nb,3,4\n')],
      ['GeoJSON', () => parseFeed('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}, {"type": "Feature", "properties": {}}]}')],
    ];
    for (const [label, parse] of inputs) {
      const error = (await parse().catch((e: unknown) => e)) as FeedNoValidRecordsError;
      expect(error, label).to.be.instanceOf(FeedNoValidRecordsError).and.to.be.instanceOf(FeedFormatError);
      expect(
        error.skipped.map((s) => s.index),
        label,
      ).to.deep.equal([0, 1]);
      expect(error.message, label).to.match(/^none of its 2 records can be shown\. Reason: "name" is missing \(2 records\)\./);
    }
    const one = (await parseFeedData([{ id: 'a', name: 'A (fictional)', status: 'closed' }]).catch((e: unknown) => e)) as Error;
    expect(one.message).to.equal('its only record cannot be shown. Reason: "status" is closed, so it is not listed (1 record).');
  });

  it('names the columns it has when none was read as "name", and reads a header with a note in brackets', async () => {
    const csv = 'Name of site,Latitude (decimal),Longitude (decimal),Phone (main)\nExample Site (fictional),49.28,-123.12,604-555-0100\n';
    const error = (await parseFeed(csv).catch((e: unknown) => e)) as FeedNoValidRecordsError;
    expect(error).to.be.instanceOf(FeedNoValidRecordsError);
    expect(error.message).to.equal(
      'its only record cannot be shown. Reason: "name" is missing (1 record). No column or key was read as "name"; the first record has ' +
        '"Name of site", "Latitude (decimal)", "Longitude (decimal)", "Phone (main)": name the one with the services\' names in the field map (for example {"name": "Name of site"}).',
    );
    const mapped = await parseFeed(csv, { fieldMap: { name: 'Name of site' } });
    expect(mapped.services.map((s) => [s.name, s.lat, s.lng, s.phone])).to.deep.equal([['Example Site (fictional)', 49.28, -123.12, '604-555-0100']]);
  });

  it('keeps a feed with no records at all as an empty feed, and returns all-skipped feeds when asked', async () => {
    expect((await parseFeedData({ version: 1, services: [] })).services).to.deep.equal([]);
    const kept = await parseFeedData([{ id: 'a' }], { allowNoValidRecords: true });
    expect(kept.services).to.deep.equal([]);
    expect(kept.skipped).to.deep.equal([{ index: 0, id: 'a', reason: '"name" is missing' }]);
  });

  it('reads a Windows-1252 CSV, reporting the encoding', async () => {
    const bytes = new Uint8Array([...utf8('name,lat,lng\r\nCl'), 0xed, ...utf8('nica Example (fictional),40.1,-75.2\r\n')]);
    const feed = await parseFeed(bytes);
    expect(feed.format).to.equal('csv');
    expect(feed.services[0].name).to.equal('Clínica Example (fictional)');
    expect(feed.warnings[0]).to.deep.equal({
      index: -1,
      reason: 'the feed is not UTF-8; it was read as Windows-1252. Save it as UTF-8 to be sure every character shows right.',
    });
  });

  it('reads a Windows-1252 CSV that Excel saved with a UTF-8 byte order mark, first header included', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('name,lat,lng\r\nCl'), 0xed, ...utf8('nica Example (fictional),40.1,-75.2\r\n')]);
    expect(await decodeFeed(bytes)).to.deep.equal({ text: 'name,lat,lng\r\nClínica Example (fictional),40.1,-75.2\r\n', encoding: 'windows-1252' });
    const feed = await parseFeed(bytes);
    expect(feed.skipped).to.deep.equal([]);
    expect(feed.services.map((s) => s.name)).to.deep.equal(['Clínica Example (fictional)']);
  });

  it("reads a CSV that starts with Excel's sep= line", async () => {
    const feed = await parseFeed(utf8('sep=|\r\nname|lat|lng\r\nExample, North (fictional)|40.1|-75.2\r\n'));
    expect(feed.format).to.equal('csv');
    expect(feed.skipped).to.deep.equal([]);
    expect(feed.services.map((s) => [s.name, s.lat, s.lng])).to.deep.equal([['Example, North (fictional)', 40.1, -75.2]]);
  });

  it('maps common CSV headers, list cells, stray spaces and US ZIPs; keeps rows without coordinates', async () => {
    const csv = [
      '\uFEFFSite Name,Latitude,Longitude,Services,Address,City,State ,ZIP,Country,Languages',
      '"Example Clinic, North (fictional)", 42.36 ,-71.06,"Naloxone; Fentanyl test strips",1 Example St,Boston,MA ,2108,US,en;es',
      '',
      'Example Van (fictional),,,naloxone,,Boston,MA,2110,US,',
    ].join('\r\n');
    const feed = await parseFeed(csv);
    expect(feed.skipped).to.deep.equal([]);
    expect(feed.services).to.deep.equal([
      {
        id: 'row-1',
        name: 'Example Clinic, North (fictional)',
        lat: 42.36,
        lng: -71.06,
        types: ['naloxone', 'fentanyl-test-strips'],
        address: { street: '1 Example St', city: 'Boston', region: 'MA', postalCode: '02108', country: 'US' },
        languages: ['en', 'es'],
      },
      { id: 'row-2', name: 'Example Van (fictional)', types: ['naloxone'], address: { city: 'Boston', region: 'MA', postalCode: '02110', country: 'US' } },
    ]);
    expect(reasons(feed.warnings)).to.deep.equal(['no coordinates: listed without a map position']);
  });

  it('reads a position written in one column, as portals export it, and never shows it as an address', async () => {
    const csv = [
      'Facility Name,Street Address,City,Services Offered,Location',
      'Example Pharmacy (fictional),100 Example St,Albany,"Naloxone, Fentanyl Test Strips",POINT (-73.7562 42.6526)',
      'Example Center (fictional),200 Example St,Albany,Syringe Services Program; Narcan,"(42.6500, -73.7600)"',
      'Example Clinic (fictional),,,Narcan,"300 Example St\nAlbany, NY 12210\n(42.66, -73.77)"',
      'Example Van (fictional),,,Narcan,"42.61,-73.71"',
      'Example Office (fictional),,,Narcan,"Unit 5, 12207"',
    ].join('\n');
    const feed = await parseFeed(csv);
    expect(feed.services.map((s) => [s.name, s.lat, s.lng, s.address?.street, s.types])).to.deep.equal([
      ['Example Pharmacy (fictional)', 42.6526, -73.7562, '100 Example St', ['naloxone', 'fentanyl-test-strips']],
      ['Example Center (fictional)', 42.65, -73.76, '200 Example St', ['naloxone', 'syringe-services']],
      // Its lines stay lines: the list shows an address with `white-space: pre-line`.
      ['Example Clinic (fictional)', 42.66, -73.77, '300 Example St\nAlbany, NY 12210', ['naloxone']],
      ['Example Van (fictional)', 42.61, -73.71, undefined, ['naloxone']],
      // Numbers in an address are not a position: only a pair with decimals is.
      ['Example Office (fictional)', undefined, undefined, 'Unit 5, 12207', ['naloxone']],
    ]);
    expect(feed.warnings.map((w) => [w.index, w.reason])).to.deep.equal([[4, 'no coordinates: listed without a map position']]);
  });

  it('reads the types that words in longer service labels name, and only those', async () => {
    const rows: [string, string[]][] = [
      ['Naloxone (Narcan); Narcan/Naloxone; Free Narcan nasal spray', ['naloxone']],
      ['Naloxone kits and fentanyl testing strips', ['naloxone', 'fentanyl-test-strips']],
      ['Syringe Exchange; Needle exchange program; Sterile syringes; Syringe Services Program (SSP)', ['syringe-services']],
      ['Harm reduction supplies; Safer smoking supplies', ['safer-use-supplies']],
      ['HIV testing; Hep C testing', ['testing']],
      ['Buprenorphine; MOUD; Methadone', ['treatment']],
      ['Overdose Prevention Center', ['overdose-prevention-site']],
      ['Xylazine test strips', ['xylazine-test-strips']],
    ];
    const csv = [
      'name,lat,lng,services',
      ...rows.map(([services], i) => `Example ${i} (fictional),49.28,-123.12,"${services}"`),
      'Example Vague (fictional),49.28,-123.12,Test strips',
    ];
    const feed = await parseFeed(csv.join('\n'));
    expect(feed.services.map((s) => s.types)).to.deep.equal([...rows.map(([, types]) => types), []]);
    // "Test strips" alone could be fentanyl or xylazine strips: reported, not guessed.
    expect(reasons(feed.warnings)).to.deep.equal(['unknown type "Test strips" ignored']);
  });

  it('reads French and Spanish headers, service words and hours', async () => {
    const csv = [
      'Nom,Latitude,Longitude,Adresse,Ville,Code postal,Téléphone,Services,Heures',
      'Exemple A (fictif),45.5,-73.6,100 rue Exemple,Montréal,H2X 1Y4,514-555-0100,Trousses de naloxone; Échange de seringues,lun-ven 9h-17h',
      'Nombre,Latitud,Longitud,Dirección,Ciudad,Código postal,Teléfono,Servicios,Horario',
    ];
    const fr = await parseFeed(csv.slice(0, 2).join('\n'));
    expect(fr.services).to.deep.equal([
      {
        id: 'row-1',
        name: 'Exemple A (fictif)',
        lat: 45.5,
        lng: -73.6,
        types: ['naloxone', 'syringe-services'],
        address: { street: '100 rue Exemple', city: 'Montréal', postalCode: 'H2X 1Y4' },
        phone: '514-555-0100',
        hours: [{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }],
      },
    ]);
    const es = await parseFeed(
      [
        csv[2],
        'Ejemplo B (ficticio),18.4,-66.1,1 Calle Ejemplo,San Juan,00901,787-555-0100,Naloxona; Tiras de prueba de fentanilo,Lunes a viernes 8:00 a.m. - 4:00 p.m.',
      ].join('\n'),
    );
    expect(es.services.map((s) => [s.name, s.lat, s.address?.city, s.types, s.hours])).to.deep.equal([
      [
        'Ejemplo B (ficticio)',
        18.4,
        'San Juan',
        ['naloxone', 'fentanyl-test-strips'],
        [{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '08:00', closes: '16:00' }],
      ],
    ]);
    expect([...fr.warnings, ...es.warnings]).to.deep.equal([]);
  });

  it('gives a row the types of the columns named for them that it marks yes, beside its types column', async () => {
    const csv = [
      'Site Name,Latitude,Longitude,NALOXONE,FTS Available,Syringe Services (Y/N),Drop-in,Services',
      'Example Pharmacy (fictional),49.28,-123.12,Yes,no,,yes,',
      'Example Outreach (fictional),49.27,-123.1,x,Y,TRUE,,Wound care',
      'Example Office (fictional),49.26,-123.11,No,N,0,,',
    ].join('\n');
    const feed = await parseFeed(csv);
    expect(feed.services.map((s) => [s.name, s.types, s.walkIn])).to.deep.equal([
      ['Example Pharmacy (fictional)', ['naloxone'], true],
      ['Example Outreach (fictional)', ['naloxone', 'fentanyl-test-strips', 'syringe-services', 'wound-care'], undefined],
      // "Drop-in" is a column of its own (walk-in), not a type; nothing marked, no type.
      ['Example Office (fictional)', [], undefined],
    ]);
    expect(feed.warnings).to.deep.equal([]);
    // Named in words or in Spanish, too; a column whose name holds two types gives neither.
    const words = await parseFeed('name,Naloxona,Fentanyl testing strips available,Naloxone and FTS\nEjemplo (ficticio),sí,x,yes\n');
    expect(words.services[0].types).to.deep.equal(['naloxone', 'fentanyl-test-strips']);
  });

  it('reads a yes with more words, a check mark or "In stock" in a column named for a type, and reports what is neither yes nor no', async () => {
    const cells = [
      'Yes (nasal spray only)',
      'Available',
      'In stock',
      '\u2713',
      '\u2714',
      'yes*',
      'Y - call first',
      'Limited',
      'Out of stock',
      'N/A',
      'Call first',
    ];
    const csv = ['name,lat,lng,Naloxone', ...cells.map((cell, i) => `Example Site ${i} (fictional),49.2${i},-123.1,"${cell}"`)].join('\n');
    const feed = await parseFeed(csv);
    expect(feed.services.map((s) => s.types.join())).to.deep.equal([...Array(8).fill('naloxone'), '', '', '']);
    expect(feed.warnings.map((w) => [w.index, w.reason])).to.deep.equal([
      [10, 'column "Naloxone" says "Call first", neither yes nor no, so it does not give the type "naloxone" (write yes or no)'],
    ]);
  });

  it('reads "Provider Name", "Site", Socrata\'s "Location 1" and "Walk-ins Accepted", and "ID Required" the other way round', async () => {
    const csv = [
      'Provider Name,Location 1,Walk-ins Accepted,ID Required,Services',
      'Example Provider (fictional),"(42.36, -71.06)",Yes,No,naloxone',
      'Example Clinic (fictional),"(42.35, -71.05)",no,Yes,naloxone',
      'Example Van (fictional),"(42.34, -71.04)",,,naloxone',
    ].join('\n');
    const feed = await parseFeed(csv);
    expect(feed.services.map((s) => [s.name, s.lat, s.walkIn, s.noIdRequired])).to.deep.equal([
      ['Example Provider (fictional)', 42.36, true, true],
      ['Example Clinic (fictional)', 42.35, false, false],
      ['Example Van (fictional)', 42.34, undefined, undefined],
    ]);
    const site = await parseFeed('Site,Latitude,Longitude\nExample Site (fictional),42.36,-71.06\n');
    expect(site.services[0]).to.include({ name: 'Example Site (fictional)' });
  });

  it('reads any address or coordinates text in one pass (a long run of spaces and brackets cannot stall it)', async () => {
    const bait = `${' '.repeat(50_000)}(${' '.repeat(50_000)}1.5, 2`;
    const feed = await parseFeed(JSON.stringify([{ id: 'a', name: 'Example (fictional)', address: bait, coordinates: bait }]));
    expect(feed.services[0].lat).to.equal(undefined);
    expect(feed.warnings.map((w) => w.reason.replace(/ +/g, ' ').slice(0, 40))).to.deep.equal([
      '"coordinates" " …" is not a position: li',
      '"address" was longer than 300 characters',
    ]);
  });

  it('reads coordinates as a GeoJSON Point or a latitude/longitude object, prefers lat and lng, and says when it cannot', async () => {
    const feed = await parseFeed(
      JSON.stringify([
        { id: 'a', name: 'Example A (fictional)', geocoded_column: { type: 'Point', coordinates: [-122.33, 47.6] } },
        { id: 'b', name: 'Example B (fictional)', location: { latitude: '47.61', longitude: '-122.34', human_address: '{"city": "Seattle"}' } },
        { id: 'c', name: 'Example C (fictional)', lat: 47.62, lng: -122.35, coordinates: 'POINT (1 2)', address: '1 Example Way (47.0, -122.0)' },
        { id: 'd', name: 'Example D (fictional)', coordinates: 'near the library' },
        { id: 'e', name: 'Example E (fictional)', coordinates: 'POINT (-200 47)' },
      ]),
    );
    expect(feed.services.map((s) => [s.id, s.lat, s.lng, s.address?.street])).to.deep.equal([
      ['a', 47.6, -122.33, undefined],
      ['b', 47.61, -122.34, undefined],
      ['c', 47.62, -122.35, '1 Example Way'],
      ['d', undefined, undefined, undefined],
      ['e', undefined, undefined, undefined],
    ]);
    expect(reasons(feed.warnings)).to.deep.equal([
      '"coordinates" "near the library" is not a position: listed without a map position',
      'coordinates 47, -200 are out of range: listed without a map position',
    ]);
    // Metres, as a GIS export in web Mercator writes them: named, not guessed back to degrees.
    const projected = await parseFeed(JSON.stringify([{ id: 'm', name: 'Example M (fictional)', lat: 4970071.58, lng: -8238310.24 }]));
    expect(projected.services[0].lat).to.equal(undefined);
    expect(reasons(projected.warnings)).to.deep.equal([
      'coordinates 4970071.58, -8238310.24 are out of range (they look like metres of a projection, such as web Mercator, EPSG:3857: export latitude and longitude in degrees, WGS84): listed without a map position',
    ]);
  });

  it("reads the address in a portal's location column, a pair with a space, and a minus sign pasted from a word processor", async () => {
    const human = JSON.stringify({ address: '1 Example St', city: 'Springfield', state: 'NY', zip: '10001' });
    const feed = await parseFeed(
      JSON.stringify([
        { id: 'a', name: 'Example A (fictional)', location: { latitude: '40.71', longitude: '-74.0', human_address: human } },
        { id: 'b', name: 'Example B (fictional)', address: '2 Example Ave', location: { latitude: '40.72', longitude: '-74.1', human_address: human } },
        { id: 'c', name: 'Example C (fictional)', location: '40.7128 -74.0060' },
        { id: 'd', name: 'Example D (fictional)', lat: '40.7128', lng: '\u221274.0060' },
        { id: 'e', name: 'Example E (fictional)', location: { latitude: '40.73', longitude: '-74.2', human_address: '{not json' } },
      ]),
    );
    expect(feed.services.map((s) => [s.id, s.lat, s.lng, s.address])).to.deep.equal([
      ['a', 40.71, -74, { street: '1 Example St', city: 'Springfield', region: 'NY', postalCode: '10001' }],
      // The partner's own column first; the location column fills in the rest.
      ['b', 40.72, -74.1, { street: '2 Example Ave', city: 'Springfield', region: 'NY', postalCode: '10001' }],
      ['c', 40.7128, -74.006, undefined],
      ['d', 40.7128, -74.006, undefined],
      ['e', 40.73, -74.2, undefined],
    ]);
  });

  it("reads a portal's JSON rows: no ids anywhere means ids by place, a location object beside an address column", async () => {
    const rows = [
      {
        facility_name: 'Example Pharmacy (fictional)',
        address: '100 Example St',
        location: { latitude: '42.6526', longitude: '-73.7562', human_address: '{"city": "Albany"}' },
      },
      { facility_name: 'Example Center (fictional)', address: '200 Example St', georeference: { type: 'Point', coordinates: [-73.76, 42.65] } },
    ];
    const feed = await parseFeed(JSON.stringify(rows));
    expect(feed.services.map((s) => [s.id, s.name, s.lat, s.lng, s.address?.street])).to.deep.equal([
      ['record-1', 'Example Pharmacy (fictional)', 42.6526, -73.7562, '100 Example St'],
      ['record-2', 'Example Center (fictional)', 42.65, -73.76, '200 Example St'],
    ]);
    expect(feed.warnings).to.deep.equal([
      {
        index: -1,
        reason: 'no record has an "id": each was given "record-N" by its place, which changes when records are added or removed before it',
      },
    ]);
    // A feed that has ids still needs one on every record: the one without is skipped, as before.
    const mixed = await parseFeed(JSON.stringify([{ id: 'a', name: 'Example A (fictional)' }, { name: 'Example B (fictional)' }]));
    expect(mixed.services.map((s) => s.id)).to.deep.equal(['a']);
    expect(reasons(mixed.skipped)).to.deep.equal(['"id" is missing']);
  });

  it("reads the one array of records an API's answer wraps its rows in, and names the arrays when there are several", async () => {
    const rows = [{ id: 'w1', name: 'Example Wrapped (fictional)', lat: 49.28, lng: -123.12, types: 'naloxone' }];
    const data = await parseFeed(JSON.stringify({ data: rows, meta: { count: 1 } }));
    expect(data.services.map((s) => s.id)).to.deep.equal(['w1']);
    expect(data.warnings).to.deep.equal([{ index: -1, reason: 'the feed has no "services" array; its records were read from "data"' }]);
    // One level down, as CKAN answers ({"result": {"records": […]}}).
    const ckan = await parseFeed(JSON.stringify({ success: true, result: { records: rows, total: 1 } }));
    expect(ckan.services.map((s) => s.id)).to.deep.equal(['w1']);
    expect(reasons(ckan.warnings)).to.deep.equal(['the feed has no "services" array; its records were read from "result.records"']);
    // CKAN's datastore_search answers with the columns beside the rows: the rows are the records.
    const fields = [{ id: 'name', type: 'text' }];
    const datastore = await parseFeed(JSON.stringify({ success: true, result: { fields, records: rows, total: 1 } }));
    expect(datastore.services.map((s) => s.id)).to.deep.equal(['w1']);
    expect(reasons(datastore.warnings)).to.deep.equal(['the feed has no "services" array; its records were read from "result.records"']);
    const several = await parseFeed(JSON.stringify({ sites: rows, staff: [{ name: 'Example Person (fictional)' }] })).catch((e: Error) => e);
    expect(several).to.be.instanceOf(FeedFormatError);
    expect((several as Error).message).to.contain(
      'the feed has no "services" array; it holds several arrays of records ("sites", "staff"): name one with the field map\'s "records" (for example {"records":"sites"}).',
    );
    const none = await parseFeed(JSON.stringify({ version: 1, title: 'Example (fictional)' })).catch((e: Error) => e);
    expect((none as Error).message).to.contain('the feed has no "services" array: name the array with the field map\'s "records"');
  });

  it('says what to ask an ArcGIS server for when it is given ArcGIS JSON', async () => {
    const esri = { geometryType: 'esriGeometryPoint', features: [{ attributes: { NAME: 'Example (fictional)' }, geometry: { x: -73.7, y: 42.6 } }] };
    const error = await parseFeed(JSON.stringify(esri)).catch((e: Error) => e);
    expect(error).to.be.instanceOf(FeedFormatError);
    expect((error as Error).message).to.equal('it is ArcGIS JSON, not GeoJSON: ask the same query for GeoJSON (f=geojson instead of f=json).');
  });

  it('reads GeoJSON Points in [lng, lat] order and reports other geometries', async () => {
    const geojson = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 7,
          geometry: { type: 'Point', coordinates: [-123.1, 49.2] },
          properties: { name: 'Example Site (fictional)', type: 'naloxone' },
        },
        { type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { id: 'poly', name: 'Example Area (fictional)' } },
        { type: 'Feature', geometry: null, properties: { name: 'Example Mobile Unit (fictional)', latitude: '49.3', longitude: '-123.2' } },
        { type: 'Nope' },
      ],
    };
    const feed = await parseFeed(JSON.stringify(geojson));
    expect(feed.format).to.equal('geojson');
    expect(feed.services.map((s) => [s.id, s.lat, s.lng, s.types])).to.deep.equal([
      ['7', 49.2, -123.1, ['naloxone']],
      ['poly', undefined, undefined, []],
      ['feature-3', 49.3, -123.2, []],
    ]);
    expect(reasons(feed.skipped)).to.deep.equal(['not a GeoJSON Feature (got "Nope")']);
    expect(reasons(feed.warnings)).to.deep.equal(['geometry "Polygon" is not a Point nor the outline of a building or block: listed without a map position']);
  });

  it('says once why a feature has no position, and nothing when its properties place it', async () => {
    const feature = (properties: object, geometry: unknown) => ({ type: 'Feature', geometry, properties: { name: 'Example Site (fictional)', ...properties } });
    const line = {
      type: 'LineString',
      coordinates: [
        [-123.1, 49.2],
        [-123.0, 49.3],
      ],
    };
    const feed = await parseFeed(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          feature({ id: 'route' }, line),
          // Aliased keys: the field map copies the record, and the reason goes with it.
          feature({ ID: 'route-aliased', Category: 'naloxone' }, line),
          feature({ id: 'placed', Latitude: '49.25', Longitude: '-123.05' }, line),
          feature({ id: 'by-mail', type: 'mail-based' }, line),
        ],
      }),
    );
    expect(feed.services.map((s) => [s.id, s.lat, s.lng])).to.deep.equal([
      ['route', undefined, undefined],
      ['route-aliased', undefined, undefined],
      ['placed', 49.25, -123.05],
      ['by-mail', undefined, undefined],
    ]);
    expect(feed.warnings.map((w) => [w.index, w.reason])).to.deep.equal([
      [0, 'geometry "LineString" is not a Point: listed without a map position'],
      [1, 'geometry "LineString" is not a Point: listed without a map position'],
    ]);
  });

  it("places a building's outline at its centre (as OpenStreetMap exports draw pharmacies), never a county's", async () => {
    const ring = (w: number, s: number, e: number, n: number) => [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ];
    const feature = (id: string, geometry: object) => ({ type: 'Feature', geometry, properties: { id, name: `Example ${id} (fictional)` } });
    const feed = await parseFeed(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          feature('building', { type: 'Polygon', coordinates: ring(-123.1204, 49.2826, -123.1198, 49.283) }),
          feature('two-wings', { type: 'MultiPolygon', coordinates: [ring(-123.121, 49.28, -123.12, 49.281), ring(-123.119, 49.28, -123.118, 49.281)] }),
          feature('county', { type: 'Polygon', coordinates: ring(-123.3, 49.0, -122.5, 49.5) }),
        ],
      }),
    );
    expect(feed.services.map((s) => [s.id, s.lat?.toFixed(4), s.lng?.toFixed(4)])).to.deep.equal([
      ['building', '49.2828', '-123.1201'],
      ['two-wings', '49.2805', '-123.1195'],
      ['county', undefined, undefined],
    ]);
    expect(reasons(feed.warnings)).to.deep.equal([
      'geometry "Polygon" is not a Point; placed at the centre of the building or block it outlines',
      'geometry "MultiPolygon" is not a Point; placed at the centre of the building or block it outlines',
      'geometry "Polygon" is not a Point nor the outline of a building or block: listed without a map position',
    ]);
  });

  it('follows a field map into an arbitrary JSON document, with a type map and default types', async () => {
    const doc = {
      meta: { count: 2 },
      data: {
        pharmacies: [
          { 'PHARMACY NAME': 'Example Pharmacy One (fictional)', geo: { y: 45.5, x: -73.6 }, kind: 'Narcan kits' },
          { 'PHARMACY NAME': 'Example Pharmacy Two (fictional)', geo: { y: 45.6, x: -73.5 } },
        ],
      },
    };
    const fieldMap = readFieldMap(
      '{"records": "data.pharmacies", "name": "PHARMACY NAME", "lat": "geo.y", "lng": "geo.x", "types": "kind", "typeMap": {"Narcan kits": ["naloxone", "safer-use-supplies"]}}',
    );
    const feed = await parseFeedData(doc, { fieldMap, defaultTypes: ['naloxone'] });
    expect(feed.services).to.deep.equal([
      { id: 'record-1', name: 'Example Pharmacy One (fictional)', lat: 45.5, lng: -73.6, types: ['naloxone', 'safer-use-supplies'] },
      { id: 'record-2', name: 'Example Pharmacy Two (fictional)', lat: 45.6, lng: -73.5, types: ['naloxone'] },
    ]);
  });

  it('fills empty fields from field-map defaults, e.g. the country of a national list', async () => {
    const csv = 'name,lat,lng,zip,state\nExample Center (fictional),41.5,-73.0,6708,CT\nExample Annex (fictional),41.6,-73.1,06710,CT\n';
    const feed = await parseFeed(csv, { fieldMap: readFieldMap('{"defaults": {"country": "US", "types": "treatment"}}') });
    expect(feed.services.map((s) => [s.address!.postalCode, s.address!.country, s.types])).to.deep.equal([
      ['06708', 'US', ['treatment']],
      ['06710', 'US', ['treatment']],
    ]);
    expect(() => readFieldMap('{"defaults": {"colour": "red"}}')).to.throw(FeedFormatError, '"field-map" defaults has unknown field "colour"');
  });

  it('reads records whose keys take turns among many sets (aliases among them), each by its own keys', async () => {
    // Twelve sets of keys, more than the resolver keeps at hand, in turn: each record must be read
    // through its own set, whichever was used for the record before.
    const shapes = [
      (i: number) => ({ id: `k-${i}`, name: `Example ${i} (fictional)`, lat: i / 100, lng: 1 }),
      (i: number) => ({ id: `k-${i}`, name: `Example ${i} (fictional)`, latitude: i / 100, longitude: 1 }),
      (i: number) => ({ ID: `k-${i}`, Name: `Example ${i} (fictional)`, Lat: i / 100, Lon: 1 }),
      (i: number) => ({ name: `Example ${i} (fictional)`, id: `k-${i}`, lng: 1, lat: i / 100 }),
    ];
    const records = Array.from({ length: 1200 }, (_, i) => {
      const record: Record<string, unknown> = shapes[i % shapes.length](i);
      // Three more variants of each: an extra field or two.
      if (i % 3 === 1) record['phone'] = '555-0100';
      if (i % 3 === 2) record['website'] = 'https://example.org/';
      return record;
    });
    const { services, skipped } = await parseFeedData(records, { format: 'native' });
    expect(skipped).to.deep.equal([]);
    expect(services.map((s) => [s.id, s.name, s.lat, s.lng])).to.deep.equal(records.map((_, i) => [`k-${i}`, `Example ${i} (fictional)`, i / 100, 1]));
    expect(services.filter((s) => s.phone).length).to.equal(400);
    expect(services.filter((s) => s.website).length).to.equal(400);
  });

  it('explains a bad field map', async () => {
    expect(() => readFieldMap('{name: 1}')).to.throw(FeedFormatError, '"field-map" is not valid JSON');
    expect(() => readFieldMap('{"nmae": "Name"}')).to.throw(FeedFormatError, '"field-map" has an unknown field "nmae"');
    let error: unknown;
    await parseFeedData([], { fieldMap: readFieldMap({ typeMap: { x: 'tacos' } }) }).catch((e) => (error = e));
    expect((error as Error).message).to.equal('"field-map" typeMap maps "x" to "tacos", which is not one of our types.');
    error = undefined;
    await parseFeedData({ a: 1 }, { fieldMap: { records: 'data.rows' } }).catch((e) => (error = e));
    expect((error as Error).message).to.equal('"field-map" records path "data.rows" was not found in the document.');
  });

  it('honours a forced format', async () => {
    let error: unknown;
    await parseFeed('[]', { format: 'csv' }).catch((e) => (error = e));
    expect(error, 'an empty CSV').to.be.instanceOf(FeedFormatError);
    const feed = await parseFeed('{"type":"FeatureCollection","features":[]}', { format: 'json' });
    expect(feed.format).to.equal('geojson');
  });

  it('yields to the page while validating thousands of records', async () => {
    const services = Array.from({ length: 5000 }, (_, i) => ({ id: `n${i}`, name: `Example ${i} (fictional)`, lat: 1 + i / 1e4, lng: 2 }));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const feed = await parseFeed(JSON.stringify({ version: 1, services }));
    clearInterval(timer);
    expect(feed.services).to.have.length(5000);
    expect(ticks).to.be.greaterThan(0);
  });

  describe('small JSON, parsed at once without the scanner chunk', () => {
    it('still refuses nesting over the limit, even in a few hundred bytes, and says where', async () => {
      const deep = `{"version":1,"services":[],"x":${'['.repeat(70)}${']'.repeat(70)}}`;
      const error = await parseFeed(deep).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(FeedLimitError);
      expect((error as Error).message).to.match(
        /^it is nested 71 levels deep \(level 65 starts at line 1, column \d+\); the most a feed may nest is 64 levels\.$/,
      );
    });

    it('does not count brackets inside strings, and names the place of a syntax error', async () => {
      const brackets = JSON.stringify({
        version: 1,
        services: [{ id: 'a', name: `Example ${'['.repeat(100)} (fictional)`, types: ['naloxone'], lat: 1, lng: 2 }],
      });
      expect((await parseFeed(brackets)).services).to.have.length(1);
      const broken = '{"version":1,"services":[}';
      const error = await parseFeed(broken).catch((e: unknown) => e);
      expect(error).to.be.instanceOf(FeedJsonError);
      expect((error as Error).message).to.contain('line 1, column 26');
    });
  });
});
