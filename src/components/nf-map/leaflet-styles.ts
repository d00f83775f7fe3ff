import { unsafeCSS } from 'lit';
import leafletCss from 'leaflet/dist/leaflet.css?inline';

/** Leaflet's own stylesheet (from the package, not feed data), adopted inside the shadow root. */
export const leafletStyles = unsafeCSS(leafletCss);
