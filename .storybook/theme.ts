import { html } from 'lit';
import { useEffect } from 'storybook/preview-api';
import type { Decorator, Preview } from '@storybook/web-components-vite';

/** The toolbar's colour modes. The a11y suite (test/a11y/) renders every story in each. */
export type ThemeChoice = 'light' | 'dark' | 'forced-colors';

/** The canvas behind the story, so a dark widget is seen on a dark page as partners would place it. */
const CANVAS: Record<'light' | 'dark', { background: string; color: string }> = {
  light: { background: '#ffffff', color: '#1a1a1a' },
  dark: { background: '#121212', color: '#ededed' },
};

/** Our elements at the top of the story: `naloxone-finder` and every `nf-*`. */
const ourElements = (root: Element) => [...root.querySelectorAll('*')].filter((e) => e.localName === 'naloxone-finder' || e.localName.startsWith('nf-'));

/**
 * Light and Dark set the `theme` attribute on the story's elements and colour the canvas.
 * Forced colours cannot be turned on from page script (it is the operating system's or
 * DevTools' choice), so that item leaves the elements on `theme="auto"`'s default and says how.
 */
const withTheme: Decorator = (story, { globals, canvasElement }) => {
  const theme = (globals['theme'] ?? 'light') as ThemeChoice;
  useEffect(() => {
    const body = canvasElement.ownerDocument.body;
    for (const element of ourElements(canvasElement)) {
      if (theme === 'forced-colors') element.removeAttribute('theme');
      else element.setAttribute('theme', theme);
    }
    if (theme === 'forced-colors') return undefined;
    body.style.setProperty('background-color', CANVAS[theme].background);
    body.style.setProperty('color', CANVAS[theme].color);
    body.style.setProperty('color-scheme', theme);
    return () => ['background-color', 'color', 'color-scheme'].forEach((p) => body.style.removeProperty(p));
  }, [theme, canvasElement]);
  if (theme !== 'forced-colors') return story();
  return html`
    <p role="note" class="forced-colors-note">
      Forced colours (as Windows High Contrast sets them) cannot be switched on from a page. To see them in Chrome or Edge: open DevTools, then ⋮ → More tools →
      Rendering → “Emulate CSS media feature forced-colors” → <code>forced-colors: active</code>.
    </p>
    ${story()}
  `;
};

/** The "Theme" toolbar, for .storybook/preview.ts and for the a11y suite's composed stories. */
export const themeAnnotations = {
  globalTypes: {
    theme: {
      description: 'Colour mode of the components',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'light', title: 'Light', icon: 'sun' },
          { value: 'dark', title: 'Dark', icon: 'moon' },
          { value: 'forced-colors', title: 'Forced colours', icon: 'eye' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light' },
  decorators: [withTheme],
} satisfies Preview;
