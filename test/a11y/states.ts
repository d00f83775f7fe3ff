import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';
import { press as pressKey, stubGeolocation } from '../helpers/geolocation.js';
import { KM_PER_DEGREE } from '../helpers/services.js';
import { emulateMode, expectNoViolations } from './axe.js';
import type { Mode } from './exceptions.js';
import { settle } from './settle.js';

/** The stories' fictional feed (stories/fixtures/, served at Storybook's static path). */
const FEED = '/fixtures/example-services.json';

const inside = (el: Element, tag: string) => el.shadowRoot!.querySelector(tag)!;
const list = (el: NaloxoneFinder) => inside(el, 'nf-service-list').shadowRoot!;
const press = (root: ParentNode, selector: string) => {
  const target = root.querySelector<HTMLElement>(selector);
  if (!target) throw new Error(`nothing to press: ${selector}`);
  target.click();
};

interface State {
  name: string;
  attributes?: Record<string, string>;
  /** What the visitor does once the finder has loaded. */
  act?: (el: NaloxoneFinder) => Promise<unknown> | unknown;
  /** The visitor's answer to the location prompt. */
  geolocation?: Parameters<typeof stubGeolocation>[0];
}

const STATES: State[] = [
  { name: 'loaded' },
  { name: 'a result selected from the list', act: (el) => press(list(el), '[part="show-on-map"]') },
  {
    name: 'a result selected from its marker',
    act: (el) => press(inside(el, 'nf-map').shadowRoot!, '.nf-marker:not(.nf-origin)'),
  },
  { name: '"Show more" pressed', attributes: { limit: '2' }, act: (el) => press(list(el), '[part="show-more"]') },
  { name: 'location denied', geolocation: { code: 1 }, act: (el) => pressKey(el.shadowRoot!.querySelector<HTMLElement>('[part="locate-button"]')!) },
  {
    name: 'location granted',
    geolocation: { lat: 2 / KM_PER_DEGREE, lng: 0 },
    act: async (el) => {
      await pressKey(el.shadowRoot!.querySelector<HTMLElement>('[part="locate-button"]')!);
      await waitUntil(() => el.shadowRoot!.querySelector('[part="area-button"]'), 'the location never arrived');
    },
  },
  { name: 'feed error (404)', attributes: { src: '/fixtures/does-not-exist.json' } },
  { name: 'empty feed', attributes: { src: '/fixtures/empty.json' } },
  {
    name: 'filters chosen, with matches',
    act: async (el) => {
      const bar = inside(el, 'nf-filter-bar');
      press(bar.shadowRoot!, '[part="toggle"]');
      await (bar as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      const free = [...bar.shadowRoot!.querySelectorAll('label')].find((l) => l.textContent!.trim().startsWith('Free'));
      free!.querySelector('input')!.click();
    },
  },
  {
    name: 'filters chosen, without matches',
    attributes: { filters: 'treatment, free' },
    act: (el) => expect(list(el).querySelectorAll('[part="item"]').length, 'no service matches').to.equal(0),
  },
  {
    name: 'place search with its options open',
    act: async (el) => {
      const search = inside(el, 'nf-place-search');
      search.shadowRoot!.querySelector('input')!.focus();
      await sendKeys({ type: 'Springfield' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => search.shadowRoot!.querySelectorAll('[role="option"]').length > 1, 'Springfield offers no list', { timeout: 8000 });
    },
  },
  {
    name: 'place search after choosing',
    act: async (el) => {
      const search = inside(el, 'nf-place-search');
      search.shadowRoot!.querySelector('input')!.focus();
      await sendKeys({ type: 'Springfield' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => search.shadowRoot!.querySelectorAll('[role="option"]').length > 1, 'Springfield offers no list', { timeout: 8000 });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => el.shadowRoot!.querySelector('[part="status"]')!.textContent!.includes('Springfield'), 'the choice never reached the status');
    },
  },
  { name: 'details opened', act: (el) => press(list(el), '[part="details-button"]') },
  { name: 'the overdose card opened', act: (el) => press(inside(el, 'nf-overdose-card').shadowRoot!, 'summary') },
  {
    name: 'nothing within the radius (by mail)',
    attributes: { latitude: '1', longitude: '1', units: 'km', radius: '25', 'mail-url': 'https://example.org/naloxone-by-mail' },
    act: (el) => expect(el.shadowRoot!.querySelector('[part="by-mail"], [part="radius-note"]'), 'the radius note shows').to.not.equal(null),
  },
];

/**
 * `<naloxone-finder>` after each thing a visitor can do, checked in one colour mode (one file per
 * mode: states-<mode>.test.ts). Dark here is the visitor's system setting (`theme` unset, so
 * "auto"); the stories check `theme="dark"` itself.
 */
export function checkEveryState(mode: Mode, only?: string) {
  describe(`<naloxone-finder> in each state, ${mode}`, () => {
    let page: HTMLElement;
    let restoreGeolocation: (() => void) | undefined;

    before(() => emulateMode(mode === 'light' ? undefined : mode));
    after(() => emulateMode(undefined));
    afterEach(async () => {
      restoreGeolocation?.();
      restoreGeolocation = undefined;
      page.remove();
      await caches.delete('naloxone-finder-v1');
      localStorage.clear();
    });

    for (const state of STATES.filter((s) => !only || s.name === only)) {
      it(state.name, async function () {
        this.timeout(30000);
        const where = `<naloxone-finder>, ${state.name}, ${mode}`;
        if (state.geolocation) restoreGeolocation = stubGeolocation(state.geolocation).restore;
        page = document.createElement('div');
        page.lang = 'en-US';
        const el = document.createElement('naloxone-finder');
        const attributes = { src: FEED, latitude: '0', longitude: '0', 'origin-label': 'the centre of Example Town (fictional)', 'tile-url': 'none' };
        for (const [name, value] of Object.entries({ ...attributes, ...state.attributes })) el.setAttribute(name, value);
        page.append(el);
        document.body.append(page);
        await settle(page, where);
        if (state.act) {
          await state.act(el);
          await settle(page, where);
        }
        await expectNoViolations(page, mode, where);
      });
    }
  });
}
