import { html } from 'lit';
import { useEffect } from 'storybook/preview-api';
import type { Decorator, Preview } from '@storybook/web-components-vite';
import { registerLocale } from '../src/i18n/localize.js';
import { en } from '../src/i18n/strings.js';
import { PSEUDO_TAG, pseudo } from '../test/i18n/pseudo-locale.js';

/*
 * The pseudo-locale lives with the tests, not in src/: partners never need it, so it stays out
 * of the shipped bundle. Storybook registers it as a partner would register a language.
 */
registerLocale(PSEUDO_TAG, pseudo(en));

/** The toolbar's languages: what ships, and the pseudo-locale that shows text left untranslated. */
export type LocaleChoice = 'en' | 'es' | 'fr' | typeof PSEUDO_TAG;

/** The toolbar's own wrapper, which `relanguage` leaves alone. */
const WRAPPER = 'data-locale-toolbar';

/** Where a story set `lang` itself (a Canadian page, the overdose card's country), as it wrote it. */
const STORY_LANG = 'data-story-lang';

/**
 * The story's own `lang` in the chosen language, keeping the country it was there for: the
 * Canadian page in Spanish is `es-CA`, so its units and emergency number stay Canadian. English
 * gives the story back its own; the pseudo-locale has no country.
 */
function relanguage(root: HTMLElement, locale: LocaleChoice) {
  for (const element of root.querySelectorAll<HTMLElement>(`[lang]:not([${STORY_LANG}]), [${STORY_LANG}]`)) {
    if (element.hasAttribute(WRAPPER)) continue;
    const own = element.getAttribute(STORY_LANG) ?? element.getAttribute('lang')!;
    element.setAttribute(STORY_LANG, own);
    const region = new Intl.Locale(own).region;
    element.setAttribute('lang', locale === 'en' ? own : locale === PSEUDO_TAG || !region ? locale : `${locale}-${region}`);
  }
}

/**
 * Puts the story inside an element carrying the chosen `lang`, so every element of every story
 * picks its language the way it does on a partner's page (from an ancestor's `lang`); Spanish
 * and French load as they do there. A `lang` the story sets itself is switched too.
 */
const withLocale: Decorator = (story, { globals, canvasElement }) => {
  const locale = (globals['locale'] ?? 'en') as LocaleChoice;
  // After every render: a story's arguments may have written its own `lang` again.
  useEffect(() => relanguage(canvasElement, locale));
  return html`<div lang=${locale} data-locale-toolbar>${story()}</div>`;
};

/** The "Locale" toolbar, for .storybook/preview.ts and for the tests' composed stories. */
export const localeAnnotations = {
  globalTypes: {
    locale: {
      description: 'Language of the components (the lang attribute around the story)',
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English', right: 'en' },
          { value: 'es', title: 'Español', right: 'es' },
          { value: 'fr', title: 'Français', right: 'fr' },
          { value: PSEUDO_TAG, title: 'Pseudo-locale ([!! Ťéšť !!])', right: PSEUDO_TAG },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'en' },
  decorators: [withLocale],
} satisfies Preview;
