import { access, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { chromiumArgs, executablePath } from './test/helpers/chromium.js';
import { rangeRequests } from './test/helpers/pmtiles-fixture-range.js';
import { requestLogPlugin } from './test/helpers/request-log-plugin.js';
import { mediaPlugin } from './test/helpers/media-plugin.js';
import { gesturePlugin } from './test/helpers/gesture-plugin.js';
import { storyServerPlugins } from './test/a11y/story-server.js';
import { leafletTrustedTypes } from './rollup.config.js';
import { cspMiddleware } from './test/csp/server.js';
import { holdPlugin } from './test/helpers/hold-plugin.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Same job as the Rollup plugin `cssInline`: serve `x.css?inline` as a module exporting the text. */
const cssInline = {
  name: 'css-inline',
  async serve(context) {
    if (!context.path.endsWith('.css') || !context.URL.searchParams.has('inline')) return undefined;
    const file = context.path.startsWith('/__wds-outside-root__/')
      ? fileURLToPath(new URL(context.path.replace(/^\/__wds-outside-root__\/\d+\//, '../'), `file://${root}`))
      : `${root}${context.path.slice(1)}`;
    return { body: `export default ${JSON.stringify(await readFile(file, 'utf8'))};`, type: 'js' };
  },
};

/**
 * `new URL('./feed-worker.js', import.meta.url)` names the worker as the build names it; here
 * only the .ts file exists, so such a request gets it (esbuild then compiles it like any other).
 */
async function tsForMissingJs(ctx, next) {
  if (ctx.path.startsWith('/src/') && ctx.path.endsWith('.js')) {
    const file = `${root}${ctx.path.slice(1)}`;
    const exists = (path) =>
      access(path).then(
        () => true,
        () => false,
      );
    if (!(await exists(file)) && (await exists(file.replace(/\.js$/, '.ts')))) ctx.url = ctx.url.replace(/\.js(?=\?|$)/, '.ts');
  }
  return next();
}

/** The property tests' seed (test/helpers/property-seed.ts): FC_SEED, or '' for the fixed one. */
const propertySeed = {
  name: 'fc-seed',
  serve(context) {
    if (context.path === '/test/helpers/fc-seed.js') return { body: `export default ${JSON.stringify(process.env.FC_SEED ?? '')};`, type: 'js' };
    return undefined;
  },
};

/** Prints one machine-readable line that .ci/run adds up. */
const countReporter = {
  onTestRunFinished({ sessions }) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const walk = (suite) => {
      for (const t of suite.tests) {
        if (t.skipped) skipped++;
        else if (t.passed) passed++;
        else failed++;
      }
      suite.suites.forEach(walk);
    };
    for (const s of sessions) {
      if (s.testResults) walk(s.testResults);
      // A file that failed to load reports no tests: count it so it cannot pass silently.
      if (!s.passed && (!s.testResults || s.errors?.length)) failed += s.errors?.length || 1;
    }
    console.log(`browser tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  },
};

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  rootDir: '.',
  testFramework: { config: { timeout: 10000 } },
  // PMTiles archives are read with HTTP Range requests, which the dev server alone ignores.
  // cspMiddleware: real CSP headers for the strict-policy test pages (test/csp/).
  middleware: [rangeRequests, cspMiddleware, tsForMissingJs],
  plugins: [
    cssInline,
    propertySeed,
    requestLogPlugin(),
    mediaPlugin(),
    gesturePlugin(),
    holdPlugin(),
    // Storybook's static paths and its browser packages, for the stories the a11y suite renders.
    ...storyServerPlugins(),
    // papaparse and tz-lookup ship as UMD/CommonJS only; the build converts them the same way.
    fromRollup(rollupCommonjs)({
      include: ['**/node_modules/papaparse/**', '**/node_modules/@photostructure/tz-lookup/**'],
      ignore: ['stream'],
      strictRequires: false,
    }),
    // Leaflet without its evaluation-time HTML writes, as in the build.
    fromRollup(leafletTrustedTypes)(),
    esbuildPlugin({ ts: true, target: 'es2021', tsconfig: 'tsconfig.json' }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        args: ['--headless=new', ...chromiumArgs],
      },
    }),
  ],
  // One page at a time: headless Chromium pauses animation frames in a page that is not in
  // front, which stalls fixtures and Leaflet in whichever test page runs second.
  concurrency: 1,
  // The axe files check dozens of stories each; a slow CI machine must not cut them off.
  testsFinishTimeout: 300_000,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  reporters: [defaultReporter(), countReporter],
};
