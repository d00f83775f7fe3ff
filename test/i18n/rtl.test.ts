import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import leafletCss from 'leaflet/dist/leaflet.css?inline';
import type { CSSResult } from 'lit';
import '../../src/index.js';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';
import { leafletStyles } from '../../src/components/nf-map/leaflet-styles.js';
import { deepElements, finderList, NOW, RICH_FEED, settle } from '../styles/finder-fixture.js';
import { feedUrl } from '../helpers/services.js';

/**
 * Right to left: with dir="rtl" on an ancestor, the finder mirrors. No Arabic locale ships, so
 * the words stay English; the layout is what is measured. Every check runs for both directions,
 * written from the inline start ("right" in rtl, "left" in ltr), so ltr is the mirror of rtl.
 */

type Dir = 'rtl' | 'ltr';
/** Within a pixel and a half: borders and sub-pixel layout. */
const NEAR = 1.5;

async function finderIn(dir: Dir) {
  const wrapper = await fixture<HTMLDivElement>(
    html`<div dir=${dir} lang=${dir === 'rtl' ? 'ar' : 'en'}>
      <naloxone-finder
        src=${feedUrl(RICH_FEED)}
        latitude="0"
        longitude="0"
        units="km"
        limit="3"
        origin-label="the test origin"
        tile-url="none"
        tile-attribution="Fictional tiles © Example contributors"
        .now=${NOW}
      ></naloxone-finder>
    </div>`,
  );
  const el = wrapper.querySelector<NaloxoneFinder>('naloxone-finder')!;
  await waitUntil(() => finderList(el)?.shadowRoot?.querySelector('ol'), 'the list never rendered', { timeout: 5000 });
  await waitUntil(() => find(el, '.leaflet-control-zoom'), 'the map never drew its controls', { timeout: 5000 });
  await settle(el);
  return { wrapper, el };
}

/**
 * Elements matching `selector` anywhere in the finder's shadow trees; "host >>> inner" looks for
 * `inner` inside the shadow root of each `host`.
 */
function all<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  const [host, inner] = selector.split(' >>> ');
  const hosts = deepElements(el).filter((e) => e.matches(host));
  return (inner === undefined ? hosts : hosts.flatMap((e) => [...e.shadowRoot!.querySelectorAll(inner)])) as T[];
}
const find = <T extends Element = HTMLElement>(el: Element, selector: string): T | undefined => all<T>(el, selector)[0];
const box = (e: Element) => e.getBoundingClientRect();
/** The element that has the focus, through shadow roots. */
function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Distance from the inline-start edge of `outer` to that of `inner`: from the right in rtl, from the left in ltr. */
const fromStart = (dir: Dir, inner: DOMRect, outer: DOMRect) => (dir === 'rtl' ? outer.right - inner.right : inner.left - outer.left);
/** The same from the inline-end edge. */
const fromEnd = (dir: Dir, inner: DOMRect, outer: DOMRect) => (dir === 'rtl' ? inner.left - outer.left : outer.right - inner.right);

/** Where the text itself is drawn (not its box, which spans the line). */
function textBox(e: Element) {
  const range = document.createRange();
  range.selectNodeContents(e);
  return range.getBoundingClientRect();
}

/** An element's content box: inside its borders and padding. */
function contentBox(e: Element) {
  const r = box(e);
  const s = getComputedStyle(e);
  const px = (v: string) => parseFloat(v) || 0;
  const left = r.left + px(s.borderLeftWidth) + px(s.paddingLeft);
  const right = r.right - px(s.borderRightWidth) - px(s.paddingRight);
  return new DOMRect(left, r.top, right - left, r.height);
}

/** The two boxes share a line: one is not wholly above the other. */
const sameRow = (a: DOMRect, b: DOMRect) => a.top < b.bottom && b.top < a.bottom;

