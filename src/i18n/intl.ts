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

const rules = new Map<string, Intl.PluralRules>();

/** The form of a word for a count, by the language's plural rules (`one`, `few`, `many`, `other`…). */
export function plural(locale: string, count: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }): string {
  let r = rules.get(locale);
  if (!r) rules.set(locale, (r = new Intl.PluralRules(locale)));
  return forms[r.select(count)] ?? forms.other;
}
