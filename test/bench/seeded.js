/**
 * mulberry32: the same sequence of numbers in [0, 1) for the same seed, so every bench run (and
 * both pages of a comparison, and Node and the browser) works on the same made-up data.
 */
export function seeded(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
