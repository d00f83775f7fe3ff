/** Text cleanup shared by every format: feed text is data, shown as text, bounded in length. */

/**
 * The text with its accents dropped ("Dirección" → "Direccion", "miércoles" → "miercoles"), for
 * comparing words as people type them. Text of plain ASCII, nearly all of a feed, is returned as it is.
 */
export const withoutAccents = (text: string): string => (/[\u0080-\uffff]/.test(text) ? text.normalize('NFD').replace(/\p{M}/gu, '') : text);

export const MAX_LENGTH = { name: 200, short: 300, long: 2000 } as const;

// C0/C1 controls except tab and newline, and the bidi controls that can make text read
// differently from what it is (e.g. a reversed phone number or URL), the Arabic letter mark
// (U+061C) among them.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/**
 * What any step of cleanText below would change besides trimming: a line break or carriage
 * return, a backslash (a literal "\\n"), an unsafe character (UNSAFE_CHARS with \n and \r), or
 * what may be HTML (a tag, a character reference).
 */
// eslint-disable-next-line no-control-regex
const NEEDS_CLEANING = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\\]|<\/?[a-z]|&#?[a-z0-9]+;/i;
/** Tags of the HTML a content system exports ("<p>Walk in <b>anytime</b></p>"); a block's become a line break. */
const HTML_TAG = /<(\/?)(p|br|div|li|ul|ol|h[1-6]|b|i|u|em|strong|span|a|small|font|sup|sub)\b[^<>]*>/gi;
const BLOCK_TAG = /^(?:p|br|div|li|ul|ol|h[1-6])$/i;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };
/** Character references ("&amp;", "&#39;", "&#x2019;"): as they read. */
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const fromEntity = (whole: string, decimal?: string, hex?: string, name?: string) => {
  if (name) return ENTITIES[name.toLowerCase()];
  const code = decimal ? Number(decimal) : parseInt(hex!, 16);
  return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
};

/**
 * Trims, turns literal "\n" sequences (common in exported spreadsheets) into line breaks, reads
 * the HTML a content system exports as text (tags dropped, a paragraph's or line break's as a
 * line break, "&amp;" as "&"), drops control and bidi-override characters (also those written as
 * references), and cuts text longer than `max` with "…".
 * Returns the cleaned text (undefined when empty) and whether it was cut.
 */
export function cleanText(value: string, max: number): { text?: string; cut: boolean } {
  const text = cleanString(value);
  if (!text) return { cut: false };
  return text.length <= max ? { text, cut: false } : { text: cutText(text, max), cut: true };
}

/** cleanText's text before any cut ('' when nothing is left): for readers that check the length themselves. */
export function cleanString(value: string): string {
  // Most feed text has nothing to clean but its ends: one scan instead of five.
  const trimmed = value.trim();
  if (!NEEDS_CLEANING.test(trimmed)) return trimmed;
  return value
    .replace(HTML_TAG, (_tag, _close: string, name: string) => (BLOCK_TAG.test(name) ? '\n' : ''))
    .replace(ENTITY, fromEntity)
    .replace(/\r\n?/g, '\n')
    .replace(/\\r\\n|\\n/g, '\n')
    .replace(UNSAFE_CHARS, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text longer than `max` cut to `max` characters, the last one "…". */
export function cutText(text: string, max: number): string {
  // Never split a surrogate pair.
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text[end - 1])) end--;
  return `${text.slice(0, end).trimEnd()}…`;
}

export type Json = Record<string, unknown>;

/** A plain object (not null, not an array), as JSON.parse makes them. */
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `record` has `key` itself, not through its prototype. */
export const has = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** Reads an own property only: `__proto__`, `constructor` and friends never reach the prototype. */
export function own(record: object, key: string): unknown {
  return has(record, key) ? (record as Json)[key] : undefined;
}

/**
 * Feed text quoted in a message (a skip or warning reason, an error): every message quotes
 * through here, so none carries control or bidi characters (which could make a logged line
 * read differently) or more than `max` characters of the feed.
 */
export function quote(text: string, max = 40): string {
  const shown = text.replace(UNSAFE_CHARS, '');
  if (shown.length <= max) return `"${shown}"`;
  // Never split a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(shown[max - 1]) ? max - 1 : max;
  return `"${shown.slice(0, end)}…"`;
}

/** An English noun for `n` of it, in the messages partners read: "1 record", "2 records". */
export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

/** "1 record", "2,500 records": a count as English messages give it. */
export const counted = (n: number, word: string): string => `${n.toLocaleString('en-US')} ${plural(n, word)}`;

/** A short, safe description of a value for error messages. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return quote(value);
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

/** "a, b, c and 7 more": a list in a message, bounded however long the feed's list is. */
export function listOf(items: readonly string[], max = 5): string {
  return items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');
}
