import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { setProjectAnnotations } from 'storybook/preview-api';
import * as webComponents from '@storybook/web-components/entry-preview';
import { forEveryStory } from '../a11y/every-story.js';
import { aloneOnEarlyPage, deepElements, settle } from '../a11y/settle.js';
import { themeAnnotations } from '../../.storybook/theme.js';
import { localeAnnotations } from '../../.storybook/locale.js';
import { en } from '../../src/i18n/strings.js';
import { PSEUDO_CLOSE, PSEUDO_OPEN, PSEUDO_TAG, pseudo } from './pseudo-locale.js';

/** A phone's width: the narrowest the README promises. */
const WIDTH = 320;

const ours = (e: Element) => e.localName === 'naloxone-finder' || e.localName.startsWith('nf-');
const hasLetters = (text: string) => /\p{L}/u.test(text);

/** The attributes a visitor meets as words: read aloud, shown as a tooltip or in an empty field. */
const WORD_ATTRIBUTES = ['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'title', 'placeholder', 'alt'];

/**
 * Words that Intl writes, not our strings: weekday and month names, AM/PM, distance units,
 * and the language and region names Intl.DisplayNames gives (a service's languages, a postal
 * address's country). English here, because that is what Intl falls back to for a made-up tag.
 */
const INTL_WORDS = (() => {
  const words = new Set<string>();
  const add = (text: string | undefined) => text?.match(/\p{L}+/gu)?.forEach((w) => words.add(w));
  for (let day = 4; day < 11; day++)
    for (const weekday of ['long', 'short'] as const) add(new Date(Date.UTC(2026, 0, day)).toLocaleDateString('en', { weekday, timeZone: 'UTC' }));
  for (let month = 0; month < 12; month++)
    for (const style of ['long', 'short'] as const) add(new Date(Date.UTC(2026, month, 15)).toLocaleDateString('en', { month: style, timeZone: 'UTC' }));
  ['AM', 'PM', 'km', 'mi', 'm', 'ft'].forEach(add);
  const languages = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
  const regions = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (const a of letters)
    for (const b of letters) {
      add(languages.of(a + b));
      add(regions.of((a + b).toUpperCase()));
    }
  return words;
})();

/**
 * Every string in the data the elements were given or found: the feed's names, addresses,
 * phones and notes, and the places a place search offers (the gazetteer's or the partner's).
 */
function feedText(canvas: HTMLElement): string[] {
  const found = new Set<string>();
  const walk = (value: unknown, depth: number) => {
    if (typeof value === 'string') found.add(value);
    else if (value && typeof value === 'object' && depth < 6) Object.values(value).forEach((v) => walk(v, depth + 1));
  };
  for (const element of deepElements(canvas)) {
    const given = element as Partial<Record<'services' | 'results' | 'mail' | 'places' | 'choices', unknown>>;
    for (const value of [given.services, given.results, given.mail, given.places, given.choices]) if (Array.isArray(value)) walk(value, 0);
  }
  return [...found];
}

interface Data {
  strings: string[];
  /** Every string whole (not "on" inside "Monday"), longest first. */
  pattern?: RegExp;
}

function dataOf(given: string[]): Data {
  const strings = [...new Set(given.map((d) => d.trim()).filter(hasLetters))].sort((a, b) => b.length - a.length);
  if (!strings.length) return { strings };
  const alternatives = strings.map((d) => d.replace(/[.*+?^${}()|[\]\\/]/gu, '\\$&'));
  return { strings, pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu') };
}

/**
 * What is left of `text` once the pseudo-localized parts and the data are taken out, if it has
 * words Intl did not write: those did not come from the strings.
 */
function untranslated(text: string, data: Data): string {
  let rest = text;
  // A long description is shown cut short, with "…".
  const cut = text.trim().endsWith('…') && text.trim().slice(0, -1);
  if (cut && data.strings.some((d) => d.startsWith(cut))) return '';
  // Wrapped strings may nest (a label inside a sentence): take out the innermost first.
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(/\[!! (?:(?!\[!! )[\s\S])*? !!\]/gu, ' ');
  }
  if (data.pattern) rest = rest.replace(data.pattern, ' ');
  return (rest.match(/\p{L}+/gu) ?? []).some((w) => !INTL_WORDS.has(w)) ? rest.replace(/\s+/gu, ' ').trim() : '';
}

/** Where a node is, for a finding: the element's tag and part inside its host. */
function where(node: Node): string {
  const element = node instanceof Element ? node : node.parentElement!;
  const host = (element.getRootNode() as ShadowRoot).host;
  const part = element.closest('[part]')?.getAttribute('part');
  return `<${host?.localName ?? '?'}> ${element.localName}${part ? `[part=${part}]` : ''}`;
}

/**
 * Untranslated words on screen, from our elements' shadow roots only: text in the story's own
 * markup or slotted in by the partner is the partner's, not ours. Left out as data, not UI:
 * - the feed's text (names, addresses, phone numbers, notes), shown as the provider wrote it,
 *   a long description cut short with "…";
 * - the places a place search offers ("Springfield, MO"): names from the gazetteer or the partner;
 * - the partner's attribute values on our elements (`origin-label`, `mail-label`, a Good
 *   Samaritan note, a training link's label, the emergency number);
 * - numbers, distances, dates and times, which Intl formats (digits and INTL_WORDS);
 * - the map's credit (Leaflet's control), which names the map data's authors as their licence asks.
 */
function findUntranslated(canvas: HTMLElement): string[] {
  const top = [...canvas.querySelectorAll('*')].filter(ours);
  const partnerWords = top.flatMap((e) => [...e.attributes].map((a) => a.value)).filter(hasLetters);
  const data = dataOf([...feedText(canvas), ...partnerWords]);
  const found: string[] = [];
  const report = (node: Node, what: string, text: string) => {
    const left = untranslated(text, data);
    if (left) found.push(`${where(node)} ${what}: "${text.trim()}" (left: "${left}")`);
  };
  for (const host of top.filter((e) => e.shadowRoot)) {
    for (const element of deepElements(host.shadowRoot!)) {
      if (element.closest('style, script, template, .leaflet-control-attribution')) continue;
      for (const name of WORD_ATTRIBUTES) {
        const value = element.getAttribute(name);
        if (value) report(element, `[${name}]`, value);
      }
      const nodes = [...element.childNodes];
      // A sentence around a value set apart (withLtr: "Call <bdi>555-0101</bdi>") is read whole, the value as data.
      if (nodes.some((n) => n instanceof HTMLElement && n.localName === 'bdi')) {
        report(element, 'text', nodes.map((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent : ' ')).join(''));
        continue;
      }
      for (const node of nodes) if (node.nodeType === Node.TEXT_NODE && node.textContent) report(node, 'text', node.textContent);
    }
  }
  return found;
}

/** A box wider than the screen, or text spilling out of (or cut off by) its box. */
function findOverflow(canvas: HTMLElement): string[] {
  const found: string[] = [];
  for (const element of deepElements(canvas)) {
    // Leaflet places its panes and markers by transform, far outside the map, which clips them.
    if (element.closest('.leaflet-pane, .leaflet-control-container') || !element.checkVisibility()) continue;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    if (box.right > WIDTH + 0.5 || box.left < -0.5)
      found.push(`${where(element)} is ${Math.round(box.width)} px wide, from ${Math.round(box.left)} to ${Math.round(box.right)} px`);
    // A visually hidden element (1 px, clipped for screen readers) is small by design.
    const hidden = style.clipPath !== 'none' || style.clip !== 'auto' || box.width <= 1;
    // The map's container clips its panes by design.
    const clips =
      !element.classList.contains('leaflet-container') && (style.overflowX === 'visible' || style.overflowX === 'hidden' || style.overflowX === 'clip');
    if (clips && !hidden && element.clientWidth && element.scrollWidth > element.clientWidth + 1)
      found.push(`${where(element)} holds ${element.scrollWidth} px of content in ${element.clientWidth} px (overflow ${style.overflowX})`);
  }
  const page = document.documentElement;
  if (page.scrollWidth > page.clientWidth) found.push(`the page scrolls sideways: ${page.scrollWidth} px in ${page.clientWidth} px`);
  return found;
}

const pseudoEn = pseudo(en);
/** settle() knows English's busy words; these are the pseudo-locale's. */
const BUSY = [pseudoEn.loading, pseudoEn.places.searching, pseudoEn.locating];

async function settled(canvas: HTMLElement, what: string) {
  const deadline = performance.now() + 10000;
  for (;;) {
    await settle(canvas, what);
    const text = deepElements(canvas)
      .flatMap((e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent))
      .join(' ');
    const busy = BUSY.find((b) => text.includes(b) && !(b === pseudoEn.loading && aloneOnEarlyPage(canvas)));
    if (!busy) return;
    if (performance.now() > deadline) throw new Error(`${what} never settled: "${busy}" is showing`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/*
 * Every story of every stories/*.stories.ts file, composed as Storybook renders it, in the
 * pseudo-locale through the toolbar's own "Locale" decorator (.storybook/locale.ts), at 320 px.
 */
describe(`every story in the pseudo-locale (${PSEUDO_TAG}) at ${WIDTH} px`, () => {
  const annotations = setProjectAnnotations([webComponents, themeAnnotations, localeAnnotations, { initialGlobals: { locale: PSEUDO_TAG } }]);
  before(async () => {
    await setViewport({ width: WIDTH, height: 640 });
    expect(innerWidth, 'the page is a phone’s width').to.equal(WIDTH);
  });
  forEveryStory(annotations, async (canvas, name) => {
    await settled(canvas, name);
    const top = [...canvas.querySelectorAll('*')].filter(ours);
    expect(
      top.map((e) => e.closest('[lang]')?.getAttribute('lang')),
      'the toolbar locale reached the elements',
    ).to.deep.equal(top.map(() => PSEUDO_TAG));
    const shown = top
      .flatMap((e) => deepElements(e.shadowRoot ?? e))
      .flatMap((e) => [...e.childNodes])
      .filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes(PSEUDO_OPEN));
    expect(shown, 'pseudo-localized text is on screen').to.not.be.empty;
    const problems = [...findUntranslated(canvas).map((f) => `untranslated: ${f}`), ...findOverflow(canvas).map((f) => `overflow: ${f}`)];
    expect(problems, `${name}:\n  ${problems.join('\n  ')}\n`).to.deep.equal([]);
  });
});

/** A stand-in for one of our elements, to show the checks catch what they look for. */
class NfPseudoProbe extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }
}
customElements.define('nf-pseudo-probe', NfPseudoProbe);

describe('the checks themselves', () => {
  let canvas: HTMLElement;
  let probe: NfPseudoProbe;
  beforeEach(async () => {
    await setViewport({ width: WIDTH, height: 640 });
    canvas = document.createElement('div');
    probe = document.createElement('nf-pseudo-probe');
    canvas.append(probe);
    document.body.append(canvas);
  });
  afterEach(() => canvas.remove());

  const show = (...nodes: Node[]) => probe.shadowRoot!.replaceChildren(...nodes);
  const element = (tag: string, text: string, attributes: Record<string, string> = {}) => {
    const made = document.createElement(tag);
    made.textContent = text;
    for (const [name, value] of Object.entries(attributes)) made.setAttribute(name, value);
    return made;
  };

  it('find English text and words in attributes, and pass pseudo-localized text, Intl words and data', () => {
    show(element('p', 'Show on map'), element('button', pseudoEn.showOnMap, { 'aria-label': 'Close' }));
    expect(findUntranslated(canvas)).to.deep.equal([
      '<nf-pseudo-probe> p text: "Show on map" (left: "Show on map")',
      '<nf-pseudo-probe> button [aria-label]: "Close" (left: "Close")',
    ]);
    probe.setAttribute('origin-label', 'Main Street Library');
    show(element('p', pseudoEn.sortedFrom('Main Street Library')), element('th', 'Monday'), element('td', '9 AM–5 PM'), element('span', 'Main Street Library'));
    expect(findUntranslated(canvas)).to.deep.equal([]);
  });

  it('find text spilling out of its box and boxes wider than the screen', () => {
    const narrow = element('p', 'Ŵéłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłł', { part: 'narrow' });
    const style = document.createElement('style');
    style.textContent = '[part=narrow] { inline-size: 100px; } [part=wide] { inline-size: 400px; }';
    show(style, narrow);
    expect(findOverflow(canvas)).to.have.length(1);
    expect(findOverflow(canvas)[0]).to.match(/^<nf-pseudo-probe> p\[part=narrow\] holds \d+ px of content in 100 px \(overflow visible\)$/u);
    show(style, element('div', '', { part: 'wide' }));
    expect(findOverflow(canvas).join('\n')).to.match(/<nf-pseudo-probe> div\[part=wide\] is 400 px wide/u);
    show(style, element('p', pseudoEn.locationDenied));
    expect(findOverflow(canvas)).to.deep.equal([]);
  });
});

describe('the pseudo-locale', () => {
  it('accents, lengthens and wraps every string, keeping placeholders and arguments as given', () => {
    expect(pseudoEn.showOnMap).to.match(/^\[!! Šhów óñ máp \S.* !!\]$/u);
    expect([...pseudoEn.showOnMap].length).to.be.at.least(Math.ceil(en.showOnMap.length * 1.4) + PSEUDO_OPEN.length + PSEUDO_CLOSE.length - 1);
    expect(pseudoEn.hours.openClosesOn).to.contain('{day} {time}');
    expect(pseudoEn.hours.closesIn.other).to.contain('{n}');
    expect(pseudoEn.places.invalid.empty.startsWith('[!! Ťýpé á ŽÍP')).to.equal(true);
    expect(pseudoEn.call('604-555-0100')).to.match(/^\[!! Çáłł 604-555-0100 .* !!\]$/u);
    expect(pseudoEn.filterSummary(3, 14034, 'Free, Walk-in')).to.contain('14,034 šéřvíçéš máťçh: Free, Walk-in');
    expect(pseudoEn.feedErrorHttp(404, '')).to.contain('404.');
  });
});
