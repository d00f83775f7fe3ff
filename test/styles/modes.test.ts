import { expect } from '@open-wc/testing';
import { emulateMedia, setViewport } from '@web/test-runner-commands';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';
import { backdrop, contrast, luminance, parseColour, textContrast } from './colour.js';
import { deepElements, finderList, richFinder, settle } from './finder-fixture.js';

/**
 * Our own elements that a visitor sees: Leaflet's map internals belong to the map's own tests, and
 * what is clipped away until focused ("Skip to the map", screen-reader text) is measured on its own.
 */
const ours = (el: NaloxoneFinder) =>
  deepElements(el).filter((e) => !e.closest('.leaflet-container, .visually-hidden') && e.checkVisibility() && getComputedStyle(e).clipPath === 'none');
const skipLink = (el: NaloxoneFinder) => el.shadowRoot!.querySelector<HTMLElement>('.skip')!;
const where = (e: Element) => `${e.localName}${e.className ? `.${String(e.className).replace(/\s+/g, '.')}` : ''} "${e.textContent!.trim().slice(0, 40)}"`;
const hasOwnText = (e: Element) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());

/** A result selected, its details open, the overdose card open: the states with their own colours. */
async function everyState(el: NaloxoneFinder) {
  const list = finderList(el).shadowRoot!;
  list.querySelector<HTMLButtonElement>('.details-toggle')!.click();
  list.querySelectorAll<HTMLButtonElement>('.show-on-map')[1].click();
  el.shadowRoot!.querySelector('nf-overdose-card')!.shadowRoot!.querySelector('details')!.open = true;
  await settle(el);
}

/** Every text, over what is behind it, at 4.5:1 or more; every focus outline at 3:1 against its surroundings. */
function contrastFailures(el: NaloxoneFinder) {
  const failures: string[] = [];
  for (const e of ours(el)) {
    if (!hasOwnText(e)) continue;
    const ratio = textContrast(e);
    if (ratio < 4.5) failures.push(`${where(e)}: text ${ratio.toFixed(2)}:1`);
  }
  const focusable = [skipLink(el), ...ours(el).filter((e) => e.matches('button, a[href], input, summary'))];
  expect(focusable.length).to.be.greaterThan(10);
  for (const e of focusable as HTMLElement[]) {
    e.focus({ focusVisible: true } as FocusOptions);
    if (e === skipLink(el) && textContrast(e) < 4.5) failures.push(`${where(e)}: text ${textContrast(e).toFixed(2)}:1`);
    const style = getComputedStyle(e);
    const ring = parseColour(style.outlineColor);
    const ratio = contrast(ring, backdrop(e.parentElement ?? (e.getRootNode() as ShadowRoot).host));
    if (style.outlineStyle === 'none' || ratio < 3) failures.push(`${where(e)}: focus outline ${style.outlineStyle} ${ratio.toFixed(2)}:1`);
  }
  return failures;
}

const root = (el: NaloxoneFinder) => el.shadowRoot!.querySelector('.root')!;
const isDark = (e: Element) => luminance(backdrop(e)) < 0.05;

