#!/usr/bin/env node
// Serves the repository read-only on 127.0.0.1 so the demo can load ../dist/naloxone-finder.js
// exactly as a partner's page would. No dependencies. Port: $PORT or 8000, else the next free one.
import { createServer } from 'node:http';
import { createGzip } from 'node:zlib';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const HOST = '127.0.0.1';
const PORT_ATTEMPTS = 20;
const ROOT = await realpath(resolve(dirname(fileURLToPath(import.meta.url)), '..'));

/**
 * The strict policy README's "Content Security Policy" section asks partners to copy, so the
 * demo shows the widget working under it (the browser console would list any violation).
 */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https://tile.openstreetmap.org; require-trusted-types-for 'script'; trusted-types lit-html naloxone-finder";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

function send(res, status, text, headers = {}) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

const inside = (path) => path === ROOT || path.startsWith(ROOT + sep);

/** Maps a URL path to a file under ROOT, or explains why not. */
async function locate(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0')) return { status: 400 };
  // Dot segments are refused, which also keeps .git and other dotfiles private.
  if (decoded.split(/[/\\]/).some((segment) => segment.startsWith('.'))) return { status: 404 };
  const candidate = resolve(ROOT, `.${decoded}`);
  if (!inside(candidate)) return { status: 403 };
  let real;
  let info;
  try {
    real = await realpath(candidate);
    info = await stat(real);
  } catch {
    return { status: 404 };
  }
  // A symlink must not lead out of the repository either.
  if (!inside(real)) return { status: 403 };
  if (info.isDirectory()) {
    if (!pathname.endsWith('/')) return { redirect: `${pathname}/` };
    return locate(`${pathname}index.html`);
  }
  return info.isFile() ? { file: real, size: info.size } : { status: 404 };
}

async function handle(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  if (url.pathname === '/') {
    send(res, 302, 'Found: /demo/\n', { Location: `/demo/${url.search}` });
    return;
  }
  const found = await locate(url.pathname);
  if (found.redirect) {
    send(res, 301, `Moved: ${found.redirect}\n`, { Location: `${found.redirect}${url.search}` });
    return;
  }
  if (!found.file) {
    const reasons = { 400: 'Bad request', 403: 'Forbidden', 404: 'Not found' };
    send(res, found.status, `${reasons[found.status]}\n`);
    return;
  }
  const type = TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream';
  // Text compressed, as any partner's web server or CDN sends it: the sizes README quotes are
  // gzip sizes, and a slow phone on this demo should wait as long as it would on a real site.
  const gzip = /^(text\/|application\/json|image\/svg)/.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
  res.writeHead(200, {
    'Content-Type': type,
    ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : { 'Content-Length': found.size }),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': CSP,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const file = createReadStream(found.file).on('error', () => res.destroy());
  if (gzip) file.pipe(createGzip()).pipe(res);
  else file.pipe(res);
}

function listen(port, attemptsLeft) {
  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error(error);
      if (res.headersSent) res.destroy();
      else send(res, 500, 'Internal server error\n');
    });
  });
  server.once('error', (error) => {
    if (error.code === 'EADDRINUSE' && attemptsLeft > 1 && port < 65535) {
      listen(port + 1, attemptsLeft - 1);
      return;
    }
    console.error(`naloxone-finder demo: cannot listen on ${HOST}:${port}: ${error.message}`);
    process.exitCode = 1;
  });
  server.listen(port, HOST, () => {
    console.log(`naloxone-finder demo: http://${HOST}:${server.address().port}/demo/`);
  });
}

const requested = process.env.PORT ? Number(process.env.PORT) : 8000;
if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
  console.error(`naloxone-finder demo: PORT must be a whole number from 0 to 65535, got "${process.env.PORT}"`);
  process.exitCode = 1;
} else {
  try {
    await stat(join(ROOT, 'dist', 'naloxone-finder.js'));
  } catch {
    console.error('naloxone-finder demo: dist/naloxone-finder.js is missing; run `npm run build` (or `npm start`) first.');
  }
  listen(requested, PORT_ATTEMPTS);
}
