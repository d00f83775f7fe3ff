import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/components/nf-place-search/nf-place-search.js';
import type { NfPlaceSearch } from '../../src/components/nf-place-search/nf-place-search.js';
import type { NfPlaceSelectEvent } from '../../src/components/nf-place-search/events.js';

const parts = (el: NfPlaceSearch) => {
  const root = el.shadowRoot!;
  return {
    input: root.querySelector('input')!,
    button: root.querySelector('button')!,
    listbox: root.querySelector('[role="listbox"]') as HTMLElement,
    options: () => [...root.querySelectorAll('[role="option"]')] as HTMLElement[],
    message: root.querySelector('[role="status"]')!,
  };
};

/** Types like a visitor: focus the field, clear it, type, then press Enter. */
async function typeAndEnter(el: NfPlaceSearch, text: string) {
  const { input } = parts(el);
  input.focus();
  input.select();
  await sendKeys({ press: 'Backspace' });
  if (text) await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

async function settled(el: NfPlaceSearch, until: () => boolean) {
  for (let i = 0; i < 200 && !until(); i++) await new Promise((r) => setTimeout(r, 25));
  await el.updateComplete;
}

describe('<nf-place-search>', () => {
  it('loads no gazetteer before the first search, and sends nothing typed in any request', async () => {
    const el = await fixture<NfPlaceSearch>(html`<nf-place-search></nf-place-search>`);
    const loaded = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('/places/data/'));
    expect(loaded()).to.have.length(0);
    await executeServerCommand('request-log-start');
    const select = oneEvent(el, 'nf-place-select');
    await typeAndEnter(el, '15213');
    const event = (await select) as NfPlaceSelectEvent;
    expect(event.detail.label).to.equal('15213 (Pittsburgh, PA)');
    await typeAndEnter(el, 'Pitsburgh');
    await settled(el, () => parts(el).options().length > 0);
    const log = (await executeServerCommand('request-log-stop')) as { url: string }[];
    // The log does see the chunks, so an empty log cannot pass this test.
    expect(log.some((r) => r.url.includes('us-zips'))).to.equal(true);
    expect(log.some((r) => r.url.includes('us-towns-minor'))).to.equal(true);
    for (const { url } of log) {
      const decoded = decodeURIComponent(url).toLowerCase();
      expect(decoded, url).to.not.include('15213');
      expect(decoded, url).to.not.include('pitsburgh');
      expect(decoded, url).to.not.include('pittsburgh');
    }
  });

  it('offers choices a finger can take: each at least 44 px tall', async () => {
    const el = await fixture<NfPlaceSearch>(html`<nf-place-search></nf-place-search>`);
    await typeAndEnter(el, 'Springfield');
    await settled(el, () => parts(el).options().length > 1);
    for (const option of parts(el).options()) expect(option.getBoundingClientRect().height, option.textContent!).to.be.at.least(44);
  });

  it('has a visible label, a Search button, and is accessible', async () => {
    const el = await fixture<NfPlaceSearch>(html`<nf-place-search></nf-place-search>`);
    const { input, button } = parts(el);
    const label = el.shadowRoot!.querySelector('label')!;
    expect(label.textContent).to.equal('ZIP code, postal code or city');
    expect(label.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(input.getAttribute('role')).to.equal('combobox');
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(button.textContent).to.equal('Search');
    await expect(el).to.be.accessible();
  });

  it('names its search landmark with what it searches for, so two on one page are told apart (axe landmark-unique)', async () => {
    const page = await fixture<HTMLElement>(
      html`<div>
        <nf-place-search .context=${'Example pharmacies (fictional)'}></nf-place-search>
        <nf-place-search .context=${'Example clinics (fictional)'}></nf-place-search>
      </div>`,
    );
    const searches = [...page.querySelectorAll<NfPlaceSearch>('nf-place-search')];
    await Promise.all(searches.map((s) => s.updateComplete));
    expect(searches.map((s) => s.shadowRoot!.querySelector('form[role="search"]')!.getAttribute('aria-label'))).to.deep.equal([
      'Place search: Example pharmacies (fictional)',
      'Place search: Example clinics (fictional)',
    ]);
    await expect(page).to.be.accessible({ runOnly: ['landmark-unique'] } as never);
  });

  it('finds a ZIP code with Enter and fires nf-place-select with the point', async () => {
    const el = await fixture<NfPlaceSearch>(html`<nf-place-search></nf-place-search>`);
    const select = oneEvent(el, 'nf-place-select');
    await typeAndEnter(el, '02139');
    const { detail } = (await select) as NfPlaceSelectEvent;
    expect(detail).to.include({ label: '02139 (Cambridge, MA)', source: 'search' });
    expect(detail.latitude).to.be.closeTo(42.36, 0.02);
    expect(detail.longitude).to.be.closeTo(-71.1, 0.02);
    await el.updateComplete;
    expect(parts(el).message.textContent).to.equal('Showing places near 02139 (Cambridge, MA).');
  });

  it('names a ZIP code near a town in the page language ("cerca de Altoona"), in the label the event carries', async () => {
    const el = await fixture<NfPlaceSearch>(html`<nf-place-search lang="es"></nf-place-search>`);
    await settled(el, () => parts(el).button.textContent!.trim() === 'Buscar');
    const select = oneEvent(el, 'nf-place-select');
    await typeAndEnter(el, '16693');
    expect(((await select) as NfPlaceSelectEvent).detail.label).to.match(/^16693 \(cerca de [^,]+, PA\)$/);
  });

  it('quiet-selection says nothing of the chosen place, but still says when nothing is found', async () => {
    const el = await fixture<NfPlaceSearch>(html`<nf-place-search quiet-selection></nf-place-search>`);
    const select = oneEvent(el, 'nf-place-select');
    await typeAndEnter(el, '02139');
    expect(((await select) as NfPlaceSelectEvent).detail.label).to.equal('02139 (Cambridge, MA)');
    await el.updateComplete;
    expect(parts(el).message.textContent).to.equal('');
    await typeAndEnter(el, 'Qwxzv');
    await settled(el, () => parts(el).message.textContent!.includes('Qwxzv'));
    expect(parts(el).message.textContent).to.contain('Qwxzv');
  });

  it('offers an ambiguous name as a listbox picked with the keyboard alone', async () => {
    const el = await fixture<NfPlaceSearch>(html`<nf-place-search place-region="IL"></nf-place-search>`);
    await typeAndEnter(el, 'Springfield');
    await settled(el, () => parts(el).options().length > 0);
    const { input, listbox, options, message } = parts(el);
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    expect(input.getAttribute('aria-controls')).to.equal(listbox.id);
    expect(listbox.hidden).to.equal(false);
    expect(options()[0].textContent!.trim()).to.equal('Springfield, IL');
    expect(options()[1].textContent!.trim()).to.equal('Springfield, MO');
    expect(message.textContent).to.match(/^\d+ places have that name\. Choose one\.$/);
    await expect(el).to.be.accessible();

    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal(options()[1].id);
    expect(options()[1].getAttribute('aria-selected')).to.equal('true');
    const select = oneEvent(el, 'nf-place-select');
    await sendKeys({ press: 'Enter' });
    expect(((await select) as NfPlaceSelectEvent).detail.label).to.equal('Springfield, MO');
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(listbox.hidden).to.equal(true);
  });

  it('closes the choices with Escape and offers close matches for a typo', async () => {
    const el = await fixture<NfPlaceSearch>(html`<nf-place-search></nf-place-search>`);
    await typeAndEnter(el, 'Pitsburgh');
    await settled(el, () => parts(el).options().length > 0);
    expect(parts(el).message.textContent).to.equal('No place has exactly that name. Did you mean one of these?');
    expect(parts(el).options()[0].textContent!.trim()).to.equal('Pittsburgh, PA');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(parts(el).options()).to.have.length(0);
    expect(parts(el).input.getAttribute('aria-expanded')).to.equal('false');
  });

  it('searches the partner places first', async () => {
    const el = await fixture<NfPlaceSearch>(html`<nf-place-search></nf-place-search>`);
    el.places = [{ name: 'Downtown Eastside', latitude: 49.28, longitude: -123.1 }];
    const select = oneEvent(el, 'nf-place-select');
    await typeAndEnter(el, 'downtown eastside');
    expect(((await select) as NfPlaceSelectEvent).detail).to.include({ label: 'Downtown Eastside', latitude: 49.28 });
  });

  it('says clearly when nothing is found or the input is not a place, and fires nothing', async () => {
    const el = await fixture<NfPlaceSearch>(html`<nf-place-search></nf-place-search>`);
    let fired = 0;
    el.addEventListener('nf-place-select', () => fired++);
    const cases: [string, string][] = [
      ['', 'Type a ZIP code, a postal code or the name of a city or town.'],
      ['Qwxzvbnm', 'No place called “Qwxzvbnm” was found. Check the spelling, or try a ZIP code or postal code.'],
      ['00000', 'ZIP code 00000 does not exist. Check the five digits.'],
      ['🏠', 'Type letters or digits: a ZIP code, a postal code or a city.'],
      ['<script>alert(1)</script>', 'No place called “<script>alert(1)</script>” was found. Check the spelling, or try a ZIP code or postal code.'],
      ['x'.repeat(150), 'That is too long for a place name. Type a ZIP code, a postal code or a city.'],
    ];
    for (const [text, expected] of cases) {
      await typeAndEnter(el, text);
      await settled(el, () => parts(el).message.textContent !== 'Searching…');
      expect(parts(el).message.textContent, text).to.equal(expected);
    }
    // 500 characters, as pasted: the field keeps 200, the search says what is wrong.
    const input = parts(el).input;
    input.value = 'y'.repeat(500);
    expect((await el.search(input.value)).kind).to.equal('invalid');
    await el.updateComplete;
    expect(parts(el).message.textContent).to.equal('That is too long for a place name. Type a ZIP code, a postal code or a city.');
    expect(fired).to.equal(0);
    expect(el.shadowRoot!.querySelector('script')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('asks an online geocoder only when the partner opts in with geocoder-url, and only for what the offline list lacks', async () => {
    performance.clearResourceTimings();
    const offline = await fixture<NfPlaceSearch>(html`<nf-place-search></nf-place-search>`);
    await offline.search('Examplehamlet');
    expect(performance.getEntriesByType('resource').filter((r) => r.name.includes('Examplehamlet'))).to.deep.equal([]);
    const el = await fixture<NfPlaceSearch>(html`<nf-place-search geocoder-url="/test/fixtures/geocoder/nominatim.json?q={q}"></nf-place-search>`);
    const result = await el.search('Examplehamlet');
    expect(result.kind).to.equal('choices');
    await el.updateComplete;
    expect(
      parts(el)
        .options()
        .map((o) => o.textContent!.trim()),
    ).to.deep.equal(['Example Hamlet (fictional), Example County', 'Example Hamlet Station (fictional)']);
    const asked = performance.getEntriesByType('resource').filter((r) => r.name.includes('/test/fixtures/geocoder/'));
    expect(asked.map((r) => new URL(r.name).search)).to.deep.equal(['?q=Examplehamlet']);
    performance.clearResourceTimings();
    expect((await el.search('15213')).kind, 'a ZIP the offline list knows').to.equal('found');
    expect(performance.getEntriesByType('resource').filter((r) => r.name.includes('/geocoder/'))).to.deep.equal([]);
  });
});
