import { expect } from '@open-wc/testing';
import { logFeedReport, problemLine } from '../../src/feed/console-report.js';
import { parseFeed } from '../../src/feed/parse-feed.js';

describe('logFeedReport', () => {
  it('quotes a record id in the console without bidi controls', () => {
    const logged: string[] = [];
    const { warn, groupCollapsed, groupEnd } = console;
    console.warn = (...args: unknown[]) => logged.push(args.join(' '));
    const titles: string[] = [];
    console.groupCollapsed = (title: string) => titles.push(title);
    console.groupEnd = () => undefined;
    try {
      logFeedReport('feed.json', 1, [{ index: 2, id: '\u202Erecord-3\u202C', reason: 'the service has no "name"' }], []);
    } finally {
      Object.assign(console, { warn, groupCollapsed, groupEnd });
    }
    expect(logged).to.deep.equal(['skipped ×1\n  record 3 (id "record-3"): the service has no "name"']);
    expect(titles, 'one of each, in the singular').to.deep.equal(['naloxone-finder: feed.json: 1 service shown, 1 record skipped, 0 warnings']);
  });

  it('names a record as a person counts, from 1, as its given id does, and as the CLI names it', () => {
    expect(problemLine({ index: 2, reason: '"name" is missing' }, 'native')).to.equal('record 3: "name" is missing');
    expect(problemLine({ index: 0, id: 'feature-1', reason: 'r' }, 'geojson')).to.equal('feature 1 (id "feature-1"): r');
    expect(problemLine({ index: 4, reason: '"lng" is missing' }, 'csv')).to.equal('data row 5: "lng" is missing');
    // A CSV reason that names its row is not named twice.
    expect(problemLine({ index: 1, reason: 'row 3 (data row 2) has 2 values' }, 'csv')).to.equal('row 3 (data row 2) has 2 values');
    expect(problemLine({ index: -1, reason: 'the feed is not UTF-8' }, 'csv')).to.equal('feed: the feed is not UTF-8');
  });

  it('names the other record of a duplicate id the same way, whatever the format', async () => {
    const csv = await parseFeed('id,name,lat,lng\na,Example A (fictional),1,2\na,Example B (fictional),1,3\n');
    expect(csv.warnings.map((w) => problemLine(w, csv.format))).to.deep.equal([
      'data row 2 (id "a"): duplicate id "a" (also data row 1): both are shown, this one as "a~2"',
    ]);
  });
});
