// Writes the tiny PMTiles v3 archives the browser tests read (test/fixtures/pmtiles/), from first
// principles rather than with the pmtiles package, so the tests cross-check its reader.
// Run it again after changing a colour or tile here: `node test/helpers/pmtiles-fixture.js`,
// and update the colours in test/components/pmtiles.test.ts to match.
import { mkdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, crc32, deflateSync } from 'node:zlib';

const out = new URL('../fixtures/pmtiles/', import.meta.url);

// Tile type and compression codes of the PMTiles v3 header.
const TILE_TYPE = { mvt: 1, png: 2 };
const COMPRESSION = { none: 1, brotli: 3 };

/** A 256×256 PNG of one RGB colour: filter byte 0 before each row, then zlib, as PNG requires. */
function solidPng([r, g, b], size = 256) {
  const row = Buffer.alloc(1 + size * 3);
  for (let i = 0; i < size; i++) row.set([r, g, b], 1 + i * 3);
  const chunk = (type, data) => {
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** PMTiles tile id: tiles of all lower zooms first, then the position along a Hilbert curve at z. */
function tileId(z, x, y) {
  let id = 0;
  for (let i = 0; i < z; i++) id += 4 ** i;
  const n = 2 ** z;
  let d = 0;
  for (let s = n / 2; s >= 1; s /= 2) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        x = s - 1 - x;
        y = s - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return id + d;
}

function varint(value) {
  const bytes = [];
  while (value >= 0x80) {
    bytes.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  bytes.push(value);
  return bytes;
}

/** A root directory: count, id deltas, run lengths, lengths, then offsets (0 = right after the previous tile). */
function directory(entries) {
  const bytes = [...varint(entries.length)];
  let lastId = 0;
  for (const e of entries) {
    bytes.push(...varint(e.id - lastId));
    lastId = e.id;
  }
  for (const e of entries) bytes.push(...varint(e.runLength));
  for (const e of entries) bytes.push(...varint(e.length));
  entries.forEach((e, i) => {
    const contiguous = i > 0 && e.offset === entries[i - 1].offset + entries[i - 1].length;
    bytes.push(...varint(contiguous ? 0 : e.offset + 1));
  });
  return Buffer.from(bytes);
}

/**
 * One archive: 127-byte header, root directory, JSON metadata, tile data, in that order.
 * `tiles` maps "z/x/y" to the tile bytes.
 */
function archive({ tiles, tileType, internalCompression = 'none', minZoom, maxZoom }) {
  const entries = [];
  let offset = 0;
  for (const [key, data] of Object.entries(tiles)) {
    const [z, x, y] = key.split('/').map(Number);
    entries.push({ id: tileId(z, x, y), data, offset, length: data.length, runLength: 1 });
    offset += data.length;
  }
  entries.sort((a, b) => a.id - b.id);
  // Offsets follow id order, as a clustered archive's do.
  offset = 0;
  for (const e of entries) {
    e.offset = offset;
    offset += e.length;
  }
  const plainRoot = directory(entries);
  const root = internalCompression === 'brotli' ? brotliCompressSync(plainRoot) : plainRoot;
  const metadata = Buffer.from(JSON.stringify({ name: 'naloxone-finder test fixture' }));
  const tileData = Buffer.concat(entries.map((e) => e.data));

  const header = Buffer.alloc(127);
  header.write('PMTiles', 0, 'latin1');
  header.writeUInt8(3, 7);
  const u64 = (at, value) => header.writeBigUInt64LE(BigInt(value), at);
  const rootOffset = 127;
  const metadataOffset = rootOffset + root.length;
  const tileDataOffset = metadataOffset + metadata.length;
  u64(8, rootOffset);
  u64(16, root.length);
  u64(24, metadataOffset);
  u64(32, metadata.length);
  u64(40, tileDataOffset); // no leaf directories: offset where they would start, length 0
  u64(48, 0);
  u64(56, tileDataOffset);
  u64(64, tileData.length);
  u64(72, entries.length); // addressed tiles
  u64(80, entries.length); // tile entries
  u64(88, entries.length); // distinct tile contents
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(COMPRESSION[internalCompression], 97);
  header.writeUInt8(COMPRESSION.none, 98);
  header.writeUInt8(TILE_TYPE[tileType], 99);
  header.writeUInt8(minZoom, 100);
  header.writeUInt8(maxZoom, 101);
  const e7 = (at, degrees) => header.writeInt32LE(Math.round(degrees * 1e7), at);
  e7(102, -180);
  e7(106, -85.0511287);
  e7(110, 180);
  e7(114, 85.0511287);
  header.writeUInt8(0, 118);
  e7(119, 0);
  e7(123, 0);
  return Buffer.concat([header, root, metadata, tileData]);
}

// The colours the tests look for: one tile at zoom 0, four distinct ones at zoom 1.
const colours = {
  '0/0/0': [200, 30, 40],
  '1/0/0': [10, 120, 200],
  '1/1/0': [30, 160, 60],
  '1/0/1': [240, 170, 20],
  '1/1/1': [120, 40, 160],
};

mkdirSync(out, { recursive: true });
const pngTiles = Object.fromEntries(Object.entries(colours).map(([key, rgb]) => [key, solidPng(rgb)]));
writeFileSync(new URL('raster.pmtiles', out), archive({ tiles: pngTiles, tileType: 'png', minZoom: 0, maxZoom: 1 }));
// Valid archives the layer must refuse: vector tiles, a directory compression it cannot read, and
// the older version 2 (512-byte header: "PM", version, metadata length, root entry count; no tiles).
const v2 = Buffer.alloc(512);
v2.write('PM', 0, 'latin1');
v2.writeUInt16LE(2, 2);
v2.writeUInt32LE(2, 4);
v2.write('{}', 10, 'latin1');
writeFileSync(new URL('version-2.pmtiles', out), v2);
const mvt = Buffer.from([0x1a, 0x00]); // an empty vector-tile layer message
writeFileSync(new URL('vector.pmtiles', out), archive({ tiles: { '0/0/0': mvt }, tileType: 'mvt', minZoom: 0, maxZoom: 0 }));
writeFileSync(
  new URL('brotli-directory.pmtiles', out),
  archive({ tiles: { '0/0/0': pngTiles['0/0/0'] }, tileType: 'png', internalCompression: 'brotli', minZoom: 0, maxZoom: 0 }),
);
