import { composeStories, type setProjectAnnotations } from 'storybook/preview-api';
import allStories from './all-stories.js';

type Composed = { storyName: string; run: (context: { canvasElement: HTMLElement }) => Promise<void> };

/**
 * One test per story of every stories/*.stories.ts file, composed as Storybook renders it (meta
 * and story args, loaders, decorators, render, play) with `annotations`, in a fresh canvas; then
 * `check` looks at what it drew. Call inside a `describe`.
 */
export function forEveryStory(annotations: ReturnType<typeof setProjectAnnotations>, check: (canvas: HTMLElement, name: string) => Promise<void>) {
  let canvas: HTMLElement;
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
      const name = `${file} › ${story.storyName ?? exportName}`;
      it(name, async function () {
        this.timeout(30000);
        await story.run({ canvasElement: canvas });
        await check(canvas, name);
      });
    }
  }
}
