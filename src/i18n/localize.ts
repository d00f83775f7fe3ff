import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { en, type Strings } from './strings.js';
import { langOf, rawLangOf } from './units.js';

/** Any part of `Strings`, down to one word: what a partner's `strings` property takes. */
export type StringOverrides = {
  [K in keyof Strings]?: Strings[K] extends (...args: never[]) => unknown ? Strings[K] : Strings[K] extends object ? Partial<Strings[K]> : Strings[K];
};

/** The locales that ship, each a chunk fetched only when a page asks for it. English is in the entry. */
const SHIPPED: Record<string, () => Promise<{ default: StringOverrides }>> = {
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
};

const registered = new Map<string, StringOverrides>([['en', en]]);
const loading = new Map<string, Promise<void>>();
const controllers = new Set<LocaleController>();
const warned = new Set<string>();
let observer: MutationObserver | undefined;

/**
 * Adds a language (or replaces one) for every finder on the page: `lang="pt"` then picks it.
 * Keys it leaves out fall back to English, with one console warning naming them.
 */
export function registerLocale(tag: string, strings: StringOverrides): void {
  const key = tag.toLowerCase();
  registered.set(key, strings);
  warnMissing(key, strings);
  for (const c of controllers) c.refresh(true);
}

/** The locale a language tag gets: itself, else its language (`es-MX` → `es`), else English. */
export function localeKey(lang: string): string {
  const tag = lang.toLowerCase();
  const base = tag.split('-')[0];
  for (const key of [tag, base]) if (registered.has(key) || key in SHIPPED) return key;
  return 'en';
}

function warnMissing(key: string, strings: StringOverrides) {
  if (key === 'en' || warned.has(key)) return;
  const missing: string[] = [];
  for (const [k, value] of Object.entries(en)) {
    const given = (strings as Record<string, unknown>)[k];
    if (given === undefined) missing.push(k);
    else if (value && typeof value === 'object')
      for (const sub of Object.keys(value)) if ((given as Record<string, unknown>)[sub] === undefined) missing.push(`${k}.${sub}`);
  }
  if (!missing.length) return;
  warned.add(key);
  console.warn(`naloxone-finder: the "${key}" strings have no ${missing.join(', ')}; English is used for those.`);
}

/** Strings of the wrong kind already reported, by path: every element of a finder makes its words. */
const wrongKind = new Set<string>();

/**
 * `was` with `given` laid on it, into groups (type labels, hours words…). A string of another
 * kind than the one it replaces (text where a function belongs) would stop the widget: it is
 * reported once and skipped.
 */
function lay(path: string, was: unknown, given: unknown): unknown {
  if (given === undefined) return was;
  if (was !== undefined && (given === null || typeof given !== typeof was)) {
    const kind = typeof was === 'object' ? 'group of strings' : typeof was === 'function' ? 'function' : 'text';
    if (!wrongKind.has(path)) console.error(`naloxone-finder: strings.${path} is not a ${kind}; the default is used.`);
    wrongKind.add(path);
    return was;
  }
  if (!(given && typeof given === 'object' && was)) return given;
  const group: Record<string, unknown> = { ...was };
  for (const [k, v] of Object.entries(given)) group[k] = lay(`${path}.${k}`, group[k], v);
  return group;
}

/** `base` with each layer laid on it. */
function merge(base: Strings, ...layers: (StringOverrides | undefined)[]): Strings {
  const out: Record<string, unknown> = { ...base };
  for (const layer of layers) for (const [k, v] of Object.entries(layer ?? {})) out[k] = lay(k, out[k], v);
  return out as unknown as Strings;
}

const LANG_ATTRIBUTE: MutationObserverInit = { attributes: true, attributeFilter: ['lang'], subtree: true };

/**
 * A page-wide watch on `lang` attributes, so a change re-renders the finders it concerns, and
 * within `root`, a localized element's shadow root: the `lang` the finder sets and takes away
 * there (English marked as such while the page language loads) is the one its parts inherit.
 */
function watchLang(root?: ShadowRoot) {
  if (typeof MutationObserver === 'undefined') return;
  if (!observer) {
    observer = new MutationObserver(() => controllers.forEach((c) => c.refresh()));
    observer.observe(document.documentElement, LANG_ATTRIBUTE);
  }
  if (root) observer.observe(root, LANG_ATTRIBUTE);
}

