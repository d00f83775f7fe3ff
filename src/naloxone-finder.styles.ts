import { css } from 'lit';
import { outlineButton } from './styles/buttons.js';

export const finderStyles = css`
  /* Container queries measure the finder. The size containment they need gives it no width of
     its own, so a parent that fits its content (a flex row, an auto grid column, an inline block)
     made it 0 px wide, its text one word a line: it asks for 20rem there, as a block with text
     would ask for some, and takes a flex row's room, never forcing a row or grid wider. */
  :host {
    container-type: inline-size;
    contain-intrinsic-inline-size: 20rem;
    flex: 1 1 auto;
    min-width: 0;
  }
  .overdose {
    margin-block-end: 0.75rem;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-block-end: 0.75rem;
  }
  .locate {
    min-height: 44px;
    padding: 0.5rem 1rem;
    border: none;
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 700;
  }
  .locate[aria-busy='true'] {
    opacity: 0.8;
  }
  .area-button {
    ${outlineButton}
  }
  /* A toggle shows it is on by more than its state for assistive technology: filled, and ticked
     (the tick stays in forced colours, where the fill does not). */
  .area-button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_on-accent);
  }
  .area-button[aria-pressed='true']::before {
    content: '✓ ' / '';
  }
  /* "Show my area on the map" and its note, just above the map they are about. */
  .area {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 1rem;
    margin-block-end: 0.5rem;
  }
  /* A tile host's name cannot break on its own: at large text it widened the whole list past the screen. */
  .area-note {
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  /* Hidden until focused; then a button like the others. */
  .skip {
    margin-block-end: 0.5rem;
    ${outlineButton}
  }
  .skip:not(:focus) {
    position: absolute;
    clip-path: inset(50%);
  }
  .place-search {
    flex: 1 1 20rem;
  }
  .status {
    margin: 0;
    flex: 1 1 16rem;
    color: var(--_muted);
  }
  .status:empty {
    display: none;
  }
  .alert {
    margin: 0 0 0.75rem;
    padding: 0.75rem;
    border-radius: var(--_radius);
    border: 2px solid var(--_error);
    color: var(--_text);
  }
  .retry {
    margin-block-end: 0.75rem;
    ${outlineButton}
  }
  /* Under the map: back to the chosen service's result, its calls and directions. */
  .show-in-list {
    margin-block-start: 0.5rem;
    max-inline-size: 100%;
    overflow-wrap: anywhere;
    ${outlineButton}
  }
  /* Holds the focus while "Try again" loads the feed anew: a box, not a control, so no ring. */
  .results:focus {
    outline: none;
  }
  .stale {
    margin: 0 0 0.75rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--nf-color-warning-background, var(--_selected));
    color: var(--_text);
  }
  .panes {
    display: grid;
    gap: 1rem;
  }
  @container (min-width: 48rem) {
    .panes.with-map {
      grid-template-columns: minmax(18rem, 2fr) 3fr;
      align-items: start;
    }
    .panes.with-map .list {
      max-height: var(--nf-map-height, 360px);
      overflow-y: auto;
      padding-inline-end: 0.25rem;
    }
    .map-pane {
      position: sticky;
      inset-block-start: 0;
    }
  }
`;
