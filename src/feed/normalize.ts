/**
 * One reading per field, shared by every format (native JSON, GeoJSON, CSV, HSDS), so
 * "English", "Español" and "en" mean the same wherever they came from.
 */

import { remembered } from '../util/remembered.js';
import { withoutAccents } from './text.js';

/**
 * The languages services in North America list most often. Their names in English, in the
 * language itself, in Spanish and in French come from Intl.DisplayNames at run time.
 */
export const CODES = (
  'en es fr zh yue ar ru pt de it pl uk el he yi ht ja ko vi fil ilo ceb hi ur bn pa gu ta te ml ne fa prs ps tr so am ti om ' +
  'sw yo ig ha rw ro hu cs sk hr sr bs sq nl sv da no fi th lo km my id ms hmn haw sm to chr mi ku hy ka az uz kk mn'
).split(' ');

/**
 * Names feeds write that Intl.DisplayNames does not give in every browser (Chromium names none
 * of ase, nv, cr, iu, oj, kea, lou) or names differently ("Filipino", "Persian").
 */
const ALIASES: Record<string, string> = {
  asl: 'ase',
  'american sign language': 'ase',
  navajo: 'nv',
  cree: 'cr',
  inuktitut: 'iu',
  ojibwe: 'oj',
  ojibwa: 'oj',
  haitian: 'ht',
  kreyol: 'ht',
  'kreyol ayisyen': 'ht',
  'cape verdean creole': 'kea',
  'louisiana creole': 'lou',
  mandarin: 'zh',
  tagalog: 'fil',
  farsi: 'fa',
  // Each can mean more than one language: read as the one most feeds here mean, with a warning.
  creole: 'ht',
  'sign language': 'ase',
};
const AMBIGUOUS = new Set(['creole', 'sign language']);
/**
 * Languages known without asking Intl (the common ones count as languages whether or not a
 * browser names them): its first DisplayNames loads the browser's language data (35–60 ms in a
 * fresh feed worker here, 55–110 ms on a page), which a feed that writes only codes ("en",
 * "es-MX") then never needs.
 */
const KNOWN = new Set([...CODES, ...Object.values(ALIASES)]);

/** Codes that name no one language ("undetermined", "multiple"...), which visitors cannot filter by. */
const NOT_A_LANGUAGE = /^(?:und|mul|mis|zxx)$/;
const TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{1,8})*$/i;
/** Between languages: "English, Spanish", "en; fr", "English and French", "inglés y español" (spaces already single). */
const SEPARATOR = /[,;|/&+\n、，；]| (?:and|or|y|e|o|et|ou|und) /gi;

/**
 * A cell's items, split at separators outside parentheses ("Chinese (Cantonese, Mandarin)" is
 * one), where a separator is inside when the next parenthesis after it closes. One pass each
 * way, so no text, however long, takes more than linear time.
 */
function splitCell(cell: string): string[] {
  const text = cell.replace(/[^\S\n]+/g, ' ');
  const inside: boolean[] = [];
  let closes = false;
  for (let i = text.length - 1; i >= 0; i--) {
    inside[i] = closes;
    if (text[i] === ')') closes = true;
    else if (text[i] === '(') closes = false;
  }
  const parts: string[] = [];
  let from = 0;
  for (const match of text.matchAll(SEPARATOR)) {
    if (inside[match.index]) continue;
    parts.push(text.slice(from, match.index));
    from = match.index + match[0].length;
  }
  parts.push(text.slice(from));
  return parts;
}

