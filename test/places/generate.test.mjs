// Node test: the committed gazetteer data is exactly what the generator makes from the installed packages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from '../../src/places/build/generate.mjs';

const committed = new URL('../../src/places/data/', import.meta.url);

test('regenerating the gazetteer gives the committed files, byte for byte', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nf-places-'));
  try {
    await generate(pathToFileURL(`${dir}/`));
    const made = (await readdir(dir)).sort();
    assert.deepEqual(made, (await readdir(committed)).sort());
    for (const file of made) {
      assert.ok((await readFile(join(dir, file))).equals(await readFile(new URL(file, committed))), `${file} differs: run node src/places/build/generate.mjs`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
