import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../src/index.js';
import type { NaloxoneFinder } from '../src/naloxone-finder.js';
import type { NfServiceList } from '../src/components/nf-service-list/nf-service-list.js';
import { feedAt, feedUrl } from './helpers/services.js';
import { press, stubGeolocation } from './helpers/geolocation.js';
import { errorsDuring } from './helpers/console.js';

/** What a screen reader user hears and a keyboard user reaches, in <naloxone-finder>. */

// Fictional services north of (0, 0), each with the links a real listing has.
const FEED = feedAt([4, 1, 9, 2, 6], (i) => ({
  phone: `555-010${i}`,
  website: `https://example.org/fictional-${i}`,
  address: { street: `${i + 1} Example Street` },
  cost: i % 2 ? 'free' : undefined,
}));

const list = (el: NaloxoneFinder) => el.shadowRoot!.querySelector<NfServiceList>('nf-service-list')!;
const live = (el: NaloxoneFinder) => el.shadowRoot!.querySelector('.live')!;

async function finder(template: ReturnType<typeof html>) {
  const el = await fixture<NaloxoneFinder>(template);
  await waitUntil(() => list(el)?.shadowRoot?.querySelector('li'), 'the list never rendered', { timeout: 5000 });
  await list(el).updateComplete;
  return el;
}

/** The element that has the focus, through shadow roots. */
function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Presses Tab until `matches`, and returns how many presses it took. */
async function tabsTo(what: string, matches: (e: Element) => boolean, most = 40): Promise<number> {
  const path: string[] = [];
  for (let i = 1; i <= most; i++) {
    await sendKeys({ press: 'Tab' });
    const a = deepActive();
    path.push(`${a?.localName}.${a?.className} ${a?.textContent?.trim().slice(0, 20)}`);
    if (a && matches(a)) return i;
  }
  throw new Error(`Tab never reached ${what}: ${path.join(' → ')}`);
}