describe('colour schemes', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
    await caches.delete('naloxone-finder-v1');
  });

  it('follows a dark preference, with every text at 4.5:1 and every focus outline at 3:1', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await richFinder();
    await everyState(el);
    expect(isDark(root(el))).to.equal(true);
    const item = finderList(el).shadowRoot!.querySelector('li[aria-current="true"]')!;
    expect(isDark(item), 'the selected result stays dark').to.equal(true);
    expect(contrastFailures(el)).to.deep.equal([]);
    // Form controls and scrollbars follow too.
    const input = el.shadowRoot!.querySelector('nf-place-search')!.shadowRoot!.querySelector('input')!;
    expect(getComputedStyle(input).colorScheme).to.equal('light dark');
  });

  it('keeps every text at 4.5:1 and every focus outline at 3:1 in the light palette', async () => {
    const el = await richFinder();
    await everyState(el);
    expect(isDark(root(el))).to.equal(false);
    expect(contrastFailures(el)).to.deep.equal([]);
  });

  it('theme="light" stays light on a dark preference; theme="dark" is dark on a light one, down to nested elements', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const light = await richFinder({ theme: 'light' });
    expect(isDark(root(light))).to.equal(false);
    expect(isDark(finderList(light).shadowRoot!.querySelector('li')!)).to.equal(false);
    await emulateMedia({ colorScheme: 'light' });
    const dark = await richFinder({ theme: 'dark' });
    expect(isDark(root(dark))).to.equal(true);
    const search = dark.shadowRoot!.querySelector('nf-place-search')!.shadowRoot!;
    expect(getComputedStyle(search.querySelector('input')!).colorScheme).to.equal('dark');
    expect(isDark(search.querySelector('input')!)).to.equal(true);
  });

  it("keeps the partner's --nf-color-* values in the dark scheme", async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const el = await richFinder();
    el.style.setProperty('--nf-color-accent', 'rgb(0, 68, 0)');
    el.style.setProperty('--nf-color-on-accent', 'rgb(255, 255, 255)');
    el.style.setProperty('--nf-color-background', 'rgb(250, 250, 240)');
    const locate = el.shadowRoot!.querySelector('.locate')!;
    expect(getComputedStyle(locate).backgroundColor).to.equal('rgb(0, 68, 0)');
    expect(getComputedStyle(locate).color).to.equal('rgb(255, 255, 255)');
    expect(getComputedStyle(finderList(el).shadowRoot!.querySelector('.root')!).backgroundColor).to.equal('rgb(250, 250, 240)');
  });

  it('underlines every link that sits among text (not only a colour)', async () => {
    const el = await richFinder();
    await everyState(el);
    const links = ours(el).filter((e) => e.matches('a[href]:not(.call)'));
    expect(links.length).to.be.greaterThan(5);
    for (const a of links) expect(getComputedStyle(a).textDecorationLine, where(a)).to.contain('underline');
  });
});

/**
 * Chromium's forced colours cannot be switched on from a test here, so the stylesheets'
 * `@media (forced-colors: active)` rules are applied as they would be, and what they give is measured.
 */
function applyForcedColourRules(el: Element) {
  const roots = [el, ...deepElements(el)].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []));
  let found = 0;
  for (const shadow of roots) {
    const rules = shadow.adoptedStyleSheets
      .flatMap((sheet) => [...sheet.cssRules])
      .filter((r): r is CSSMediaRule => r instanceof CSSMediaRule && r.conditionText.includes('forced-colors: active'))
      .flatMap((r) => [...r.cssRules].map((inner) => inner.cssText));
    found += rules.length;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(rules.join('\n'));
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  }
  return found;
}

