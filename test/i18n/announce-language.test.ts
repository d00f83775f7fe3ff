import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';
import { feedAt, feedUrl } from '../helpers/services.js';
import { errorsDuring } from '../helpers/console.js';

/**
 * A screen reader hears the page's language only. This file's page has loaded no Spanish yet,
 * and the dev server holds the Spanish chunk back (the cookie, test/helpers/delay-middleware.js),
 * as a slow network would: English shows meanwhile, but nothing English is said.
 */
describe('live region while the page language loads', () => {
  before(() => {
    document.cookie = 'nf-test-delay-locales=900; path=/';
  });
  after(() => {
    document.cookie = 'nf-test-delay-locales=; path=/; max-age=0';
  });

  it('says nothing in English while the Spanish words load, then says the results once, in Spanish', async () => {
    const said: string[] = [];
    const el = await fixture<NaloxoneFinder>(
      html`<naloxone-finder lang="es" src=${feedUrl(feedAt([1, 2, 3]))} latitude="0" longitude="0" map="off"></naloxone-finder>`,
    );
    const live = el.shadowRoot!.querySelector('.live')!;
    new MutationObserver(() => said.push(live.textContent!)).observe(live, { childList: true, characterData: true, subtree: true });
    // English on screen while the chunk is held back: the case this test is about.
    expect(el.shadowRoot!.querySelector('.locate')!.textContent!.trim()).to.equal('Use my location');
    await waitUntil(() => said.some((text) => text.includes('servicios')), 'the Spanish results were never said', { timeout: 5000 });
    expect(said.filter(Boolean)).to.deep.equal([live.textContent]);
    expect(live.textContent).to.equal('3 servicios. Primero los más cercanos al punto de partida.');
  });

  it("says the results in English when the page language's words cannot be loaded", async () => {
    document.cookie = 'nf-test-fail-locales=1; path=/';
    try {
      const { errors, result: el } = await errorsDuring(async () => {
        const el = await fixture<NaloxoneFinder>(
          html`<naloxone-finder lang="fr" src=${feedUrl(feedAt([1, 2]))} latitude="0" longitude="0" map="off"></naloxone-finder>`,
        );
        await waitUntil(() => el.shadowRoot!.querySelector('.live')!.textContent, 'nothing was ever said', { timeout: 5000 });
        return el;
      });
      expect(el.shadowRoot!.querySelector('.live')!.textContent).to.equal('2 services. Nearest first from the starting point.');
      expect(errors.some((e) => e.startsWith('naloxone-finder: the "fr" strings could not be loaded'))).to.equal(true);
    } finally {
      document.cookie = 'nf-test-fail-locales=; path=/; max-age=0';
    }
  });
});
