// Node test of the drop-in build's Leaflet CSS: `node --test test/map/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cssInline, UNUSED_LEAFLET_CSS } from '../../rollup.config.js';

const file = createRequire(import.meta.url).resolve('leaflet/dist/leaflet.css');
const id = `${file}?inline`;
const cssOf = (code) => JSON.parse(code.replace(/^export default /, '').replace(/;$/, ''));

test("leaves out Leaflet's popup, layers, scale and Internet Explorer rules, and keeps the rest", async () => {
  const full = await readFile(file, 'utf8');
  assert.match(full, /\.leaflet-popup-content-wrapper/);
  const css = cssOf(await cssInline({ minify: true }).load(id));
  assert.doesNotMatch(css, UNUSED_LEAFLET_CSS);
  assert.doesNotMatch(css, /popup|control-layers|control-scale|oldie|lvml/);
  // What the map uses is all there: panes, markers, tooltips, the bar its zoom buttons sit in, the credit, print.
  for (const kept of [
    '.leaflet-pane',
    '.leaflet-marker-icon',
    '.leaflet-tooltip-top:before',
    '.leaflet-control-zoom-in',
    '.leaflet-control-attribution',
    '.leaflet-zoom-anim',
    '@media print',
  ]) {
    assert.ok(css.includes(kept), kept);
  }
  // A rule that also names a left-out control keeps its other selectors.
  assert.match(full, /\.leaflet-touch \.leaflet-control-layers,\s*\.leaflet-touch \.leaflet-bar \{/);
  assert.match(css, /\.leaflet-touch \.leaflet-bar[,{][^}]*box-shadow:none/);
  assert.ok(css.length < full.length * 0.8, `${css.length} of ${full.length} characters`);
});

test('minifies no other stylesheet by those rules, and leaves CSS whole without minify', async () => {
  const plain = await cssInline().load(id);
  assert.equal(cssOf(plain), await readFile(file, 'utf8'));
  assert.equal(await cssInline({ minify: true }).load(file), null);
});
