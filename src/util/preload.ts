/**
 * Asks for the kdbush chunk, which the spatial index, the map and the workers' page side import,
 * beside the chunk that imports it, not after that one has arrived: one round trip less before
 * the list or the map (about 2 s on an emulated slow 3G phone, outside test). A failure shows
 * where the chunk is imported.
 */
export function preloadKdbush() {
  import('kdbush').catch(() => undefined);
}
