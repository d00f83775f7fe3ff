import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/index.js';
import type { NaloxoneFinder } from '../src/naloxone-finder.js';
import { feedAt, feedUrl } from './helpers/services.js';

// The services the finder read and checked reach the list and the map as they are: neither
// walks every one again to see whether it was validated (at 100,000, 76 ms of the task that
// shows them on a slow phone). Services a page script hands the list itself are still checked.

/** The lengths of the arrays given-services.ts walked to check each was a validated service, while `run` ran. */
async function walksDuring(run: () => Promise<unknown>) {
  const every = Array.prototype.every;
  const walked: number[] = [];
  Array.prototype.every = function (this: unknown[], ...args: Parameters<typeof every>) {
    // Its check, by name (the tests run the source): not the map's own pass for positions.
    if (args[0].name === 'isService') walked.push(this.length);
    return every.apply(this, args);
  } as typeof every;
  try {
    await run();
  } finally {
    Array.prototype.every = every;
  }
  return walked;
}

describe('validated services reach the list and the map unchecked', () => {
  const feed = feedAt(Array.from({ length: 60 }, (_, i) => i + 1));

  it('a feed the finder read: no walk over its services, with the map and without', async () => {
    for (const map of ['on', 'off']) {
      let el!: NaloxoneFinder;
      const walked = await walksDuring(async () => {
        el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${feedUrl(feed)} latitude="0" longitude="0" map=${map}></naloxone-finder>`);
        await waitUntil(() => el.shadowRoot!.querySelector('nf-service-list')?.shadowRoot?.querySelector('[part="name"]'), 'listed', { timeout: 5000 });
        await el.updateComplete;
      });
      expect(walked, `map ${map}`).to.deep.equal([]);
      el.remove();
    }
  });

  it('services handed to the list by a page script are still checked, once', async () => {
    const services = feed.services.map((s) => ({ ...s }));
    const walked = await walksDuring(async () => {
      const list = await fixture(html`<nf-service-list .services=${services} latitude="0" longitude="0"></nf-service-list>`);
      await (list as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
    });
    expect(walked).to.deep.equal([60]);
  });
});
