// How this project starts Debian's Chromium, for the test runner and the benchmark alike.
// CHROME_PATH points at another Chromium or Chrome on other machines; nothing downloads one.
export const executablePath = process.env.CHROME_PATH || '/usr/lib/chromium/chromium';

/** Needed as root (no sandbox) and on a closed network (no background requests). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
