/**
 * Hostile strings for the security tests: what a compromised or careless feed could carry.
 * Every payload that could run code sets `window.__nfPwned`, so a test only has to check that
 * one global. Each entry has a short label for failure messages.
 */
export interface Payload {
  label: string;
  value: string;
}

const PWN = 'window.__nfPwned=1';

/** The long ones, exported so tests can find their records. */
export const LONG_TEXT = 'A'.repeat(100_000);
export const LONG_URL = `https://example.org/${'a'.repeat(8_000)}`;

/** Bidi and invisible formatting characters that must never reach a name. */
export const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

export const PAYLOADS: readonly Payload[] = [
  // Markup that runs code when parsed as HTML.
  { label: 'script tag', value: `<script>${PWN}</script>` },
  { label: 'script tag, upper case', value: `<SCRIPT>${PWN}</SCRIPT>` },
  { label: 'script split by a nested tag', value: `<scr<script>ipt>${PWN}</scr</script>ipt>` },
  { label: 'img onerror', value: `<img src=x onerror="${PWN}">` },
  { label: 'img onerror, no quotes', value: `<img src=x onerror=${PWN}>` },
  { label: 'svg onload', value: `<svg onload=${PWN}>` },
  { label: 'svg with a javascript: link', value: `<svg><a xlink:href="javascript:${PWN}"><text x="0" y="10">x</text></a></svg>` },
  { label: 'iframe srcdoc', value: `<iframe srcdoc="<script>parent.${PWN}</script>"></iframe>` },
  { label: 'attribute breakout, double quote', value: `"><script>${PWN}</script>` },
  { label: 'attribute breakout, single quote', value: `'><img src=x onerror=${PWN}>` },
  { label: 'attribute injection', value: `" onmouseover="${PWN}" x="` },
  { label: 'autofocus onfocus', value: `' autofocus onfocus='${PWN}' x='` },
  { label: 'anchor with javascript: href', value: `<a href="javascript:${PWN}">Example link</a>` },
  { label: 'details ontoggle', value: `<details open ontoggle=${PWN}>` },
  { label: 'body onload', value: `<body onload=${PWN}>` },
  { label: 'object data', value: `<object data="javascript:${PWN}"></object>` },
  { label: 'embed src', value: `<embed src="javascript:${PWN}">` },
  { label: 'form action', value: `<form action="javascript:${PWN}"><button>Go</button></form>` },
  { label: 'meta refresh', value: `<meta http-equiv="refresh" content="0;url=javascript:${PWN}">` },
  { label: 'base href', value: '<base href="https://evil.example/">' },
  { label: 'mutation XSS through math/style', value: `<math><mtext><table><mglyph><style><img src=x onerror=${PWN}>` },
  { label: 'noscript title breakout', value: `<noscript><p title="</noscript><img src=x onerror=${PWN}>">` },
  { label: 'template with script', value: `<template><script>${PWN}</script></template>` },
  { label: 'closing tags then script', value: `</textarea></title></style><script>${PWN}</script>` },
  { label: 'comment breakout', value: `--><script>${PWN}</script><!--` },
  { label: 'entity-encoded markup', value: `&lt;img src=x onerror=${PWN}&gt;` },
  // URLs that run code or leave http(s).
  { label: 'javascript: URL', value: `javascript:${PWN}` },
  { label: 'javascript: URL, mixed case', value: `JaVaScRiPt:${PWN}` },
  { label: 'javascript: URL, leading space', value: ` javascript:${PWN}` },
  { label: 'javascript: URL, leading newline and tab', value: `\n\tjavascript:${PWN}` },
  { label: 'javascript: URL, tab inside the scheme', value: `java\tscript:${PWN}` },
  { label: 'javascript: URL, newline inside the scheme', value: `java\nscript:${PWN}` },
  { label: 'javascript: URL, null byte first', value: `\u0000javascript:${PWN}` },
  { label: 'javascript: URL, decimal entity', value: `&#106;avascript:${PWN}` },
  { label: 'javascript: URL, hex entity', value: `&#x6A;avascript:${PWN}` },
  { label: 'javascript: URL, &colon; entity', value: `javascript&colon;${PWN}` },
  { label: 'javascript: URL, percent-encoded', value: `%6A%61vascript:${PWN}` },
  { label: 'javascript: URL that looks like a path', value: `javascript://example.org/%0A${PWN}` },
  { label: 'https: followed by javascript:', value: `https:javascript:${PWN}` },
  { label: 'data: URL, base64 HTML', value: 'data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19uZlB3bmVkPTE8L3NjcmlwdD4=' },
  { label: 'data: URL, plain HTML', value: `data:text/html,<script>${PWN}</script>` },
  { label: 'vbscript: URL', value: 'vbscript:msgbox("x")' },
  { label: 'vbscript: URL, mixed case', value: 'VbScRiPt:msgbox("x")' },
  { label: 'file: URL', value: 'file:///etc/hosts' },
  { label: 'blob: URL', value: 'blob:https://example.org/00000000-0000-0000-0000-000000000000' },
  { label: 'protocol-relative URL (becomes https: acceptable)', value: '//evil.example/path' },
  { label: 'https URL with a quote breakout', value: `https://example.org/"onmouseover="${PWN}` },
  { label: 'https URL with markup', value: `https://example.org/<script>${PWN}</script>` },
  { label: 'https URL with credentials', value: 'https://example.org@evil.example/' },
  { label: 'mailto: in a website field', value: 'mailto:someone@example.org' },
  { label: 'tel: in a website field', value: 'tel:+15555550100' },
  { label: 'very long URL', value: LONG_URL },
  // CSS injection.
  { label: 'style block', value: '</style><style>*{display:none}</style>' },
  { label: 'CSS expression()', value: `x{width:expression(${PWN})}` },
  { label: 'CSS url(javascript:)', value: `background:url(javascript:${PWN})` },
  { label: 'CSS @import', value: '@import url(https://evil.example/x.css);' },
  // Text that reads differently from what it is.
  { label: 'bidi override (RLO)', value: 'Example Pharmacy \u202Efdp.exe\u202C' },
  { label: 'bidi embeddings and isolates', value: '\u202A\u202B\u202D\u2066\u2067\u2068Example Clinic\u2069\u202C' },
  { label: 'LRM and RLM marks', value: '\u200E\u200FExample\u200F Outreach\u200E' },
  { label: 'Arabic letter mark (ALM)', value: '\u061CExample\u061C Pharmacy' },
  { label: 'zero-width characters', value: 'Ex\u200Bam\u200Cple\u200D Drop-in\uFEFF' },
  { label: 'null bytes and C0/C1 controls', value: 'Example\u0000 Site\u0007\u001B[31m\u0085\u009B' },
  { label: 'lone surrogates', value: 'Example \uD800 Site \uDC00 end\uD83D' },
  { label: '100,000 characters', value: LONG_TEXT },
  { label: '100,000 characters of markup', value: `<b>${PWN}</b>`.repeat(4_000) },
  // Bait for patterns that backtrack: long runs of what a reader skips, then a near-match.
  { label: 'backtracking bait', value: `${' '.repeat(20_000)}(${' '.repeat(10_000)}1.5,${'naloxone '.repeat(500)}x` },
  // Template engines and Lit's own markers.
  { label: 'template literal', value: `\${${PWN}}` },
  { label: 'Lit part marker', value: '<!--?lit$123456789$-->' },
  { label: 'Lit attribute marker', value: 'lit$123456789$' },
  { label: 'mustache template', value: `{{constructor.constructor('${PWN}')()}}` },
  // Keys of Object.prototype, as values.
  { label: '__proto__ as text', value: '__proto__' },
  { label: 'constructor as text', value: 'constructor' },
  { label: 'prototype as text', value: 'prototype' },
  { label: 'toString as text', value: 'toString' },
  { label: 'hasOwnProperty as text', value: 'hasOwnProperty' },
  // Spreadsheet formulas, for anyone who opens the feed again in a spreadsheet.
  { label: 'spreadsheet formula', value: '=HYPERLINK("javascript:window.__nfPwned=1","Example")' },
  { label: 'spreadsheet DDE', value: "+cmd|' /C calc'!A0" },
  // Line breaks and a phone number that is really a script.
  { label: 'CRLF with script', value: `Example\r\n<script>${PWN}</script>\r\n` },
  { label: 'phone that is a javascript: URL', value: `javascript:${PWN}//555-0100` },
  { label: 'email with a header injection', value: 'someone@example.org?cc=other@example.org&body=x' },
];

/**
 * Keys that change prototypes when an object is built naively. In a record they must stay
 * ordinary data (or be ignored), never reach `Object.prototype`.
 */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

/** An object whose own `__proto__`, `constructor` and `prototype` keys try to pollute. */
export function pollutingObject(): Record<string, unknown> {
  // JSON.parse makes `__proto__` an own key; an object literal would set the prototype instead.
  return JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}}');
}

/** Adds the polluting keys to a record as own, enumerable data (so JSON.stringify writes them). */
export function withPollutingKeys<T extends object>(record: T): T {
  for (const [key, value] of Object.entries(pollutingObject())) {
    Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return record;
}
