import { expect } from '@open-wc/testing';
import { setProjectAnnotations } from 'storybook/preview-api';
import * as webComponents from '@storybook/web-components/entry-preview';
import { forEveryStory } from './every-story.js';
import { themeAnnotations } from '../../.storybook/theme.js';
import { emulateMode, expectNoViolations } from './axe.js';
import type { Mode } from './exceptions.js';
import { settle } from './settle.js';

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
    before(() => emulateMode(mode === 'forced-colors' ? mode : undefined));
    after(() => emulateMode(undefined));
    forEveryStory(annotations, async (canvas, name) => {
      const where = `${name}, ${mode}`;
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
  });
}
