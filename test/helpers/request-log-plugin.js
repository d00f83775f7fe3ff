/**
 * Test-runner commands that log every request the test page makes, as the browser sends it
 * (puppeteer's view of the network, so image tiles and failed requests count too):
 * `executeServerCommand('request-log-start')`, then `executeServerCommand('request-log-stop')`
 * returns `[{ url, method, type, referer }]`.
 */
export function requestLogPlugin() {
  /** @type {Map<string, { page: import('puppeteer-core').Page, listener: Function, log: object[] }>} */
  const logs = new Map();
  return {
    name: 'request-log',
    async executeCommand({ command, session }) {
      if (command !== 'request-log-start' && command !== 'request-log-stop') return undefined;
      const page = session.browser.getPage(session.id);
      if (command === 'request-log-start') {
        logs.get(session.id)?.page.off('request', logs.get(session.id).listener);
        const log = [];
        const listener = (request) => {
          const headers = request.headers();
          log.push({ url: request.url(), method: request.method(), type: request.resourceType(), referer: headers.referer ?? headers.Referer ?? null });
        };
        page.on('request', listener);
        logs.set(session.id, { page, listener, log });
        return true;
      }
      const entry = logs.get(session.id);
      if (!entry) return [];
      entry.page.off('request', entry.listener);
      logs.delete(session.id);
      return entry.log;
    },
  };
}
