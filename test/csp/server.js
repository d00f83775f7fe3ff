import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';

/**
 * The test runner's share of the Content-Security-Policy tests (test/csp/csp.test.ts): it
 * sends each test page with a real CSP response header, and plays a partner's tile host.
 */

export const PAGE = '/test/csp/page.html';
export const TILE = '/test/fixtures/tile.png';

/** The other loopback name reaches the same server from a different origin: the partner's tile host. */
export function partnerTileOrigin(host) {
  const [name, port] = host.split(':');
  return `http://${name === '127.0.0.1' ? 'localhost' : '127.0.0.1'}:${port}`;
}

const strict = (imgSrc, trustedTypes) =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${imgSrc ? ` ${imgSrc}` : ''}`,
    ...(trustedTypes ? ["require-trusted-types-for 'script'", `trusted-types ${trustedTypes}`] : []),
  ].join('; ');

/** The policies the README offers partners, by the name a test page asks for. */
export const POLICIES = {
  'trusted-types': () => strict('', 'lit-html naloxone-finder'),
  'trusted-types-lit-only': () => strict('', 'lit-html'),
  'no-trusted-types': () => strict('', ''),
  'partner-tiles': (host) => strict(partnerTileOrigin(host), 'lit-html'),
  'openstreetmap-tiles': () => strict('https://tile.openstreetmap.org', 'lit-html'),
};

/**
 * Koa middleware for the test runner's dev server:
 * - `/test/csp/page.html?policy=<name>` gets that policy as a response header;
 * - the fixture tile may be fetched cross-origin, as real tile hosts allow;
 * - with NF_TEST_DIST set, `/dist/…` is served from that folder instead, so a private build
 *   can be tested without touching the shared dist/.
 */
export async function cspMiddleware(ctx, next) {
  const dist = process.env.NF_TEST_DIST;
  if (dist && ctx.path.startsWith('/dist/')) {
    const file = normalize(join(dist, ctx.path.slice('/dist/'.length)));
    if (!file.startsWith(normalize(dist))) return next();
    const found = await stat(file).catch(() => null);
    if (!found?.isFile()) return next();
    ctx.type = file.endsWith('.map') ? 'json' : 'js';
    ctx.body = createReadStream(file);
    return undefined;
  }
  await next();
  if (ctx.path === PAGE) {
    const policy = POLICIES[ctx.query.policy];
    if (!policy) ctx.throw(400, `Unknown CSP test policy "${ctx.query.policy}"; known: ${Object.keys(POLICIES).join(', ')}`);
    ctx.set('Content-Security-Policy', policy(ctx.host));
    // Always the header of this request: a cached copy might carry another policy.
    ctx.set('Cache-Control', 'no-store');
  } else if (ctx.path === TILE) {
    ctx.set('Access-Control-Allow-Origin', '*');
  }
  return undefined;
}
