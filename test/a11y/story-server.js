import { readdir, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';

const stories = fileURLToPath(new URL('../../stories/', import.meta.url));
const fixtures = `${stories}fixtures/`;

/**
 * What the a11y suite needs to render the Storybook stories under the test runner:
 * - the stories' static path `/fixtures/` (Storybook's `staticDirs`, .storybook/main.ts) served from
 *   stories/fixtures/; `/demo/` is already served from the root, and a missing file stays a 404;
 * - `test/a11y/all-stories.js`: every stories/*.stories.ts module by file name, listed when served,
 *   so a new stories file is checked without editing the suite;
 * - what Storybook's Vite does for its browser code: `process.env.NODE_ENV` replaced, and the
 *   CommonJS packages under `storybook/test` (Testing Library's) converted.
 */
export function storyServerPlugins() {
  return [
    {
      name: 'all-stories',
      async serve(context) {
        if (context.path !== '/test/a11y/all-stories.js') return undefined;
        const files = (await readdir(stories)).filter((f) => f.endsWith('.stories.ts')).sort();
        const imports = files.map((f, i) => `import * as s${i} from '../../stories/${f}';`);
        const entries = files.map((f, i) => `${JSON.stringify(f)}: s${i}`);
        return { body: `${imports.join('\n')}\nexport default { ${entries.join(', ')} };\n`, type: 'js' };
      },
    },
    {
      name: 'story-static-dirs',
      async serve(context) {
        if (!context.path.startsWith('/fixtures/')) return undefined;
        const file = fixtures + decodeURIComponent(context.path.slice('/fixtures/'.length));
        if (!file.startsWith(fixtures) || !(await stat(file).catch(() => null))?.isFile()) return undefined;
        return { body: await readFile(file, 'utf8'), type: extname(file).slice(1) || 'txt' };
      },
    },
    {
      name: 'storybook-node-env',
      transform(context) {
        if (!/\/node_modules\/(storybook|react-is)\//.test(context.path) || typeof context.body !== 'string') return undefined;
        return { body: context.body.replaceAll('process.env.NODE_ENV', '"development"') };
      },
    },
    fromRollup(rollupCommonjs)({
      include: ['aria-query', 'lz-string', 'pretty-format', 'react-is', 'ansi-styles', 'ansi-regex', 'dequal'].map((p) => `**/node_modules/${p}/**`),
      strictRequires: false,
    }),
  ];
}
