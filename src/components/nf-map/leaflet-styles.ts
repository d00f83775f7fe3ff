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
    border-bottom: 1px solid var(--_border);
    background-color: var(--_bg);
    color: var(--_text);
    text-align: center;
    cursor: pointer;
  }
  .leaflet-bar button:first-child {
    border-top-left-radius: 2px;
    border-top-right-radius: 2px;
  }
  .leaflet-bar button:last-child {
    border-bottom-left-radius: 2px;
    border-bottom-right-radius: 2px;
    border-bottom: none;
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
  /* Opaque, so the credit and its underlined link keep their contrast over any tile. */
  .leaflet-container .leaflet-control-attribution {
    background: var(--_bg);
    color: var(--_text);
  }
  .leaflet-container .leaflet-control-attribution a {
    color: var(--_accent);
    text-decoration: underline;
  }
  .leaflet-tooltip {
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