describe('<naloxone-finder> accessibility', () => {
  afterEach(async () => {
    await caches.delete('naloxone-finder-v1');
    localStorage.clear();
  });

  describe('one live region', () => {
    it('says the results and where they are sorted from, once, after loading', async () => {
      const el = await fixture<NaloxoneFinder>(
        html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" origin-label="the test origin" limit="3"></naloxone-finder>`,
      );
      const region = live(el);
      expect(region.getAttribute('role'), 'there from the first render, so what it says later is heard').to.equal('status');
      const said: string[] = [];
      const observer = new MutationObserver(() => said.push(region.textContent!));
      observer.observe(region, { childList: true, characterData: true, subtree: true });
      await waitUntil(() => region.textContent!.includes('services'), 'the results were never announced', { timeout: 5000 });
      await new Promise((r) => setTimeout(r, 600));
      observer.disconnect();
      expect(said.at(-1)).to.equal('Showing 3 of 5 services. Nearest first from the test origin.');
      expect(
        said.filter((t) => t.includes('services')),
        'said once',
      ).to.have.length(1);
      // The only live region in the finder's own shadow root: nothing else talks over it.
      expect(el.shadowRoot!.querySelectorAll('[role="status"], [role="alert"], [aria-live]')).to.have.length(1);
    });

    it('says when the chosen filters match nothing, and an error in words', async () => {
      const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" filters="walk-in"></naloxone-finder>`);
      await waitUntil(() => live(el).textContent!.includes('No services match'), 'the empty filter result was never announced', { timeout: 3000 });
      expect(live(el).textContent).to.contain('No services match: Walk-in. Clear some filters to see more.');

      const { errors } = await errorsDuring(async () => {
        el.src = '/test/fixtures/no-such-feed.json';
        await waitUntil(() => live(el).textContent!.includes('404'), 'the error was never announced', { timeout: 5000 });
      });
      expect(errors.join('\n')).to.contain('404');
      expect(live(el).textContent).to.equal(el.shadowRoot!.querySelector('[part="error"]')!.textContent);
    });

    it('says which service was chosen, from the list or the map, and where it is marked', async () => {
      const el = await fixture<NaloxoneFinder>(
        html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none" limit="3"></naloxone-finder>`,
      );
      await waitUntil(() => live(el).textContent!.includes('services'), 'the results were never announced', { timeout: 5000 });
      const list = el.shadowRoot!.querySelector('nf-service-list')!;
      const button = list.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.show-on-map')[1];
      const name = list.shadowRoot!.querySelectorAll('[part="name"]')[1].textContent!.trim();
      button.click();
      await waitUntil(() => live(el).textContent!.startsWith('Chosen:'), 'the choice was never announced', { timeout: 3000 });
      expect(live(el).textContent).to.match(new RegExp(`^Chosen: ${name.replace(/[()]/g, '\\$&')}.*\\. It is marked on the map and in the list\\.$`));
    });

    it('says where the list is sorted from after "Use my location"', async () => {
      const geo = stubGeolocation({ lat: 0.001, lng: 0.001 });
      try {
        const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" map="off"></naloxone-finder>`);
        await press(el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!);
        await waitUntil(() => live(el).textContent!.includes('stays on this device'), 'the location was never announced', { timeout: 3000 });
        expect(live(el).textContent).to.match(/^5 services\. .*Your location stays on this device\./);
      } finally {
        geo.restore();
      }
    });
  });

  describe('headings', () => {
    it('`heading-level` sets the level of every heading the finder shows', async () => {
      const el = await finder(
        html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" heading-level="2" radius="0.5" units="km"></naloxone-finder>`,
      );
      const levels = [...el.shadowRoot!.querySelectorAll('[role="heading"]'), ...list(el).shadowRoot!.querySelectorAll('[role="heading"]')].map((h) =>
        h.getAttribute('aria-level'),
      );
      expect(levels.length).to.be.at.least(5);
      expect(new Set(levels)).to.deep.equal(new Set(['2']));
      expect(el.shadowRoot!.querySelectorAll('h1, h2, h3, h4, h5, h6'), 'no fixed-level heading left').to.have.length(0);
    });

    it('a heading level outside 1–6 is reported, and 3 used', async () => {
      let el!: NaloxoneFinder;
      const { errors } = await errorsDuring(async () => {
        el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" heading-level="7"></naloxone-finder>`);
      });
      expect(errors.join('\n')).to.contain('heading-level="7" is not a whole number from 1 to 6; using 3.');
      expect(list(el).shadowRoot!.querySelector('[role="heading"]')!.getAttribute('aria-level')).to.equal('3');
      // Set as a property, the same check: never aria-level="9".
      const set = await errorsDuring(async () => {
        el.headingLevel = 9;
        el.limit = 0;
        await el.updateComplete;
        await list(el).updateComplete;
      });
      expect(set.errors).to.deep.equal([
        'naloxone-finder: limit="0" is not a whole number 1 or more; using 20.',
        'naloxone-finder: heading-level="9" is not a whole number from 1 to 6; using 3.',
      ]);
      expect([el.headingLevel, el.limit]).to.deep.equal([3, 20]);
      expect(list(el).shadowRoot!.querySelector('[role="heading"]')!.getAttribute('aria-level')).to.equal('3');
    });
  });

  describe('names that tell places apart', () => {
    it('"Show on map", Directions and Website name the place and its street; new tabs are announced', async () => {
      const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>`);
      const first = list(el).shadowRoot!.querySelector('li[part="item"]')!;
      const said = (e: Element) => e.textContent!.replace(/\s+/g, ' ').trim();
      expect(said(first.querySelector('button.show-on-map')!)).to.equal('Show on map: Example Service s1 (fictional), 2 Example Street');
      const links = [...first.querySelectorAll<HTMLAnchorElement>('[part="actions"] a')];
      expect(links.map(said)).to.deep.equal([
        'Call 555-0101',
        'Directions: Example Service s1 (fictional), 2 Example Street (opens in a new tab)',
        'Website: Example Service s1 (fictional), 2 Example Street (opens in a new tab)',
      ]);
      for (const a of links.filter((l) => l.target === '_blank')) expect(said(a)).to.contain('(opens in a new tab)');
    });
  });

  describe('focus when the feed changes', () => {
    it('moves from a result to the results box when src changes, never to the page, whether the new feed loads or fails', async () => {
      const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>`);
      const results = el.shadowRoot!.querySelector('.results')!;
      for (const next of [feedUrl(feedAt([3, 5])), 'data:application/json,{"not":"a feed"']) {
        await waitUntil(() => (list(el)?.shadowRoot?.querySelectorAll('button.show-on-map').length ?? 0) > 1, 'no results to focus', { timeout: 5000 });
        list(el).shadowRoot!.querySelectorAll<HTMLButtonElement>('button.show-on-map')[1].focus();
        el.src = next;
        await el.updateComplete;
        expect(deepActive(), 'while it loads').to.equal(results);
        await waitUntil(() => !el.shadowRoot!.querySelector('.results .note'), 'still loading', { timeout: 5000 });
        expect(deepActive(), 'once it has loaded or failed').to.equal(results);
        el.src = feedUrl(FEED);
        await el.updateComplete;
      }
    });
  });

  describe('the keyboard path', () => {
    it('reaches the first "Call" in 5 Tabs from "Use my location", and the map\'s zoom in 5 Tabs and one Enter', async () => {
      const geo = stubGeolocation({ lat: 0.001, lng: 0.001 });
      try {
        const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>`);
        const locate = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="locate-button"]')!;
        locate.focus();
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => el.shadowRoot!.querySelector('[part="area-button"]'), 'the location was never used', { timeout: 3000 });
        await list(el).updateComplete;
        expect(deepActive(), 'focus stays on the button').to.equal(locate);

        const call = await tabsTo('the first "Call"', (e) => e.localName === 'a' && e.textContent!.startsWith('Call'));
        expect(call).to.be.at.most(5);
        expect(deepActive()!.closest('li')!.querySelector('[part="name"]')!.textContent).to.equal('Example Service s1 (fictional)');

        locate.focus();
        const skip = await tabsTo('"Skip to the map"', (e) => e.matches('[part="skip-link"]'));
        await sendKeys({ press: 'Enter' });
        const zoom = await tabsTo('"Zoom in"', (e) => /zoom in/i.test(e.getAttribute('aria-label') ?? e.textContent ?? ''));
        expect(skip + zoom, `${skip} Tabs to "Skip to the map", then ${zoom}`).to.be.at.most(8);
      } finally {
        geo.restore();
      }
    });

    it('the skip link is out of sight until it has the focus', async () => {
      const el = await finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>`);
      const skip = el.shadowRoot!.querySelector<HTMLElement>('[part="skip-link"]')!;
      const seen = () => {
        const box = skip.getBoundingClientRect();
        return el.shadowRoot!.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2) === skip && box.width > 40;
      };
      expect(seen()).to.equal(false);
      skip.focus();
      expect(seen()).to.equal(true);
    });
  });

  describe('selection on a narrow screen, where the map is below the list', () => {
    const narrow = () =>
      finder(html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none" style="display:block;width:360px"></naloxone-finder>`);
    const inView = (e: Element) => {
      const box = e.getBoundingClientRect();
      return box.bottom > 0 && box.top < innerHeight;
    };

    it('a marker chosen on the map keeps the map in view: the page does not jump to the list', async () => {
      const el = await narrow();
      const map = el.shadowRoot!.querySelector('nf-map')!;
      await waitUntil(() => map.shadowRoot!.querySelectorAll('.nf-marker').length === 5, 'the markers never showed', { timeout: 5000 });
      map.scrollIntoView();
      const before = scrollY;
      expect(before, 'the map starts below the first screen').to.be.above(0);
      const last = [...map.shadowRoot!.querySelectorAll<HTMLElement>('.nf-marker')].find((m) => m.getAttribute('aria-label')!.includes('s2'))!;
      last.click();
      await list(el).updateComplete;
      await new Promise((r) => requestAnimationFrame(r));
      expect(list(el).shadowRoot!.querySelector('li[aria-current="true"] [part="name"]')!.textContent).to.contain('s2');
      expect(scrollY).to.equal(before);
      expect(inView(map)).to.equal(true);
    });

    it('"Show on map" brings the map into view', async () => {
      const el = await narrow();
      scrollTo(0, 0);
      const map = el.shadowRoot!.querySelector('nf-map')!;
      expect(inView(map), 'below the list at first').to.equal(false);
      list(el).shadowRoot!.querySelector<HTMLButtonElement>('button.show-on-map')!.click();
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(r));
      expect(inView(map)).to.equal(true);
    });
  });

  it('an empty feed draws no map', async () => {
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder src=${feedUrl({ version: 1, services: [] })} tile-url="none"></naloxone-finder>`);
    await waitUntil(() => list(el)?.shadowRoot?.textContent!.includes('no services'), 'the empty list never rendered', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('nf-map')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="skip-link"]')).to.equal(null);
  });
});
