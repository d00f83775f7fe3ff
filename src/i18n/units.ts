import type { Units } from '../types.js';
import { remembered } from '../util/remembered.js';

// Regions where road distances are given in miles.
const MILE_REGIONS = new Set(['US', 'GB', 'LR', 'MM']);

const parsed = new Map<string, Intl.Locale | undefined>();
const regions = new Map<string, string | undefined>();

/** The tag as an Intl.Locale (undefined when Intl refuses it), made once per tag. */
function locale(tag: string): Intl.Locale | undefined {
  return remembered(parsed, tag, () => {
    try {
      return new Intl.Locale(tag);
    } catch {
      return undefined;
    }
  });
}

/**
 * Miles for US and UK English (and the other mile regions), kilometres elsewhere. A page
 * language without a region ("en") takes the browser's region when the languages match,
 * otherwise the language's most likely region.
 */
export function defaultUnits(lang: string | undefined, browserLang = typeof navigator === 'undefined' ? '' : navigator.language): Units {
  const page = lang ? locale(lang) : undefined;
  const browser = browserLang ? locale(browserLang) : undefined;
  const useBrowser = !page?.region && browser && (!page || browser.language === page.language);
  const tag = useBrowser ? browserLang : page ? lang : undefined;
  const region = tag ? regionOf(tag) : undefined;
  return region && MILE_REGIONS.has(region) ? 'mi' : 'km';
}

/**
 * The region a language tag most likely means ("en" → "US", "fr-CA" → "CA"), if any: worked
 * out once per tag, as the list asks at every render.
 */
export function regionOf(tag: string): string | undefined {
  return remembered(regions, tag, () => locale(tag)?.maximize().region);
}

/**
 * The language in effect for an element, for Intl: `lang` here or on the nearest ancestor
 * (through shadow roots), when Intl takes it; '' otherwise (a private tag such as `x-pseudo`, or
 * `en_US`), so callers use the browser's. `rawLangOf` gives the attribute as written.
 */
export function langOf(element: Element): string {
  const tag = rawLangOf(element);
  try {
    return tag ? Intl.getCanonicalLocales(tag)[0] : '';
  } catch {
    return '';
  }
}

/** The `lang` attribute in effect for an element, as written, looking through enclosing shadow roots. */
export function rawLangOf(element: Element): string {
  let node: Element | null = element;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    if (found) return found.getAttribute('lang') ?? '';
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return '';
}
