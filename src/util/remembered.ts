// A small cache for values worked out from strings that repeat: feed values, locales.

/**
 * `make(key)`, worked out once per distinct key: feeds repeat a few values (zones, hours,
 * languages) in thousands of records, and a page asks for a few locales' formats again and
 * again. At most 1,000 are kept, whatever a feed holds.
 */
export function remembered<T>(cache: Map<string, T>, key: string, make: (key: string) => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = make(key);
  if (cache.size >= 1000) cache.clear();
  cache.set(key, value);
  return value;
}
