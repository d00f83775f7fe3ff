import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { NaloxoneFinder } from '../../src/naloxone-finder.js';
import type { NfServiceList } from '../../src/components/nf-service-list/nf-service-list.js';
import type { NfPlaceSearch } from '../../src/components/nf-place-search/nf-place-search.js';
import { feedAt, feedUrl } from '../helpers/services.js';

/** How the language is chosen, changed at run time, overridden and added. */

// Fictional services north of (0, 0), one with hours so times show.
const FEED = feedAt([1.5, 3], (i) => ({ hours: i ? undefined : [{ days: ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'], opens: '09:00', closes: '17:30' }] }));
// A Wednesday, at noon UTC: open, closing at 17:30.
const NOW = new Date('2026-07-15T12:00:00Z');
const list = (el: Element) => el.shadowRoot!.querySelector<NfServiceList>('nf-service-list')!;
const status = (el: Element) => el.shadowRoot!.querySelector('[part="locate-button"]')!.textContent!.trim();

async function shown(el: NaloxoneFinder) {
  await waitUntil(() => list(el)?.shadowRoot?.querySelector('li'), 'the list never rendered', { timeout: 5000 });
  await list(el).updateComplete;
  return el;
}

function finderIn(lang: string) {
  return fixture<HTMLDivElement>(
    html`<div lang=${lang}>
      <naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" timezone="UTC" .now=${NOW} tile-url="none"></naloxone-finder>
    </div>`,
  );
}

describe('the language of the finder', () => {
  afterEach(() => {
    document.documentElement.lang = 'en';
  });

  it('follows <html lang>, with the region falling back to its language (es-MX → es)', async () => {
    document.documentElement.lang = 'es-MX';
    const el = await shown(
      await fixture<NaloxoneFinder>(
        html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" timezone="UTC" .now=${NOW} tile-url="none"></naloxone-finder>`,
      ),
    );
    await waitUntil(() => status(el) !== 'Use my location', 'Spanish never arrived', { timeout: 5000 });
    expect(status(el)).to.equal('Usar mi ubicación');
    // es-MX keeps its own region for units and times: kilometres, and a 12-hour clock.
    expect(list(el).shadowRoot!.querySelector('[part="distance"]')!.textContent).to.match(/km$/);
    expect(list(el).shadowRoot!.querySelector('[part="hours-status"]')!.textContent).to.match(/5:30\s?p\.\s?m\./i);
  });

  it('takes lang on the element inside an English page, and on an ancestor', async () => {
    const own = await shown(
      await fixture<NaloxoneFinder>(
        html`<naloxone-finder lang="fr-CA" src=${feedUrl(FEED)} latitude="0" longitude="0" timezone="UTC" .now=${NOW} tile-url="none"></naloxone-finder>`,
      ),
    );
    await waitUntil(() => status(own) !== 'Use my location', 'French never arrived', { timeout: 5000 });
    expect(status(own)).to.equal('Utiliser ma position');
    // fr-CA: a 24-hour clock.
    expect(list(own).shadowRoot!.querySelector('[part="hours-status"]')!.textContent).to.contain('17 h 30');
    const page = await finderIn('es');
    const inner = page.querySelector('naloxone-finder')!;
    await shown(inner);
    await waitUntil(() => status(inner) === 'Usar mi ubicación', 'the ancestor’s lang was not used', { timeout: 5000 });
  });

  it('re-renders when lang changes at run time, on the element or the page', async () => {
    const el = await shown(
      await fixture<NaloxoneFinder>(
        html`<naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" timezone="UTC" .now=${NOW} tile-url="none"></naloxone-finder>`,
      ),
    );
    expect(status(el)).to.equal('Use my location');
    document.documentElement.lang = 'fr';
    await waitUntil(() => status(el) === 'Utiliser ma position', 'the page’s new lang was not followed', { timeout: 5000 });
    el.lang = 'es';
    await waitUntil(() => status(el) === 'Usar mi ubicación', 'the element’s new lang was not followed', { timeout: 5000 });
    // Inner elements follow too: the list's count and the search's label.
    await list(el).updateComplete;
    expect(list(el).shadowRoot!.querySelector('[part="summary"]')!.textContent).to.equal('2 servicios');
    el.removeAttribute('lang');
    await waitUntil(() => status(el) === 'Utiliser ma position');
  });

  it("follows a lang changed inside a partner's own component's shadow root", async () => {
    const outer = await fixture<HTMLDivElement>(html`<div></div>`);
    const section = document.createElement('section');
    section.lang = 'en-US';
    const el = document.createElement('naloxone-finder');
    Object.assign(el, { src: feedUrl(FEED), latitude: 0, longitude: 0, timezone: 'UTC', now: NOW, tileUrl: 'none' });
    section.append(el);
    outer.attachShadow({ mode: 'open' }).append(section);
    await shown(el);
    expect(status(el)).to.equal('Use my location');
    section.lang = 'es-MX';
    await waitUntil(() => status(el) === 'Usar mi ubicación', 'the new lang in the outer shadow root was not followed', { timeout: 5000 });
  });

  it('a message the place search already shows follows a change of language', async () => {
    const { default: es } = await import('../../src/i18n/locales/es.js');
    const search = await fixture<NfPlaceSearch>(html`<nf-place-search lang="en"></nf-place-search>`);
    const input = search.shadowRoot!.querySelector('input')!;
    input.value = 'Nowhereville Example';
    input.dispatchEvent(new Event('input'));
    search.shadowRoot!.querySelector('form')!.requestSubmit();
    const message = () => search.shadowRoot!.querySelector('[part="message"]')!.textContent!.trim();
    await waitUntil(() => message().startsWith('No place called'), 'nothing was said', { timeout: 8000 });
    search.lang = 'es';
    await waitUntil(() => message() === es.places.notFound('Nowhereville Example'), `still says "${message()}"`, { timeout: 5000 });
  });

  it('an unknown language gets English', async () => {
    const el = await shown(
      await fixture<NaloxoneFinder>(html`<naloxone-finder lang="tlh" src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>`),
    );
    expect(status(el)).to.equal('Use my location');
  });

  it('`strings` changes one word over the chosen language, nested groups included', async () => {
    const el = await shown(
      await fixture<NaloxoneFinder>(
        html`<naloxone-finder
          lang="es"
          src=${feedUrl(FEED)}
          latitude="0"
          longitude="0"
          tile-url="none"
          .strings=${{ useMyLocation: 'Buscar cerca de mí', overdose: { summary: 'Si alguien tiene una sobredosis (texto del sitio)' } }}
        ></naloxone-finder>`,
      ),
    );
    await waitUntil(() => status(el) === 'Buscar cerca de mí', 'the override was not used', { timeout: 5000 });
    const card = el.shadowRoot!.querySelector('nf-overdose-card')!;
    await waitUntil(() => card.shadowRoot!.querySelector('summary')!.textContent!.includes('texto del sitio'));
    // The rest stays Spanish.
    expect(el.shadowRoot!.querySelector('[part="skip-link"]')!.textContent).not.to.equal('Skip to the map');
  });

  it('registerLocale adds a language that lang then picks; missing keys fall back to English with one warning', async () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      NaloxoneFinder.registerLocale('x-test', { useMyLocation: 'Use my location (x-test, fictional locale)' });
      NaloxoneFinder.registerLocale('x-test', { useMyLocation: 'Use my location (x-test, fictional locale)' });
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('"x-test" strings have no').and.contain('loading').and.contain('English is used');
    const el = await shown(
      await fixture<NaloxoneFinder>(html`<naloxone-finder lang="x-test" src=${feedUrl(FEED)} latitude="0" longitude="0" tile-url="none"></naloxone-finder>`),
    );
    expect(status(el)).to.equal('Use my location (x-test, fictional locale)');
    expect(el.shadowRoot!.querySelector('[part="skip-link"]')!.textContent!.trim()).to.equal('Skip to the map');
  });
});
