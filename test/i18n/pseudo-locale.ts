import type { Strings } from '../../src/i18n/strings.js';

/**
 * The pseudo-locale's tag. Tests and Storybook's "Locale" toolbar set `lang` to it; the
 * preview and the pseudo test register `pseudo(en)` under it.
 */
export const PSEUDO_TAG = 'x-pseudo';

/** What a pseudo-localized string starts and ends with. */
export const PSEUDO_OPEN = '[!! ';
export const PSEUDO_CLOSE = ' !!]';

const ACCENTS: Record<string, string> = Object.fromEntries(
  [...'aáAÁcçCÇeéEÉiíIÍnñNÑoóOÓuúUÚyýYÝsšSŠzžZŽgğGĞlłLŁdďDĎtťTŤrřRŘ'.matchAll(/(.)(.)/gu)].map(([, plain, accented]) => [plain, accented]),
);

/**
 * Filler words that make each string about 40% longer, as many translations are (German,
 * Finnish, French): real words, so a line may wrap between them as translated text would.
 */
const FILLER = 'óñé ťŵó ťĥřéé ƒóúř ƒíví šíx šéví éíğĥť ñíñé ťéñ éłéví ťŵéłví ';

/** `{time}`, `{day}`, `{n}`: filled in later by code, so they must reach it as written. */
const PLACEHOLDER = /\{[a-z]+\}/giu;

/** Private-use characters that stand for a function's arguments while its result is accented. */
const argMark = (i: number) => String.fromCodePoint(0xe000 + i);
const ARG_MARK = /[\ue000-\ue0ff]/gu;

function accent(text: string): string {
  return text
    .split(new RegExp(`(${PLACEHOLDER.source}|${ARG_MARK.source})`, 'u'))
    .map((part, i) => (i % 2 ? part : [...part].map((c) => ACCENTS[c] ?? c).join('')))
    .join('');
}

/** `text` accented, padded by about 40% and wrapped in `[!! … !!]`. */
export function pseudoText(text: string): string {
  const length = [...text.replace(PLACEHOLDER, '').replace(ARG_MARK, '')].length;
  const want = Math.ceil(length * 0.4);
  const pad = FILLER.repeat(Math.ceil(want / FILLER.length))
    .slice(0, want)
    .trimEnd();
  return `${PSEUDO_OPEN}${accent(text)}${pad ? ` ${pad}` : ''}${PSEUDO_CLOSE}`;
}

/**
 * A function's result pseudo-localized, with its string arguments (names, places, phone
 * numbers, formatted distances) left exactly as given; numbers keep choosing the English
 * plural form, as the function already formats them.
 */
function pseudoFunction(fn: (...args: never[]) => unknown) {
  return (...args: unknown[]) => {
    // An empty string stays empty: some functions leave out a part when it is ('' status text).
    const marked = args.map((a, i) => (typeof a === 'string' && a ? argMark(i) : a));
    const result = (fn as (...a: unknown[]) => unknown)(...marked);
    if (typeof result !== 'string') return result;
    return pseudoText(result).replace(ARG_MARK, (m) => args[m.codePointAt(0)! - 0xe000] as string);
  };
}

function pseudoValue(value: unknown): unknown {
  if (typeof value === 'string') return pseudoText(value);
  if (typeof value === 'function') return pseudoFunction(value as (...args: never[]) => unknown);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, pseudoValue(v)]));
  return value;
}

/**
 * The pseudo-locale made from a complete locale (English): every string accented (a→á, e→é…),
 * about 40% longer and wrapped `[!! … !!]`; function values wrap their results the same way;
 * nested groups (hours, places, overdose, labels) too. Text on screen that is not wrapped so
 * did not come from the strings.
 */
export function pseudo(strings: Strings): Strings {
  return pseudoValue(strings) as Strings;
}
