import { expect } from '@open-wc/testing';
import { logFeedReport } from '../../src/feed/report.js';

describe('logFeedReport', () => {
  it('quotes a record id in the console without bidi controls', () => {
    const logged: string[] = [];
    const { warn, groupCollapsed, groupEnd } = console;
    console.warn = (...args: unknown[]) => logged.push(args.join(' '));
    const titles: string[] = [];
    console.groupCollapsed = (title: string) => titles.push(title);
    console.groupEnd = () => undefined;
    try {
      logFeedReport('feed.json', 1, [{ index: 3, id: '\u202Erecord-3\u202C', reason: 'the service has no "name"' }], []);
    } finally {
      Object.assign(console, { warn, groupCollapsed, groupEnd });
    }
    expect(logged).to.deep.equal(['skipped ×1\n  record 3 (id "record-3"): the service has no "name"']);
    expect(titles, 'one of each, in the singular').to.deep.equal(['naloxone-finder: feed.json: 1 service shown, 1 record skipped, 0 warnings']);
  });
});
