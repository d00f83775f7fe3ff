import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  map as createMap,
  marker as createMarker,
  tooltip,
  tileLayer,
  layerGroup,
  latLngBounds,
  point,
  type Layer,
  type LatLngBounds,
  type Map as LeafletMap,
  type Marker,
  type Tooltip,
  type LeafletKeyboardEvent,
} from 'leaflet/dist/leaflet-src.esm.js';
import { originIcon, serviceIcon } from './marker-icon.js';
import { AttributionText, ZoomButtons } from './controls.js';
import { parseAttribution } from './attribution.js';
import { maxZoomForView } from './view-limit.js';
import type { LatLng, LocatedService, Service } from '../../types.js';

export interface MapView {
  services: LocatedService[];
  /** Each marker's accessible name, which its tooltip shows too. */
  label: (service: LocatedService) => string;
  origin: LatLng | null;
  originLabel: string;
  selectedId: string | null;
  tileUrl: string | null;
  tileAttribution: string;
  zoom: number;
  /** Automatic fits never show less than this many km across; undefined for no limit. */
  minViewKm: number | undefined;
  zoomIn: string;
  zoomOut: string;
}

const STILL = '(prefers-reduced-motion: reduce)';
/** Marker stacking: the focused one above the selected one above the rest, however they overlap. */
const FOCUSED_Z = 200000;
const SELECTED_Z = 100000;

/**
 * Owns one Leaflet map: created when the container exists, removed on disconnect, so
 * two widgets on a page (or a re-attached one) never share or leak a map.
 */
