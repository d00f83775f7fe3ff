import { nothing } from 'lit';
import { SERVICE_TYPES } from '../src/feed/service-types.js';
import type { ServiceType } from '../src/types.js';

/*
 * Feed URLs for the stories, served by Storybook's `staticDirs` (see .storybook/main.ts).
 * Relative to iframe.html, so a Storybook published under a sub-path finds them too.
 */

/** Fictional services in a fictional "Example Town", placed near 0°, 0° on purpose. */
export const EXAMPLE_FEED = 'fixtures/example-services.json';

/** Fictional services placed near Pittsburgh, PA (around ZIP 15213), with opening hours. */
export const PITTSBURGH_FEED = 'fixtures/example-pittsburgh.json';

/** A valid feed with no services. */
export const EMPTY_FEED = 'fixtures/empty.json';

/** Nothing is served here: the request gets a 404. */
export const MISSING_FEED = 'fixtures/does-not-exist.json';

/** Real 2018 Vancouver Take Home Naloxone pharmacy list, for demonstration only (see demo/). */
export const VANCOUVER_FEED = 'demo/vancouver-pharmacies.json';

/** The origin used with the fictional feed. */
export const EXAMPLE_ORIGIN = { latitude: 0, longitude: 0, label: 'the centre of Example Town (fictional)' } as const;

/** A checkbox control for the comma-separated `types` attribute. */
export const typesArgType = {
  control: 'check',
  options: [...SERVICE_TYPES],
  // The list's `types` css part has the same name; keep this row with the attributes.
  table: { category: 'attributes' },
  description: 'Service types to show (the `types` attribute, comma-separated). None checked shows all.',
} as const;

/** The `types` attribute value for the checked types; no attribute when none is checked. */
export function typesAttribute(types: readonly ServiceType[] | undefined) {
  return types?.length ? types.join(',') : nothing;
}
