import { Control, DomEvent, type Map as LeafletMap } from 'leaflet/dist/leaflet-src.esm.js';
import { attributionNodes, type AttributionPart } from './attribution.js';

export interface ZoomLabels {
  zoomIn: string;
  zoomOut: string;
}

/**
 * Zoom buttons built from DOM nodes: Leaflet's own control writes its "+" and "−" as HTML,
 * which Trusted Types forbid. Real buttons, so Enter and Space work and the names are read.
 */
export class ZoomButtons extends Control {
  private readonly bar = document.createElement('div');
  private readonly zoomInButton: HTMLButtonElement;
  private readonly zoomOutButton: HTMLButtonElement;
  private zoomMap?: LeafletMap;

  constructor(labels: ZoomLabels) {
    super({ position: 'topleft' });
    this.bar.className = 'leaflet-control-zoom leaflet-bar leaflet-control';
    // No animation, as for every move of this map: an animated zoom still running when the
    // element is removed makes Leaflet 1.9 throw from a timer.
    this.zoomInButton = this.button('leaflet-control-zoom-in', '+', (map) => map.zoomIn(map.options.zoomDelta, { animate: false }));
    this.zoomOutButton = this.button('leaflet-control-zoom-out', '\u2212', (map) => map.zoomOut(map.options.zoomDelta, { animate: false }));
    // A double click on a button must not also zoom the map underneath.
    DomEvent.disableClickPropagation(this.bar);
    this.setLabels(labels);
  }

  override onAdd(map: LeafletMap) {
    this.zoomMap = map;
    map.on('zoomend zoomlevelschange', this.update, this);
    this.update();
    return this.bar;
  }

  override onRemove(map: LeafletMap) {
    map.off('zoomend zoomlevelschange', this.update, this);
    this.zoomMap = undefined;
  }

  setLabels({ zoomIn, zoomOut }: ZoomLabels) {
    for (const [button, label] of [
      [this.zoomInButton, zoomIn],
      [this.zoomOutButton, zoomOut],
    ] as const) {
      button.setAttribute('aria-label', label);
      button.title = label;
    }
  }

  private button(className: string, symbol: string, zoom: (map: LeafletMap) => void) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = className;
    const face = document.createElement('span');
    face.setAttribute('aria-hidden', 'true');
    face.textContent = symbol;
    button.append(face);
    button.addEventListener('click', () => {
      if (this.zoomMap && button.getAttribute('aria-disabled') !== 'true') zoom(this.zoomMap);
    });
    this.bar.append(button);
    return button;
  }

  /**
   * At the closest or widest zoom a button is marked disabled with aria-disabled, not the
   * disabled property: a focused button stays focused (and announced as unavailable)
   * instead of dropping keyboard focus to the page.
   */
  private update() {
    const map = this.zoomMap;
    if (!map) return;
    const zoom = map.getZoom();
    this.setDisabled(this.zoomInButton, zoom >= map.getMaxZoom());
    this.setDisabled(this.zoomOutButton, zoom <= map.getMinZoom());
  }

  private setDisabled(button: HTMLButtonElement, disabled: boolean) {
    button.classList.toggle('leaflet-disabled', disabled);
    button.setAttribute('aria-disabled', String(disabled));
  }
}

/** The tile credit as text nodes and safe links, in Leaflet's attribution corner. */
export class AttributionText extends Control {
  private readonly box = document.createElement('div');

  constructor() {
    super({ position: 'bottomright' });
    this.box.className = 'leaflet-control-attribution leaflet-control';
    this.box.hidden = true;
    DomEvent.disableClickPropagation(this.box);
  }

  override onAdd() {
    return this.box;
  }

  set(parts: AttributionPart[]) {
    this.box.replaceChildren(...attributionNodes(parts));
    this.box.hidden = parts.length === 0;
  }
}
