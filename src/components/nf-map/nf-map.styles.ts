import { css } from 'lit';

export const mapStyles = css`
  :host {
    --_map-height: var(--nf-map-height, 360px);
    --_marker: var(--nf-color-marker, var(--_accent));
    --_marker-selected: var(--nf-color-marker-selected, #c2410c);
    --_origin: var(--nf-color-origin, #1a73e8);
    --_on-marker: var(--nf-color-on-marker, var(--_on-accent));
    --_cluster: var(--nf-color-cluster, var(--_accent));
    --_on-cluster: var(--nf-color-on-cluster, var(--_on-accent));
  }
  .root {
    background: transparent;
    position: relative;
  }
  /* Over the map, which it dims; taps and swipes go through it. */
  .two-fingers {
    position: absolute;
    inset: 0 0 auto;
    height: var(--_map-height);
    z-index: 1000;
    display: flex;
    align-items: center;
    justify-content: center;
    margin: 0;
    padding: 1rem;
    box-sizing: border-box;
    border-radius: var(--_radius);
    background: rgb(0 0 0 / 0.55);
    color: #fff;
    font-weight: 700;
    text-align: center;
    pointer-events: none;
  }
  .two-fingers[hidden] {
    display: none;
  }
  .map {
    /* Map tiles are light in either theme: markers, clusters, zoom buttons and focus rings on them
       keep the light palette, or they would be light on light (1.2:1) in dark mode. */
    color-scheme: light;
    /* Its width bounds the tooltips' (100cqi). */
    container-type: inline-size;
    box-sizing: border-box;
    height: var(--_map-height);
    width: 100%;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: #e8eef2;
    z-index: 0;
  }
  .failed {
    margin: 0.5rem 0 0;
    color: var(--_muted);
  }
  .nf-marker svg path {
    fill: var(--_marker);
    stroke: #fff;
    stroke-width: 1.5;
  }
  .nf-marker .nf-pin-dot {
    fill: #fff;
  }
  .nf-marker .nf-pin-number {
    fill: var(--_on-marker);
    font: 700 11px/1 var(--_font);
  }
  .nf-marker--selected .nf-pin-number {
    fill: #fff;
  }
  /* A cluster: a disc with its count, ringed so it stands out from markers and from the map. */
  /* Above Leaflet's own .leaflet-marker-icon { display: block }, adopted after these styles. */
  .leaflet-marker-icon.nf-cluster {
    display: flex;
    align-items: center;
    justify-content: center;
    box-sizing: border-box;
    border-radius: 50%;
    background: var(--_cluster);
    color: var(--_on-cluster);
    border: 3px solid var(--_bg);
    box-shadow: 0 0 0 2px var(--_cluster);
    font: 700 12px/1 var(--_font);
    cursor: pointer;
  }
  .nf-cluster:focus-visible {
    outline: 3px solid var(--_text);
    outline-offset: 3px;
  }
  /* Selected: larger (marker-icon.ts) and outlined, not only another colour. */
  .nf-marker--selected svg path {
    fill: var(--_marker-selected);
    stroke: var(--_text);
    stroke-width: 2.5;
  }
  .nf-marker svg,
  .nf-origin svg {
    display: block;
    width: 100%;
    height: 100%;
    overflow: visible;
  }
  .nf-marker:focus-visible {
    outline: 3px solid var(--_text);
    outline-offset: 2px;
    border-radius: 50%;
  }
  .nf-origin circle {
    fill: var(--_origin);
    stroke: #fff;
    stroke-width: 3;
  }
  .nf-origin--area circle {
    fill-opacity: 0.25;
    stroke: var(--_origin);
    stroke-width: 1.5;
    stroke-dasharray: 3 2;
  }
  @media (forced-colors: active) {
    .nf-marker svg path {
      fill: ButtonText;
      stroke: ButtonFace;
    }
    .nf-marker .nf-pin-dot {
      fill: ButtonFace;
    }
    .nf-marker--selected svg path {
      fill: Highlight;
      stroke: CanvasText;
    }
    .nf-origin circle {
      fill: LinkText;
      stroke: Canvas;
    }
    .nf-marker .nf-pin-number {
      fill: ButtonFace;
    }
    .nf-cluster {
      background: ButtonFace;
      color: ButtonText;
      border-color: ButtonText;
      box-shadow: none;
    }
  }
  .leaflet-div-icon {
    background: transparent;
    border: none;
  }
`;
