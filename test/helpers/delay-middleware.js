/**
 * Holds back the locale chunks (`src/i18n/locales/*`) while the page has the cookie
 * `nf-test-delay-locales=<ms>`, as a slow network would, and answers them 404 while it has
 * `nf-test-fail-locales=1`: only the test that sets a cookie is affected.
 */
export async function delayLocales(ctx, next) {
  if (!ctx.path.startsWith('/src/i18n/locales/')) return next();
  const cookie = ctx.get('cookie') ?? '';
  if (/(?:^|;\s*)nf-test-fail-locales=1/.test(cookie)) {
    ctx.status = 404;
    return undefined;
  }
  const ms = Number(/(?:^|;\s*)nf-test-delay-locales=(\d+)/.exec(cookie)?.[1] ?? 0);
  if (ms > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5000)));
  return next();
}
