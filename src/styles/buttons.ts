import { css } from 'lit';

/** The outlined accent button ("Show more", "Filters", "Clear filters"), to put inside a rule. */
export const outlineButton = css`
  min-height: 44px;
  padding: 0.5rem 1rem;
  border: 2px solid var(--_accent);
  border-radius: var(--_radius);
  background: var(--_bg);
  color: var(--_accent);
  font-weight: 700;
`;
