// The test server answers HTTP Range requests for test fixtures, as the web servers partners use
// for a PMTiles basemap do (the dev server itself ignores Range and sends the whole file).
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const ROOT_PREFIX = '/test/fixtures/';

/** Koa middleware for @web/test-runner: 206 with the requested bytes, 416 past the end. */
export async function rangeRequests(ctx, next) {
  const range = /^bytes=(\d+)-(\d*)$/.exec(ctx.get('range'));
  if (ctx.method !== 'GET' || !range || !ctx.path.startsWith(ROOT_PREFIX) || ctx.path.includes('..')) return next();
  let file;
  try {
    file = await readFile(fixtures + ctx.path.slice(ROOT_PREFIX.length));
  } catch {
    return next();
  }
  const start = Number(range[1]);
  const end = Math.min(range[2] ? Number(range[2]) : file.length - 1, file.length - 1);
  ctx.set('Accept-Ranges', 'bytes');
  if (start >= file.length || end < start) {
    ctx.status = 416;
    ctx.set('Content-Range', `bytes */${file.length}`);
    return undefined;
  }
  ctx.status = 206;
  ctx.type = 'application/octet-stream';
  ctx.set('Content-Range', `bytes ${start}-${end}/${file.length}`);
  ctx.body = file.subarray(start, end + 1);
  return undefined;
}
