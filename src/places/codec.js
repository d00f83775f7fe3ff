// Plain JavaScript so that the Node generator (src/places/build/) and the browser reader share
// one implementation; codec.d.ts gives TypeScript its types.

/**
 * The number code of the gazetteer's data: each non-negative integer is written in base 32,
 * most significant digit first, every digit but the last from the upper half of a 64-character
 * URL-safe alphabet. Numbers need no separators, small ones take one character, and the text
 * stays plain ASCII that gzip compresses well.
 */
export const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';

/** @param {readonly number[]} values */
export function encodeNumbers(values) {
  let out = '';
  for (const value of values) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`encodeNumbers: ${value} is not a non-negative integer`);
    let digits = ALPHABET[value % 32];
    for (let rest = Math.floor(value / 32); rest > 0; rest = Math.floor(rest / 32)) digits = ALPHABET[32 + (rest % 32)] + digits;
    out += digits;
  }
  return out;
}

/** @param {string} text */
export function decodeNumbers(text) {
  const out = [];
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = ALPHABET.indexOf(text[i]);
    if (digit < 0) throw new RangeError(`decodeNumbers: unexpected character at ${i}`);
    if (digit >= 32) value = value * 32 + digit - 32;
    else {
      out.push(value * 32 + digit);
      value = 0;
    }
  }
  return out;
}

/** Signed deltas as non-negative integers: 0, -1, 1, -2… become 0, 1, 2, 3…  @param {number} n */
export const zigzag = (n) => (n >= 0 ? 2 * n : -2 * n - 1);
/** @param {number} n */
export const unzigzag = (n) => (n % 2 === 0 ? n / 2 : -(n + 1) / 2);

/**
 * Population only orders matches, so its logarithm is kept, in steps of 5 %: round(20·ln p).
 * @param {number} population
 */
export const encodePopulation = (population) => Math.round(20 * Math.log(Math.max(1, population)));
/** @param {number} code */
export const decodePopulation = (code) => Math.round(Math.exp(code / 20));

/**
 * Squared distance in integer units between two points given in hundredths of a degree, for
 * ranking only. Integer arithmetic, so the generator and every browser rank towns the same way.
 * @param {number} lat @param {number} lng @param {number} lat2 @param {number} lng2
 */
export function rankDistance(lat, lng, lat2, lng2) {
  const scale = Math.round(1024 * Math.cos((lat * Math.PI) / 18000));
  const dy = (lat2 - lat) * 1024;
  const dx = (lng2 - lng) * scale;
  return dy * dy + dx * dx;
}
