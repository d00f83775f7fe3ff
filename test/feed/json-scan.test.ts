import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../helpers/property-seed.js';
import { FeedJsonError, FeedLimitError, JSON_LIMITS, parseJsonSliced, scanJson } from '../../src/feed/json-scan.js';
import { FeedFormatError } from '../../src/feed/validate.js';

/** What the scan throws for `text`, or undefined when it accepts it. */
const scanError = (text: string) =>
  scanJson(text).then(
    () => undefined,
    (error: Error) => error,
  );

/** Same value, same key order, same -0: what JSON.parse itself makes. */
const same = (a: unknown, b: unknown) => expect(JSON.stringify(a)).to.equal(JSON.stringify(b));

/** Counts turns other tasks get while `work` runs. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let ticks = 0;
  let running = true;
  const tick = () => {
    ticks++;
    if (running) setTimeout(tick);
  };
  setTimeout(tick);
  try {
    await work();
  } finally {
    running = false;
  }
  return ticks;
}

describe('parseJsonSliced', () => {
  it('gives what JSON.parse gives for small documents', async () => {
    for (const text of ['0', '"a"', 'null', ' [ ] ', '{}', '{"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"], "b": {"c": {}}}']) {
      same(await parseJsonSliced(text), JSON.parse(text));
    }
  });

  it('builds a large document in pieces exactly as JSON.parse does: order, repeated keys and __proto__ as a plain key', async () => {
    const record = (i: number) => ({ id: `r${i}`, name: `Example ${i} (fictional)`, lat: 49 + i / 1e4, tags: ['a', 'b'], note: 'x'.repeat(i % 50) });
    const services = Array.from({ length: 3000 }, (_, i) => record(i));
    // A large member inside a large member, a large member repeated (the last one wins, in
    // the first one's place), keys that look like array indexes, and a __proto__ key.
    const text =
      `{"__proto__": {"polluted": 1}, "version": 1, "big": {"inner": ${JSON.stringify(services.slice(0, 1500))}, "z": 1, "a": 2},` +
      ` "services": ${JSON.stringify(services.slice(0, 10))}, "2": "two", "1": "one",` +
      ` "services": ${JSON.stringify(services, null, 2)}, "title": "Example feed (fictional)"}`;
    expect(text.length).to.be.above(300_000);
    const built = (await parseJsonSliced(text)) as Record<string, unknown>;
    same(built, JSON.parse(text));
    expect(Object.keys(built)).to.deep.equal(Object.keys(JSON.parse(text) as object));
    expect(Object.getPrototypeOf(built)).to.equal(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
    expect(Object.getOwnPropertyDescriptor(built, '__proto__')?.value).to.deep.equal({ polluted: 1 });
    // A bare array of large arrays, and a huge single string.
    const nested = JSON.stringify([services, [services.slice(0, 900)], 'y'.repeat(200_000), 1]);
    same(await parseJsonSliced(nested), JSON.parse(nested));
  });

  it('gives what JSON.parse gives for any JSON, small or padded into pieces', async () => {
    const pad = 'p'.repeat(70_000);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.boolean(), async (value, padded) => {
        // Padding every array and object with a long string makes each of them larger than a piece.
        const text = JSON.stringify(value, (_, v: unknown) =>
          padded && typeof v === 'object' && v !== null ? (Array.isArray(v) ? [...v, pad] : { ...v, [pad]: 1 }) : v,
        );
        same(await parseJsonSliced(text), JSON.parse(text));
      }),
      { numRuns: 60 },
    );
  });

  it('accepts exactly what JSON.parse accepts', async () => {
    const jsonish = fc.string({
      unit: fc.constantFrom(
        '[',
        ']',
        '{',
        '}',
        '"',
        ':',
        ',',
        ' ',
        '\n',
        '0',
        '1',
        '-',
        '.',
        'e',
        '+',
        't',
        'r',
        'u',
        'e',
        'n',
        'l',
        'f',
        'a',
        's',
        '\\',
        'u',
        'x',
        '\t',
        '\u0001',
      ),
      maxLength: 24,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          jsonish,
          fc.json().map((j) => j.slice(0, -1)),
          fc.json(),
        ),
        async (text) => {
          let parsed = true;
          try {
            JSON.parse(text);
          } catch {
            parsed = false;
          }
          const error = await scanError(text);
          expect(error === undefined, `${JSON.stringify(text)}: ${error?.message}`).to.equal(parsed);
          if (error) expect(error).to.be.instanceOf(FeedJsonError);
        },
      ),
      { numRuns: 2000 },
    );
  });

  for (const [text, detail] of [
    ['{"services": [}', 'line 1, column 15: expected a value, found "}"'],
    ['{\n  "services": [\n    {"name": "A"}\n    {"name": "B"}\n  ]\n}', 'line 4, column 5: expected "," or "]" after a list item, found "{"'],
    ["{'name': 'A'}", 'line 1, column 2: expected a property name in double quotes, found "\'"'],
    ['{"name" "A"}', 'line 1, column 9: expected ":" after a property name, found """'],
    ['[1, 2', 'line 1, column 6: the text ends inside a list ([) that is never closed'],
    ['{"name": "A', 'line 1, column 10: a text value (") is never closed'],
    ['["a\tb"]', 'line 1, column 4: a control character (U+0009) inside a text value; write a line break as \\n and a tab as \\t'],
    ['["\\x41"]', 'line 1, column 3: "\\x" is not an escape JSON knows (use \\\\ for a backslash)'],
    ['["\\😀"]', 'line 1, column 3: "\\😀" is not an escape JSON knows (use \\\\ for a backslash)'],
    // An invisible character is named, never quoted: a bidi control would reorder the message.
    ['["\\\u202E"]', 'line 1, column 3: a backslash before the character U+202E is not an escape JSON knows (use \\\\ for a backslash)'],
    ['[1] [2]', 'line 1, column 5: unexpected "[" after the end of the document'],
    ['[-]', 'line 1, column 2: a number must have a digit after "-", found "]"'],
    ['[True]', 'line 1, column 2: expected a value, found "T"'],
  ]) {
    it(`says where and what: ${detail}`, async () => {
      const error = (await scanError(text)) as FeedJsonError;
      expect(error).to.be.instanceOf(FeedJsonError).and.to.be.instanceOf(FeedFormatError);
      expect(error.detail).to.equal(detail);
      expect(error.message).to.equal(`it is not valid JSON (${detail}).`);
    });
  }
});

describe('scanJson limits', () => {
  it(`accepts ${JSON_LIMITS.depth} levels of nesting and refuses one more, saying how deep and where`, async () => {
    const deepest = '['.repeat(JSON_LIMITS.depth) + ']'.repeat(JSON_LIMITS.depth);
    expect(await scanError(deepest)).to.equal(undefined);
    const text = `{"services": ${'['.repeat(200)}${']'.repeat(200)}}`;
    const error = await scanError(text);
    expect(error).to.be.instanceOf(FeedLimitError).and.to.be.instanceOf(FeedFormatError);
    expect(error!.message).to.equal(`it is nested 201 levels deep (level 65 starts at line 1, column 77); the most a feed may nest is 64 levels.`);
  });

  it('refuses 2 MB and 20 MB of nested brackets, letting other tasks run while it measures the depth', async () => {
    const two = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect((await scanError(two))!.message).to.equal(
      'it is nested 1,000,000 levels deep (level 65 starts at line 1, column 65); the most a feed may nest is 64 levels.',
    );
    const twenty = '['.repeat(10_000_000) + ']'.repeat(10_000_000);
    let error: Error | undefined;
    const turns = await turnsDuring(async () => (error = await scanError(twenty)));
    expect(error).to.be.instanceOf(FeedLimitError);
    expect(error!.message).to.match(/^it is nested 10,000,000 levels deep/);
    expect(turns).to.be.at.least(1);
  });

  it(`refuses more than ${JSON_LIMITS.values.toLocaleString('en-US')} values, before building any`, async () => {
    const text = `[${'0,'.repeat(JSON_LIMITS.values)}0]`;
    const error = await scanError(text);
    expect(error).to.be.instanceOf(FeedLimitError);
    expect(error!.message).to.equal(
      `it holds more than 5,000,000 values (the limit is passed at line 1, column ${2 * JSON_LIMITS.values}); split the feed, or leave out what the list does not show.`,
    );
  });

  it('parses a 20 MB feed in pieces while other tasks keep running', async () => {
    const record = JSON.stringify({
      id: 'x',
      name: 'Example Pharmacy (fictional)',
      lat: 49.28,
      lng: -123.12,
      types: ['naloxone'],
      description: 'd'.repeat(300),
    });
    const text = `{"version": 1, "services": [${Array.from({ length: 50_000 }, () => record).join(',')}]}`;
    expect(text.length).to.be.above(19_000_000);
    let doc: { services: unknown[] } | undefined;
    const turns = await turnsDuring(async () => (doc = (await parseJsonSliced(text)) as { services: unknown[] }));
    expect(doc!.services).to.have.length(50_000);
    // Scan and build each take several slices: other tasks get turns throughout.
    expect(turns).to.be.at.least(4);
  });

  it('allows as many values per character in a feed larger than 20 MiB, for hosts that raise max-feed-mb', async () => {
    // 6 million values in 30 MiB: past the count for 20 MiB, within the same density beyond it.
    const values = `[${'0,'.repeat(6_000_000)}0]`;
    const text = values + ' '.repeat(30 * 1024 * 1024 - values.length);
    // The scan alone (what enforces the limits), not the 6 million numbers built from it.
    await scanJson(text);
    // The same values packed into 12 MB are still refused.
    expect(await scanError(values)).to.be.instanceOf(FeedLimitError);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const reading = parseJsonSliced(`[${'1,'.repeat(2_000_000)}1]`, controller.signal);
    setTimeout(() => controller.abort(new Error('stopped by the test')));
    const error = await reading.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.equal('stopped by the test');
  });
});
