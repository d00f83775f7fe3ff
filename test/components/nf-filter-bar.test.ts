import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/components/nf-filter-bar/nf-filter-bar.js';
import type { NfFilterBar } from '../../src/components/nf-filter-bar/nf-filter-bar.js';
import { countFilters } from '../../src/query/filters.js';
import { fictionalService } from '../helpers/services.js';

const services = [fictionalService('a', 1, { cost: 'free', languages: ['en', 'es'] }), fictionalService('b', 2, { walkIn: true, languages: ['es'] })];

async function bar(width: number) {
  const el = await fixture<NfFilterBar>(html`<nf-filter-bar style=${`display:block;width:${width}px`}></nf-filter-bar>`);
  el.counts = countFilters(services, {});
  el.total = 2;
  el.matched = 2;
  await el.updateComplete;
  return el;
}

const visible = (el: Element | null) => !!el && getComputedStyle(el).display !== 'none';

describe('<nf-filter-bar>', () => {
  it('hides the choices behind a "Filters" button that says how many are on', async () => {
    const el = await bar(320);
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!;
    expect(visible(toggle)).to.equal(true);
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(visible(el.shadowRoot!.querySelector('[part="panel"]'))).to.equal(false);
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(visible(el.shadowRoot!.querySelector('[part="panel"]'))).to.equal(true);
    el.filters = { needs: ['free'] };
    await el.updateComplete;
    expect(toggle.textContent!.trim()).to.equal('Filters (1 on)');
  });

  it('fires nf-filters-change with every group, the untouched ones empty, as README gives it', async () => {
    const el = await bar(320);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await el.updateComplete;
    const free = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((i) => i.parentElement!.textContent!.includes('Free'))!;
    setTimeout(() => free.click());
    const { detail } = await oneEvent(el, 'nf-filters-change');
    expect(detail.filters).to.deep.equal({ types: [], needs: ['free'], languages: [] });
  });

  it('on a wide screen too keeps the choices behind the button (one Tab stop); languages by name, most offered first', async () => {
    const el = await bar(900);
    expect(visible(el.shadowRoot!.querySelector('[part="toggle"]'))).to.equal(true);
    expect(visible(el.shadowRoot!.querySelector('[part="panel"]'))).to.equal(false);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await el.updateComplete;
    expect(visible(el.shadowRoot!.querySelector('[part="panel"]'))).to.equal(true);
    const groups = [...el.shadowRoot!.querySelectorAll('fieldset')].map((f) => [
      f.querySelector('legend')!.textContent,
      [...f.querySelectorAll('label')].map((l) => l.textContent!.trim()),
    ]);
    expect(groups).to.deep.equal([
      ['Services', ['Naloxone (2)']],
      ['What you need', ['Free (1)', 'Walk-in (1)']],
      ['Languages', ['Spanish (2)', 'English (1)']],
    ]);
  });

  it('keeps a choice that is on where it was, with its count of 0, when the other choices leave it no match', async () => {
    const el = await bar(320);
    const mixed = [...services, fictionalService('c', 3, { types: ['fentanyl-test-strips'], languages: ['en'] })];
    // Spanish and fentanyl test strips on: no service offers both (the visitor ticked one, then the other).
    el.filters = { types: ['fentanyl-test-strips'], languages: ['es'] };
    el.counts = countFilters(mixed, el.filters);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await el.updateComplete;
    const options = [...el.shadowRoot!.querySelectorAll('label')].map((l) => [l.textContent!.trim(), l.querySelector('input')!.checked]);
    expect(options).to.deep.include.members([
      ['Fentanyl test strips (0)', true],
      ['Spanish (0)', true],
    ]);
    // Every box its full size beside a long label on a narrow screen.
    el.style.width = '200px';
    const sizes = [...el.shadowRoot!.querySelectorAll('input')].map((i) => Math.round(i.getBoundingClientRect().width));
    expect(new Set(sizes)).to.deep.equal(new Set([24]));
    // Unticked where it shows: it goes off.
    const spanish = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input')].find((i) => i.parentElement!.textContent!.includes('Spanish'))!;
    setTimeout(() => spanish.click());
    const { detail } = await oneEvent(el, 'nf-filters-change');
    expect(detail.filters).to.deep.equal({ types: ['fentanyl-test-strips'], needs: [], languages: [] });
  });

  it('is accessible, closed and open', async () => {
    const el = await bar(320);
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('keeps the keyboard focus: "Clear filters" leaves it on "Filters", and Escape closes the panel to it', async () => {
    const el = await bar(320);
    const root = el.shadowRoot!;
    const toggle = root.querySelector<HTMLButtonElement>('[part="toggle"]')!;
    toggle.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.filters.types).to.deep.equal(['naloxone']);
    // Escape from the checkbox: the panel closes and the focus is on the toggle, not lost with the checkbox.
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    expect(root.activeElement).to.equal(toggle);
    // "Clear filters" removes itself: the focus goes to the toggle, never to the page's body.
    const clear = root.querySelector<HTMLButtonElement>('[part="clear"]')!;
    clear.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(root.querySelector('[part="clear"]')).to.equal(null);
    expect(document.activeElement).to.equal(el);
    expect(root.activeElement).to.equal(toggle);
  });
});
