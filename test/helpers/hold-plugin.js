/**
 * Test-runner command that holds back or fails the requests of one page whose URL matches a
 * pattern, through the DevTools protocol (its cache off meanwhile, so nothing comes from it), as
 * a slow or broken network would:
 *   executeServerCommand('hold', { pattern: '*\/src/i18n/locales/*', delayMs: 900 })
 *   executeServerCommand('hold', { pattern: '*\/src/i18n/locales/*', fail: true })
 *   executeServerCommand('hold', { off: true })
 * Only that page is affected, and only until `off` (or its end).
 */
export function holdPlugin() {
  const sessions = new Map();
  return {
    name: 'hold',
    async executeCommand({ command, payload, session }) {
      if (command !== 'hold') return undefined;
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        sessions.set(page, cdp);
      }
      cdp.removeAllListeners('Fetch.requestPaused');
      if (payload.off) {
        await cdp.send('Fetch.disable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
        return true;
      }
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      cdp.on('Fetch.requestPaused', ({ requestId }) => {
        const answer = () =>
          (payload.fail ? cdp.send('Fetch.failRequest', { requestId, errorReason: 'Failed' }) : cdp.send('Fetch.continueRequest', { requestId })).catch(
            () => undefined,
          );
        setTimeout(answer, payload.delayMs ?? 0);
      });
      await cdp.send('Fetch.enable', { patterns: [{ urlPattern: payload.pattern, requestStage: 'Request' }] });
      return true;
    },
  };
}
