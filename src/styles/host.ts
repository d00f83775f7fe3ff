import { css } from 'lit';

/**
 * Resets what a host page can push into a shadow root through inheritance (font, colour,
 * alignment), so aggressive global CSS on a partner's page does not break the widget.
 * Page rules that match the host element itself beat `:host`, so the reset sits on `.root`,
 * the wrapper each element renders, which no page selector can reach.
 * Letter and word spacing are not reset: a visitor's own spacing must reach the text (WCAG 1.4.12).
 *
 * Each colour is written once per palette with `light-dark()`: the light one, or the dark one
 * when `color-scheme` resolves to dark. `theme` ("light", "dark", default "auto": the visitor's
 * setting) picks the scheme through `--_scheme`, which nested elements inherit.
 * Public tokens: --nf-font-family, --nf-color-text, --nf-color-background, --nf-color-accent,
 * --nf-color-on-accent, --nf-color-muted, --nf-color-border, --nf-color-selected,
 * --nf-color-error, --nf-color-warning, --nf-color-warning-background, --nf-radius.
 */
export const hostStyles = css`
  :host {
    display: block;
    color-scheme: var(--_scheme, light dark);
    --_font: var(--nf-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_text: var(--nf-color-text, light-dark(#1b1b1b, #ececec));
    --_bg: var(--nf-color-background, light-dark(#ffffff, #17191c));
    --_accent: var(--nf-color-accent, light-dark(#005a9c, #8cc8ff));
    --_on-accent: var(--nf-color-on-accent, light-dark(#ffffff, #101214));
    --_muted: var(--nf-color-muted, light-dark(#4a4a4a, #b3b8bf));
    --_border: var(--nf-color-border, light-dark(#c8c8c8, #5f6670));
    --_selected: var(--nf-color-selected, light-dark(#fff4cc, #3a3320));
    --_error: var(--nf-color-error, light-dark(#b00020, #ff8a8a));
    --_warning: var(--nf-color-warning, light-dark(#8a1c14, #ffb4ab));
    --_warning-bg: var(--nf-color-warning-background, light-dark(#fde2e1, #4a1d1a));
    --_urgent: var(--nf-color-urgent, light-dark(#a4262c, #ff9b94));
    --_radius: var(--nf-radius, 6px);
  }
  /* Browsers before light-dark() (Safari < 17.5, Chrome < 123) would drop every colour and leave
     white text on the page's white: give them the light palette. */
  @supports not (color: light-dark(#000, #fff)) {
    :host {
      --_text: var(--nf-color-text, #1b1b1b);
      --_bg: var(--nf-color-background, #ffffff);
      --_accent: var(--nf-color-accent, #005a9c);
      --_on-accent: var(--nf-color-on-accent, #ffffff);
      --_muted: var(--nf-color-muted, #4a4a4a);
      --_border: var(--nf-color-border, #c8c8c8);
      --_selected: var(--nf-color-selected, #fff4cc);
      --_error: var(--nf-color-error, #b00020);
      --_warning: var(--nf-color-warning, #8a1c14);
      --_warning-bg: var(--nf-color-warning-background, #fde2e1);
      --_urgent: var(--nf-color-urgent, #a4262c);
    }
  }
  :host([theme='light']) {
    --_scheme: light;
  }
  :host([theme='dark']) {
    --_scheme: dark;
  }
  /* English text reads left to right on a right-to-left page too (marked lang="en" where the
     page's language does not ship): ".Nearest first", "services 7" otherwise. Each line takes its
     direction from its first letter; its alignment and the layout still follow the page. */
  p:lang(en),
  summary:lang(en),
  button:lang(en),
  label:lang(en),
  legend:lang(en) {
    unicode-bidi: plaintext;
  }
  /* Lined up with the page's side all the same (start, here, would be the line's own). */
  :is(p, summary, label, legend):lang(en):dir(rtl) {
    text-align: right;
  }
  .root {
    display: block;
    box-sizing: border-box;
    font-size: var(--nf-font-size, 1rem);
    font-family: var(--_font);
    font-weight: normal;
    font-style: normal;
    line-height: 1.5;
    text-align: start;
    text-transform: none;
    text-indent: 0;
    white-space: normal;
    color: var(--_text);
    background: var(--_bg);
    visibility: visible;
  }
  :host([hidden]) {
    display: none;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  /* Form controls reset spacing in the browser's own styles: let the visitor's reach them too. */
  button,
  input {
    letter-spacing: inherit;
    word-spacing: inherit;
  }
  a {
    color: var(--_accent);
  }
  /* A link on a line of its own (by mail, report a problem) is a target, not a word in a sentence. */
  /* :where() keeps this a default: any component's own rule for a link wins. */
  :where(li > a, p > a:only-child) {
    display: inline-flex;
    align-items: center;
    min-block-size: 24px;
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
  /*
   * Nothing moves for a visitor who asked for less motion, whatever a partner's ::part rules
   * say (an !important rule inside a shadow root beats the page's). Our own elements only.
   */
  @media (prefers-reduced-motion: reduce) {
    :host,
    .root,
    [part] {
      scroll-behavior: auto !important;
      transition: none !important;
      animation: none !important;
    }
  }
  /*
   * System colours. Backgrounds and shadows are dropped here, so every control gets a border
   * (!important: a component's own "border: none" must not remove it).
   */
  @media (forced-colors: active) {
    button,
    input:not([type='checkbox']),
    summary {
      border: 2px solid ButtonText !important;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
