import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';
import { feedAt, feedUrl } from '../helpers/services.js';
import { errorsDuring } from '../helpers/console.js';

/**
 * A screen reader hears the page's language only. This file's page has loaded no Spanish or
 * French yet; the test runner holds their chunks back, or fails them (test/helpers/hold-plugin.js),
 * as a slow or broken network would: English shows meanwhile, but nothing English is said.
 */
const LOCALES = '*/src/i18n/locales/*';
const live = (el: NaloxoneFinder) => el.shadowRoot!.querySelector('.live')!;

describe('live region while the page language loads', () => {
  afterEach(() => executeServerCommand('hold', { off: true }));

  it('says nothing in English while the Spanish words load, then says the results once, in Spanish', async () => {
    await executeServerCommand('hold', { pattern: LOCALES, delayMs: 900 });
    const said: string[] = [];
    const el = await fixture<NaloxoneFinder>(
      html`<naloxone-finder lang="es" src=${feedUrl(feedAt([1, 2, 3]))} latitude="0" longitude="0" map="off"></naloxone-finder>`,
    );
    new MutationObserver(() => said.push(live(el).textContent!)).observe(live(el), { childList: true, characterData: true, subtree: true });
    // English on screen while the chunk is held back: the case this test is about. It is marked
    // English, so a screen reader does not read it with the Spanish voice.
    expect(el.shadowRoot!.querySelector('.locate')!.textContent!.trim()).to.equal('Use my location');
    expect(el.shadowRoot!.querySelector('[part="toolbar"]')!.getAttribute('lang')).to.equal('en');
    await waitUntil(() => said.some((text) => text.includes('servicios')), 'the Spanish results were never said', { timeout: 5000 });
    expect(said.filter(Boolean)).to.deep.equal([live(el).textContent]);
    expect(live(el).textContent).to.equal('3 servicios. Primero los más cercanos al punto de partida.');
    expect(el.shadowRoot!.querySelector('[part="toolbar"]')!.hasAttribute('lang'), 'Spanish words take the page language').to.equal(false);
    // The place search in the toolbar read English there while the words loaded: it follows.
    const search = el.shadowRoot!.querySelector('nf-place-search')!;
    await waitUntil(() => search.shadowRoot!.querySelector('[part="button"]')?.textContent === 'Buscar', 'the place search stayed in English', {
      timeout: 2000,
    });
    expect(search.shadowRoot!.querySelector('label')!.textContent).to.equal('Código postal (ZIP) o ciudad');
  });

  it("marks English words English on a page in a language that does not ship, and the partner's own note as the page's", async () => {
    const el = await fixture<NaloxoneFinder>(
      html`<naloxone-finder
        lang="pt-BR"
        src=${feedUrl(feedAt([1]))}
        latitude="0"
        longitude="0"
        map="off"
        good-samaritan-note="Nota do parceiro (fictícia)."
      ></naloxone-finder>`,
    );
    await waitUntil(() => live(el).textContent, 'nothing was ever said', { timeout: 5000 });
    expect(live(el).getAttribute('lang')).to.equal('en');
    const card = el.shadowRoot!.querySelector('nf-overdose-card')!;
    await card.updateComplete;
    expect(card.shadowRoot!.querySelector('[part="base"]')!.getAttribute('lang')).to.equal('en');
    expect(card.shadowRoot!.querySelector('[part="good-samaritan"]')!.getAttribute('lang')).to.equal('pt-BR');
  });

  it('gives a page in a language that does not ship English words marked English, in English formats of its region, and the feed its own language', async () => {
    const feed = feedAt([1.2, 2], (i) => ({
      languages: ['en', 'es'],
      hours: [{ days: ['mo'], opens: '09:00', closes: '17:00' }],
      description: `Beschreibung ${i} (fiktiv)`,
    }));
    const el = await fixture<NaloxoneFinder>(html`<naloxone-finder lang="de-DE" src=${feedUrl(feed)} latitude="0" longitude="0" map="off"></naloxone-finder>`);
    await waitUntil(() => live(el).textContent, 'nothing was ever said', { timeout: 5000 });
    const list = el.shadowRoot!.querySelector('nf-service-list')!;
    await list.updateComplete;
    const root = list.shadowRoot!.querySelector('[part="base"]')!;
    expect(root.getAttribute('lang'), "the list's words").to.equal('en');
    const item = root.querySelector('li[part="item"]')!;
    expect(item.querySelector('[part="name"]')!.getAttribute('lang'), "the feed's name").to.equal('de-DE');
    expect(item.querySelector('.description span')!.getAttribute('lang'), "the feed's description").to.equal('de-DE');
    // English formats: no German words in an English sentence ("09 Uhr", "Mo", "Englisch").
    expect(item.textContent).not.to.match(/Uhr|\bMo\b/);
    expect(item.textContent).to.contain('1,2 km');
    const bar = el.shadowRoot!.querySelector('nf-filter-bar')!;
    bar.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await bar.updateComplete;
    expect(bar.shadowRoot!.querySelector('[part="base"]')!.getAttribute('lang')).to.equal('en');
    expect(bar.shadowRoot!.textContent).to.contain('Spanish (2)');
  });

  it("says the results in English when the page language's words cannot be loaded", async () => {
    await executeServerCommand('hold', { pattern: LOCALES, fail: true });
    const { errors, result: el } = await errorsDuring(async () => {
      const el = await fixture<NaloxoneFinder>(
        html`<naloxone-finder lang="fr" src=${feedUrl(feedAt([1, 2]))} latitude="0" longitude="0" map="off"></naloxone-finder>`,
      );
      await waitUntil(() => live(el).textContent, 'nothing was ever said', { timeout: 5000 });
      return el;
    });
    expect(live(el).textContent).to.equal('2 services. Nearest first from the starting point.');
    expect(errors.some((e) => e.startsWith('naloxone-finder: the "fr" strings could not be loaded'))).to.equal(true);
  });
});
