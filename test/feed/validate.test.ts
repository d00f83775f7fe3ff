import { expect } from '@open-wc/testing';
import { FeedFormatError, parseNativeFeed } from '../../src/feed/validate.js';

const good = { id: 'a', name: 'Example Pharmacy (fictional)', lat: 49.28, lng: -123.12, types: ['naloxone'] };

describe('parseNativeFeed', () => {
  it('reads a version 1 feed with every optional field', () => {
    const feed = parseNativeFeed({
      version: 1,
      title: 'Fictional feed',
      updated: '2026-11-01',
      services: [
        {
          ...good,
          types: ['drop-in', 'naloxone'],
          address: { street: ' 1 Example St ', city: 'Exampleton', region: 'BC', postalCode: 'V0V 0V0', country: 'CA' },
          phone: '604-555-0100',
          website: 'https://example.org/',
          description: 'Fictional record for tests.',
        },
      ],
    });
    expect(feed.title).to.equal('Fictional feed');
    expect(feed.updated).to.equal('2026-11-01');
    expect(feed.skipped).to.deep.equal([]);
    expect(feed.services[0]).to.deep.equal({
      id: 'a',
      name: 'Example Pharmacy (fictional)',
      lat: 49.28,
      lng: -123.12,
      types: ['naloxone', 'drop-in'],
      address: { street: '1 Example St', city: 'Exampleton', region: 'BC', postalCode: 'V0V 0V0', country: 'CA' },
      phone: '604-555-0100',
      website: 'https://example.org/',
      description: 'Fictional record for tests.',
    });
  });

  it('accepts a bare array of services', () => {
    expect(parseNativeFeed([good]).services.map((s) => s.id)).to.deep.equal(['a']);
  });

  it('skips each bad record with its index and reason, and keeps the good ones', () => {
    const feed = parseNativeFeed([
      good,
      { name: 'No id (fictional)', lat: 1, lng: 1 },
      { ...good, id: 'b', lat: '49.1' },
      { ...good, id: 'c', lat: 91 },
      { ...good, id: 'd', lng: undefined },
      'not a record',
      { ...good, id: 'e', name: '  ' },
      { ...good, id: 'f' },
    ]);
    expect(feed.services.map((s) => s.id)).to.deep.equal(['a', 'f']);
    expect(feed.skipped).to.deep.equal([
      { index: 1, reason: '"id" is missing' },
      { index: 2, id: 'b', reason: '"lat" must be a number, got "49.1"' },
      { index: 3, id: 'c', reason: '"lat" 91 is outside -90..90' },
      { index: 4, id: 'd', reason: '"lng" is missing' },
      { index: 5, reason: 'record must be an object, got "not a record"' },
      { index: 6, id: 'e', reason: '"name" must be a non-empty string, got "  "' },
    ]);
  });

  it('drops unsafe or malformed optional fields with a warning, keeping the record', () => {
    const feed = parseNativeFeed([
      { ...good, website: 'javascript:alert(1)', types: ['naloxone', 'tacos'], phone: 42 },
      { ...good, id: 'a' },
    ]);
    expect(feed.services).to.have.length(2);
    expect(feed.services[0].website).to.equal(undefined);
    expect(feed.services[0].phone).to.equal(undefined);
    expect(feed.services[0].types).to.deep.equal(['naloxone']);
    expect(feed.warnings.map((w) => w.reason)).to.deep.equal([
      'unknown type "tacos" ignored',
      '"phone" must be a string, got number 42',
      '"website" "javascript:alert(1)" is not an http(s) URL and is not shown',
      'duplicate id "a"',
    ]);
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
