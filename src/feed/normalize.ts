/**
 * One reading per field, shared by every format (native JSON, GeoJSON, CSV, HSDS), so
 * "English", "Español" and "en" mean the same wherever they came from.
 */

/** ISO 639-1 codes, and the ISO 639-3 ones directories use that have no two-letter code. */
const LANGUAGE_CODES = (
  'aa ab af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ' +
  'ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt ' +
  'lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn ' +
  'so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi wa wo xh yi yo za zh zu ase yue fil hmn haw chr prs'
).split(' ');

/** Spellings common in feeds that the language's own names do not cover. */
const LANGUAGE_ALIASES: Record<string, string> = {
  creole: 'ht',
  haitian: 'ht',
  kreyol: 'ht',
  'kreyol ayisyen': 'ht',
  mandarin: 'zh',
  // ICU names "tl" Filipino, so the name Tagalog needs its own entry.
  tagalog: 'tl',
  farsi: 'fa',
  asl: 'ase',
  'sign language': 'ase',
  ojibwe: 'oj',
  dari: 'prs',
};

const key = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

let names: Map<string, string> | undefined;

/** Every language's name in English and in itself → its code; built on first use. */
function languageNames(): Map<string, string> {
  if (names) return names;
  names = new Map(Object.entries(LANGUAGE_ALIASES));
  const english = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
  for (const code of LANGUAGE_CODES) {
    let own: string | undefined;
    try {
      own = new Intl.DisplayNames([code], { type: 'language', fallback: 'none' }).of(code);
    } catch {
      own = undefined;
    }
    for (const name of [english.of(code), own]) if (name && !names.has(key(name))) names.set(key(name), code);
  }
  return names;
}

const TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i;

/**
 * One language, as a code ("en", "es-MX", "fr_CA") or a name in English or in the language
 * itself ("Spanish", "Español", "Haitian Creole", "Creole", "ASL") → a BCP 47 tag; undefined
 * when it is neither.
 */
export function languageTag(value: string): string | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const byName = (name: string) => own(languageNames(), key(name));
  if (TAG.test(text)) {
    let tag: string | undefined;
    try {
      tag = Intl.getCanonicalLocales(text.replace(/_/g, '-'))[0];
    } catch {
      tag = undefined;
    }
    const known = tag && new Intl.DisplayNames('en', { type: 'language', fallback: 'none' }).of(tag.split('-')[0]);
    // "ASL" is also a well-formed tag, but means the alias; a tag no name matches stays a tag.
    if (known) return tag;
    return byName(text) ?? tag;
  }
  // "Chinese (Mandarin)", "Spanish - Latin America": the name before the qualifier.
  return byName(text) ?? byName(text.replace(/\s*[(\-–—,].*$/, ''));
}

function own(map: Map<string, string>, name: string): string | undefined {
  return name ? map.get(name) : undefined;
}

/**
 * A list of languages, as a list or one cell ("English, Spanish", "en; fr", "English and
 * French", "English/Spanish") → distinct BCP 47 tags in the order given, and the items that
 * are not languages (for a warning).
 */
export function readLanguages(value: unknown): { tags: string[]; unknown: unknown[] } {
  const items = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split(/[;,|/&\n]|\s+and\s+/i)
      : value === undefined || value === null
        ? []
        : [value];
  const tags = new Set<string>();
  const unknown: unknown[] = [];
  for (const raw of items) {
    const item = typeof raw === 'string' ? raw.trim() : raw;
    if (item === '') continue;
    const tag = typeof item === 'string' ? languageTag(item) : undefined;
    if (tag) tags.add(tag);
    else unknown.push(item);
  }
  return { tags: [...tags], unknown };
}

const FREE =
  /^(?:free(?:\s+of\s+charge)?|no\s+(?:cost|charge|fees?)|none|\$?\s*0(?:[.,]00?)?(?:\s*\$)?|gratuit[e]?|gratuito|gratuita|gratis|sin\s+costo|sin\s+cargo)[.!]?$/i;

/** "Free", "Free of charge", "No cost", "$0", "Gratuit", "Gratis" → "free"; any other text is kept as written. */
export function readCost(text: string): string {
  const value = text.trim();
  return FREE.test(value) ? 'free' : value;
}
