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
 * Like safeWebUrl, but first repairs what people type into spreadsheets: no scheme
 * (`www.example.org`, `example.org/path`) becomes https, backslashes become slashes.
 * A value with any other scheme is refused, never "repaired".
 */
export function normalizeWebUrl(value: string): string | undefined {
  const text = value.trim().replace(/\\/g, '/');
  if (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^[^:/]+:\d+(\/|$)/.test(text)) return safeWebUrl(text);
  if (/^\/\//.test(text)) return safeWebUrl(`https:${text}`);
  // A bare host: letters, digits and hyphens, a dot, a top-level domain.
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}(:\d+)?([/?#]\S*)?$/i.test(text)) return safeWebUrl(`https://${text}`);
  return undefined;
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
  if (digits.length < 3 || digits.length > 20) return undefined;
  return `tel:${plus}${digits}${extension ? `,${extension}` : ''}`;
}
