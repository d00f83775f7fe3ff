import { css } from 'lit';
import { outlineButton } from '../../styles/buttons.js';

export const listStyles = css`
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.5rem;
  }
  li {
    position: relative;
    display: block;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.75rem;
    scroll-margin: 0.5rem;
  }
  /* Selected: a thick bar at the start, a shape and not only a colour; the padding keeps the text in place. */
  li[aria-current='true'] {
    background: var(--_selected);
    border-color: var(--_accent);
    border-inline-start-width: 6px;
    padding-inline-start: calc(0.75rem - 5px);
  }
  /* A heading takes the focus after "Show more" and the arrow keys: it shows the host's focus ring then (:focus-visible). */
  h3,
  .heading {
    margin: 0;
    font-size: 1.05em;
    font-weight: 700;
    line-height: 1.3;
    overflow-wrap: anywhere;
    /* Scrolled to the top of the window ("Show in the list"), its focus ring stays in view. */
    scroll-margin-block-start: 0.75rem;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    align-items: baseline;
    margin: 0.25rem 0;
  }
  .distance {
    font-weight: 700;
    /* "1.2 km" in a right-to-left sentence: its direction from its own first letter, not "km 1.2". */
    unicode-bidi: plaintext;
  }
  .types {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    list-style: none;
    margin: 0.25rem 0;
    padding: 0;
  }
  .types li {
    border: none;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    background: color-mix(in srgb, var(--_accent) 12%, transparent);
    font-size: 0.85em;
  }
  .features {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 0.75rem;
    list-style: none;
    margin: 0.25rem 0;
    padding: 0;
    font-weight: 600;
  }
  .features li {
    border: none;
    padding: 0;
    min-width: 0;
    overflow-wrap: break-word;
  }
  .closed {
    display: inline-block;
    margin: 0.25rem 0;
    padding: 0.1rem 0.5rem;
    border-radius: var(--_radius);
    background: var(--_warning-bg);
    color: var(--_warning);
    font-weight: 700;
  }
  .verified {
    margin: 0.5rem 0 0;
    font-size: 0.85em;
    color: var(--_muted);
  }
  .section {
    margin: 1.25rem 0 0.25rem;
  }
  address,
  .description {
    font-style: normal;
    margin: 0.25rem 0;
    color: var(--_muted);
    overflow-wrap: anywhere;
  }
  address {
    white-space: pre-line;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    margin-block-start: 0.5rem;
  }
  .actions a {
    min-height: 44px;
    display: inline-flex;
    align-items: center;
  }
  .show-on-map {
    min-width: 44px;
    ${outlineButton}
  }
  /* Feed text such as a phone "number" can be one long word: wrap it, never clip it. */
  .actions > * {
    min-width: 0;
    max-width: 100%;
    overflow-wrap: break-word;
  }
  .summary,
  .note {
    margin: 0 0 0.5rem;
    color: var(--_muted);
  }
  .more {
    margin-block-start: 0.75rem;
    ${outlineButton}
  }
  .details-toggle {
    margin-block-start: 0.25rem;
    min-height: 44px;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_accent);
  }
  .details-toggle[aria-expanded='true'] {
    font-weight: 700;
  }
  .details {
    container-type: inline-size;
    margin-block-start: 0.25rem;
    padding-inline-start: 0.75rem;
    border-inline-start: 3px solid var(--_border);
  }
  .stale-note {
    margin: 0.25rem 0;
    font-weight: 700;
  }
  .hours-status {
    margin: 0.25rem 0;
    font-weight: 700;
  }
  .hours-status.shut {
    color: var(--_muted);
  }
  .hours-note {
    margin: 0.25rem 0;
  }
  .week {
    margin: 0.5rem 0;
    border-collapse: collapse;
  }
  .week caption {
    text-align: start;
    font-weight: 700;
  }
  .week th,
  .week td {
    padding-block: 0.1rem;
    padding-inline: 0 0.75rem;
    text-align: start;
    font-weight: normal;
  }
  .week tr.today th,
  .week tr.today td {
    font-weight: 700;
  }
  /* Large text on a narrow screen: each day above its hours, not a table wider than the screen. */
  @container (max-width: 22rem) {
    .week,
    .week caption,
    .week tbody,
    .week tr,
    .week th,
    .week td {
      display: block;
    }
    .week td {
      padding-inline-start: 1rem;
    }
  }
  @media (forced-colors: active) {
    li[aria-current='true'] {
      border-color: Highlight;
      border-radius: 0;
    }
  }
`;