export class MapController implements ReactiveController {
  map?: LeafletMap;
  private tiles?: Layer;
  private tileKey?: string | null;
  private attributionKey?: string;
  private zoomButtons?: ZoomButtons;
  private attribution?: AttributionText;
  private readonly markers = new Map<string, Marker>();
  private readonly markerLayer = layerGroup();
  private readonly originLayer = layerGroup();
  private resizeObserver?: ResizeObserver;
  private selected: string | null = null;
  /** Accessible names by service id. */
  private readonly labels = new Map<string, string>();
  /** The one marker in the tab order (roving tabindex). */
  private stop: string | null = null;
  private focused: string | null = null;
  /** The marker hovered or focused, whose name shows in a tooltip. */
  private hinted: string | null = null;
  private hintTip?: Tooltip;
  private selectedTip?: Tooltip;

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
    this.attributionKey = undefined;
    this.zoomButtons = undefined;
    this.attribution = undefined;
    this.markers.clear();
    this.selected = this.stop = this.focused = this.hinted = null;
    this.hintTip = this.selectedTip = undefined;
  }

  /** Creates the map on first call; later calls update tiles, markers, origin and selection. */
  render(
    container: HTMLElement,
    view: MapView,
    changed: { services: boolean; origin: boolean; selection: boolean; tiles: boolean; labels: boolean; names: boolean; viewLimit: boolean },
  ) {
    const fresh = !this.map;
    if (!this.map) {
      const still = matchMedia(STILL).matches;
      // Our own zoom and attribution controls: Leaflet's write HTML, which Trusted Types forbid.
      this.map = createMap(container, {
        zoomControl: false,
        attributionControl: false,
        zoomAnimation: !still,
        fadeAnimation: !still,
        markerZoomAnimation: !still,
        inertia: !still,
      });
      // Leaflet's own pans (arrow keys on the map, a focused marker brought into view) animate
      // unless told otherwise, and every pan of ours goes through panBy too.
      const panBy = this.map.panBy.bind(this.map);
      this.map.panBy = (offset, options) => panBy(offset, matchMedia(STILL).matches ? { ...options, animate: false } : options);
      this.zoomButtons = new ZoomButtons(view).addTo(this.map);
      this.attribution = new AttributionText().addTo(this.map);
      this.markerLayer.addTo(this.map);
      this.originLayer.addTo(this.map);
      this.resizeObserver = new ResizeObserver(() => this.map?.invalidateSize());
      this.resizeObserver.observe(container);
    }
    if (fresh || changed.labels) this.zoomButtons!.setLabels(view);
    if (fresh || changed.tiles) {
      this.setTiles(view.tileUrl);
      this.setAttribution(view.tileAttribution);
    }
    if (fresh || changed.services) this.setMarkers(view);
    else if (changed.names) this.setNames(view);
    if (fresh || changed.origin) this.setOrigin(view.origin, view.originLabel);
    if (fresh || changed.services || changed.origin || changed.viewLimit) this.fit(view);
    if (fresh || changed.services || changed.selection) this.select(view.selectedId, !fresh && changed.selection);
  }

  private setTiles(url: string | null) {
    if (url === this.tileKey) return;
    this.tileKey = url;
    this.tiles?.remove();
    this.tiles = undefined;
    if (url && /^pmtiles:/i.test(url)) void this.setPmtiles(url);
    // No Referer: the tile host learns which tiles were shown, not on which page.
    else if (url) this.tiles = tileLayer(url, { maxZoom: 19, crossOrigin: true, referrerPolicy: 'no-referrer' }).addTo(this.map!);
  }

  /** One PMTiles file on the partner's own host; its reader is a chunk loaded only for it. */
  private async setPmtiles(url: string) {
    try {
      const { createPmtilesLayer } = await import('./pmtiles-layer.js');
      const layer = await createPmtilesLayer(url, { attribution: '' });
      // The URL may have changed, or the map gone, while the archive was read.
      if (this.tileKey !== url || !this.map) return;
      this.tiles = layer.addTo(this.map);
    } catch {
      // createPmtilesLayer has said why in the console; the list and the markers still work.
    }
  }

  private setAttribution(text: string) {
    if (text === this.attributionKey) return;
    this.attributionKey = text;
    const { parts, rejected } = parseAttribution(text);
    for (const href of rejected) {
      console.warn(`nf-map: tile-attribution link "${href.slice(0, 100)}" is shown as plain text: only http(s) links are kept.`);
    }
    this.attribution!.set(parts);
  }

  private setMarkers(view: MapView) {
    this.markerLayer.clearLayers();
    this.markers.clear();
    this.selected = this.focused = this.hinted = null;
    this.stop = view.services[0]?.id ?? null;
    this.setNames(view);
    for (const service of view.services) {
      const { id } = service;
      const m = createMarker([service.lat, service.lng], { icon: serviceIcon(false), keyboard: true, riseOnHover: true });
      m.on('click', () => this.onSelect(service));
      m.on('keydown', (e) => {
        const event = (e as LeafletKeyboardEvent).originalEvent;
        if (event.altKey || event.ctrlKey || event.metaKey) return;
        const ids = [...this.markers.keys()];
        const at = ids.indexOf(id);
        // Right is "next" in a left-to-right page and "previous" in a right-to-left one.
        const ahead = getComputedStyle(m.getElement()!).direction === 'rtl' ? -1 : 1;
        const moves: Record<string, number> = {
          ArrowDown: at + 1,
          ArrowRight: at + ahead,
          ArrowUp: at - 1,
          ArrowLeft: at - ahead,
          Home: 0,
          End: ids.length - 1,
        };
        const to = ids[moves[event.key]];
        // Leaflet gives markers role="button" but activates them from the keyboard only for popups.
        if (event.key === 'Enter' || event.key === ' ') this.onSelect(service);
        // Focus only: Leaflet pans a focused marker into view if it is not already.
        else if (to !== undefined) this.markers.get(to)!.getElement()!.focus({ preventScroll: true });
        else if (!(event.key in moves)) return;
        event.preventDefault();
        // Leaflet's keyboard handler would pan the map with the same arrows.
        event.stopPropagation();
      });
      m.on('mouseover', () => this.hint(id));
      m.on('mouseout', () => this.hint(this.focused));
      m.on('add', () => {
        const el = m.getElement()!;
        el.addEventListener('focus', () => {
          this.focused = id;
          this.setStop(id);
          this.hint(id);
        });
        el.addEventListener('blur', () => {
          this.focused = null;
          this.paint(id);
          this.hint(null);
        });
        this.paint(id);
      });
      this.markers.set(id, m);
      m.addTo(this.markerLayer);
    }
  }

  private setNames(view: MapView) {
    this.labels.clear();
    for (const service of view.services) this.labels.set(service.id, view.label(service));
    for (const id of this.markers.keys()) this.paint(id);
    this.drawTips();
  }

  /**
   * Name, state, tab stop and stacking of one marker. setIcon resets Leaflet's tabindex, so
   * this runs again after each.
   */
  private paint(id: string) {
    const m = this.markers.get(id);
    const el = m?.getElement();
    if (!m || !el) return;
    el.setAttribute('aria-label', this.labels.get(id)!);
    // The chosen place, as the list marks its item; not a toggle, which would promise un-pressing.
    if (id === this.selected) el.setAttribute('aria-current', 'true');
    else el.removeAttribute('aria-current');
    el.tabIndex = id === this.stop ? 0 : -1;
    m.setZIndexOffset(id === this.focused ? FOCUSED_Z : id === this.selected ? SELECTED_Z : 0);
  }

  private setStop(id: string) {
    const previous = this.stop;
    this.stop = id;
    if (previous !== null) this.paint(previous);
    this.paint(id);
  }

  private hint(id: string | null) {
    this.hinted = id;
    this.drawTips();
  }

  /** The selected marker always shows its name; a hovered or focused one while it is. */
  private drawTips() {
    this.hintTip?.remove();
    this.selectedTip?.remove();
    this.hintTip = this.hinted === this.selected ? undefined : this.tip(this.hinted);
    this.selectedTip = this.tip(this.selected);
  }

  private tip(id: string | null) {
    const m = id === null ? undefined : this.markers.get(id);
    if (!m) return undefined;
    // Text, never HTML (Trusted Types), and above the marker whatever its size.
    const text = document.createElement('span');
    text.textContent = this.labels.get(id!)!;
    const tip = tooltip({ direction: 'top', permanent: true }, m).setLatLng(m.getLatLng()).setContent(text).addTo(this.map!);
    // It repeats the marker's name: shown, but not read a second time.
    tip.getElement()!.setAttribute('aria-hidden', 'true');
    return tip;
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

  /** Whether the map has been given a view yet (Leaflet throws on getCenter before). */
  private get hasView(): boolean {
    return (this.map as unknown as { _loaded?: boolean })?._loaded === true;
  }

  private fit(view: MapView) {
    const points: [number, number][] = view.services.map((s) => [s.lat, s.lng]);
    if (view.origin) points.push([view.origin.lat, view.origin.lng]);
    const closest = Math.min(view.zoom, this.viewLimit(view.minViewKm, points.length ? points : [[20, 0]]));
    // No animation: an animated zoom still running when the element is removed makes
    // Leaflet 1.9 throw from a timer, and a jump is quicker on slow phones anyway.
    if (points.length === 0) this.map!.setView([20, 0], Math.min(2, closest), { animate: false });
    else if (Number.isFinite(closest) && closest < view.zoom) this.coarseView(latLngBounds(points), closest, view.origin !== null);
    else if (points.length === 1) this.map!.setView(points[0], closest, { animate: false });
    // Extra room at the top: a pin stands above its point and would be clipped.
    else this.map!.fitBounds(latLngBounds(points), { paddingTopLeft: [24, 48], paddingBottomRight: [24, 16], maxZoom: closest, animate: false });
  }

  /**
   * A view no closer than `maxZoom` that does not follow the points (the services nearest the
   * visitor surround them). It keeps the centre the map already had, chosen before the visitor
   * shared anything, and only zooms out until every point fits. Without an earlier view, or
   * with a public origin to centre on (a searched place), the centre is snapped to a grid a
   * quarter of a tile wide (about 7 km at zoom 10).
   */
  private coarseView(bounds: LatLngBounds, maxZoom: number, recenter: boolean) {
    const map = this.map!;
    const padding = point(48, 64);
    if (this.hasView && !recenter) {
      const center = map.getCenter();
      // The same points mirrored through the centre: the box they make, centred on it, holds them all.
      const mirrored = latLngBounds([
        bounds.getSouthWest(),
        bounds.getNorthEast(),
        [2 * center.lat - bounds.getSouth(), 2 * center.lng - bounds.getWest()],
        [2 * center.lat - bounds.getNorth(), 2 * center.lng - bounds.getEast()],
      ]);
      map.setView(center, Math.min(maxZoom, map.getZoom(), map.getBoundsZoom(mirrored, false, padding)), { animate: false });
      return;
    }
    const zoom = Math.min(maxZoom, map.getBoundsZoom(bounds, false, padding));
    const grid = 64;
    const c = map.project(bounds.getCenter(), zoom);
    map.setView(map.unproject(point(Math.round(c.x / grid) * grid, Math.round(c.y / grid) * grid), zoom), zoom, { animate: false });
  }

  /**
   * The closest zoom an automatic fit may use so the view stays `km` wide, worked out before
   * the map moves, so no tile finer than that is ever requested. Measured at the point
   * farthest from the equator, where a pixel covers the least ground.
   */
  private viewLimit(km: number | undefined, points: [number, number][]) {
    if (km === undefined || !(km > 0)) return Infinity;
    // A loop, not Math.max(...): feeds can hold more points than a call takes arguments.
    let lat = 0;
    for (const [pointLat] of points) lat = Math.max(lat, Math.abs(pointLat));
    return maxZoomForView(km, this.map!.getSize().x, lat);
  }

  private select(id: string | null, pan: boolean) {
    const previous = this.selected === null ? undefined : this.markers.get(this.selected);
    const m = id === null ? undefined : this.markers.get(id);
    if (previous && previous !== m) {
      previous.setIcon(serviceIcon(false));
      this.paint(this.selected!);
    }
    this.selected = id;
    if (m) {
      m.setIcon(serviceIcon(true));
      this.setStop(id!);
      if (pan) this.map!.panTo(m.getLatLng());
    }
    this.drawTips();
  }

  /** The marker for a service id, for tests and advanced integrations. */
  markerFor(id: string): Marker | undefined {
    return this.markers.get(id);
  }
}

export { leafletStyles } from './leaflet-styles.js';
