/** Earth's circumference at the equator, km, as Web Mercator tiles use it. */
const EQUATOR_KM = 40075;
const TILE_PX = 256;

/**
 * The closest whole zoom at which a map `widthPx` wide still shows at least `km` across at
 * latitude `lat` (km per px at zoom z = 40075·cos(lat) / (256·2^z)). Never below 0.
 */
export function maxZoomForView(km: number, widthPx: number, lat: number): number {
  const zoom = Math.floor(Math.log2((widthPx * EQUATOR_KM * Math.cos((lat * Math.PI) / 180)) / (TILE_PX * km)));
  return Math.max(0, zoom);
}
