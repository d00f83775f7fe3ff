import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import { NaloxoneFinder } from '../../src/naloxone-finder.js';
import { finderList, settle } from '../styles/finder-fixture.js';
import { feedAt, feedUrl } from '../helpers/services.js';

/**
 * Text order on a right-to-left page: what a visitor reads, measured where each character is
 * drawn. Without an Arabic locale the words are English; with a partner's Hebrew one, numbers
 * inside its sentences keep their order.
 */

const FEED = feedAt([1, 2], (i) => ({ phone: `+1 604 555 010${i}` }));

async function finderOn(lang: string) {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div dir="rtl" lang=${lang} style="width:600px">
      <naloxone-finder src=${feedUrl(FEED)} latitude="0" longitude="0" units="km" map="off"></naloxone-finder>
    </div>`,
  );
  const el = wrapper.querySelector<NaloxoneFinder>('naloxone-finder')!;
  await waitUntil(() => finderList(el)?.shadowRoot?.querySelector('[part="actions"] a'), 'the list never rendered', { timeout: 5000 });
  await settle(el);
  return el;
}

/** Where the characters of `text` are drawn in `element`, left to right, as a person reads the screen. */
function readLeftToRight(element: Element): string {
  const chars: { x: number; c: string }[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent!;
    for (let i = 0; i < text.length; i++) {
      if (!text[i].trim()) continue;
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const rect = range.getBoundingClientRect();
      if (rect.width) chars.push({ x: rect.left, c: text[i] });
    }
  }
  return chars
    .sort((a, b) => a.x - b.x)
    .map((ch) => ch.c)
    .join('');
}

describe('text on a right-to-left page', () => {
  it('reads English words left to right where the page language does not ship (Arabic)', async () => {
    const el = await finderOn('ar');
    const status = el.shadowRoot!.querySelector('[part="status"]')!;
    expect(status.closest('[lang]')!.getAttribute('lang')).to.equal('en');
    const read = readLeftToRight(status);
    expect(read.endsWith('.'), `"${read}"`).to.equal(true);
    expect(read.startsWith('Nearest'), `"${read}"`).to.equal(true);
    const summary = finderList(el).shadowRoot!.querySelector('[part="summary"]')!;
    expect(readLeftToRight(summary)).to.equal('2services');
    const distance = finderList(el).shadowRoot!.querySelector('[part="distance"]')!;
    expect(readLeftToRight(distance)).to.match(/^1(\.0)?km$/);
  });

  it("keeps a phone number's order inside a right-to-left locale's sentence (Hebrew, a partner's words)", async () => {
    NaloxoneFinder.registerLocale('x-he-test', { call: (phone: string) => `התקשר ${phone}` });
    const el = await finderOn('x-he-test');
    const call = finderList(el).shadowRoot!.querySelector('[part="actions"] a')!;
    expect(call.textContent).to.equal('התקשר +1 604 555 0100');
    // The number reads +1 604 555 0100 left to right, the Hebrew word to its right.
    expect(readLeftToRight(call)).to.equal('+16045550100רשקתה');
  });
});
