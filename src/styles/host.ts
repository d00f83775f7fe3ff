import { css } from 'lit';

/**
 * Resets what a host page can push into a shadow root through inheritance (font, colour,
 * alignment, spacing), so aggressive global CSS on a partner's page does not break the widget.
 * Page rules that match the host element itself beat `:host`, so the reset sits on `.root`,
 * the wrapper each element renders, which no page selector can reach.
 * Public tokens: --nf-font-family, --nf-color-text, --nf-color-background, --nf-color-accent,
 * --nf-color-muted, --nf-color-border, --nf-color-selected, --nf-radius.
 */
export const hostStyles = css`
  :host {
    display: block;
    --_font: var(--nf-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--nf-color-text, #1b1b1b);
    --_bg: var(--nf-color-background, #ffffff);
    --_accent: var(--nf-color-accent, #005a9c);
    --_muted: var(--nf-color-muted, #4a4a4a);
    --_border: var(--nf-color-border, #c8c8c8);
    --_selected: var(--nf-color-selected, #fff4cc);
    --_radius: var(--nf-radius, 6px);
  }
  .root {
    display: block;
    box-sizing: border-box;
    font-size: var(--nf-font-size, 1rem);
    font-family: var(--_font);
    font-weight: normal;
    font-style: normal;
    line-height: 1.45;
    letter-spacing: normal;
    text-align: start;
    text-transform: none;
    text-indent: 0;
    white-space: normal;
    word-spacing: normal;
    color: var(--_text);
    background: var(--_bg);
    visibility: visible;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
`;
