import { expect, fixture, html } from '@open-wc/testing';
import '../src/index.js';

describe('smoke', () => {
  it('renders', async () => {
    const el = await fixture(html`<naloxone-finder map="off"></naloxone-finder>`);
    expect(el.shadowRoot).to.exist;
  });
});
