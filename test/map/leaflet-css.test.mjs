// Node test of the drop-in build's Leaflet CSS: `node --test test/map/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

test("leaves other stylesheets' selectors alone, and CSS whole without minify", async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'nf-css-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const other = join(dir, 'other.css');
  await writeFile(other, '.leaflet-popup { color: red; }\n.page { margin: 0; }\n');
  assert.equal(cssOf(await cssInline({ minify: true }).load(`${other}?inline`)), '.leaflet-popup{color:red}.page{margin:0}');
  assert.equal(cssOf(await cssInline().load(id)), await readFile(file, 'utf8'));
  assert.equal(await cssInline({ minify: true }).load(file), null, 'only ?inline imports');
});
