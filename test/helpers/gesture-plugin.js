/**
 * Test-runner command for what @web/test-runner-commands cannot send: a one-finger swipe and a
 * mouse wheel turn, through the DevTools protocol, as a phone or a mouse would.
 *   executeServerCommand('gesture', { kind: 'swipe', x, y, dy })  // touch, dy < 0 swipes up
 *   executeServerCommand('gesture', { kind: 'wheel', x, y, dy })  // dy > 0 scrolls down
 * x and y are viewport CSS pixels.
 */
export function gesturePlugin() {
  const sessions = new Map();
  return {
    name: 'gesture',
    async executeCommand({ command, payload, session }) {
      if (command !== 'gesture') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      const cdp = sessions.get(page);
      const { kind, x, y, dy } = payload;
      if (kind === 'touch-screen') {
        // A phone's screen from now on (pointer: coarse) until turned off again.
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: payload.on, maxTouchPoints: payload.on ? 5 : 1 });
        await cdp.send('Emulation.setEmulatedMedia', {
          media: '',
          features: payload.on
            ? [
                { name: 'pointer', value: 'coarse' },
                { name: 'hover', value: 'none' },
              ]
            : [],
        });
        return true;
      }
      if (kind === 'swipe') {
        // A touch gesture needs a touch screen: emulated for the swipe alone.
        await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
        try {
          const steps = 12;
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
          for (let i = 1; i <= steps; i++) {
            await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y + (dy * i) / steps }] });
          }
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
        } finally {
          await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
        }
      } else {
        await cdp.send('Input.dispatchMouseEvent', { type: 'mouseWheel', x, y, deltaX: 0, deltaY: dy });
      }
      return true;
    },
  };
}
