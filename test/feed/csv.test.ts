import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import '../helpers/property-seed.js';
import { MAX_CSV_VALUE, readCsv } from '../../src/feed/formats/csv.js';
import type { FormatOutput } from '../../src/feed/formats/format.js';
import { FeedFormatError } from '../../src/feed/validate.js';

/** Quotes every cell, doubling quotes inside, as RFC 4180 allows. */
const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
const toCsv = (rows: string[][], newline = '\n') => rows.map((row) => row.map(quote).join(',')).join(newline);

async function formatError(text: string): Promise<string> {
  try {
    await readCsv(text);
  } catch (error) {
    expect(error).to.be.instanceOf(FeedFormatError);
    return (error as Error).message;
  }
  throw new Error('expected a FeedFormatError');
}

/** A fictional table as large as the SAMHSA directory. */
function bigCsv(rows: number): string {
  const lines = ['id,name,lat,lng,types,description'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `s${i},"Example Service ${i} (fictional)",${(40 + (i % 900) / 100).toFixed(4)},-${(100 + (i % 700) / 100).toFixed(4)},naloxone;drop-in,"Fictional record, for tests"`,
    );
  }
  return lines.join('\r\n');
}

describe('readCsv', () => {
  it('reads rows keyed by header, values as the exact strings of the file', async () => {
    const out = await readCsv('name,lat,lng,walkIn\n Example Pharmacy (fictional) ,49.28,-123.12,yes\n');
    expect(out).to.deep.equal({
      records: [{ name: ' Example Pharmacy (fictional) ', lat: '49.28', lng: '-123.12', walkIn: 'yes' }],
      indexes: [0],
      skipped: [],
      warnings: [],
    } satisfies FormatOutput);
  });

  it('reads quoted fields with delimiters, line breaks and doubled quotes', async () => {
    const out = await readCsv('name,description,phone\r\n"Drop-in, Example (fictional)","Line one\r\nline ""two""\nline three",604-555-0100\r\n');
    expect(out.records).to.deep.equal([{ name: 'Drop-in, Example (fictional)', description: 'Line one\r\nline "two"\nline three', phone: '604-555-0100' }]);
    expect(out.warnings).to.deep.equal([]);
  });

  for (const [label, newline] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    it(`reads ${label} line breaks, with or without a final line break`, async () => {
      const body = ['name,lat', 'A (fictional),1', 'B (fictional),2'].join(newline);
      for (const text of [body, body + newline]) {
        const out = await readCsv(text);
        expect(out.records).to.deep.equal([
          { name: 'A (fictional)', lat: '1' },
          { name: 'B (fictional)', lat: '2' },
        ]);
        expect(out.warnings).to.deep.equal([]);
      }
    });
  }

  it('drops a byte order mark and trims header names', async () => {
    const out = await readCsv('\uFEFF name , lat\t,lng\nA (fictional),1,2');
    expect(Object.keys(out.records[0])).to.deep.equal(['name', 'lat', 'lng']);
  });

  it('skips blank lines, whitespace-only lines and rows of empty cells, and numbers data rows without them', async () => {
    const text = '\n\nname,lat,lng\n\nA (fictional),1,2\n   \n\t\n,,\n"",  ,\nB (fictional),3\n\n';
    const out = await readCsv(text);
    expect(out.records.map((r) => r['name'])).to.deep.equal(['A (fictional)', 'B (fictional)']);
    expect(out.indexes).to.deep.equal([0, 1]);
    // Row numbers count every line, as a spreadsheet shows them: B is on row 10.
    expect(out.warnings).to.deep.equal([{ index: 1, reason: 'row 10 (data row 2) has 2 values, the header has 3 columns: no value for "lng".' }]);
  });

  it('detects semicolon and tab delimiters', async () => {
    const semicolon = await readCsv('name;lat;lng\n"A; B (fictional)";49,28;-123,12\n');
    expect(semicolon.records).to.deep.equal([{ name: 'A; B (fictional)', lat: '49,28', lng: '-123,12' }]);
    const tab = await readCsv('name\tlat\tlng\r\nA, B (fictional)\t1\t2\r\n');
    expect(tab.records).to.deep.equal([{ name: 'A, B (fictional)', lat: '1', lng: '2' }]);
  });

  it("honours Excel's sep= line as the delimiter and does not read it as a row", async () => {
    const semicolon = await readCsv('\uFEFFsep=;\r\nname;lat;lng\r\nA, B (fictional);49,28;-123,12\r\nC (fictional);1\r\n');
    expect(semicolon.records).to.deep.equal([
      { name: 'A, B (fictional)', lat: '49,28', lng: '-123,12' },
      { name: 'C (fictional)', lat: '1' },
    ]);
    // Rows numbered as Excel shows them: it hides the sep= line, so the header is row 1.
    expect(semicolon.warnings.map((w) => w.reason)).to.deep.equal(['row 3 (data row 2) has 2 values, the header has 3 columns: no value for "lng".']);
    // A hint the sniffer would never guess: the pipe, which partners otherwise use inside cells.
    const pipe = await readCsv('"sep=|"\nname|types\nA, B (fictional)|naloxone;drop-in\n');
    expect(pipe.records).to.deep.equal([{ name: 'A, B (fictional)', types: 'naloxone;drop-in' }]);
  });

  it('keeps commas as the delimiter when cells hold lists separated by semicolons', async () => {
    const out = await readCsv('name,types,languages,hours\nA (fictional),naloxone;drop-in,en;es,mo-fr 09:00-17:00; sa 10:00-14:00\n');
    expect(out.records).to.deep.equal([{ name: 'A (fictional)', types: 'naloxone;drop-in', languages: 'en;es', hours: 'mo-fr 09:00-17:00; sa 10:00-14:00' }]);
  });

  it('renames repeated header names and says so', async () => {
    const out = await readCsv('name,phone,name,name_1,name\nA,1,B,C,D\n');
    expect(out.records).to.deep.equal([{ name: 'A', phone: '1', name_2: 'B', name_1: 'C', name_3: 'D' }]);
    expect(out.warnings).to.deep.equal([
      { index: -1, reason: 'duplicate column "name" (columns 1 and 3): column 3 is read as "name_2".' },
      { index: -1, reason: 'duplicate column "name" (columns 1 and 5): column 5 is read as "name_3".' },
    ]);
  });

  it('ignores columns without a name', async () => {
    const out = await readCsv('name,,lat, \nA (fictional),x,1,y\n');
    expect(out.records).to.deep.equal([{ name: 'A (fictional)', lat: '1' }]);
    expect(out.warnings.map((w) => w.index)).to.deep.equal([-1, -1]);
    expect(out.warnings[0].reason).to.equal('column 2 has no name in the header, so its values are ignored.');
  });

  it('keeps ragged rows with a warning that names the row', async () => {
    const out = await readCsv(
      'name,lat,lng,phone\nA (fictional),1,2,555-0100\nB (fictional),1\nC (fictional),1,2,555-0102,extra,more\nD (fictional),1,2,555-0103,,\n',
    );
    expect(out.records).to.deep.equal([
      { name: 'A (fictional)', lat: '1', lng: '2', phone: '555-0100' },
      { name: 'B (fictional)', lat: '1' },
      { name: 'C (fictional)', lat: '1', lng: '2', phone: '555-0102' },
      { name: 'D (fictional)', lat: '1', lng: '2', phone: '555-0103' },
    ]);
    expect(out.indexes).to.deep.equal([0, 1, 2, 3]);
    expect(out.warnings).to.deep.equal([
      { index: 1, reason: 'row 3 (data row 2) has 2 values, the header has 4 columns: no value for "lng", "phone".' },
      {
        index: 2,
        reason:
          'row 4 (data row 3) has 6 values, the header has 4 columns: the last 2 values were ignored (does a value contain a comma without quotes around it?).',
      },
    ]);
  });

  it('reads a quote at the start of a value that is never closed as a plain character, so the rows after it are kept', async () => {
    const out = await readCsv('name,lat\nA (fictional),1\n"B ""Main St"" (fictional),2\nC (fictional),3\n');
    expect(out.records).to.deep.equal([
      { name: 'A (fictional)', lat: '1' },
      { name: '"B ""Main St"" (fictional)', lat: '2' },
      { name: 'C (fictional)', lat: '3' },
    ]);
    expect(out.skipped).to.deep.equal([]);
    expect(out.warnings).to.deep.equal([
      {
        index: 1,
        reason:
          'row 3 (data row 2): the value in column 1 ("name") starts with a quote (") that does not close where the value ends, so it was read as a plain character; check that value.',
      },
    ]);
  });

  it('reads a quote typed at the start of a value ("Hope" House) as a plain character, not to a quote rows later', async () => {
    const out = await readCsv(
      'name,street,lat\n"Hope" House (fictional),2 Example St,1\nB (fictional),3 Example St,2\n"C" Centre (fictional),4 Example St,3\nD (fictional),5 Example St,4\n',
    );
    expect(out.records.map((r) => [r['name'], r['street'], r['lat']])).to.deep.equal([
      ['"Hope" House (fictional)', '2 Example St', '1'],
      ['B (fictional)', '3 Example St', '2'],
      ['"C" Centre (fictional)', '4 Example St', '3'],
      ['D (fictional)', '5 Example St', '4'],
    ]);
    expect(out.warnings.map((w) => w.index)).to.deep.equal([0, 2]);
  });

  it('keeps quoted values with line breaks, and a quote closed at the end of a line', async () => {
    const out = await readCsv('name,note\nA (fictional),"line one\nline two"\n"B ""quoted"" (fictional)",ok\n');
    expect(out.records).to.deep.equal([
      { name: 'A (fictional)', note: 'line one\nline two' },
      { name: 'B "quoted" (fictional)', note: 'ok' },
    ]);
    expect(out.warnings).to.deep.equal([]);
  });

  describe('values over the limit', () => {
    it('skips the row of a 10 MB unquoted value, naming row and column, keeps every other row, and lets other tasks run', async () => {
      const huge = 'x'.repeat(10 * 1024 * 1024);
      const text = `name,lat,description\nA (fictional),1,ok\n\nB (fictional),2,${huge}\nC (fictional),3,ok\n`;
      let ticks = 0;
      let reading = true;
      const tick = () => {
        ticks++;
        if (reading) setTimeout(tick);
      };
      setTimeout(tick);
      const out = await readCsv(text);
      reading = false;
      expect(out.records).to.deep.equal([
        { name: 'A (fictional)', lat: '1', description: 'ok' },
        { name: 'C (fictional)', lat: '3', description: 'ok' },
      ]);
      expect(out.indexes).to.deep.equal([0, 2]);
      expect(out.skipped).to.deep.equal([
        {
          index: 1,
          reason: `row 4 (data row 2): the value in column 3 ("description") has 10,485,760 characters, more than the 100,000 a value may have; the row was skipped.`,
        },
      ]);
      expect(ticks).to.be.at.least(1);
    });

    it('skips the row of a long quoted value with line breaks and delimiters inside, counting rows as before', async () => {
      const long = `"${'line, "" one\n'.repeat(8000)}"`;
      const out = await readCsv(`name;lat\n${long};1;extra\nB (fictional);2\nC (fictional);"x"\n`.replaceAll(';', ','));
      expect(out.records.map((r) => r['name'])).to.deep.equal(['B (fictional)', 'C (fictional)']);
      expect(out.indexes).to.deep.equal([1, 2]);
      expect(out.skipped.map((s) => s.reason)).to.deep.equal([
        'row 2 (data row 1): the value in column 1 ("name") has 104,000 characters, more than the 100,000 a value may have; the row was skipped.',
      ]);
    });

    it('keeps a value of exactly the limit, and names a column beyond the header by number', async () => {
      const out = await readCsv(
        `name,lat\nA (fictional),${'1'.repeat(MAX_CSV_VALUE)}\nB (fictional),2,${'y'.repeat(MAX_CSV_VALUE + 1)},${'z'.repeat(MAX_CSV_VALUE + 1)}\n`,
      );
      expect(out.records.map((r) => (r['lat'] as string).length)).to.deep.equal([MAX_CSV_VALUE]);
      expect(out.skipped.map((s) => s.reason)).to.deep.equal([
        'row 3 (data row 2): the value in column 3 has 100,001 characters (and 1 more such value), more than the 100,000 a value may have; the row was skipped.',
      ]);
    });

    it('refuses a header with a value over the limit', async () => {
      expect(await formatError(`name,${'h'.repeat(150_000)}\nA,1\n`)).to.equal(
        'the CSV header (row 1) has a value of 150,000 characters in column 2, more than the 100,000 a value may have: is this a CSV file?',
      );
    });

    it('reads every row after a quote never closed, however many', async () => {
      const out = await readCsv(`name,lat\nA (fictional),1\n"B (fictional),2\n${'C (fictional),3\n'.repeat(100_000)}`);
      expect(out.records).to.have.length(100_002);
      expect(out.records[1]).to.deep.equal({ name: '"B (fictional)', lat: '2' });
      expect(out.skipped).to.deep.equal([]);
    });
  });

  it('warns about a stray quote inside a quoted value', async () => {
    const out = await readCsv('name,lat\n"A "B" (fictional)",1\n');
    expect(out.records).to.have.length(1);
    expect(out.warnings[0]).to.include({ index: 0 });
    expect(out.warnings[0].reason).to.match(/^row 2 \(data row 1\): a quote/);
  });

  it('returns no records for a header without rows', async () => {
    expect(await readCsv('name,lat,lng\r\n')).to.deep.equal({ records: [], indexes: [], skipped: [], warnings: [] });
  });

  it('skips a title and notes above the header, with a warning that names them, and numbers rows as the spreadsheet does', async () => {
    const titled = await readCsv(
      [
        // As a spreadsheet writes it: a title cell with a comma is quoted.
        '"Naloxone sites, Example County (fictional)",,,',
        'Updated 2026-11-01,,,',
        ',,,',
        'name,lat,lng,city',
        'Example Site (fictional),49.28,-123.12,"Vancouver, BC"',
        'Example Van (fictional),x,-123.1,',
      ].join('\n'),
    );
    expect(titled.records).to.deep.equal([
      { name: 'Example Site (fictional)', lat: '49.28', lng: '-123.12', city: 'Vancouver, BC' },
      { name: 'Example Van (fictional)', lat: 'x', lng: '-123.1', city: '' },
    ]);
    expect(titled.warnings).to.deep.equal([
      { index: -1, reason: 'rows 1-2 come before the header (row 4) and were skipped as a title: "Naloxone sites, Example County (fictiona…".' },
    ]);
    // A semicolon table under a title is still read as one.
    const semicolons = await readCsv('Example County sites (fictional)\nname;lat;lng\nExample Site (fictional);49.28;-123.12\n');
    expect(semicolons.records).to.deep.equal([{ name: 'Example Site (fictional)', lat: '49.28', lng: '-123.12' }]);
  });

  it('skips a note of a few cells above the header ("Updated,2026-11-01"), and keeps a header whose first row has more values', async () => {
    const noted = await readCsv(
      ['Example County naloxone sites (fictional)', 'Last updated:,2026-11-01', 'Name,Lat,Lng', 'T1 (fictional),40.7,-74', 'T2 (fictional),40.71,-74.01'].join(
        '\n',
      ),
    );
    expect(noted.records).to.deep.equal([
      { Name: 'T1 (fictional)', Lat: '40.7', Lng: '-74' },
      { Name: 'T2 (fictional)', Lat: '40.71', Lng: '-74.01' },
    ]);
    expect(noted.indexes).to.deep.equal([0, 1]);
    expect(noted.warnings).to.deep.equal([
      { index: -1, reason: 'rows 1-2 come before the header (row 3) and were skipped as a title: "Example County naloxone sites (fictional…".' },
    ]);
    const dated = await readCsv('Updated,11/1/2026\nName,Lat,Lng,City\nT1 (fictional),40.7,-74,Example City\n');
    expect(dated.records).to.deep.equal([{ Name: 'T1 (fictional)', Lat: '40.7', Lng: '-74', City: 'Example City' }]);
    // A header is a header when it holds no number or date, or the row under it has no more
    // values, or numbers in them: words above more words may be a header over unnamed columns.
    expect((await readCsv('name,address\nA (fictional),1 Example St\n')).records).to.deep.equal([{ name: 'A (fictional)', address: '1 Example St' }]);
    expect((await readCsv('name,lat,lng,\nA (fictional),1,2,x\n')).records).to.deep.equal([{ name: 'A (fictional)', lat: '1', lng: '2' }]);
    expect((await readCsv('name,address,,\nA (fictional),Example St,note,more\n')).records).to.deep.equal([{ name: 'A (fictional)', address: 'Example St' }]);
    // A header alone is still a header.
    expect(await readCsv('Updated,2026-11-01\n')).to.deep.include({ records: [] });
  });

  it('reads a cell holding only a placeholder ("N/A", "#N/A", "-", "TBD", "NULL") as empty, and keeps "None"', async () => {
    const read = await readCsv('name,phone,zip,email,hours,fees\nExample (fictional),N/A,#N/A, - ,TBD,None\nExample 2 (fictional),n/a,NULL,Unknown,--,$5\n');
    expect(read.records).to.deep.equal([
      { name: 'Example (fictional)', fees: 'None' },
      { name: 'Example 2 (fictional)', fees: '$5' },
    ]);
    expect(read.warnings).to.deep.equal([]);
  });

  it('throws FeedFormatError when there is no table to read', async () => {
    expect(await formatError('')).to.equal('the CSV is empty: it has no header row.');
    expect(await formatError('\uFEFF \r\n\t\n')).to.equal('the CSV is empty: it has no header row.');
    expect(await formatError('<!DOCTYPE html>\n<html lang="en"><head><title>Not found</title>')).to.match(/HTML or XML document, not CSV/);
    expect(await formatError('{"version": 1, "services": []}')).to.equal('this is a JSON document, not CSV.');
    expect(await formatError('name\nA (fictional)\nB (fictional)\n')).to.match(/^the CSV header has only one named column \("name"\)/);
    expect(await formatError('name,,\nA (fictional),1,2\n')).to.match(/^the CSV header has only one named column/);
    expect(await formatError('"name,lat\nA,1\n')).to.match(/never closed/);
  });

  it('makes a __proto__ header an ordinary key without touching any prototype', async () => {
    const out = await readCsv('__proto__,constructor,name\n{"polluted":"yes"},x,A (fictional)\n');
    const [record] = out.records;
    expect(Object.getPrototypeOf(record)).to.equal(Object.prototype);
    expect(Object.keys(record)).to.deep.equal(['__proto__', 'constructor', 'name']);
    expect(Object.getOwnPropertyDescriptor(record, '__proto__')?.value).to.equal('{"polluted":"yes"}');
    expect(({} as Record<string, unknown>)['polluted']).to.equal(undefined);
  });

  it('rejects with the abort reason, before and during a read', async () => {
    const before = new AbortController();
    before.abort();
    let error: unknown;
    await readCsv('name,lat\nA,1', { signal: before.signal }).catch((e: unknown) => (error = e));
    expect((error as Error).name).to.equal('AbortError');

    const during = new AbortController();
    const reading = readCsv(bigCsv(14_000), { signal: during.signal });
    setTimeout(() => during.abort(new Error('stopped by the test')));
    error = undefined;
    await reading.catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('stopped by the test');
  });

  it('lets other tasks run while it reads 14,000 rows', async () => {
    await readCsv('name,lat\nA,1'); // loads papaparse first, so only parsing is measured
    let ticks = 0;
    let reading = true;
    const tick = () => {
      ticks++;
      if (reading) setTimeout(tick);
    };
    setTimeout(tick);
    const out = await readCsv(bigCsv(14_000));
    reading = false;
    expect(out.records).to.have.length(14_000);
    expect(out.indexes[13_999]).to.equal(13_999);
    expect(out.records[13_999]).to.deep.equal({
      id: 's13999',
      name: 'Example Service 13999 (fictional)',
      lat: '44.9900',
      lng: '-106.9900',
      types: 'naloxone;drop-in',
      description: 'Fictional record, for tests',
    });
    // About 1.2 MB in 64 Ki-character chunks: timers (and input, and rendering) get turns
    // between chunks, so a chain of timeouts started with the read keeps ticking.
    expect(ticks).to.be.at.least(2);
  });

  it('reads the real SAMHSA directory, all 14,034 rows', async function () {
    // Lives beside the project (see ../shared/data/README.md), so a fresh clone may not have it.
    const response = await fetch('/__wds-outside-root__/1/shared/data/samhsa-treatment-facilities-14k.csv');
    if (!response.ok) this.skip();
    const out = await readCsv(await response.text());
    expect(out.records).to.have.length(14_034);
    expect(out.skipped).to.deep.equal([]);
    expect(out.warnings).to.deep.equal([]);
    expect(Object.keys(out.records[0])).to.deep.equal([
      'name1',
      'name2',
      'street1',
      'street2',
      'city',
      'state',
      'zip',
      'zip4',
      'county',
      'latitude',
      'longitude',
    ]);
    expect(out.records[0]['latitude']).to.be.a('string');
  });

  it('reads the partner template without warnings', async () => {
    const out = await readCsv(await (await fetch('/demo/services-template.csv')).text());
    expect(out.warnings).to.deep.equal([]);
    expect(out.records).to.have.length(3);
    for (const record of out.records) expect(record['name']).to.match(/\(fictional\)$/);
  });

  describe('properties', () => {
    const special = fc.constantFrom(
      ',',
      ';',
      '\t',
      '"',
      '\n',
      '\r',
      '\r\n',
      ' ',
      'é',
      '😀',
      '\uFEFF',
      '__proto__',
      'constructor',
      'toString',
      'N/A',
      '-',
      'None',
    );
    // The placeholders the reader takes for empty cells, as documented: their keys are absent.
    const placeholder = (cell: string) => /^\s*(n\/?a|#n\/a|null|nil|[-–—]+|tb[ad]|unknown|not available|#(value|ref|div\/0)!|#name\?)\s*$/i.test(cell);
    const cell = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: special }), special);
    const headerName = fc.oneof(fc.string({ unit: 'binary', minLength: 1 }), special).filter((s) => s !== '' && s === s.trim());
    const table = fc.uniqueArray(headerName, { minLength: 2, maxLength: 6 }).chain((header) =>
      fc.tuple(
        fc.constant(header),
        fc.array(
          fc.array(cell, { minLength: header.length, maxLength: header.length }).filter((row) => row.some((c) => c.trim() !== '')),
          { maxLength: 8 },
        ),
      ),
    );

    it('reads back any table written with proper quoting', async () => {
      await fc.assert(
        fc.asyncProperty(table, fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean(), async ([header, rows], newline, finalBreak, bom) => {
          const text = (bom ? '\uFEFF' : '') + toCsv([header, ...rows], newline) + (finalBreak ? newline : '');
          const out = await readCsv(text);
          const expected = rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]]).filter(([, value]) => !placeholder(value))));
          expect(out.records.map((r) => Object.entries(r))).to.deep.equal(expected.map((r) => Object.entries(r)));
          expect(out.indexes).to.deep.equal(rows.map((_, i) => i));
          expect(out.skipped).to.deep.equal([]);
          expect(out.warnings).to.deep.equal([]);
        }),
      );
    });

    it('never throws anything but FeedFormatError, and never pollutes a prototype', async () => {
      const text = fc.oneof(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: special }),
        table.map(([header, rows]) => toCsv([header, ...rows]).slice(0, -3)),
      );
      const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
      await fc.assert(
        fc.asyncProperty(text, async (input) => {
          try {
            const out = await readCsv(input);
            expect(out.records).to.have.length(out.indexes.length);
            for (const record of out.records) expect(Object.getPrototypeOf(record)).to.equal(Object.prototype);
          } catch (error) {
            if (!(error instanceof FeedFormatError)) throw error;
          }
          expect(Object.getOwnPropertyNames(Object.prototype)).to.deep.equal(prototypeKeys);
        }),
      );
    });
  });
});
