import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../helpers/property-seed.js';
import { FeedJsonError, FeedNoValidRecordsError, parseFeed, parseFeedData, type FeedResult, type ParseOptions } from '../../src/feed/parse-feed.js';
import { FeedFormatError } from '../../src/feed/validate.js';
import { SERVICE_TYPES, sortTypes, type ServiceType } from '../../src/feed/service-types.js';
import { FIELDS } from '../../src/feed/field-map.js';
import type { Service } from '../../src/types.js';
import { schemaErrors } from '../helpers/json-schema.js';
import { BIDI_CONTROLS, PAYLOADS } from '../security/payloads.js';

/**
 * Properties every parser path must keep, on arbitrary input:
 * (a) it throws nothing but FeedFormatError (FeedJsonError included);
 * (b) every valid record is kept, with its fields;
 * (c) every service it outputs passes src/feed/feed.schema.json.
 */

const RUNS = { numRuns: 150 };
const VALID_RUNS = { numRuns: 100 };
let schema: Record<string, unknown>;

before(async () => {
  schema = await (await fetch(new URL('../../src/feed/feed.schema.json', import.meta.url))).json();
});

/** Throws with the schema errors, or when a prototype was polluted. */
function checkOutput(result: FeedResult): void {
  // The schema describes JSON: check the result as a partner would receive it.
  const doc = JSON.parse(JSON.stringify({ version: 1, ...(result.title ? { title: result.title } : {}), services: result.services }));
  const errors = schemaErrors(schema, doc);
  if (errors.length) throw new Error(`output breaks the schema:\n${errors.slice(0, 5).join('\n')}`);
  if (result.title !== undefined && (result.title.length > 300 || BIDI_CONTROLS.test(result.title)))
    throw new Error(`title not cleaned: ${JSON.stringify(result.title.slice(0, 80))}`);
  for (const service of result.services) if (Object.getPrototypeOf(service) !== Object.prototype) throw new Error('a service has another prototype');
  if (({} as Record<string, unknown>)['polluted'] !== undefined || Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')) {
    throw new Error('Object.prototype was polluted');
  }
}

/**
 * Reasons reach the console and the nf-feed-load event: feed text quoted in them must be
 * short and free of bidi controls, which could make a logged message read differently.
 */
function checkReasons(result: FeedResult): void {
  for (const { reason } of [...result.skipped, ...result.warnings]) {
    if (reason.length > 1000) throw new Error(`a reason of ${reason.length} characters: ${reason.slice(0, 80)}…`);
    if (BIDI_CONTROLS.test(reason)) throw new Error(`a bidi control in a reason: ${JSON.stringify(reason.slice(0, 120))}`);
  }
}

/** Runs a parse: a FeedFormatError is an answer, anything else thrown fails the property. */
async function parsesOrRefuses(parse: () => Promise<FeedResult>): Promise<void> {
  let result: FeedResult;
  try {
    result = await parse();
  } catch (error) {
    // Every record skipped: the reasons still reach the console and the event, so check them.
    if (error instanceof FeedNoValidRecordsError) checkReasons({ format: 'native', services: [], skipped: error.skipped, warnings: error.warnings });
    if (error instanceof FeedFormatError) return;
    throw error;
  }
  checkOutput(result);
}

// ---------------------------------------------------------------------------------------------
// Arbitrary input

/** Keys the parsers look for, and keys that pollute, so random objects reach deep code paths. */
const KEYS = [
  ...FIELDS,
  'version',
  'services',
  'title',
  'updated',
  'type',
  'features',
  'properties',
  'geometry',
  'coordinates',
  'contents',
  'total_items',
  'total_pages',
  'page_number',
  'last_page',
  'service_at_locations',
  'location',
  'location_id',
  'service',
  'locations',
  'latitude',
  'longitude',
  'addresses',
  'physical_address',
  'phones',
  'number',
  'extension',
  'schedules',
  'regular_schedules',
  'byday',
  'weekday',
  'opens_at',
  'closes_at',
  'freq',
  'attributes',
  'taxonomy_term',
  'code',
  'url',
  'organization',
  'cost_options',
  'amount',
  'fees_description',
  'assured_date',
  'accessibility_for_disabilities',
  'days',
  'opens',
  'closes',
  '__proto__',
  'constructor',
  'prototype',
];
const SHORT_PAYLOADS = PAYLOADS.map((p) => p.value).filter((v) => v.length < 1000);

