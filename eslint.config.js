// `npm run lint`: TypeScript, Lit templates, custom-element rules and template accessibility.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'storybook-static/', 'node_modules/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  lit.configs['flat/recommended'],
  wc.configs['flat/recommended'],
  litA11y.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Node scripts: configs, the demo server and converter, the CLI tests, the benchmark runner.
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // The benchmark's in-page script runs in the browser.
    files: ['test/bench/bench.js', 'test/bench/scale.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    // ... and the worker of its bare receiving page.
    files: ['test/bench/receive-worker.js'],
    languageOptions: { globals: globals.worker },
  },
  {
    // Chai assertions read as expressions: `expect(el).to.exist`.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
