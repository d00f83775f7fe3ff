import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';
import { feedAt, feedUrl } from '../helpers/services.js';
import { finderList, settle } from './finder-fixture.js';

/** The layouts a partner's page puts the finder in; the sidebar is 250 px, the page 1000 px. */
const LAYOUTS = {
  'a block': 'display:block',
  'a flex row beside a sidebar': 'display:flex; gap:16px',
  'an auto grid column beside a sidebar': 'display:grid; grid-template-columns:250px auto; gap:16px',
  'an inline block': 'display:inline-block',
} as const;

const FEED = feedAt([1, 2, 3]);

describe("the finder in a partner's layout", () => {
  for (const [name, style] of Object.entries(LAYOUTS)) {
    it(`has the width to show its list in ${name}`, async () => {
      const page = await fixture<HTMLDivElement>(
        html`<div style="width:1000px; ${style}">
          ${style.includes('inline-block') ? '' : html`<aside style="width:250px; flex:none">Partner's sidebar</aside>`}
          <naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" units="km" map="off"></naloxone-finder>
        </div>`,
      );
      const el = page.querySelector<NaloxoneFinder>('naloxone-finder')!;
      await waitUntil(() => finderList(el)?.shadowRoot?.querySelector('li'), 'the list never rendered', { timeout: 5000 });
      await settle(el);
      const width = el.getBoundingClientRect().width;
      // At least 20rem, and never wider than the room there is.
      expect(width, 'the finder').to.be.within(320, 1000);
      if (name.includes('flex row')) expect(width, 'a flex row: the room beside the sidebar').to.equal(1000 - 250 - 16);
      const heading = finderList(el).shadowRoot!.querySelector('[part="name"]')!;
      expect(heading.getBoundingClientRect().height, 'a service name on one or two lines, not a word a line').to.be.below(60);
    });
  }
});
