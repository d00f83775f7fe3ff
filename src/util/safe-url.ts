const LINK_SCHEMES = new Set(['http:', 'https:']);

/**
 * Returns the URL as an absolute http(s) string, or undefined when it is anything else
 * (`javascript:`, `data:`, relative paths, garbage) or carries a user name or password
 * (`https://user:secret@host/`: a leaked credential, or a trick such as
 * `https://bank.example@evil.example/` that shows one host and opens another). Parsing with
 * `URL` normalizes the whitespace and case tricks that a string prefix check would miss.
 */
export function safeWebUrl(value: string): string | undefined {
  const url = parseWebUrl(value);
  return url && !hasCredentials(url) ? url.href : undefined;
}

function parseWebUrl(value: string): URL | undefined {
  try {
    const url = new URL(value.trim());
    return LINK_SCHEMES.has(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

// An empty "@" (`https://@host/`) parses with neither and is dropped from href: harmless.
const hasCredentials = (url: URL) => url.username !== '' || url.password !== '';

/**
 * Like safeWebUrl, but first repairs what people type into spreadsheets: no scheme
 * (`www.example.org`, `example.org/path`) becomes https, backslashes become slashes.
 * A value with any other scheme is refused, never "repaired".
 */
export function normalizeWebUrl(value: string): string | undefined {
  const text = repairWebUrl(value);
  return text === undefined ? undefined : safeWebUrl(text);
}

/** Why normalizeWebUrl refuses a value, for a warning: not an http(s) address, or one with a user name or password. */
export function webUrlProblem(value: string): 'not-web' | 'credentials' | undefined {
  const text = repairWebUrl(value);
  const url = text === undefined ? undefined : parseWebUrl(text);
  if (!url) return 'not-web';
  return hasCredentials(url) ? 'credentials' : undefined;
}

function repairWebUrl(value: string): string | undefined {
  const text = value.trim().replace(/\\/g, '/');
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d+(\/|$)/.test(text)) return text;
  if (/^\/\//.test(text)) return `https:${text}`;
  // A bare host: letters, digits and hyphens, a dot, a top-level domain.
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$/i.test(text)) return `https://${text}`;
  return undefined;
}

/** A number as spreadsheets write a big one they have rounded: "6.17556E+09". */
export const SCIENTIFIC = /^[+-]?\d+(?:[.,]\d+)?E\+?\d+$/i;

/** The phone keypad's digit for each letter A–Z (ITU E.161). */
const KEYPAD = '22233344455566677778889999';

/**
 * A `tel:` URL for a phone number as people write it: digits and a leading + kept, extensions
 * ("x123", "ext. 123", "poste 123") dialled after a pause, a number spelt in capitals
 * ("1-800-NALOXONE") dialled by the keypad's letters, and the "(0)" of "+44 (0)20 …", dialled
 * only from inside the country, left out. Of several numbers in one cell ("555-0100 or
 * 555-0199", "555-0100 / 555-0101"), the first. Undefined when there are too few digits to dial.
 */
export function telUrl(phone: string): string | undefined {
  // "6.17556E+09", a number a spreadsheet rounded: "tel:617556" would call someone else.
  if (SCIENTIFIC.test(phone.trim())) return undefined;
  // Four capitals or more, after the digits and to the end: not "604-555-0100 TTY" or "… TOLL FREE".
  const spelt = /^\s*\+?\d[\d().\s-]*[A-Z]{4}[A-Z\d-]*\s*$/.test(phone);
  const text = (spelt ? phone.replace(/[A-Z]/g, (c) => KEYPAD[c.charCodeAt(0) - 65]) : phone).replace(/^(\s*\+\s*\d{1,3}[\s.-]*)\(0\)/, '$1');
  const match = /(\+\s*)?(\(?\d[\d ().-]*\d)(?:\s*,?\s*(?:x|ext\.?|extension|extensi[oó]n|poste|#)\s*(\d+))?/i.exec(text);
  const digits = match?.[2].replace(/\D/g, '') ?? '';
  if (digits.length < 3 || digits.length > 20) return undefined;
  return `tel:${match![1] ? '+' : ''}${digits}${match![3] ? `,${match![3]}` : ''}`;
}
