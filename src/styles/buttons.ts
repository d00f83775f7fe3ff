import { unsafeCSS } from 'lit';

/**
 * The outlined accent button ("Show more", "Filters", "Clear filters"), to put inside a rule.
 * A list of declarations, not a stylesheet, so it is a plain string of ours (`unsafeCSS` takes
 * no outside input here): the build's CSS minifier reads each `css` template as a whole
 * stylesheet and stopped on this one with a warning.
 */
export const outlineButton = unsafeCSS(`
  min-height: 44px;
  padding: 0.5rem 1rem;
  border: 2px solid var(--_accent);
  border-radius: var(--_radius);
  background: var(--_bg);
  color: var(--_accent);
  font-weight: 700;
`);