const isEnglish = (tag: string) => tag.toLowerCase().split('-')[0] === 'en';

/** English as written where `tag` is spoken: its region's ("de" → "en-DE"), else plain English. */
function englishIn(tag: string): string {
  try {
    const { region } = new Intl.Locale(tag).maximize();
    return region ? `en-${region}` : 'en';
  } catch {
    return 'en';
  }
}

type Host = ReactiveControllerHost & HTMLElement & { strings?: StringOverrides };

/**
 * The language an element speaks: its own `lang`, else the nearest ancestor's (through shadow
 * roots), else the browser's. `t` holds its words: English, under the chosen locale, under the
 * partner's `strings`. A locale chunk loads the first time a page asks for it.
 */
export class LocaleController implements ReactiveController {
  /**
   * The language tag for Intl: the page's (`es-MX`), or, where its words are English (none of
   * its own ship), English as written in the page's region (`de-DE` → `en-DE`: "9:00", "1,2 km"),
   * so an English sentence does not hold German dates; the region still picks units and the
   * emergency number.
   */
  lang = 'en';
  /** The page's language tag in effect (`de-DE`): the language of the partner's own words. */
  pageLang = 'en';
  #key = 'en';
  #made?: { key: string; locale: StringOverrides | undefined; overrides: StringOverrides | undefined; t: Strings };

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  hostConnected() {
    controllers.add(this);
    watchLang(this.host.shadowRoot ?? undefined);
    // And the shadow roots it sits in (a partner's own component's): a `lang` set there is its language too.
    for (let root = this.host.getRootNode(); root instanceof ShadowRoot; root = root.host.getRootNode()) watchLang(root);
    this.refresh();
  }

  hostDisconnected() {
    controllers.delete(this);
  }

  /** Each render reads the language again: an ancestor's `lang` may change where no watch sees it. */
  hostUpdate() {
    this.read();
  }

  /** Reads the language again; re-renders the host when it (or, with `force`, its locale) changed. */
  refresh(force = false) {
    if (this.read() || force) this.host.requestUpdate();
  }

  /** Takes the language in effect now, starts loading its words if needed; true when it changed. */
  private read(): boolean {
    // The words follow `lang` as written (a partner's own tag such as `x-pseudo` included);
    // Intl gets a tag it accepts.
    const page = langOf(this.host) || navigator.language || 'en';
    const key = localeKey(rawLangOf(this.host) || page);
    const lang = key === 'en' && !isEnglish(page) ? englishIn(page) : page;
    const changed = lang !== this.lang || key !== this.#key || page !== this.pageLang;
    this.lang = lang;
    this.pageLang = page;
    this.#key = key;
    if (!registered.has(key)) {
      let load = loading.get(key);
      if (!load) {
        load = SHIPPED[key]()
          .then((m) => void registered.set(key, m.default))
          .catch((error: unknown) => {
            console.error(`naloxone-finder: the "${key}" strings could not be loaded (${(error as Error)?.message ?? error}); English is used.`);
            // English, then, and `ready`: the live region waits only for words that may come.
            registered.set(key, {});
          });
        loading.set(key, load);
      }
      void load.then(() => this.host.requestUpdate());
    }
    return changed;
  }

  /** False while the page language's words are still loading (English shows meanwhile). */
  get ready(): boolean {
    return registered.has(this.#key);
  }

  /**
   * `en` when the words shown are English on a page in another language (none of its words
   * ship, or they are still loading), for a `lang` on the element's own words, so a screen
   * reader reads them as English, not with the page's voice; otherwise undefined.
   */
  get fallbackLang(): 'en' | undefined {
    return !isEnglish(this.pageLang) && (this.#key === 'en' || !this.ready) ? 'en' : undefined;
  }

  /** The words in effect: made again only when the locale or the partner's `strings` change. */
  get t(): Strings {
    const locale = registered.get(this.#key);
    const overrides = this.host.strings;
    const m = this.#made;
    if (!m || m.key !== this.#key || m.locale !== locale || m.overrides !== overrides) {
      this.#made = { key: this.#key, locale, overrides, t: merge(en, locale, overrides) };
    }
    return this.#made!.t;
  }
}
