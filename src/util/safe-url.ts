const LINK_SCHEMES = new Set(['http:', 'https:']);

/**
 * Returns the URL as an absolute http(s) string, or undefined when it is anything else
 * (`javascript:`, `data:`, relative paths, garbage). Parsing with `URL` normalizes the
 * whitespace and case tricks that a string prefix check would miss.
 */
export function safeWebUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  return LINK_SCHEMES.has(url.protocol) ? url.href : undefined;
}

/**
 * A `tel:` URL for a phone number as people write it: digits and a leading + kept, extensions
 * ("x123", "ext. 123") dialled after a pause. Undefined when there are too few digits to dial.
 */
export function telUrl(phone: string): string | undefined {
  const match = /^(.*?)(?:\s*(?:x|ext\.?|extension|#)\s*(\d+))?\s*$/i.exec(phone);
  const main = match?.[1] ?? phone;
  const extension = match?.[2];
  const plus = main.trim().startsWith('+') ? '+' : '';
  const digits = main.replace(/\D/g, '');
  if (digits.length < 3) return undefined;
  return `tel:${plus}${digits}${extension ? `,${extension}` : ''}`;
}
