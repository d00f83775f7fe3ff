// Plain JavaScript, shared by the Node generator and the browser search; normalize.d.ts has the types.

// Common abbreviations in North American place names, written out so "st louis", "St. Louis"
// and "Saint Louis" meet.
const WORDS = { st: 'saint', ste: 'sainte', mt: 'mount', ft: 'fort', pt: 'point' };

/**
 * A place name reduced to what a visitor's typing should match: no accents, no case, no
 * punctuation, single spaces, common abbreviations written out. "Montréal" → "montreal",
 * "St. Louis" → "saint louis", "Coeur d'Alene" → "coeur d alene".
 * @param {string} text
 */
export function normalizeName(text) {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .map((word) => WORDS[word] ?? word)
    .join(' ');
}
