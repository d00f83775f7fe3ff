import { GridLayer, latLngBounds, type Coords, type DoneCallback, type GridLayerOptions, type Layer, type TileEvent } from 'leaflet/dist/leaflet-src.esm.js';
import { PMTiles, type RangeResponse, type Source } from 'pmtiles';

const PREFIX = 'pmtiles:';
const HEADER_BYTES = 127;
const DEFAULT_MAX_ZOOM = 19;

// Header codes (PMTiles v3 spec): the raster tile types a browser decodes, and the compressions
// pmtiles reads in a browser (1 none, 2 gzip through DecompressionStream; 0 means "not stated").
const IMAGE_TYPES = new Map([
  [2, 'image/png'],
  [3, 'image/jpeg'],
  [4, 'image/webp'],
  [5, 'image/avif'],
]);
const VECTOR_TYPES = new Map([
  [1, 'MVT'],
  [6, 'MLT'],
]);
const READABLE_COMPRESSIONS = new Set([0, 1, 2]);
const COMPRESSION_NAMES = ['unknown', 'none', 'gzip', 'brotli', 'zstd'];

/** A problem with the archive itself, already worded for the partner. */
class ArchiveError extends Error {}

/** `pmtiles:/maps/x.pmtiles`, `pmtiles:https://…` or MapLibre's `pmtiles://https://…`, resolved against the page. */
function archiveUrl(tileUrl: string): string {
  if (!tileUrl.startsWith(PREFIX)) throw new ArchiveError(`tile-url "${tileUrl}" does not start with "${PREFIX}".`);
  const rest = tileUrl.slice(PREFIX.length).replace(/^\/\/(?=https?:)/, '');
  let url: URL;
  try {
    url = new URL(rest, document.baseURI);
  } catch {
    throw new ArchiveError(`tile-url "${tileUrl}" does not hold a valid archive URL after "${PREFIX}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ArchiveError(`tile-url "${tileUrl}": the archive must be served over https (or http), not ${url.protocol}`);
  }
  return url.href;
}

/** Refuses, with the reason, any archive this layer cannot draw, before pmtiles reads further. */
function checkHeader(bytes: Uint8Array, url: string) {
  const text = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 4 && text(0, 2) === 'PM' && (bytes[2] === 1 || bytes[2] === 2) && bytes[3] === 0) {
    throw new ArchiveError(`${url} is a PMTiles version ${bytes[2]} archive; only version 3 is supported (convert it with "pmtiles convert").`);
  }
  if (bytes.length < HEADER_BYTES || text(0, 7) !== 'PMTiles') throw new ArchiveError(`${url} is not a PMTiles archive.`);
  if (bytes[7] !== 3) throw new ArchiveError(`${url} is a PMTiles version ${bytes[7]} archive; only version 3 is supported.`);
  const [internal, tiles, type] = [bytes[97], bytes[98], bytes[99]];
  if (!READABLE_COMPRESSIONS.has(internal)) {
    throw new ArchiveError(
      `${url} compresses its directories with ${COMPRESSION_NAMES[internal] ?? `code ${internal}`}, which browsers cannot read; use gzip (the pmtiles tool's default).`,
    );
  }
  if (VECTOR_TYPES.has(type)) {
    throw new ArchiveError(`${url} holds vector tiles (${VECTOR_TYPES.get(type)}); this map draws raster tiles only (PNG, JPEG, WebP or AVIF).`);
  }
  if (!IMAGE_TYPES.has(type)) throw new ArchiveError(`${url} holds tiles of an unknown type (code ${type}); use PNG, JPEG, WebP or AVIF tiles.`);
  if (!READABLE_COMPRESSIONS.has(tiles)) {
    throw new ArchiveError(
      `${url} compresses its tiles with ${COMPRESSION_NAMES[tiles] ?? `code ${tiles}`}, which browsers cannot read; store image tiles uncompressed.`,
    );
  }
}

/**
 * Reads byte ranges of the archive, and nothing else: no Referer (the path of the page would tell
 * the archive's host what the visitor is looking at), and the header checked on the first read.
 */
class RangeSource implements Source {
  constructor(private readonly url: string) {}

  getKey() {
    return this.url;
  }

  async getBytes(offset: number, length: number, signal?: AbortSignal): Promise<RangeResponse> {
    let response: Response;
    try {
      response = await fetch(this.url, { headers: { range: `bytes=${offset}-${offset + length - 1}` }, referrerPolicy: 'no-referrer', signal });
    } catch (e) {
      if (signal?.aborted) throw e;
      throw new ArchiveError(`the PMTiles archive ${this.url} could not be loaded (${(e as Error).message}).`);
    }
    if (!response.ok) throw new ArchiveError(`the PMTiles archive ${this.url} could not be loaded (HTTP ${response.status}).`);
    // A server without Range support sends the whole file: fine for a tiny archive read from the
    // start, never for a real basemap (hundreds of megabytes per tile).
    const size = Number(response.headers.get('content-length'));
    if (response.status !== 206 && !(offset === 0 && size > 0 && size <= length)) {
      await response.body?.cancel();
      throw new ArchiveError(
        `the server of ${this.url} ignored the HTTP Range request and sent the whole file; serve the archive from a server with Range support.`,
      );
    }
    const data = await response.arrayBuffer();
    if (offset === 0) checkHeader(new Uint8Array(data), this.url);
    return { data };
  }
}

/** Raster tiles drawn on canvases from decoded bitmaps: no <img>, no blob: URL, so `img-src` need not allow them. */
class PmtilesLayer extends GridLayer {
  private readonly pending = new Map<HTMLElement, AbortController>();

  constructor(
    private readonly archive: PMTiles,
    private readonly mimeType: string,
    options: GridLayerOptions,
  ) {
    super(options);
    // Tiles scrolled or zoomed away stop downloading.
    this.on('tileunload', (e: TileEvent) => this.pending.get(e.tile)?.abort());
  }

  protected override createTile(coords: Coords, done: DoneCallback): HTMLElement {
    const canvas = document.createElement('canvas');
    const controller = new AbortController();
    this.pending.set(canvas, controller);
    this.draw(canvas, coords, controller.signal).then(
      () => done(undefined, canvas),
      (e: Error) => {
        if (!controller.signal.aborted) done(e, canvas);
      },
    );
    return canvas;
  }

  private async draw(canvas: HTMLCanvasElement, { x, y, z }: Coords, signal: AbortSignal) {
    try {
      const tile = await this.archive.getZxy(z, x, y, signal);
      // No tile there (sea, or outside the extract): leave it transparent.
      if (!tile) return;
      const bitmap = await createImageBitmap(new Blob([tile.data], { type: this.mimeType }));
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
      bitmap.close();
    } finally {
      this.pending.delete(canvas);
    }
  }
}

/*! @license This chunk includes pmtiles by Brandon Liu (BSD-3-Clause) and fflate by Arjun Barrett (MIT). */

/**
 * A Leaflet layer for a raster PMTiles archive on the partner's own host (`pmtiles:/maps/region.pmtiles`).
 * Reads the archive header first, so a missing or unusable archive rejects with a specific message
 * (also logged) instead of a blank map.
 */
export async function createPmtilesLayer(url: string, options: { attribution: string; maxZoom?: number }): Promise<Layer> {
  try {
    const source = new RangeSource(archiveUrl(url));
    const archive = new PMTiles(source);
    const header = await archive.getHeader();
    const { minLat, minLon, maxLat, maxLon } = header;
    return new PmtilesLayer(archive, IMAGE_TYPES.get(header.tileType)!, {
      attribution: options.attribution,
      minZoom: header.minZoom,
      maxNativeZoom: header.maxZoom,
      maxZoom: options.maxZoom ?? DEFAULT_MAX_ZOOM,
      // No requests for tiles outside the extract; an archive with no stated bounds covers the world.
      bounds: minLon < maxLon && minLat < maxLat ? latLngBounds([minLat, minLon], [maxLat, maxLon]) : undefined,
    });
  } catch (e) {
    const message = e instanceof ArchiveError ? e.message : `the PMTiles archive in tile-url "${url}" could not be read (${(e as Error).message}).`;
    console.error(`naloxone-finder: ${message}`);
    throw new Error(message);
  }
}
