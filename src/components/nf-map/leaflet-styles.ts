import { css, unsafeCSS } from 'lit';
import leafletCss from 'leaflet/dist/leaflet.css?inline';

/**
 * Leaflet's own stylesheet (from the package, not feed data), adopted inside the shadow root,
 * then the look of our zoom buttons (controls.ts): Leaflet's CSS styles the links they replace.
 * Here, in the map chunk, because only a drawn map needs them.
 */
export const leafletStyles = css`
  ${unsafeCSS(leafletCss)}
  .leaflet-bar button {
    display: block;
    box-sizing: content-box;
    width: 26px;
    height: 26px;
    line-height: 26px;
    margin: 0;
    padding: 0;
    border: 0;
    border-bottom: 1px solid #ccc;
    background-color: #fff;
    color: #000;
    text-align: center;
    cursor: pointer;
  }
  .leaflet-touch .leaflet-bar button {
    width: 30px;
    height: 30px;
    line-height: 30px;
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
    background-color: #f4f4f4;
  }
  .leaflet-bar button:focus-visible {
    outline: 3px solid var(--_text);
    outline-offset: 1px;
  }
  .leaflet-bar button.leaflet-disabled {
    cursor: default;
    background-color: #f4f4f4;
    color: #bbb;
  }
`;
