import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';
import { feedAt, feedUrl } from '../helpers/services.js';
import { errorsDuring } from '../helpers/console.js';

/**
 * The map's code fails to load (a blocked or broken chunk). A page of its own: the failed
 * import stays failed for the page, as it would for a visitor.
 */
describe('<naloxone-finder> when the map cannot be loaded', () => {
  after(() => executeServerCommand('hold', { off: true }));

  it('keeps the list whole and offers nothing that points at the map; the console says why', async () => {
    await executeServerCommand('hold', { pattern: '*/nf-map/map-controller*', fail: true });
    const { errors, result: el } = await errorsDuring(async () => {
      const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${feedUrl(feedAt([1, 2, 3]))} latitude="0" longitude="0"></naloxone-finder>`);
      const map = () => el.shadowRoot!.querySelector('nf-map')?.shadowRoot?.querySelector('.failed');
      await waitUntil(map, 'the map never said it failed', { timeout: 5000 });
      return el;
    });
    const root = el.shadowRoot!;
    const list = root.querySelector('nf-service-list')!.shadowRoot!;
    await waitUntil(() => list.querySelectorAll('[part~="item"]').length === 3, 'the list never showed every service');
    expect(root.querySelector('nf-map')!.shadowRoot!.querySelector('.failed')!.textContent).to.equal(
      'The map could not be loaded. The list has every service.',
    );
    expect(list.querySelector('button.show-on-map'), '"Show on map" with no map').to.equal(null);
    expect(root.querySelector('[part="skip-link"]'), '"Skip to the map" with no map').to.equal(null);
    expect(errors.filter((e) => e.startsWith('nf-map: the map could not be loaded'))).to.have.length(1);
  });
});
