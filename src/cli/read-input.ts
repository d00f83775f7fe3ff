import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';

/**
 * Size-capped reading of local files and standard input. A file can be huge or endless
 * (/dev/zero, a FIFO, a pipe that never closes), so every read stops at the cap instead of
 * buffering until Node runs out of memory.
 */

const KIB = 1024;
const MIB = 1024 * KIB;
/** Node holds at most about 512 Mi characters in one string, and the readers decode the whole input into one. */
export const LARGEST_LIMIT = 500 * MIB;

/** The most bytes one input may have; `option` is the --max-bytes text, when the person set it. */
export interface SizeLimit {
  bytes: number;
  option?: string;
}

export class TooLargeError extends Error {
  override name = 'TooLargeError';
  constructor(what: string, limit: SizeLimit) {
    super(
      limit.option === undefined
        ? `${what} is larger than ${formatSize(limit.bytes)}, the most naloxone-finder reads by default (as the widget does); to read more, raise the limit, e.g. --max-bytes 100MiB.`
        : `${what} is larger than ${formatSize(limit.bytes)}, the limit given with --max-bytes ${limit.option}.`,
    );
  }
}

/** "20 MiB", "1.5 KiB", "900 bytes". */
export function formatSize(bytes: number): string {
  const [unit, name] = bytes >= MIB ? [MIB, 'MiB'] : bytes >= KIB ? [KIB, 'KiB'] : [1, bytes === 1 ? 'byte' : 'bytes'];
  return `${(Math.floor((bytes / unit) * 10) / 10).toLocaleString('en-US')} ${name}`;
}

/** "50MiB", "512 KiB", "2G", "1048576" → bytes; undefined when it is not a size. */
export function readSize(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmg])(?:i?b)?|b|bytes?)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = { k: KIB, m: MIB, g: 1024 * MIB }[match[2]?.toLowerCase() ?? ''] ?? 1;
  return Math.floor(Number(match[1]) * unit);
}

/** Reads a stream whole, or throws TooLargeError as soon as it passes the limit. */
export async function readStream(stream: Readable, limit: SizeLimit, what: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      total += bytes.length;
      if (total > limit.bytes) throw new TooLargeError(what, limit);
      chunks.push(bytes);
    }
  } finally {
    // Leaving the loop early already destroys it; this also covers a stream that failed.
    stream.destroy();
  }
  return Buffer.concat(chunks, total);
}

/** Reads a local file, refusing a regular file over the limit before reading any of it. */
export async function readFileCapped(file: string, limit: SizeLimit, what = file): Promise<Buffer> {
  const info = await stat(file);
  if (info.isFile() && info.size > limit.bytes) throw new TooLargeError(what, limit);
  return readStream(createReadStream(file, { highWaterMark: MIB }), limit, what);
}