describe('browsers without light-dark()', () => {
  it('get the light value of every colour that light-dark() picks, so nothing falls back to transparent', async () => {
    const { hostStyles } = await import('../../src/styles/host.js');
    const css = hostStyles.cssText;
    const paired = [...css.matchAll(/(--_[\w-]+): var\((--nf-[\w-]+), light-dark\((#[0-9a-f]+),/gi)].map(
      ([, token, pub, light]) => `${token}: var(${pub}, ${light})`,
    );
    expect(paired.length).to.be.at.least(9);
    const fallback = /@supports not \(color: light-dark\(#000, #fff\)\)\s*\{\s*:host\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    const given = fallback
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean);
    expect(given).to.have.members(paired);
  });
  it('no stylesheet outside the host styles uses light-dark(), which only they back up', async () => {
    const sheets = await Promise.all([
      import('../../src/naloxone-finder.styles.js').then((m) => m.finderStyles),
      import('../../src/components/nf-service-list/nf-service-list.styles.js').then((m) => m.listStyles),
      import('../../src/components/nf-overdose-card/nf-overdose-card.styles.js').then((m) => m.overdoseCardStyles),
      import('../../src/components/nf-filter-bar/nf-filter-bar.styles.js').then((m) => m.filterBarStyles),
      import('../../src/components/nf-place-search/nf-place-search.styles.js').then((m) => Object.values(m)[0] as { cssText: string }),
      import('../../src/components/nf-map/nf-map.styles.js').then((m) => Object.values(m)[0] as { cssText: string }),
    ]);
    for (const sheet of sheets) expect(sheet.cssText).not.to.contain('light-dark(');
  });
});

describe('forced colours', () => {
  it('gives every control a visible border and the selected result a thick Highlight bar, not only a background', async () => {
    const el = await richFinder();
    await everyState(el);
    expect(applyForcedColourRules(el)).to.be.greaterThan(0);
    // Backgrounds and shadows are dropped in forced colours: each control needs its own edge.
    const controls = ours(el).filter((e) => e.matches('button, input:not([type="checkbox"]), summary'));
    expect(controls.map(where)).to.include.members([where(el.shadowRoot!.querySelector('.locate')!)]);
    for (const c of controls) {
      const s = getComputedStyle(c);
      expect(`${where(c)}: ${s.borderTopStyle} ${s.borderTopWidth}`).to.not.match(/: (none|hidden) |: \S+ 0px$/);
    }
    const highlight = document.createElement('span');
    highlight.style.color = 'Highlight';
    document.body.append(highlight);
    const items = [...finderList(el).shadowRoot!.querySelectorAll('ol > li')];
    const selected = items.find((li) => li.getAttribute('aria-current') === 'true')!;
    const other = items.find((li) => li.getAttribute('aria-current') !== 'true')!;
    const s = getComputedStyle(selected);
    expect(s.borderInlineStartColor).to.equal(getComputedStyle(highlight).color);
    expect(parseFloat(s.borderInlineStartWidth)).to.be.at.least(4 * parseFloat(getComputedStyle(other).borderInlineStartWidth));
    expect(s.borderTopLeftRadius, 'a shape change too').to.not.equal(getComputedStyle(other).borderTopLeftRadius);
    highlight.remove();
  });
});

describe('reduced motion', () => {
  const sheet = new CSSStyleSheet();
  // A partner's page that animates the widget's parts.
  sheet.replaceSync(`
    @keyframes nf-test-pulse { to { opacity: 0.5; } }
    naloxone-finder::part(locate-button) { transition: opacity 2s; animation: nf-test-pulse 3s infinite; }
    nf-place-search::part(listbox) { scroll-behavior: smooth; }
  `);
  before(() => (document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet]));
  after(() => (document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet)));
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  it('turns off transitions, animations and smooth scrolling when the visitor asks for less motion', async () => {
    const el = await richFinder({ map: 'off' });
    const locate = el.shadowRoot!.querySelector('.locate')!;
    const search = document.createElement('nf-place-search');
    document.body.append(search);
    await search.updateComplete;
    // The list of places exists only while there are suggestions: measure a stand-in with its part.
    const listbox = search.shadowRoot!.querySelector('.root')!.appendChild(document.createElement('ul'));
    listbox.setAttribute('part', 'listbox');
    expect(getComputedStyle(locate).transitionDuration).to.equal('2s');
    expect(getComputedStyle(locate).animationName).to.equal('nf-test-pulse');
    expect(getComputedStyle(listbox).scrollBehavior).to.equal('smooth');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(getComputedStyle(locate).transitionDuration).to.equal('0s');
    expect(getComputedStyle(locate).animationName).to.equal('none');
    expect(getComputedStyle(listbox).scrollBehavior).to.equal('auto');
    search.remove();
  });
});

describe('text spacing (WCAG 1.4.12)', () => {
  it("lets the visitor's letter and word spacing reach the text, and nothing is cut off at the spacing WCAG asks for", async () => {
    const el = await richFinder();
    await everyState(el);
    el.style.cssText = 'line-height: 1.5; letter-spacing: 0.12em; word-spacing: 0.16em;';
    const host = getComputedStyle(el);
    for (const selector of ['.locate', '.status']) {
      const e = el.shadowRoot!.querySelector(selector)!;
      expect(getComputedStyle(e).letterSpacing, selector).to.equal(host.letterSpacing);
      expect(getComputedStyle(e).wordSpacing, selector).to.equal(host.wordSpacing);
    }
    const list = finderList(el).shadowRoot!;
    for (const e of [list.querySelector('.heading, h3')!, list.querySelector('.show-on-map')!, list.querySelector('address')!]) {
      expect(getComputedStyle(e).letterSpacing, where(e)).to.equal(host.letterSpacing);
    }
    // A visitor's style sheet (a bookmarklet or extension) reaches into the widget too: paragraphs 2em apart.
    const roots = [el, ...deepElements(el)].flatMap((e) => (e.shadowRoot ? [e.shadowRoot] : []));
    const spacing = new CSSStyleSheet();
    spacing.replaceSync('p { margin-block-end: 2em !important; } * { line-height: 1.5 !important; }');
    for (const r of roots) r.adoptedStyleSheets = [...r.adoptedStyleSheets, spacing];
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const cut: string[] = [];
    skipLink(el).focus();
    for (const e of ours(el)) {
      const s = getComputedStyle(e);
      const clips = /hidden|clip/.test(s.overflowX + s.overflowY);
      const control = e.matches('button, a, input, summary, label');
      if ((clips || control) && (e.scrollWidth > e.clientWidth + 1 || (clips && e.scrollHeight > e.clientHeight + 1))) {
        cut.push(`${where(e)}: ${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`);
      }
    }
    expect(cut).to.deep.equal([]);
  });
});

describe('targets', () => {
  before(() => setViewport({ width: 320, height: 800 }));
  after(() => setViewport({ width: 800, height: 600 }));

  const box = (e: Element) => e.getBoundingClientRect();

  it('makes primary actions at least 44×44 and every other button or link on its own at least 24×24, at 320 px', async () => {
    const el = await richFinder();
    await everyState(el);
    const shadow = (tag: string) => el.shadowRoot!.querySelector(tag)!.shadowRoot!;
    const list = finderList(el).shadowRoot!;
    skipLink(el).focus();
    const primary = [
      skipLink(el),
      el.shadowRoot!.querySelector('.locate')!,
      shadow('nf-place-search').querySelector('button[type="submit"]')!,
      ...list.querySelectorAll('ol:first-of-type .actions > a, .show-on-map'),
      list.querySelector('.more')!,
      shadow('nf-filter-bar').querySelector('.toggle')!,
      shadow('nf-overdose-card').querySelector('.call')!,
    ];
    expect(list.querySelectorAll('.show-on-map').length, 'a "Show on map" button per result').to.equal(3);
    expect(list.querySelectorAll('a[href^="tel:"]').length).to.be.at.least(3);
    const small = primary.filter((e) => box(e).width < 44 || box(e).height < 44).map((e) => `${where(e)} ${box(e).width}×${box(e).height}`);
    expect(small).to.deep.equal([]);
    // Links inside a sentence are exempt; a link alone in its block is a target.
    const others = ours(el).filter(
      (e) =>
        e.matches('button, a[href]') &&
        !(e.parentElement!.matches('p') && e.parentElement!.childNodes.length > 1 && e.parentElement!.textContent!.trim() !== e.textContent!.trim()),
    );
    expect(others.length).to.be.greaterThan(primary.length);
    const tiny = others.filter((e) => box(e).width < 24 || box(e).height < 24).map((e) => `${where(e)} ${box(e).width}×${box(e).height}`);
    expect(tiny).to.deep.equal([]);
  });
});
