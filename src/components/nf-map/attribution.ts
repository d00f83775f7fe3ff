/** A run of attribution text, linked when it came with an http(s) address. */
export interface AttributionPart {
  text: string;
  href?: string;
}

export interface ParsedAttribution {
  parts: AttributionPart[];
  /** Link addresses that were not http(s): their text is kept, unlinked. */
  rejected: string[];
}

/** The named entities attributions use in practice; others are left as written. */
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '©',
  reg: '®',
  trade: '™',
  middot: '·',
  bull: '•',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([\da-f]{1,6})|([a-z]{2,8}));/gi, (whole, dec: string, hex: string, name: string) => {
    if (name) return ENTITIES[name.toLowerCase()] ?? whole;
    const code = dec ? Number(dec) : parseInt(hex, 16);
    // As the HTML parser does: no NUL, lone surrogates or values past Unicode become U+FFFD.
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  });
}

function httpUrl(raw: string): string | undefined {
  const value = raw.trim();
  if (!/^https?:\/\//i.test(value)) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// Sticky patterns read one token at the cursor. Each alternative starts with a different
// character, so none of them backtracks, whatever the input.
const COMMENT = /<!--[\s\S]*?(?:-->|$)/y;
const DECLARATION = /<[!?][^>]*(?:>|$)/y;
const TAG = /<(\/?)([a-z][^\s/>]*)((?:[^>"']|"[^"]*(?:"|$)|'[^']*(?:'|$))*)(?:>|$)/iy;
const HREF = /(?:^|\s)href\s*=\s*(?:"([^"]*)"?|'([^']*)'?|([^\s>]+))/i;
// Addresses may hold one level of balanced parentheses, as in Markdown.
const MARKDOWN_LINK = /\[([^[\]]*)\]\(\s*((?:[^\s()]|\([^\s()]*\))*)\s*\)/y;
const SPECIAL = /[<[]/g;
/** Elements whose content is code, not text: dropped whole. */
const RAW_TEXT = new Set(['script', 'style']);

/**
 * Reads a tile attribution written as text with links, the way providers publish it:
 * HTML (`&copy; <a href="https://…">OpenStreetMap</a> contributors`) or Markdown
 * (`[OpenStreetMap](https://…)`). Entities are decoded; `<a href>` and Markdown links with
 * http(s) addresses become links; every other tag is dropped and its text kept. The result
 * is data for text nodes, never markup, so a pasted `<img onerror>` cannot run.
 */
export function parseAttribution(input: string): ParsedAttribution {
  const parts: AttributionPart[] = [];
  const rejected: string[] = [];
  let href: string | undefined;
  let text = '';
  let i = 0;

  const flush = () => {
    if (text) parts.push(href === undefined ? { text } : { text, href });
    text = '';
  };
  const addLink = (linkText: string, rawHref: string) => {
    const url = httpUrl(decodeEntities(rawHref));
    if (url === undefined && rawHref.trim()) rejected.push(rawHref.trim());
    // A Markdown link inside an HTML link stays part of the outer link.
    if (url === undefined || href !== undefined) {
      text += linkText;
      return;
    }
    flush();
    parts.push({ text: linkText, href: url });
  };

  while (i < input.length) {
    SPECIAL.lastIndex = i;
    const end = SPECIAL.exec(input)?.index ?? input.length;
    text += input.slice(i, end);
    i = end;
    if (i >= input.length) break;

    if (input[i] === '[') {
      MARKDOWN_LINK.lastIndex = i;
      const link = MARKDOWN_LINK.exec(input);
      if (link) {
        addLink(link[1], link[2]);
        i = MARKDOWN_LINK.lastIndex;
      } else {
        text += '[';
        i++;
      }
      continue;
    }

    const after = input[i + 1] ?? '';
    const pattern = input.startsWith('<!--', i) ? COMMENT : after === '!' || after === '?' ? DECLARATION : /[a-z/]/i.test(after) ? TAG : undefined;
    let token: RegExpExecArray | null = null;
    if (pattern) {
      pattern.lastIndex = i;
      token = pattern.exec(input);
    }
    if (!token) {
      // "a < b": not a tag, as in HTML.
      text += '<';
      i++;
      continue;
    }
    i += token[0].length;
    if (token[0].startsWith('<!') || token[0].startsWith('<?')) continue;
    const [, closing, rawName, attributes] = token;
    const name = rawName.toLowerCase();
    if (name === 'br') {
      text += ' ';
    } else if (name === 'a') {
      flush();
      href = undefined;
      if (!closing) {
        const found = HREF.exec(attributes);
        const raw = found ? (found[1] ?? found[2] ?? found[3]) : '';
        href = httpUrl(decodeEntities(raw));
        if (href === undefined && raw.trim()) rejected.push(raw.trim());
      }
    } else if (!closing && RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}\\b`, 'gi');
      close.lastIndex = i;
      i = close.exec(input)?.index ?? input.length;
    }
  }
  flush();
  return { parts: tidy(parts), rejected };
}

/** Decodes entities and collapses white space as a browser shows it; drops empty runs. */
function tidy(parts: AttributionPart[]): AttributionPart[] {
  const out: AttributionPart[] = [];
  let endsInSpace = true;
  for (const part of parts) {
    let text = decodeEntities(part.text).replace(/[ \t\n\r\f]+/g, ' ');
    if (endsInSpace && text.startsWith(' ')) text = text.slice(1);
    if (!text) continue;
    // Link text that is only space is shown as that space, without a link nobody can name.
    const href = text.trim() ? part.href : undefined;
    const last = out.at(-1);
    if (last && !last.href && !href) last.text += text;
    else out.push(href === undefined ? { text } : { text, href });
    endsInSpace = text.endsWith(' ');
  }
  const last = out.at(-1);
  if (last && last.text.endsWith(' ')) {
    last.text = last.text.trimEnd();
    if (!last.text) out.pop();
  }
  return out;
}

/** Text nodes and links for the attribution control; links open in a new tab without an opener. */
export function attributionNodes(parts: AttributionPart[]): Node[] {
  return parts.map(({ text, href }) => {
    if (href === undefined) return document.createTextNode(text);
    const a = document.createElement('a');
    a.href = href;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    a.textContent = text;
    return a;
  });
}
