import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/nf-service-list/nf-service-list.js';
import type { NfServiceList } from '../../src/components/nf-service-list/nf-service-list.js';
import { parseFeed, parseFeedData, type FeedResult } from '../../src/feed/parse-feed.js';

const WEEKDAYS = ['mo', 'tu', 'we', 'th', 'fr'];
const pick = (feed: FeedResult) => {
  const [service] = feed.services;
  return { hours: service.hours, languages: service.languages, cost: service.cost };
};
const expected = { hours: [{ days: WEEKDAYS, opens: '09:00', closes: '17:00' }], languages: ['en', 'es'], cost: 'free' };

describe('hours, languages and cost mean the same in every format', () => {
  it('CSV: "Mon-Fri 9am-5pm", "English, Spanish" and "Free of charge"', async () => {
    const feed = await parseFeed(
      'name,lat,lng,types,hours,languages,cost\nExample Pharmacy (fictional),49.28,-123.12,naloxone,Mon-Fri 9am-5pm,"English, Spanish",Free of charge\n',
    );
    expect(feed.format).to.equal('csv');
    expect(pick(feed)).to.deep.equal(expected);
    expect(feed.warnings.map((w) => w.reason)).to.deep.equal([]);
  });

  it('native JSON and GeoJSON: the same text in the same fields', async () => {
    const properties = {
      name: 'Example Pharmacy (fictional)',
      types: ['naloxone'],
      hours: 'Mon-Fri 9am-5pm',
      languages: 'English, Español',
      cost: 'Free of charge',
    };
    const native = await parseFeedData({ version: 1, services: [{ id: 'a', lat: 49.28, lng: -123.12, ...properties }] });
    expect(native.format).to.equal('native');
    expect(pick(native)).to.deep.equal(expected);
    const geojson = await parseFeedData({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [-123.12, 49.28] }, properties: { id: 'a', ...properties } }],
    });
    expect(geojson.format).to.equal('geojson');
    expect(pick(geojson)).to.deep.equal(expected);
  });

  it('HSDS: opens_at "9am", language names and "Free of charge" go through the same readers', async () => {
    const feed = await parseFeedData([
      {
        id: 'svc-1',
        name: 'Example Pharmacy (fictional)',
        fees_description: 'Free of charge',
        languages: [{ name: 'English' }, { name: 'Spanish' }, { name: 'Español' }],
        attributes: [{ taxonomy_term: { name: 'Naloxone' } }],
        schedules: [{ byday: 'MO,TU,WE,TH,FR', opens_at: '9am', closes_at: '5pm' }],
        service_at_locations: [{ id: 'sal-1', location: { id: 'loc-1', latitude: 49.28, longitude: -123.12 } }],
      },
    ]);
    expect(feed.format).to.equal('hsds');
    expect(pick(feed)).to.deep.equal(expected);
  });

  it('"24/7" in a CSV is open around the clock', async () => {
    const feed = await parseFeed('name,lat,lng,types,hours\nExample Site (fictional),49.28,-123.12,naloxone,24/7\n');
    expect(feed.services[0]).to.include({ open24h: true });
    expect(feed.services[0]).to.not.have.property('hours');
  });

  it('keeps what it can read of a CSV hours cell and says what it left out', async () => {
    const feed = await parseFeed('id,name,lat,lng,types,hours\nr1,Example Site (fictional),49.28,-123.12,naloxone,Mon-Fri 9-5; call first on holidays\n');
    expect(feed.services[0].hours).to.deep.equal([{ days: WEEKDAYS, opens: '09:00', closes: '17:00' }]);
    expect(feed.warnings).to.deep.equal([
      { index: 0, id: 'r1', reason: '"hours" could not read "call first on holidays": "call" is not a day or a time; that part was left out' },
    ]);
    // Nothing lost: the visitor still reads it, in the details.
    expect(feed.services[0].hoursNote).to.equal('call first on holidays');
  });

  it('shows hours it could read only in part as written, with no "open" or "closed" a visitor could trust wrongly', async () => {
    const feed = await parseFeed(
      [
        'id,name,lat,lng,types,hours,hours note',
        'r1,Example Outreach (fictional),49.28,-123.12,naloxone,Mon-Fri 9-5; Sat 1-4,Call first.',
        'r2,Example Van (fictional),49.27,-123.11,naloxone,By appointment,',
      ].join('\n'),
    );
    expect(feed.services.map((s) => [s.id, s.hours, s.hoursNote])).to.deep.equal([
      ['r1', undefined, 'Call first. · Mon-Fri 9-5; Sat 1-4'],
      ['r2', undefined, 'By appointment'],
    ]);
    const list = await fixture<NfServiceList>(html`<nf-service-list lang="en-US" latitude="49.28" longitude="-123.12"></nf-service-list>`);
    list.services = feed.services;
    await list.updateComplete;
    const item = list.shadowRoot!.querySelector<HTMLLIElement>('li[part="item"]')!;
    expect(item.querySelector('[part="hours-status"]')).to.equal(null);
    // The hours as written are in the item itself, whole: no visitor has to open the details for them.
    expect(item.querySelector('[part="hours-note"]')!.textContent).to.equal('Hours: Call first. · Mon-Fri 9-5; Sat 1-4');
  });
});
