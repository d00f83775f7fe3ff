import { expect } from '@open-wc/testing';
import { composeStories, setProjectAnnotations } from 'storybook/preview-api';
import * as webComponents from '@storybook/web-components/entry-preview';
import allStories from './all-stories.js';
import { themeAnnotations } from '../../.storybook/theme.js';
import { emulateMode, expectNoViolations } from './axe.js';
import type { Mode } from './exceptions.js';
import { settle } from './settle.js';

type Composed = { storyName: string; run: (context: { canvasElement: HTMLElement }) => Promise<void> };

/*
 * Every story of every stories/*.stories.ts file, composed as Storybook renders it (meta and story
 * args, loaders, decorators, render, play), in each colour mode through the toolbar's own "Theme"
 * decorator (.storybook/theme.ts): Light and Dark set `theme` on the elements; Forced colours
 * is emulated in the browser as a visitor's system would turn it on.
 */
/** One mode per test file (stories-<mode>.test.ts), so each file stays within the runner's time limit. */
export function checkEveryStory(mode: Mode) {
  describe(`every story, ${mode}`, () => {
    const annotations = setProjectAnnotations([webComponents, themeAnnotations, { initialGlobals: { theme: mode } }]);
    let canvas: HTMLElement;

    before(() => emulateMode(mode === 'forced-colors' ? mode : undefined));
    after(() => emulateMode(undefined));
    beforeEach(() => {
      canvas = document.createElement('div');
      document.body.append(canvas);
    });
    afterEach(async () => {
      canvas.remove();
      await caches.delete('naloxone-finder-v1');
      localStorage.clear();
    });

    for (const [file, module] of Object.entries(allStories)) {
      const stories = composeStories(module as Parameters<typeof composeStories>[0], annotations) as unknown as Record<string, Composed>;
      for (const [exportName, story] of Object.entries(stories)) {
        const where = `${file} › ${story.storyName ?? exportName}, ${mode}`;
        it(`${file} › ${story.storyName ?? exportName}`, async function () {
          this.timeout(30000);
          await story.run({ canvasElement: canvas });
          await settle(canvas, where);
          if (mode !== 'forced-colors') {
            const top = [...canvas.querySelectorAll('*')].filter((e) => e.localName === 'naloxone-finder' || e.localName.startsWith('nf-'));
            expect(
              top.map((e) => e.getAttribute('theme')),
              'the toolbar theme reached the elements',
            ).to.deep.equal(top.map(() => mode));
          }
          await expectNoViolations(canvas, mode, where);
        });
      }
    }
  });
}
