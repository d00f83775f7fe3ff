/**
 * Test-runner command that emulates the colour modes the a11y suite checks:
 * `executeServerCommand('emulate-colour-mode', { colorScheme: 'dark', forcedColors: 'active' })`.
 * @web/test-runner-commands' emulateMedia and puppeteer's emulateMediaFeatures both refuse
 * forced-colors with Chrome, so this speaks the DevTools protocol itself; one call sets both
 * features, as each call replaces every emulated one. With no payload, emulation ends.
 */
export function mediaPlugin() {
  /** One DevTools session per test page: emulation lasts as long as the session that set it. */
  const sessions = new Map();
  return {
    name: 'colour-mode',
    async executeCommand({ command, payload, session }) {
      if (command !== 'emulate-colour-mode') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      const { colorScheme = 'light', forcedColors = 'none' } = payload ?? {};
      const features = payload
        ? [
            { name: 'prefers-color-scheme', value: colorScheme },
            { name: 'forced-colors', value: forcedColors },
          ]
        : [];
      await sessions.get(page).send('Emulation.setEmulatedMedia', { media: '', features });
      return true;
    },
  };
}
