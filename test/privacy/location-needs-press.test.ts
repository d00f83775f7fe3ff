import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';
import { press, stubGeolocation } from '../helpers/geolocation.js';
import { errorsDuring } from '../helpers/console.js';
import { feedAt, feedUrl } from '../helpers/services.js';

// First in its own page: no key press or click has happened here yet, so the page has no user
// activation until the test presses a key.
describe('"Use my location" asks only on a visitor\'s action', () => {
  it('asks for nothing when a page script calls useMyLocation() or clicks the button itself, and asks on a key press', async () => {
    const geo = stubGeolocation({ lat: 0.05, lng: 0 });
    try {
      const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${feedUrl(feedAt([1, 2]))} latitude="0" longitude="0" map="off"></naloxone-finder>`);
      const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!;
      const { errors } = await errorsDuring(async () => {
        await el.useMyLocation();
        button.click();
        await el.updateComplete;
      });
      expect(geo.calls.count, 'asked without the visitor').to.equal(0);
      expect(errors).to.deep.equal([
        "naloxone-finder: useMyLocation() was called without a visitor's click, tap or key press, so the location was not asked for.",
        "naloxone-finder: useMyLocation() was called without a visitor's click, tap or key press, so the location was not asked for.",
      ]);
      await press(button);
      expect(geo.calls.count).to.equal(1);
    } finally {
      geo.restore();
    }
  });
});
