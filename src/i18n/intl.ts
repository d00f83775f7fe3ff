import { remembered } from '../util/remembered.js';

/**
 * Intl formatters, made once per locale and options: creating one is slow (the first loads
 * locale data), and the list formats several values per result on every render.
 */
const made = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  let formatter = made.get(key) as T | undefined;
  if (!formatter) made.set(key, (formatter = make()));
  return formatter;
}

export const numberFormat = (locale: string | undefined, options: Intl.NumberFormatOptions) =>
  cached(`number|${locale ?? ''}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));

export const dateFormat = (locale: string | undefined, options: Intl.DateTimeFormatOptions) =>
  cached(`date|${locale ?? ''}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

export const displayNames = (locale: string, type: Intl.DisplayNamesType) => cached(`names|${locale}|${type}`, () => new Intl.DisplayNames([locale], { type }));

const names = new Map<string, string | undefined>();

/**
 * `Intl.DisplayNames`' name of a code in `locale`, remembered (up to 1,000): the list names each
 * result's languages and country at every render. Throws as `of` does on a malformed code.
 */
export const displayName = (locale: string, type: Intl.DisplayNamesType, code: string): string | undefined =>
  remembered(names, `${type}|${locale}|${code}`, () => displayNames(locale, type).of(code));

const rules = new Map<string, Intl.PluralRules>();

/**
 * The form of a word for a count, by the language's plural rules (`one`, `few`, `many`,
 * `other`…), made once per locale (undefined: the browser's).
 */
export function plural(locale: string | undefined, count: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  let r = rules.get(locale ?? '');
  if (!r) rules.set(locale ?? '', (r = new Intl.PluralRules(locale)));
  return forms[r.select(count)] ?? forms.other;
}

/**
 * A language's name in `locale` ("Spanish", "español"); `known` names those the browser cannot
 * (Chromium names no sign or Indigenous North American languages); else the tag itself.
 */
export function languageName(tag: string, locale: string, known: Record<string, string>): string {
  let name: string | undefined;
  try {
    name = displayName(locale, 'language', tag);
  } catch {
    name = undefined;
  }
  return name && name.toLowerCase() !== tag.toLowerCase() ? name : (known[tag] ?? known[tag.split('-')[0]] ?? tag);
}