const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 }));
const leaf = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...SHORT_PAYLOADS),
  fc.constantFrom(
    ...SERVICE_TYPES,
    'Point',
    'Feature',
    'FeatureCollection',
    'WEEKLY',
    'MO,TU',
    '09:00',
    '17:00',
    'active',
    'closed',
    'yes',
    '49.28',
    '-123.1',
    '',
  ),
  fc.double(),
  fc.integer({ min: -200, max: 200 }),
  fc.boolean(),
  fc.constant(null),
);
/** JSON-like documents biased towards the shapes the parsers read. */
const feedLike = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array')),
  object: fc.dictionary(key, tie('value'), { maxKeys: 8 }),
  array: fc.array(tie('value'), { maxLength: 6 }),
})).value;

const csvCell = fc.oneof(
  fc.string({ unit: fc.constantFrom(',', ';', '\t', '"', '\n', '\r', ' ', 'a', 'é', '<', '\\', '\u0000', '\uFEFF'), maxLength: 8 }),
  fc.constantFrom(...SHORT_PAYLOADS, ...FIELDS, '__proto__', 'constructor', '49.28', '-123.1', 'naloxone;drop-in'),
);
/** Delimited text, unquoted: cells may carry delimiters, quotes and line breaks of their own. */
const csvLike = fc
  .tuple(
    fc.array(fc.array(csvCell, { maxLength: 8 }), { minLength: 1, maxLength: 10 }),
    fc.constantFrom(',', ';', '\t'),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean(),
  )
  .map(([rows, delimiter, newline, header]) => (header ? [['id', 'name', 'lat', 'lng', 'types'], ...rows] : rows).map((r) => r.join(delimiter)).join(newline));

/** feedLike values placed where each format keeps its records and their parts, as JSON text. */
const shapedJson = fc
  .tuple(feedLike, fc.constantFrom('native', 'array', 'geojson', 'hsds-services', 'hsds-page', 'hsds-organization', 'as-is'))
  .map(([value, wrap]) => {
    const items = Array.isArray(value) ? value : [value];
    const doc = {
      native: { version: 1, services: items },
      array: items,
      geojson: {
        type: 'FeatureCollection',
        name: value,
        features: items.map((properties) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [properties, 1] } })),
      },
      'hsds-services': items.map((item) => ({
        id: 'x',
        name: 'Example (fictional)',
        attributes: [{ taxonomy_term: item }],
        languages: [item],
        schedules: [item],
        service_at_locations: [{ location: item }],
      })),
      'hsds-page': { total_items: items.length, contents: items.map((item) => ({ id: 'x', name: 'Example (fictional)', service_at_locations: [item] })) },
      'hsds-organization': {
        name: value,
        locations: items,
        services: items.map((item) => ({ id: 'x', name: item, service_at_locations: [{ location_id: item }] })),
      },
      'as-is': value,
    }[wrap];
    return JSON.stringify(doc) ?? 'null';
  });

const FORMATS: ParseOptions['format'][] = [undefined, 'auto', 'json', 'native', 'geojson', 'hsds', 'csv'];
const anyFormat = fc.constantFrom(...FORMATS);
const anyDefaults = fc.option(fc.subarray([...SERVICE_TYPES], { maxLength: 2 }), { nil: undefined });