describe('right-to-left layout', () => {
  before(async () => {
    // Wide enough for the list and the map side by side.
    await setViewport({ width: 1100, height: 900 });
  });
  afterEach(async () => {
    await caches.delete('naloxone-finder-v1');
  });

  for (const dir of ['rtl', 'ltr'] as const) {
    const start = dir === 'rtl' ? 'right' : 'left';
    const end = dir === 'rtl' ? 'left' : 'right';

    describe(`dir="${dir}"`, () => {
      it(`puts "Use my location" at the ${start} of the toolbar and the search after it, to its ${end}`, async () => {
        const { el } = await finderIn(dir);
        const toolbar = box(el.shadowRoot!.querySelector('.toolbar')!);
        const locate = box(el.shadowRoot!.querySelector('.locate')!);
        const search = box(el.shadowRoot!.querySelector('nf-place-search')!);
        expect(sameRow(locate, search), 'the button and the search share a row').to.equal(true);
        expect(fromStart(dir, locate, toolbar)).to.be.closeTo(0, NEAR);
        expect(fromStart(dir, search, toolbar), 'the search comes after the button').to.be.greaterThan(locate.width);
        // Inside the search, the Search button follows the field the same way.
        const field = box(find(el, 'nf-place-search >>> input')!);
        const button = box(find(el, 'nf-place-search >>> button')!);
        expect(fromStart(dir, button, toolbar)).to.be.greaterThan(fromStart(dir, field, toolbar));
      });

      it(`puts the list at the ${start} and the map at the ${end}`, async () => {
        const { el } = await finderIn(dir);
        const panes = box(el.shadowRoot!.querySelector('.panes')!);
        const list = box(finderList(el));
        const map = box(el.shadowRoot!.querySelector('.map-pane')!);
        expect(sameRow(list, map)).to.equal(true);
        expect(fromStart(dir, list, panes)).to.be.closeTo(0, NEAR);
        expect(fromEnd(dir, map, panes)).to.be.closeTo(0, NEAR);
      });

      it(`starts each result's text at the ${start} edge, badges and features rows too`, async () => {
        const { el } = await finderIn(dir);
        const items = [...finderList(el).shadowRoot!.querySelectorAll('li[part="item"][data-id]')];
        expect(items.length).to.be.at.least(3);
        const rows = new Set<string>();
        for (const item of items) {
          const inside = contentBox(item);
          const lines = [...item.querySelectorAll('[part="name"], .hours-status, address')];
          expect(lines.length).to.be.greaterThan(1);
          for (const line of lines) {
            const text = textBox(line);
            expect(fromStart(dir, text, inside), `"${line.textContent!.trim()}" starts at the ${start}`).to.be.closeTo(0, NEAR);
            expect(fromEnd(dir, text, inside), `"${line.textContent!.trim()}" leaves its room at the ${end}`).to.be.greaterThan(20);
          }
          // Rows of small boxes: the first at the start, the next one after it.
          for (const row of item.querySelectorAll('.types, .features, .actions')) {
            const cells = [...row.children].map(box);
            if (cells.length < 2) continue;
            rows.add(row.className);
            expect(fromStart(dir, cells[0], inside), `${row.className}: first at the ${start}`).to.be.closeTo(0, NEAR);
            expect(fromStart(dir, cells[1], inside), `${row.className}: second after it`).to.be.greaterThan(
              fromStart(dir, cells[0], inside) + cells[0].width - NEAR,
            );
          }
        }
        expect([...rows].sort(), 'rows of two or more measured').to.deep.equal(['actions', 'features', 'types']);
      });

      it(`draws the selected result's bar on the ${start}`, async () => {
        const { el } = await finderIn(dir);
        const list = finderList(el).shadowRoot!;
        list.querySelectorAll<HTMLButtonElement>('.show-on-map')[1].click();
        await settle(el);
        const selected = list.querySelector('li[aria-current="true"]')!;
        const plain = list.querySelector('li[aria-current="false"]')!;
        const style = getComputedStyle(selected);
        const bar = dir === 'rtl' ? style.borderRightWidth : style.borderLeftWidth;
        const other = dir === 'rtl' ? style.borderLeftWidth : style.borderRightWidth;
        expect([bar, other]).to.deep.equal(['6px', '1px']);
        // The bar takes room from the padding, so the text stays where it was.
        const name = (li: Element) => fromStart(dir, textBox(li.querySelector('[part="name"]')!), box(li));
        expect(name(selected)).to.be.closeTo(name(plain), NEAR);
      });

      it(`lays the filter groups out from the ${start}, each box before its words`, async () => {
        const { el } = await finderIn(dir);
        find(el, 'nf-filter-bar >>> .toggle')!.click();
        await settle(el);
        const panel = box(find(el, 'nf-filter-bar >>> .panel')!);
        const groups = all(el, 'nf-filter-bar >>> .group').map(box);
        expect(groups.length).to.be.greaterThan(1);
        expect(fromStart(dir, groups[0], panel)).to.be.closeTo(0, NEAR);
        expect(sameRow(groups[0], groups[1])).to.equal(true);
        expect(fromStart(dir, groups[1], panel)).to.be.greaterThan(groups[0].width);
        const option = find(el, 'nf-filter-bar >>> .option')!;
        const words = [...option.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim())!;
        const range = document.createRange();
        range.selectNodeContents(words);
        expect(fromStart(dir, box(option.querySelector('input')!), box(option))).to.be.closeTo(0, NEAR);
        expect(fromStart(dir, range.getBoundingClientRect(), box(option))).to.be.greaterThan(20);
      });

      it(`opens the place-search choices below the field, each starting at the ${start}`, async () => {
        const { el } = await finderIn(dir);
        const input = find<HTMLInputElement>(el, 'nf-place-search >>> input')!;
        input.focus();
        await sendKeys({ type: 'Pitsburgh' });
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => find(el, 'nf-place-search >>> [role="option"]'), 'no choices were offered', { timeout: 5000 });
        await settle(el);
        const listbox = box(find(el, 'nf-place-search >>> [role="listbox"]')!);
        const field = box(input);
        expect(listbox.top).to.be.at.least(field.bottom);
        expect(fromStart(dir, listbox, field)).to.be.closeTo(0, NEAR);
        for (const option of all(el, 'nf-place-search >>> [role="option"]')) {
          expect(fromStart(dir, textBox(option), contentBox(option)), option.textContent!).to.be.closeTo(0, NEAR);
        }
      });

      it(`starts the overdose card's arrow, title and steps at the ${start}`, async () => {
        const { el } = await finderIn(dir);
        const card = find(el, 'nf-overdose-card')!;
        const summary = card.shadowRoot!.querySelector('summary')!;
        const title = textBox(summary);
        // The arrow is drawn first, at the start, so the title begins past it.
        const inside = contentBox(summary);
        expect(fromStart(dir, title, inside)).to.be.greaterThan(8);
        expect(fromEnd(dir, title, inside)).to.be.greaterThan(20);
        expect(getComputedStyle(summary, '::before').content).to.equal(dir === 'rtl' ? '"◀" / ""' : '"▶" / ""');
        card.shadowRoot!.querySelector('details')!.open = true;
        await settle(el);
        const steps = card.shadowRoot!.querySelector('ol')!;
        const firstStep = textBox(steps.querySelector('li')!);
        expect(fromStart(dir, firstStep, contentBox(steps))).to.be.closeTo(0, NEAR);
        // The step numbers sit in the padding at the start.
        expect(getComputedStyle(steps)[dir === 'rtl' ? 'paddingRight' : 'paddingLeft']).to.equal('24px');
      });

      it(`puts the zoom buttons at the top ${start} of the map and the credit at the bottom ${end}`, async () => {
        const { el } = await finderIn(dir);
        const map = box(find(el, '.leaflet-container')!);
        const zoom = box(find(el, '.leaflet-control-zoom')!);
        const credit = box(find(el, '.leaflet-control-attribution')!);
        expect(credit.width).to.be.greaterThan(0);
        expect(fromStart(dir, zoom, map)).to.be.within(5, 20);
        expect(fromEnd(dir, zoom, map)).to.be.greaterThan(map.width / 2);
        expect(zoom.top - map.top).to.be.lessThan(20);
        expect(fromEnd(dir, credit, map)).to.be.lessThan(NEAR + 1);
        expect(map.bottom - credit.bottom).to.be.lessThan(NEAR + 1);
      });
    });
  }

  it("keeps the map itself unmirrored: markers where they are in ltr, the chosen one's name centred above it", async () => {
    const where = async (dir: Dir) => {
      const { el } = await finderIn(dir);
      const map = box(find(el, '.leaflet-container')!);
      const markers = all(el, '.nf-marker').map((m) => [Math.round(box(m).left - map.left), Math.round(box(m).top - map.top)]);
      const list = finderList(el).shadowRoot!;
      list.querySelectorAll<HTMLButtonElement>('.show-on-map')[1].click();
      await settle(el);
      const chosen = box(find(el, '.nf-marker--selected')!);
      const name = box(find(el, '.leaflet-tooltip')!);
      expect(name.left + name.width / 2, `${dir}: the name centred over its marker`).to.be.closeTo(chosen.left + chosen.width / 2, 2);
      expect(name.bottom, `${dir}: the name above its marker`).to.be.at.most(chosen.top + NEAR);
      return markers;
    };
    const rtl = await where('rtl');
    // The three listed services, and any other in view (the map shows every match).
    expect(rtl.length).to.be.at.least(3);
    const ltr = await where('ltr');
    expect(ltr).to.have.length(rtl.length);
    // Within a pixel: the two finders sit at different heights on the page, so rounding differs.
    ltr.forEach(([x, y], i) => {
      expect(rtl[i][0], `marker ${i} from the left`).to.be.closeTo(x, 1);
      expect(rtl[i][1], `marker ${i} from the top`).to.be.closeTo(y, 1);
    });
  });

  for (const dir of ['rtl', 'ltr'] as const) {
    it(`on the markers, the arrow that points to the ${dir === 'rtl' ? 'left' : 'right'} goes to the next service (${dir})`, async () => {
      const { el } = await finderIn(dir);
      const markers = all(el, 'nf-map >>> .nf-marker');
      expect(markers.length).to.be.at.least(2);
      markers.find((m) => m.tabIndex === 0)!.focus();
      const first = deepActive();
      await sendKeys({ press: dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight' });
      const second = deepActive();
      expect(second).not.to.equal(first);
      expect(markers.indexOf(second as HTMLElement)).to.equal(markers.indexOf(first as HTMLElement) + 1);
      await sendKeys({ press: dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft' });
      expect(deepActive()).to.equal(first);
    });
  }

  it('moves the map controls when the page changes direction', async () => {
    const { wrapper, el } = await finderIn('ltr');
    const side = () => {
      const map = box(find(el, '.leaflet-container')!);
      const zoom = box(find(el, '.leaflet-control-zoom')!);
      return zoom.left - map.left < map.right - zoom.right ? 'left' : 'right';
    };
    expect(side()).to.equal('left');
    wrapper.dir = 'rtl';
    await settle(el);
    expect(side()).to.equal('right');
  });

  describe('stylesheets', () => {
    /** A property naming a physical side, or a value that does, where a logical one belongs. */
    const PHYSICAL_PROPERTY =
      /^(?:(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)(?:-[a-z]+)?|border-(?:top|bottom)-(?:left|right)-radius|left|right)$/;
    const PHYSICAL_VALUE = /^(?:text-align|float|clear)$/;
    /** Shorthands whose second and fourth values are the right and left sides. */
    const FOUR_SIDED = /^(?:margin|padding|inset|border-width|border-style|border-color|scroll-margin|scroll-padding)$/;
    /**
     * The physical values Leaflet's own layout needs, each explained where it is written; and the
     * host styles' (#0 of every element) right side for English lines on a right-to-left page,
     * whose own start (unicode-bidi: plaintext) is the left.
     */
    const ALLOWED = [
      'leaflet-styles (ours): .leaflet-tooltip { left: 0 }',
      ...['naloxone-finder', 'nf-service-list', 'nf-map', 'nf-filter-bar', 'nf-place-search', 'nf-overdose-card'].map(
        (tag) => `${tag} #0: :is(p, summary, label, legend):lang(en):dir(rtl) { text-align: right }`,
      ),
    ];

    /** Every sheet the elements adopt, and the map's additions to Leaflet's own (which are Leaflet's business). */
    function sheets(): [string, string][] {
      const out: [string, string][] = [];
      for (const tag of ['naloxone-finder', 'nf-service-list', 'nf-map', 'nf-filter-bar', 'nf-place-search', 'nf-overdose-card']) {
        const styles = (customElements.get(tag) as unknown as { elementStyles: CSSResult[] }).elementStyles;
        styles.forEach((s, i) => out.push([`${tag} #${i}`, s.cssText]));
      }
      expect(leafletStyles.cssText).to.include(leafletCss);
      out.push(['leaflet-styles (ours)', leafletStyles.cssText.replace(leafletCss, '')]);
      return out;
    }

    /** Each declaration that names a left or right side, as "sheet: selector { property: value }". */
    function physical(name: string, cssText: string) {
      const found: string[] = [];
      const css = cssText.replace(/\/\*[\s\S]*?\*\//g, '');
      // Innermost blocks: a rule inside @media is found with its own selector.
      for (const [, selector, body] of css.matchAll(/([^{};]+)\{([^{}]*)\}/g)) {
        for (const declaration of body.split(';')) {
          const colon = declaration.indexOf(':');
          if (colon < 0) continue;
          const property = declaration.slice(0, colon).trim();
          const value = declaration
            .slice(colon + 1)
            .replace(/!important/, '')
            .trim();
          const sides = value.split(/\s+/);
          if (
            PHYSICAL_PROPERTY.test(property) ||
            (PHYSICAL_VALUE.test(property) && /^(?:left|right)$/.test(value)) ||
            (FOUR_SIDED.test(property) && sides.length === 4 && sides[1] !== sides[3])
          ) {
            found.push(`${name}: ${selector.trim().replace(/\s+/g, ' ')} { ${property}: ${value} }`);
          }
        }
      }
      return found;
    }

    it('use logical properties: no left or right side outside the allowed list', () => {
      const found = sheets().flatMap(([name, text]) => physical(name, text));
      expect(found.filter((f) => !ALLOWED.includes(f))).to.deep.equal([]);
      // Each allowance is still needed: a stale one would let the same value back in elsewhere unseen.
      expect(ALLOWED.filter((a) => !found.includes(a))).to.deep.equal([]);
    });

    it('the check finds what it looks for', () => {
      const css = `.a { margin-left: 1px } .b { padding: 0 1rem 0 0; } @media print { .c { text-align: right !important; } } .d { border-top-left-radius: 2px; } .e { right: 0; } .f { float: left }`;
      expect(physical('t', css)).to.deep.equal([
        't: .a { margin-left: 1px }',
        't: .b { padding: 0 1rem 0 0 }',
        't: .c { text-align: right }',
        't: .d { border-top-left-radius: 2px }',
        't: .e { right: 0 }',
        't: .f { float: left }',
      ]);
      const logical = `.x { margin-inline-start: 1px; inset-inline: 0 auto; text-align: start; float: inline-end; border-start-start-radius: 2px; padding: 1px 2px 3px 2px; }`;
      expect(physical('t', logical)).to.deep.equal([]);
    });
  });
});
