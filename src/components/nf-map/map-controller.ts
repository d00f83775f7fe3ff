import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  map as createMap,
  marker as createMarker,
  tileLayer,
  layerGroup,
  latLngBounds,
  type Map as LeafletMap,
  type Marker,
  type TileLayer,
  type LeafletKeyboardEvent,
} from 'leaflet/dist/leaflet-src.esm.js';
import { originIcon, serviceIcon } from './marker-icon.js';
import type { LatLng, LocatedService, Service } from '../../types.js';

export interface MapView {
  services: LocatedService[];
  origin: LatLng | null;
  originLabel: string;
  selectedId: string | null;
  tileUrl: string | null;
  tileAttribution: string;
  zoom: number;
  mapLabel: string;
}

/** setIcon builds a new element, so the accessible name and state go on again each time. */
function labelMarker(m: Marker, selected: boolean) {
  const el = m.getElement();
  el?.setAttribute('aria-label', m.options.title ?? '');
  el?.setAttribute('aria-pressed', String(selected));
}

function setSelected(m: Marker, selected: boolean) {
  m.setIcon(serviceIcon(selected)).setZIndexOffset(selected ? 1000 : 0);
  labelMarker(m, selected);
}

/**
 * Owns one Leaflet map: created when the container exists, removed on disconnect, so
 * two widgets on a page (or a re-attached one) never share or leak a map.
 */
export class MapController implements ReactiveController {
  map?: LeafletMap;
  private tiles?: TileLayer;
  private tileKey?: string;
  private readonly markers = new Map<string, Marker>();
  private readonly markerLayer = layerGroup();
  private readonly originLayer = layerGroup();
  private resizeObserver?: ResizeObserver;
  private selected: string | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly onSelect: (service: Service) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected() {
    this.resizeObserver?.disconnect();
    this.map?.remove();
    this.map = undefined;
    this.tiles = undefined;
    this.tileKey = undefined;
    this.markers.clear();
    this.selected = null;
  }

  /** Creates the map on first call; later calls update tiles, markers, origin and selection. */
  render(container: HTMLElement, view: MapView, changed: { services: boolean; origin: boolean; selection: boolean; tiles: boolean }) {
    const fresh = !this.map;
    if (!this.map) {
      this.map = createMap(container, { zoomControl: true, attributionControl: true });
      this.map.attributionControl.setPrefix(false);
      this.markerLayer.addTo(this.map);
      this.originLayer.addTo(this.map);
      container.setAttribute('aria-label', view.mapLabel);
      container.setAttribute('role', 'region');
      this.resizeObserver = new ResizeObserver(() => this.map?.invalidateSize());
      this.resizeObserver.observe(container);
    }
    if (fresh || changed.tiles) this.setTiles(view.tileUrl, view.tileAttribution);
    if (fresh || changed.services) this.setMarkers(view.services);
    if (fresh || changed.origin) this.setOrigin(view.origin, view.originLabel);
    if (fresh || changed.services || changed.origin) this.fit(view);
    if (fresh || changed.services || changed.selection) this.select(view.selectedId, !fresh && changed.selection);
  }

  private setTiles(url: string | null, attribution: string) {
    const key = `${url}\n${attribution}`;
    if (key === this.tileKey) return;
    this.tileKey = key;
    this.tiles?.remove();
    this.tiles = undefined;
    if (url) this.tiles = tileLayer(url, { attribution, maxZoom: 19, crossOrigin: true }).addTo(this.map!);
  }

  private setMarkers(services: LocatedService[]) {
    this.markerLayer.clearLayers();
    this.markers.clear();
    for (const service of services) {
      const m = createMarker([service.lat, service.lng], {
        icon: serviceIcon(false),
        title: service.name,
        alt: service.name,
        keyboard: true,
        riseOnHover: true,
      });
      m.on('click', () => this.onSelect(service));
      // Leaflet gives markers role="button" but activates them from the keyboard only for popups.
      m.on('keydown', (e) => {
        const key = (e as LeafletKeyboardEvent).originalEvent.key;
        if (key !== 'Enter' && key !== ' ') return;
        (e as LeafletKeyboardEvent).originalEvent.preventDefault();
        this.onSelect(service);
      });
      m.on('add', () => labelMarker(m, false));
      const tip = document.createElement('span');
      tip.textContent = service.name;
      m.bindTooltip(tip, { direction: 'top' });
      this.markers.set(service.id, m);
      m.addTo(this.markerLayer);
    }
    this.selected = null;
  }

  private setOrigin(origin: LatLng | null, label: string) {
    this.originLayer.clearLayers();
    if (!origin) return;
    const m = createMarker([origin.lat, origin.lng], {
      icon: originIcon(),
      title: label,
      alt: label,
      keyboard: false,
      interactive: false,
      zIndexOffset: -1000,
    });
    m.on('add', () => {
      const el = m.getElement();
      el?.setAttribute('role', 'img');
      el?.setAttribute('aria-label', label);
    });
    m.addTo(this.originLayer);
  }

  private fit(view: MapView) {
    const points: [number, number][] = view.services.map((s) => [s.lat, s.lng]);
    if (view.origin) points.push([view.origin.lat, view.origin.lng]);
    // No animation: an animated zoom still running when the element is removed makes
    // Leaflet 1.9 throw from a timer, and a jump is quicker on slow phones anyway.
    if (points.length === 0) this.map!.setView([20, 0], 2, { animate: false });
    else if (points.length === 1) this.map!.setView(points[0], view.zoom, { animate: false });
    // Extra room at the top: a pin stands above its point and would be clipped.
    else this.map!.fitBounds(latLngBounds(points), { paddingTopLeft: [24, 48], paddingBottomRight: [24, 16], maxZoom: view.zoom, animate: false });
  }

  private select(id: string | null, pan: boolean) {
    const previous = this.selected === null ? undefined : this.markers.get(this.selected);
    if (previous && this.selected !== id) setSelected(previous, false);
    this.selected = id;
    const m = id === null ? undefined : this.markers.get(id);
    if (!m) return;
    setSelected(m, true);
    if (pan) this.map!.panTo(m.getLatLng());
  }

  /** The marker for a service id, for tests and advanced integrations. */
  markerFor(id: string): Marker | undefined {
    return this.markers.get(id);
  }
}

export { leafletStyles } from './leaflet-styles.js';