describe('parser properties', () => {
  describe('(a) never throw anything but FeedFormatError', () => {
    it('parseFeedData: arbitrary JSON values, in every format', async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), anyFormat, (doc, format) => parsesOrRefuses(() => parseFeedData(doc, { format }))),
        RUNS,
      );
    });

    it('parseFeedData: documents shaped like feeds, GeoJSON and HSDS, with hostile values and keys', async () => {
      await fc.assert(
        fc.asyncProperty(shapedJson, anyFormat, anyDefaults, (text, format, defaultTypes) =>
          // Parsed from text, as a fetched feed is: `__proto__` keys are own data.
          parsesOrRefuses(() => parseFeedData(JSON.parse(text), { format, defaultTypes })),
        ),
        { numRuns: 300 },
      );
    });

    it('parseFeedData: any JavaScript value (what a page could pass to the services property)', async () => {
      const anything = fc.anything({
        key,
        maxDepth: 4,
        withBigInt: true,
        withBoxedValues: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
      });
      await fc.assert(
        fc.asyncProperty(anything, anyFormat, (doc, format) => parsesOrRefuses(() => parseFeedData(doc, { format }))),
        RUNS,
      );
    });

    it('parseFeed: arbitrary text, in every format', async () => {
      const text = fc.oneof(
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
      );
      await fc.assert(
        fc.asyncProperty(text, anyFormat, (input, format) => parsesOrRefuses(() => parseFeed(input, { format }))),
        RUNS,
      );
    });

    it('parseFeed: arbitrary text that looks like CSV', async () => {
      await fc.assert(
        fc.asyncProperty(csvLike, fc.constantFrom(undefined, 'csv' as const), (input, format) => parsesOrRefuses(() => parseFeed(input, { format }))),
        RUNS,
      );
    });

    it('parseFeed: arbitrary bytes, with and without byte order marks', async () => {
      const bom = fc.constantFrom([], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);
      await fc.assert(
        fc.asyncProperty(bom, fc.uint8Array({ maxLength: 300 }), anyFormat, (prefix, bytes, format) =>
          parsesOrRefuses(() => parseFeed(new Uint8Array([...prefix, ...bytes]), { format })),
        ),
        RUNS,
      );
    });

    // Cases that random text rarely reaches, always run first.
    const LONG = 'x'.repeat(3000);
    const REASON_EXAMPLES = {
      JSON: [
        JSON.stringify([
          {
            id: 'x',
            name: 'Example (fictional)',
            status: `\u202E${LONG}`,
            attributes: [{ taxonomy_term: { name: `${LONG}\u202E` } }],
            languages: [{ name: `\u202E${LONG}` }],
            service_at_locations: [],
          },
        ]),
        JSON.stringify({
          type: 'FeatureCollection',
          features: [{ type: 'Feature', geometry: { type: `\u202E${LONG}` }, properties: { name: 'Example (fictional)' } }],
        }),
        JSON.stringify({
          version: 1,
          services: [{ id: `\u202E${LONG}`, name: 'Example (fictional)', types: [`\u202E${LONG}`], website: `javascript:\u202E${LONG}` }],
        }),
        // Many unknown values in one list: the reason names a few, not all.
        JSON.stringify([{ id: 'many', name: 'Example (fictional)', types: Array.from({ length: 60 }, (_, i) => `unknown-${i}-${'y'.repeat(40)}`) }]),
        // Found by a random run (seed 1133347939): an HSDS location_id that is not in the feed, quoted whole.
        JSON.stringify({
          name: 'Example (fictional)',
          services: [{ id: 'x', name: 'Example (fictional)', service_at_locations: [{ id: `\u2066${LONG}`, location_id: '\u202AExample Clinic\u2069' }] }],
        }),
        // The other HSDS reasons that quote an id or a value: a schedule's id and its freq.
        JSON.stringify([
          {
            id: 'x',
            name: 'Example (fictional)',
            schedules: [{ id: `\u202E${LONG}`, freq: `\u202E${LONG}`, opens_at: '09:00', closes_at: '17:00' }],
          },
        ]),
      ],
      CSV: [
        `id,name,\u202Elat\n1,Example (fictional)\n`,
        // Found by a CI run: an hours part quoted with its Arabic letter marks.
        `hours,name\n\u061CExample\u061C Pharmacy,Example (fictional)\n`,
        `id,name,${LONG},${LONG}\n1,Example (fictional),a,b\n`,
      ],
    };
    for (const [label, input] of [
      ['JSON', shapedJson],
      ['CSV', csvLike],
    ] as const) {
      it(`skip and warning reasons quote ${label} feed text briefly and without bidi controls`, async () => {
        const long = fc.constantFrom(...PAYLOADS.map((p) => p.value).filter((v) => v.length >= 1000 && v.length < 60_000), LONG);
        // Sometimes one word becomes a very long one, to find reasons that quote text whole.
        const text = fc.tuple(input, long, fc.nat()).map(([t, l, at]) => (at % 3 === 0 ? t.replace(/Example|a/, l) : t));
        await fc.assert(
          fc.asyncProperty(text, anyFormat, async (t, format) => {
            const result = await parseFeed(t, { format, allowNoValidRecords: true }).catch((error: unknown) => {
              if (error instanceof FeedFormatError) return undefined;
              throw error;
            });
            if (result) checkReasons(result);
          }),
          { ...RUNS, examples: REASON_EXAMPLES[label].map((t) => [t, undefined] as [string, undefined]) },
        );
      });
    }

    it('FeedJsonError is a FeedFormatError, so the checks above accept it', async () => {
      const error = await parseFeed('{"services": [').catch((e: unknown) => e);
      expect(error).to.be.instanceOf(FeedJsonError).and.to.be.instanceOf(FeedFormatError);
    });
  });

  // -------------------------------------------------------------------------------------------
  // Valid records

  /** Text as partners write it, markup-like characters and non-Latin scripts included. */
  const textChar = fc.constantFrom(
    ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    ' ',
    ' ',
    '.',
    ',',
    ';',
    '-',
    '&',
    "'",
    '"',
    '(',
    ')',
    '<',
    '>',
    '/',
    '#',
    ':',
    'é',
    'ñ',
    'ü',
    '—',
    '中',
    '文',
    'ا',
    '🙂',
  );
  const cleanText = (maxLength: number) =>
    fc
      .string({ unit: textChar, minLength: 1, maxLength })
      .map((s) => s.trim())
      // A cell of only a placeholder ("-", "N/A") is an empty cell to the CSV reader, as documented.
      .filter((s) => s.length > 0 && !/^(?:n\/?a|#n\/a|null|nil|[-–—]+|tb[ad]|unknown|not available|#(?:value|ref|div\/0)!|#name\?)$/i.test(s));
  /** Degrees with up to six decimals, as real feeds have them. */
  const degrees = (max: number) => fc.integer({ min: -max * 1e6, max: max * 1e6 }).map((n) => n / 1e6);
  // Addresses whose local part would need percent-encoding in a mailto: link are refused on purpose.
  const email = fc.emailAddress().filter((e) => /^[^?#%/\\]+$/.test(e));
  const website = fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true }).filter((u) => u.length < 1000);

  interface Generated {
    id: string;
    name: string;
    position?: { lat: number; lng: number };
    types: ServiceType[];
    website?: string;
    email?: string;
    description?: string;
  }

  const generated = (id: fc.Arbitrary<string>): fc.Arbitrary<Generated> =>
    fc.record(
      {
        id,
        name: cleanText(120),
        position: fc.record({ lat: degrees(90), lng: degrees(180) }),
        types: fc.subarray([...SERVICE_TYPES]),
        website,
        email,
        description: cleanText(300),
      },
      { requiredKeys: ['id', 'name', 'types'] },
    );

  /** Some records generated again, unchanged, to be shown once each. */
  const withRepeats = (records: fc.Arbitrary<Generated[]>) =>
    fc
      .tuple(records, fc.array(fc.nat(), { maxLength: 3 }))
      .map(([list, picks]) => (list.length ? [...list, ...picks.map((i) => list[i % list.length])] : list));

  /** The service the parsers should output for a generated record. */
  function expected(g: Generated, format: string): Service {
    const service: Service = { id: format === 'hsds' && g.position ? `${g.id}@loc` : g.id, name: g.name, types: sortTypes(g.types) };
    if (g.position && !(g.position.lat === 0 && g.position.lng === 0)) Object.assign(service, g.position);
    if (g.website) service.website = new URL(g.website).href;
    if (g.email) service.email = g.email;
    if (g.description) service.description = g.description;
    return service;
  }

  const asNative = (g: Generated) => ({
    id: g.id,
    name: g.name,
    ...g.position,
    types: g.types,
    website: g.website,
    email: g.email,
    description: g.description,
  });
  const asFeature = (g: Generated) => ({
    type: 'Feature',
    geometry: g.position ? { type: 'Point', coordinates: [g.position.lng, g.position.lat] } : null,
    properties: { id: g.id, name: g.name, types: g.types, website: g.website, email: g.email, description: g.description },
  });
  const CSV_COLUMNS = ['id', 'name', 'lat', 'lng', 'types', 'website', 'email', 'description'];
  const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
  const asCsv = (records: Generated[]) =>
    [
      CSV_COLUMNS.join(','),
      ...records.map((g) =>
        [
          g.id,
          g.name,
          g.position ? String(g.position.lat) : '',
          g.position ? String(g.position.lng) : '',
          g.types.join(';'),
          g.website ?? '',
          g.email ?? '',
          g.description ?? '',
        ]
          .map(quote)
          .join(','),
      ),
    ].join('\r\n');
  const asHsds = (g: Generated) => ({
    id: g.id,
    name: g.name,
    url: g.website,
    email: g.email,
    description: g.description,
    attributes: g.types.map((code) => ({ taxonomy_term: { code } })),
    service_at_locations: g.position ? [{ id: 'sal', location: { id: 'loc', latitude: g.position.lat, longitude: g.position.lng } }] : [],
  });
  // Our type names as the partner's taxonomy codes.
  const HSDS_MAP = { typeMap: Object.fromEntries(SERVICE_TYPES.map((t) => [t, t])) };

  const PATHS: { label: string; format: string; parse: (records: Generated[]) => Promise<FeedResult> }[] = [
    { label: 'native, parseFeedData', format: 'native', parse: (r) => parseFeedData({ version: 1, services: r.map(asNative) }) },
    { label: 'native, parseFeed(text)', format: 'native', parse: (r) => parseFeed(JSON.stringify({ version: 1, services: r.map(asNative) })) },
    { label: 'native bare array, parseFeed(bytes)', format: 'native', parse: (r) => parseFeed(new TextEncoder().encode(JSON.stringify(r.map(asNative)))) },
    {
      label: 'GeoJSON, parseFeed(text)',
      format: 'geojson',
      parse: (r) => parseFeed(JSON.stringify({ type: 'FeatureCollection', features: r.map(asFeature) })),
    },
    { label: 'CSV, parseFeed(text)', format: 'csv', parse: (r) => parseFeed(asCsv(r)) },
    { label: 'HSDS, parseFeedData', format: 'hsds', parse: (r) => parseFeedData(r.map(asHsds), { format: 'hsds', fieldMap: HSDS_MAP }) },
    { label: 'HSDS, parseFeed(text), detected', format: 'hsds', parse: (r) => parseFeed(JSON.stringify(r.map(asHsds)), { fieldMap: HSDS_MAP }) },
  ];

  describe('(b) keep every valid record, (c) output passes the schema', () => {
    for (const { label, format, parse } of PATHS) {
      it(`${label}: every record counted, every name shown`, async () => {
        // Ids from a small set collide on purpose: both records are shown, one id suffixed
        // (a suffixed id of the longest length must still fit the schema).
        const records = withRepeats(fc.array(generated(fc.oneof(fc.constantFrom('a', 'b', 'c', 'L'.repeat(200)), cleanText(40))), { maxLength: 12 }));
        await fc.assert(
          fc.asyncProperty(records, async (list) => {
            const result = await parse(list);
            // An empty array is a native feed: nothing in it says HSDS.
            expect(result.format).to.equal(list.length || !label.includes('detected') ? format : 'native');
            checkOutput(result);
            const duplicates = result.warnings.filter((w) => /exact duplicate/.test(w.reason)).length;
            expect(result.services.length + duplicates, 'services + exact duplicates').to.equal(list.length);
            expect(result.skipped).to.deep.equal([]);
            const names = new Set(result.services.map((s) => s.name));
            for (const g of list) expect(names.has(g.name), g.name).to.equal(true);
            expect(new Set(result.services.map((s) => s.id)).size, 'ids are unique').to.equal(result.services.length);
          }),
          VALID_RUNS,
        );
      });

      it(`${label}: every field of every record kept as written`, async () => {
        const records = fc.uniqueArray(generated(cleanText(40)), { selector: (g) => g.id, maxLength: 12 });
        await fc.assert(
          fc.asyncProperty(records, async (list) => {
            const result = await parse(list);
            checkOutput(result);
            expect(result.services).to.deep.equal(list.map((g) => expected(g, format)));
          }),
          VALID_RUNS,
        );
      });
    }
  });

  describe('(c) the schema checker itself', () => {
    it('rejects what the schema forbids', () => {
      const valid = { version: 1, services: [{ id: 'a', name: 'Example (fictional)', types: ['naloxone'], lat: 1, lng: 2 }] };
      expect(schemaErrors(schema, valid)).to.deep.equal([]);
      const broken = (change: Record<string, unknown>) => schemaErrors(schema, { version: 1, services: [{ ...valid.services[0], ...change }] });
      expect(broken({ id: '' })).to.not.be.empty;
      expect(broken({ name: 'x'.repeat(201) })).to.not.be.empty;
      expect(broken({ lat: 91 })).to.not.be.empty;
      expect(broken({ types: ['naloxone', 'naloxone'] })).to.not.be.empty;
      expect(broken({ types: ['pizza'] })).to.not.be.empty;
      expect(broken({ website: 'javascript:alert(1)' })).to.not.be.empty;
      expect(broken({ lastVerified: '2026-02-30' })).to.not.be.empty;
      expect(broken({ hours: [{ days: [], opens: '09:00', closes: '17:00' }] })).to.not.be.empty;
      expect(broken({ hours: [{ days: ['mo'], opens: '24:30', closes: '17:00' }] })).to.not.be.empty;
      expect(broken({ address: { street: 'x', floor: 2 } })).to.not.be.empty;
      expect(broken({ status: 'gone' })).to.not.be.empty;
      expect(schemaErrors(schema, { version: 1, services: [{ id: 'a', name: 'b', types: [], lat: 1 }] })).to.not.be.empty;
      expect(schemaErrors(schema, { version: 2, services: [] })).to.not.be.empty;
      expect(() => schemaErrors({ type: 'object', propertyNames: { pattern: 'x' } }, {})).to.throw('not implemented');
    });
  });
});
