import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';

/**
 * The test runner's share of the Content-Security-Policy tests (test/csp/csp.test.ts): it
 * sends each test page with a real CSP response header, and plays a partner's tile host.
 */

export const PAGE = '/test/csp/page.html';
/** A generated fictional feed over the 2 MiB worker threshold, so the page starts the feed worker. */
export const BIG_FEED = '/test/csp/big-feed.json';
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
  // A large feed's worker: allowed by script-src 'self' (worker-src falls back to it) when
  // Trusted Types allow the widget's policy name, which turns the worker's URL into a trusted one…
  'trusted-types-worker': () => strict('', 'lit-html naloxone-finder'),
  // …and blocked outright, so the widget must read the feed on the page.
  'workers-blocked': () => `${strict('', '')}; worker-src 'none'`,
};

let bigFeed;
/** 9,000 fictional services around (0, 0) with short descriptions: about 2.5 MB. */
function bigFeedBody() {
  bigFeed ??= JSON.stringify({
    version: 1,
    title: 'Large fictional feed for the CSP tests',
    services: Array.from({ length: 9000 }, (_, i) => ({
      id: `big-${i}`,
      name: `Example Service ${i} (fictional)`,
      lat: ((i % 300) - 150) / 1000,
      lng: (Math.floor(i / 300) - 15) / 1000,
      types: ['naloxone'],
      description: `Fictional record ${i}, made up for the Content-Security-Policy tests; not a real service.`,
      address: { street: `${i} Example Street`, city: 'Exampleton', country: 'US' },
    })),
  });
  return bigFeed;
}

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
  if (ctx.path === BIG_FEED) {
    ctx.type = 'json';
    ctx.body = bigFeedBody();
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
