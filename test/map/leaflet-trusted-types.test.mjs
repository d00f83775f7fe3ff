// Node test of the build's Leaflet transform: `node --test test/map/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { leafletTrustedTypes } from '../../rollup.config.js';

const id = createRequire(import.meta.url).resolve('leaflet/dist/leaflet-src.esm.js');
const leaflet = await readFile(id, 'utf8');
const { transform } = leafletTrustedTypes();

test("removes both of Leaflet's evaluation-time HTML checks and keeps every line where it was", () => {
  assert.match(leaflet, /innerHTML = '<svg\/>'/);
  const { code, map } = transform(leaflet, id);
  assert.doesNotMatch(code, /<svg\/>|<v:shape/);
  assert.match(code, /var inlineSvg = svg\$1;/);
  assert.match(code, /var vml = false;/);
  assert.equal(code.split('\n').length, leaflet.split('\n').length);
  assert.equal(map, null);
  // Only those writes: the others are in controls this widget does not use.
  assert.equal(code.split('.innerHTML =').length, leaflet.split('.innerHTML =').length - 2);
});

test('fails the build when Leaflet no longer has the expected code', () => {
  const changed = leaflet.replace("div.innerHTML = '<svg/>';", "div.innerHTML = '<svg></svg>';");
  assert.throws(() => transform(changed, id), /leaflet-trusted-types: expected exactly one copy of Leaflet's check "var inlineSvg/);
  assert.throws(() => transform(leaflet.replace('var vml = !svg$1', 'var vml = !svg'), `${id}?v=1`), /check "var vml/);
});

test('leaves every other file alone', () => {
  assert.equal(transform(leaflet, '/x/leaflet/dist/leaflet-src.js'), null);
  assert.equal(transform('export {}', '/x/src/index.ts'), null);
});
