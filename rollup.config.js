import { readFile } from 'node:fs/promises';
import { rollup } from 'rollup';
import resolve from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import { minify as minifyCss, syntax as cssSyntax } from 'csso';

const INLINE = '?inline';

/**
 * Leaflet's CSS for what `<nf-map>` never draws: popups, the layers and scale controls, and
 * Internet Explorer's fallbacks (`leaflet-oldie`, VML). Selectors naming them are left out of
 * the drop-in build (about 5 kB of CSS text, 0.9 kB gzipped); a rule is kept for the selectors
 * it has left. Leaflet makes an empty popup pane for every map, which loses its z-index.
 * test/map/leaflet-css.test.mjs checks the CSS, and nf-map.test.ts that the map draws nothing
 * else with these classes.
 */
export const UNUSED_LEAFLET_CSS = /\.leaflet-(popup|control-layers|control-scale|oldie|vml)\b|\.lvml\b/;

/** `css` without the selectors that match `unused`; a rule left with none is dropped. */
function withoutSelectors(css, unused) {
  const ast = cssSyntax.parse(css);
  cssSyntax.walk(ast, {
    visit: 'Rule',
    enter(rule, item, list) {
      if (rule.prelude.type !== 'SelectorList') return;
      rule.prelude.children.forEach((selector, at, selectors) => {
        if (unused.test(cssSyntax.generate(selector))) selectors.remove(at);
      });
      if (rule.prelude.children.isEmpty && list) list.remove(item);
    },
  });
  return cssSyntax.generate(ast);
}

/**
 * `import css from 'x.css?inline'` gives the CSS text, as Vite does, so Leaflet's stylesheet
 * can be adopted inside each shadow root instead of being expected on the host page.
 * The test runner's config has the same hook for its dev server. With `minify`, it is also
 * minified, and Leaflet's rules for what the map never uses are left out.
 */
export function cssInline({ minify = false } = {}) {
  return {
    name: 'css-inline',
    async resolveId(source, importer) {
      if (!source.endsWith(`.css${INLINE}`)) return null;
      const resolved = await this.resolve(source.slice(0, -INLINE.length), importer, { skipSelf: true });
      return resolved && `${resolved.id}${INLINE}`;
    },
    async load(id) {
      if (!id.endsWith(`.css${INLINE}`)) return null;
      const css = await readFile(id.slice(0, -INLINE.length), 'utf8');
      if (!minify) return `export default ${JSON.stringify(css)};`;
      const kept = /[\\/]leaflet[\\/]dist[\\/]leaflet\.css$/.test(id.slice(0, -INLINE.length)) ? withoutSelectors(css, UNUSED_LEAFLET_CSS) : css;
      return `export default ${JSON.stringify(minifyCss(kept).css)};`;
    },
  };
}

// Leaflet's only HTML writes when its module evaluates: feature checks for inline SVG and for
// IE's VML. Under `require-trusted-types-for 'script'` the first one throws, so the map never
// loads. Every browser with SVG (Leaflet's own `svg` check) parses `<svg/>` as SVG, and none of
// them has VML, so both become constants. Same line count, so source maps stay right.
const LEAFLET_HTML_CHECKS = [
  [
    `var inlineSvg = !!svg$1 && (function () {
	var div = document.createElement('div');
	div.innerHTML = '<svg/>';
	return (div.firstChild && div.firstChild.namespaceURI) === 'http://www.w3.org/2000/svg';
})();`,
    'var inlineSvg = svg$1;',
  ],
  [
    `var vml = !svg$1 && (function () {
	try {
		var div = document.createElement('div');
		div.innerHTML = '<v:shape adj="1"/>';

		var shape = div.firstChild;
		shape.style.behavior = 'url(#default#VML)';

		return shape && (typeof shape.adj === 'object');

	} catch (e) {
		return false;
	}
}());`,
    'var vml = false;',
  ],
];

