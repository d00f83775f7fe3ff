import { expect } from '@open-wc/testing';
import { parseFeed, parseFeedData, type FeedResult } from '../../src/feed/parse-feed.js';

/** The same languages cell in every format: a list, an endonym, "y", an accent, an ambiguous name and one that is no language. */
const CELL = 'English, Español y Kreyòl ayisyen; Chinese (Cantonese) / Creole, Klingon';
const TAGS = ['en', 'es', 'ht', 'yue'];

const read = (feed: FeedResult) => ({
  languages: feed.services[0]?.languages,
  warnings: feed.warnings.map((w) => w.reason),
});
const place = { name: 'Example Pharmacy (fictional)', types: ['naloxone'] };

describe('a languages cell reads the same in every format', () => {
  it('CSV', async () => {
    const feed = await parseFeed(`name,lat,lng,types,languages\nExample Pharmacy (fictional),49.28,-123.12,naloxone,"${CELL}"\n`);
    expect(feed.format).to.equal('csv');
    expect(read(feed)).to.deep.equal({
      languages: TAGS,
      warnings: [
        'language "Creole" can mean more than one language and was read as "ht"; write its full name or code to be exact',
        'language "Klingon" is not a language name or code that could be read (such as "Spanish", "es" or "es-MX") and was left out',
      ],
    });
  });

  it('native JSON, as one cell and as a list', async () => {
    const cell = await parseFeedData({ version: 1, services: [{ id: 'a', lat: 49.28, lng: -123.12, ...place, languages: CELL }] });
    expect(cell.format).to.equal('native');
    expect(read(cell).languages).to.deep.equal(TAGS);
    expect(read(cell).warnings).to.have.length(2);
    const list = await parseFeedData({ version: 1, services: [{ id: 'a', lat: 49.28, lng: -123.12, ...place, languages: CELL.split(/[,;/]/) }] });
    expect(read(list)).to.deep.equal(read(cell));
  });

  it('GeoJSON', async () => {
    const feed = await parseFeedData({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [-123.12, 49.28] }, properties: { id: 'a', ...place, languages: CELL } }],
    });
    expect(feed.format).to.equal('geojson');
    expect(read(feed).languages).to.deep.equal(TAGS);
    expect(read(feed).warnings).to.have.length(2);
  });

  describe('HSDS', () => {
    const hsds = (languages: unknown) =>
      parseFeedData([
        {
          id: 'svc-1',
          name: 'Example Pharmacy (fictional)',
          languages,
          attributes: [{ taxonomy_term: { name: 'Naloxone' } }],
          service_at_locations: [{ id: 'sal-1', location: { id: 'loc-1', latitude: 49.28, longitude: -123.12 } }],
        },
      ]);
    const feedWarnings = [
      'languages that can mean more than one language were read as the usual one (write the full name or code to be exact): "Creole" as "ht"',
      'languages that are not language names or codes and were left out: "Klingon"',
    ];

    it('the cell as a 3.0 language name, a 1.x "language" and a bare string', async () => {
      for (const languages of [[{ name: CELL }], [{ language: CELL }], [CELL], CELL]) {
        const feed = await hsds(languages);
        expect(feed.format).to.equal('hsds');
        expect(read(feed), JSON.stringify(languages)).to.deep.equal({ languages: TAGS, warnings: feedWarnings });
      }
    });

    it('a code before its name, and the name when the code cannot be read', async () => {
      const feed = await hsds([
        { code: 'spa', name: 'Spanish (Mexico)' },
        { code: 'xx-unknown', name: 'Français' },
        { code: 'EN', name: 'Anything at all' },
        { name: 'Tiếng Việt' },
      ]);
      expect(read(feed)).to.deep.equal({ languages: ['es', 'fr', 'en', 'vi'], warnings: [] });
    });
  });
});
