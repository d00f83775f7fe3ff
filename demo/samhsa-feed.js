#!/usr/bin/env node
// `npm run demo-data:samhsa` (run by `npm start` after the build): converts the 14k-row SAMHSA
// treatment-facility CSV from ../shared/data into demo/samhsa.json with the package's own CLI, so
// the demo's second finder reads exactly what a partner's converted feed would give. Without the
// shared data folder the demo still starts; the page says the data is missing.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INPUT = resolve(ROOT, '../shared/data/samhsa-treatment-facilities-14k.csv');
const OUTPUT = join(ROOT, 'demo', 'samhsa.json');
const CLI = join(ROOT, 'dist', 'cli.js');

const ARGS = [
  CLI,
  'convert',
  INPUT,
  '--title',
  "Substance use treatment facilities from SAMHSA's national directory, geocoded by the Opioid Environment Policy Scan: demonstration data, not a current directory",
  // A national list has no country column; naming it restores ZIP codes that lost a leading zero.
  // name2 is the directory's second name line (a "DBA" or program name), the only way to tell
  // apart the many sites of one provider, so it becomes the description rather than being dropped.
  '--field-map',
  JSON.stringify({ description: 'name2', defaults: { country: 'US' } }),
  // Every row is a treatment facility and the CSV says nothing more about what each offers.
  '--default-types',
  'treatment',
];

const shown = (path) => relative(process.cwd(), path) || '.';

if (!existsSync(INPUT)) {
  console.log(
    `demo: ${shown(INPUT)} not found, so the SAMHSA example on the demo page will say its data is missing. ` +
      'Put the shared data folder beside this clone (../shared/data) and run `npm start` again to see it.',
  );
} else {
  // Written beside the target and renamed, so a failed conversion never leaves half a feed.
  const partial = `${OUTPUT}.partial`;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ARGS, {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    await writeFile(partial, stdout);
    await rename(partial, OUTPUT);
    process.stderr.write(stderr);
    console.log(`demo: wrote ${shown(OUTPUT)} from ${shown(INPUT)}.`);
  } catch (error) {
    await rm(partial, { force: true });
    console.error(`demo: could not convert ${shown(INPUT)} with ${shown(CLI)}:`);
    console.error(error.stderr || error.message);
    process.exitCode = 1;
  }
}