/**
 * Removes the HTML writes Leaflet makes when its ES module evaluates (see above), so the map
 * works under Trusted Types without a policy. Used by this build, the test runner and
 * Storybook. Throws when Leaflet's code no longer matches, so an upgrade cannot silently
 * bring the writes back.
 */
export function leafletTrustedTypes() {
  return {
    name: 'leaflet-trusted-types',
    transform(code, id) {
      if (!/[\\/]leaflet[\\/]dist[\\/]leaflet-src\.esm\.js$/.test(id.split('?')[0])) return null;
      // The package ships with Windows line endings.
      const eol = code.includes('\r\n') ? '\r\n' : '\n';
      let out = code;
      for (const [check, replace] of LEAFLET_HTML_CHECKS) {
        const find = check.replaceAll('\n', eol);
        const at = out.indexOf(find);
        if (at < 0 || out.indexOf(find, at + 1) >= 0) {
          throw new Error(
            `leaflet-trusted-types: expected exactly one copy of Leaflet's check "${check.split('\n')[0]}" in ${id}; Leaflet changed, so review the patch in rollup.config.js`,
          );
        }
        const padding = eol.repeat(check.split('\n').length - 1);
        out = out.slice(0, at) + replace + padding + out.slice(at + find.length);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * A module worker (src/feed/feed-worker.ts, src/components/nf-map/cluster-worker.ts) as a build of
 * its own beside the entry, in chunks/: built into one bundle with the entry, Rollup would share
 * modules between them and the worker would import the entry, which defines elements and needs a
 * document. A worker's own lazy imports (the feed worker's CSV, HSDS and JSON-scan readers) stay
 * chunks of their own. `new URL('./<name>.js', import.meta.url)` in the source (which the test
 * runner and bundlers read as it is) is pointed at the emitted file, from whichever chunk holds it.
 */
export function moduleWorker({ name, input, plugins }) {
  const url = `new URL('./${name}.js', import.meta.url)`;
  return {
    name: `module-worker-${name}`,
    async transform(code, id) {
      if (!code.includes(url)) return null;
      const bundle = await rollup({ input, plugins: plugins(), onwarn: (warning, warn) => warn(warning) });
      const { output } = await bundle.generate({ format: 'es', entryFileNames: `${name}-[hash].js`, chunkFileNames: `${name}.[name]-[hash].js` });
      await bundle.close();
      let entry;
      for (const item of output) {
        if (item.type !== 'chunk') continue;
        const ref = this.emitFile({ type: 'asset', fileName: `chunks/${item.fileName}`, source: item.code });
        if (item.isEntry) entry = ref;
      }
      // Here every way of starting the worker loads the built file, so the Trusted Types policy can go first (util/module-worker.ts).
      const POLICY_FIRST = 'const POLICY_FIRST = false;';
      if (!code.includes(POLICY_FIRST)) throw new Error(`${name}: "${POLICY_FIRST}" is no longer in ${id}; review moduleWorker in rollup.config.js`);
      // A function, not a string: a reference id may hold "$", which a replacement string reads as a pattern ("$$", "$&").
      const out = code.replaceAll(url, () => `new URL(import.meta.ROLLUP_FILE_URL_${entry})`).replace(POLICY_FIRST, 'const POLICY_FIRST = true;');
      return { code: out, map: null };
    },
  };
}

/** Modules written in JavaScript with a declaration beside them: TypeScript emits none for them. */
const HAND_DECLARED = ['places/normalize.d.ts', 'places/codec.d.ts'];

/**
 * The npm build's types, as a partner's strict TypeScript build reads them: the .d.ts files name
 * Leaflet's types as 'leaflet' (@types/leaflet, a dependency), not by the ES module path our
 * code imports, which only this repository's own declaration (src/types/modules.d.ts) names;
 * and the hand-written declarations go beside their modules.
 */
const npmTypes = () => ({
  name: 'npm-types',
  async generateBundle(_, bundle) {
    for (const file of Object.values(bundle)) {
      if (file.type === 'asset' && file.fileName.endsWith('.d.ts') && typeof file.source === 'string') {
        file.source = file.source.replaceAll("'leaflet/dist/leaflet-src.esm.js'", "'leaflet'");
      }
    }
    for (const fileName of HAND_DECLARED)
      this.emitFile({ type: 'asset', fileName, source: await readFile(new URL(`./src/${fileName}`, import.meta.url), 'utf8') });
  },
});

const ts = (options = {}) =>
  typescript({ tsconfig: './tsconfig.json', compilerOptions: { rootDir: 'src', outDir: 'dist', sourceMap: true, declaration: false, ...options } });

const workerPlugins = () => [
  resolve({ browser: true }),
  commonjs({ include: /node_modules\/(papaparse|@photostructure\/tz-lookup)\// }),
  ts({ outDir: 'dist/chunks', sourceMap: false }),
  terser({ module: true, compress: { passes: 2 }, format: { comments: /@preserve|@license/ } }),
];

export default [
  // The drop-in file partners load with one script tag, minified. What only some visitors need
  // is split into chunks beside it, loaded from the script's own URL when needed: the map
  // (Leaflet), the CSV and the HSDS readers. Deploy naloxone-finder.js with its chunks/ folder.
  {
    input: 'src/index.ts',
    // Chunks import shared code straight from naloxone-finder.js instead of a re-export facade.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist',
      entryFileNames: 'naloxone-finder.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      format: 'es',
      sourcemap: true,
      // The clusterer (map chunk) and the spatial index both build on kdbush: one chunk, named for it.
      manualChunks: (id) => (/[\\/]node_modules[\\/]kdbush[\\/]/.test(id) ? 'kdbush' : undefined),
    },
    plugins: [
      moduleWorker({ name: 'feed-worker', input: 'src/feed/feed-worker.ts', plugins: workerPlugins }),
      moduleWorker({ name: 'cluster-worker', input: 'src/components/nf-map/cluster-worker.ts', plugins: workerPlugins }),
      cssInline({ minify: true }),
      leafletTrustedTypes(),
      resolve({ browser: true }),
      // papaparse and @photostructure/tz-lookup ship as UMD/CommonJS only.
      commonjs({ include: /node_modules\/(papaparse|@photostructure\/tz-lookup)\// }),
      ts(),
      minifyHTML(),
      terser({ module: true, compress: { passes: 2 }, format: { comments: /@preserve|@license/ } }),
    ],
  },
  // The readable npm build: one file per module, dependencies left to the partner's bundler.
  {
    // The workers are entries of their own here, beside the modules that start them, so a partner's
    // bundler finds `new URL('./feed-worker.js', import.meta.url)` (and cluster-worker.js) and bundles them as workers.
    input: ['src/index.ts', 'src/feed/feed-worker.ts', 'src/components/nf-map/cluster-worker.ts'],
    external: (id) => /^(lit|@lit\/|leaflet\/dist\/leaflet-src|@turf\/|tslib|papaparse|pmtiles|@photostructure\/tz-lookup)/.test(id),
    output: {
      dir: 'dist/npm',
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: 'src',
    },
    plugins: [
      cssInline(),
      resolve({ browser: true }),
      commonjs({ include: /node_modules\/papaparse\// }),
      ts({ outDir: 'dist/npm', declaration: true, declarationDir: 'dist/npm' }),
      npmTypes(),
    ],
  },
  // The command-line tool (`npx naloxone-finder validate|convert`): Node, one readable file.
  // papaparse stays external: it is a dependency, so it is installed with the package.
  {
    input: 'src/cli/naloxone-finder.ts',
    external: (id) => id === 'papaparse' || id.startsWith('node:'),
    output: {
      file: 'dist/cli.js',
      format: 'es',
      banner: '#!/usr/bin/env node',
      inlineDynamicImports: true,
    },
    plugins: [resolve({ exportConditions: ['node'], preferBuiltins: true }), ts({ sourceMap: false })],
  },
];