/** Case, accents and punctuation do not matter: "ESPAÑOL", "espanol" and "Español" are one name. */
const key = (text: string) =>
  withoutAccents(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

const displayNames = (locale: string) => new Intl.DisplayNames(locale, { type: 'language', fallback: 'none' });

let aliases: Map<string, string> | undefined;
let table: Map<string, string> | undefined;
let english: Intl.DisplayNames | undefined;

/** ALIASES with their canonical tags: the first the table holds, read without it. */
const aliasTags = () => (aliases ??= new Map(Object.entries(ALIASES).map(([alias, code]) => [alias, canonical(code) ?? code])));

/**
 * Name → canonical tag, built on first use from ALIASES, then names in English, in each
 * language itself (''), in Spanish and in French; a name two languages share stays with the first.
 * About 1 ms in Chromium, plus the tens it spends loading Intl's data if nothing used it before.
 */
function languageTable() {
  if (table) return table;
  const names = new Map(aliasTags());
  for (const locale of ['en', '', 'es', 'fr']) {
    const inLocale = locale ? displayNames(locale) : undefined;
    for (const code of CODES) {
      const k = key((inLocale ?? displayNames(code)).of(code) ?? '');
      const tag = canonical(code);
      if (k && tag && !names.has(k)) names.set(k, tag);
    }
  }
  table = names;
  return table;
}

/** A code of a language we or the browser know: "All", "Yes" and "Sp" are well-formed tags too. */
function codeTag(text: string): string | undefined {
  const tag = TAG.test(text) ? canonical(text) : undefined;
  const primary = tag?.split('-')[0];
  if (!primary || NOT_A_LANGUAGE.test(primary)) return undefined;
  return KNOWN.has(primary) || (english ??= displayNames('en')).of(primary) ? tag : undefined;
}

/**
 * One name or code → its tag; undefined when it is neither. The aliases, which come first in
 * the table, then a code, are read without the table: no name in it is a code of another
 * language (the one written like a code, "Lao", is the code of Lao too; tested), so the order
 * changes no reading.
 */
function readOne(text: string): { tag: string; ambiguous?: boolean } | undefined {
  const name = key(text);
  const tag = aliasTags().get(name) ?? codeTag(text) ?? languageTable().get(name);
  return tag ? { tag, ambiguous: AMBIGUOUS.has(name) } : undefined;
}

export interface ReadLanguages {
  /** Distinct canonical BCP 47 tags, in the order given. */
  tags: string[];
  /** Items that are not languages, as written (for a warning). */
  unknown: unknown[];
  /** Names read as their most common meaning ("Creole" as "ht"), for a warning. */
  ambiguous: { name: string; tag: string }[];
}

/**
 * A list of languages, as a list or one cell, in names (English, the language's own, Spanish,
 * French), codes ("es", "spa", "es_MX") or both: "English, Español y Kreyòl", "en; fr",
 * "Chinese (Cantonese)", "English - Spanish". The one reader every format uses.
 */
export function readLanguages(value: unknown): ReadLanguages {
  const read: ReadLanguages = { tags: [], unknown: [], ambiguous: [] };
  // A list's items may be cells themselves: ["English", "Spanish and French"].
  for (const item of Array.isArray(value) ? value : value == null ? [] : [value]) {
    if (typeof item !== 'string') {
      read.unknown.push(item);
      continue;
    }
    const cell = remembered(cells, item, readCell);
    for (const tag of cell.tags) read.tags.push(tag);
    for (const unknown of cell.unknown) read.unknown.push(unknown);
    for (const { name, tag } of cell.ambiguous) read.ambiguous.push({ name, tag });
  }
  read.tags = [...new Set(read.tags)];
  return read;
}

/** Cell as written → what it reads as ("English, Spanish"): never handed out, only copied from. */
const cells = new Map<string, ReadLanguages>();

function readCell(cell: string): ReadLanguages {
  const read: ReadLanguages = { tags: [], unknown: [], ambiguous: [] };
  for (const part of splitCell(cell)) if (part.trim()) readItem(part.trim(), read);
  return read;
}

function readItem(item: string, read: ReadLanguages): void {
  const one = readOne(item);
  if (one) {
    read.tags.push(one.tag);
    if (one.ambiguous) read.ambiguous.push({ name: item, tag: one.tag });
    return;
  }
  // "Chinese (Cantonese)": the languages in parentheses say which; "Spanish (Mexico)": the name before.
  // "English - Spanish": both; "Spanish - Latin America": the name before.
  const paren = /^(.*?)\s*\(([^()]*)\)$/.exec(item);
  const [, head, tail] = paren ?? /^(.+?)\s+[-–—]\s+(.+)$/.exec(item) ?? [];
  if (tail !== undefined) {
    const inner = readLanguages(tail);
    if (inner.tags.length && !inner.unknown.length) {
      if (!paren) readItem(head, read);
      read.tags.push(...inner.tags);
      read.ambiguous.push(...inner.ambiguous);
      return;
    }
    if (head && readOne(head)) {
      readItem(head, read);
      return;
    }
  }
  read.unknown.push(item);
}

const FREE =
  /^(?:free(?:\s+of\s+charge)?|no\s+(?:cost|charge|fees?)|none|\$?\s*0(?:[.,]00?)?(?:\s*\$)?|gratuit[e]?|gratuito|gratuita|gratis|sin\s+costo|sin\s+cargo)[.!]?$/i;

/** "Free", "Free of charge", "No cost", "$0", "Gratuit", "Gratis" → "free"; any other text is kept as written. */
export function readCost(text: string): string {
  const value = text.trim();
  return FREE.test(value) ? 'free' : value;
}
