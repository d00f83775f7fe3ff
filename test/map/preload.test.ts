import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';

/**
 * The map chunk (Leaflet) downloads beside the feed, not after it. This file runs in a page of
 * its own, so the chunk has not been fetched by another test: keep these tests in this order.
 */

const FEED_URL = '/test/fixtures/a-feed-that-never-answers.json';
const mapChunkRequested = () => performance.getEntriesByType('resource').some((r) => r.name.includes('/nf-map/map-controller'));

describe('the map chunk', () => {
  const originalFetch = window.fetch;
  let feedAsked = 0;
  before(() => {
    // The feed never answers, as on a very slow network.
    window.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).includes(FEED_URL)) {
        feedAsked++;
        return new Promise<Response>(() => undefined);
      }
      return originalFetch(input, init);
    };
  });
  after(() => {
    window.fetch = originalFetch;
  });

  it('is not fetched for a list-only finder', async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${FEED_URL} map="off"></naloxone-finder>`);
    await waitUntil(() => feedAsked === 1, 'the feed was never asked for');
    await new Promise((r) => setTimeout(r, 300));
    expect(mapChunkRequested()).to.equal(false);
    el.remove();
  });

  it('is fetched while the feed is still on its way, when the finder shows a map', async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${FEED_URL} tile-url="none"></naloxone-finder>`);
    await waitUntil(mapChunkRequested, 'the map chunk waited for the feed', { timeout: 5000 });
    expect(feedAsked).to.equal(2);
    expect(el.shadowRoot!.querySelector('nf-map, nf-service-list'), 'the feed has not arrived: nothing is drawn yet').to.equal(null);
  });
});
