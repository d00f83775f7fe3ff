// Fails the build when the drop-in file grows past its budget (gzip -9, as partners' servers send it).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 60 * 1024;
const file = new URL('../dist/naloxone-finder.js', import.meta.url);
const size = gzipSync(readFileSync(file), { level: 9 }).length;
const line = `dist/naloxone-finder.js: ${size} bytes gzip (budget ${BUDGET}, ${(BUDGET - size).toString()} to spare)`;
if (size > BUDGET) {
  console.error(`Size budget exceeded. ${line}`);
  process.exit(1);
}
console.log(line);
