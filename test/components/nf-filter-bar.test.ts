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
