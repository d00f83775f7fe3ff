import { css, unsafeCSS } from 'lit';
import leafletCss from 'leaflet/dist/leaflet.css?inline';

/**
 * Leaflet's own stylesheet (from the package, not feed data), adopted inside the shadow root,
 * then the look of our zoom buttons (controls.ts; Leaflet's CSS styles the links they replace),
 * the credit and the tooltips, in the widget's colour tokens and in forced colours.
 * Here, in the map chunk, because only a drawn map needs them.
 */
export const leafletStyles = css`
  ${unsafeCSS(leafletCss)}
  /*
   * Leaflet pins its control corners, and the controls in them, to the left and right. Restated
   * from the inline start and end (these come later, so they replace Leaflet's values), the
   * controls follow the page's direction: with dir="rtl" the zoom buttons (topleft) move to the
   * top right and the credit (bottomright) to the bottom left.
   */
  .leaflet-left {
    inset-inline: 0 auto;
  }
  .leaflet-right {
    inset-inline: auto 0;
  }
  .leaflet-control {
    float: inline-start;
  }
  .leaflet-right .leaflet-control {
    float: inline-end;
  }
  .leaflet-left .leaflet-control {
    margin-inline: 10px 0;
  }
  .leaflet-right .leaflet-control {
    margin-inline: 0 10px;
  }
  .leaflet-bar button {
    display: block;
    box-sizing: content-box;
    /* 44 px: the size of a primary touch target. */
    width: 44px;
    height: 44px;
    line-height: 44px;
    margin: 0;
    padding: 0;
    border: 0;
    border-block-end: 1px solid var(--_border);
    background-color: var(--_bg);
    color: var(--_text);
    text-align: center;
    cursor: pointer;
  }
  .leaflet-bar button:first-child {
    border-start-start-radius: 2px;
    border-start-end-radius: 2px;
  }
  .leaflet-bar button:last-child {
    border-end-start-radius: 2px;
    border-end-end-radius: 2px;
    border-block-end: none;
  }
  .leaflet-bar button:hover,
  .leaflet-bar button:focus-visible {
    background-color: var(--_selected);
  }
  .leaflet-bar button:focus-visible {
    outline: 3px solid var(--_text);
    outline-offset: 1px;
  }
  .leaflet-bar button.leaflet-disabled {
    cursor: default;
    background-color: var(--_bg);
    color: var(--_border);
  }
  /* Opaque, so the credit and its underlined link keep their contrast over any tile. Flush in its
     corner, as Leaflet has it: the corner rules above come after Leaflet's own "margin: 0". */
  .leaflet-container .leaflet-control-attribution {
    margin: 0;
    background: var(--_bg);
    color: var(--_text);
  }
  .leaflet-container .leaflet-control-attribution a {
    color: var(--_accent);
    text-decoration: underline;
  }
  .leaflet-tooltip {
    /* Physical on purpose: Leaflet moves each tooltip with a transform from its pane's top left,
       and without this a right-to-left page would start it at its right edge instead. */
    left: 0;
    /* A long name wraps rather than running past both sides of a phone's map (Leaflet: nowrap). */
    box-sizing: border-box;
    width: max-content;
    max-width: min(18rem, calc(100cqi - 1rem));
    white-space: normal;
    background: var(--_bg);
    color: var(--_text);
    border-color: var(--_border);
  }
  .leaflet-tooltip-top::before {
    border-top-color: var(--_border);
  }
  @media (forced-colors: active) {
    .leaflet-bar,
    .leaflet-control-attribution,
    .leaflet-tooltip {
      outline: 1px solid CanvasText;
    }
    .leaflet-bar button {
      background-color: ButtonFace;
      color: ButtonText;
      border-color: ButtonText;
    }
    .leaflet-bar button.leaflet-disabled {
      color: GrayText;
    }
    .leaflet-container .leaflet-control-attribution {
      background: Canvas;
      color: CanvasText;
    }
    .leaflet-container .leaflet-control-attribution a {
      color: LinkText;
    }
  }
`;
