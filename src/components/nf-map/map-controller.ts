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
import { clusterIcon, originIcon, serviceIcon } from './marker-icon.js';
import type { Drawable } from './cluster-index.js';
import { ClusterSource } from './cluster-source.js';
import { AttributionText, ZoomButtons } from './controls.js';
import { parseAttribution } from './attribution.js';
import { maxZoomForView } from './view-limit.js';
import type { LatLng, LocatedService, Service, ServiceType } from '../../types.js';

export interface MapView {
  /** Every service to map; the same array keeps its cluster index. */
  services: readonly LocatedService[];
  /** Ids of the services the list shows, in its order: drawn on their own, numbered from 1. */
  listed: readonly string[] | undefined;
  /** Each marker's accessible name, which its tooltip shows too. */
  label: (service: LocatedService) => string;
  /** A cluster's accessible name: "12 services: Naloxone, Treatment. Including <the service it stands on>". */
  clusterLabel: (count: number, types: ServiceType[], including: LocatedService) => string;
  /** A count as a cluster shows it ("12", "1,234"), as its name writes it. */
  countText: (count: number) => string;
  origin: LatLng | null;
  originLabel: string;
  /** The origin is an area (the visitor's, rounded to a grid), not a point: drawn as a ring. */
  originArea: boolean;
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
/** The list's numbered services above clusters and other services, so none hides under a disc. */
const LISTED_Z = 50000;
/**
 * Clusters and services are drawn for the view and this many pixels around it: enough for any
 * marker whose point is just outside to show the part of it that reaches in (the largest disc is
 * 62 px across, a selected pin 42 px tall). Only what is in view is in the DOM: a wider margin
 * made every zoom step restyle and place markers nobody sees.
 */
const EDGE_PX = 48;

type Spec = (Drawable & { lat: number; lng: number }) & { rank: number; number: number | undefined; shift: [number, number] };

/** A marker or cluster on the map, with what it was drawn from. */
interface Drawn {
  marker: Marker;
  spec: Spec;
  /** What its icon shows: a new look means a new icon (and a new name). */
  look: string;
  /** Its accessible name, once worked out, and the name and tab index its element has. */
  name?: string;
  shownName?: string;
  shownTab?: number;
  current?: boolean;
  z: number;
}

/**
 * The box around points, without an object per point (Leaflet's own makes one: 100k of them).
 * Its west and east are the two sides of the widest stretch of longitude with no point, so
 * places on both sides of the antimeridian (New Zealand and the Chatham Islands, Fiji, Alaska
 * and Guam) get the narrow box across it, its east past 180°, not one around the whole world.
 */
function boxOf(points: [number, number][]): LatLngBounds {
  let [south, north] = [90, -90];
  const lngs = new Float64Array(points.length);
  points.forEach(([lat, lng], i) => {
    if (lat < south) south = lat;
    if (lat > north) north = lat;
    lngs[i] = lng;
  });
  lngs.sort();
  const last = lngs.length - 1;
  // The stretch past the easternmost point, round to the westernmost, then each between two.
  let [gap, after] = [lngs[0] + 360 - lngs[last], last];
  for (let i = 0; i < last; i++) if (lngs[i + 1] - lngs[i] > gap) [gap, after] = [lngs[i + 1] - lngs[i], i];
  const west = lngs[(after + 1) % lngs.length];
  const east = lngs[after] < west ? lngs[after] + 360 : lngs[after];
  return latLngBounds([south, west], [north, east]);
}

/** Least distance between the centres of fanned-out markers, px: a marker is 24 px wide. */
const FAN_GAP = 30;
/** The fan's height for its width: a marker is 32 px tall. */
const FAN_TALL = 36 / 30;
/** The zoom no map goes closer than, for a map whose layers set none (tile-url="none"). */
const CLOSEST_ZOOM = 19;

/**
 * Services at one place would hide each other however close the visitor zooms: two pharmacies
 * at one address, or a few metres apart in one mall (points less than FAN_GAP px apart at the
 * map's closest zoom, where none can be told apart by zooming). Each gets its own place on a
 * small circle around the group's middle, listed ones first, at every zoom. A group is formed
 * round its first service in that order, so a row of services never chains into one wide fan.
 */
function fanOut(specs: Map<string, Spec>, map: LeafletMap) {
  const zoom = map.getZoom();
  const closest = Number.isFinite(map.getMaxZoom()) ? map.getMaxZoom() : CLOSEST_ZOOM;
  // Pixels at the closest zoom per pixel at this one.
  const scale = 2 ** (closest - zoom);
  // The groups (their first service first) by that one's cell of FAN_GAP px at the closest zoom.
  const cells = new Map<string, FanGroup[]>();
  const groups: FanGroup[] = [];
  for (const spec of [...specs.values()].filter((s) => s.kind === 'service').sort(fanOrder)) {
    const { x, y } = map.project([spec.lat, spec.lng], zoom);
    const [cx, cy] = [Math.floor((x * scale) / FAN_GAP), Math.floor((y * scale) / FAN_GAP)];
    let group: FanGroup | undefined;
    for (let i = 0; i < 9 && !group; i++) {
      group = cells.get(`${cx + (i % 3) - 1},${cy + Math.floor(i / 3) - 1}`)?.find(([first]) => Math.hypot(first.x - x, first.y - y) * scale < FAN_GAP);
    }
    if (group) group.push({ spec, x, y });
    else {
      groups.push((group = [{ spec, x, y }]));
      const key = `${cx},${cy}`;
      (cells.get(key) ?? cells.set(key, []).get(key)!).push(group);
    }
  }
  for (const group of groups) {
    const k = group.length;
    if (k < 2) continue;
    const mx = group.reduce((sum, m) => sum + m.x, 0) / k;
    const my = group.reduce((sum, m) => sum + m.y, 0) / k;
    const r = k === 2 ? FAN_GAP / 2 : FAN_GAP / 2 / Math.sin(Math.PI / k);
    group.forEach(({ spec, x, y }, j) => {
      const angle = Math.PI + (2 * Math.PI * j) / k;
      // Taller than wide, as the pins are: three stand clear of each other.
      spec.shift = [Math.round(mx + r * Math.cos(angle) - x), Math.round(my + r * FAN_TALL * Math.sin(angle) - y)];
    });
  }
}

/** Services drawn as at one place, with their points in px at the zoom drawn, the first one's first. */
type FanGroup = { spec: Spec; x: number; y: number }[];

/** Listed services first, in list order, then the rest by rank. */
const fanOrder = (a: Spec, b: Spec) => (a.number ?? Infinity) - (b.number ?? Infinity) || a.rank - b.rank;

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
  private index?: ClusterSource;
  /** The clusters and unpinned services last found for the view (a worker's answer comes later). */
  private found: Drawable[] = [];
  /** Numbers the queries sent, so only the answer to the latest is drawn. */
  private ticket = 0;
  /** Markers and clusters on the map by key: `s` + place in `services`, or `c` + cluster id. */
  private readonly drawn = new Map<string, Drawn>();
  /** Keyboard order: listed services in list order, then the rest by rank. */
  private order: string[] = [];
  /** Listed services by place in `services`, with their number. */
  private readonly listed = new Map<number, number>();
  /** Drawn on their own wherever they are: the listed services and the selected one. */
  private pinned = new Set<number>();
  private readonly markerLayer = layerGroup();
  private readonly originLayer = layerGroup();
  private resizeObserver?: ResizeObserver;
  private selected: string | null = null;
  private view?: MapView;
  /** True while render() changes several things at once: one redraw at the end. */
  private holding = false;
  /** Accessible names by place in `services`. */
  private readonly labels = new Map<number, string>();
  /** The one marker or cluster in the tab order (roving tabindex). */
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
    // The layer outlives the map: a re-attached element draws its markers afresh, from a new index.
    this.index?.dispose();
    this.index = undefined;
    this.found = [];
    this.markerLayer.clearLayers();
    this.drawn.clear();
    this.order = [];
    this.selected = this.stop = this.focused = this.hinted = null;
    this.hintTip = this.selectedTip = undefined;
  }

  /** Creates the map on first call; later calls update tiles, markers, origin and selection. */
  render(
    container: HTMLElement,
    view: MapView,
    changed: {
      services: boolean;
      listed: boolean;
      origin: boolean;
      selection: boolean;
      tiles: boolean;
      labels: boolean;
      names: boolean;
      viewLimit: boolean;
    },
  ) {
    this.view = view;
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
        // The wheel scrolls the page until the visitor turns to the map (a click or the keyboard
        // focus in it): zoomed in, the map can fill the screen, and a wheel that zooms it traps the page.
        scrollWheelZoom: false,
        // On a touch screen one finger scrolls the page, as everywhere else on it (a map the height
        // of a small phone traps it otherwise); two fingers pan and zoom the map.
        dragging: !matchMedia('(pointer: coarse)').matches,
      });
      const wheel = (on: boolean) => () => (on ? this.map?.scrollWheelZoom.enable() : this.map?.scrollWheelZoom.disable());
      container.addEventListener('pointerdown', wheel(true));
      container.addEventListener('focusin', wheel(true));
      container.addEventListener('pointerleave', wheel(false));
      container.addEventListener('focusout', (event) => {
        if (!container.contains(event.relatedTarget as Node | null)) wheel(false)();
      });
      // Leaflet's own pans (arrow keys on the map, a focused marker brought into view) animate
      // unless told otherwise, and every pan of ours goes through panBy too.
      const panBy = this.map.panBy.bind(this.map);
      this.map.panBy = (offset, options) => panBy(offset, matchMedia(STILL).matches ? { ...options, animate: false } : options);
      this.zoomButtons = new ZoomButtons(view).addTo(this.map);
      this.attribution = new AttributionText().addTo(this.map);
      this.markerLayer.addTo(this.map);
      this.originLayer.addTo(this.map);
      // Clusters are asked for once a move or zoom has ended, never during one.
      this.map.on('moveend', () => this.redraw());
      this.resizeObserver = new ResizeObserver(() => this.map?.invalidateSize());
      this.resizeObserver.observe(container);
    }
    if (fresh || changed.labels) this.zoomButtons!.setLabels(view);
    if (fresh || changed.tiles) {
      this.setTiles(view.tileUrl);
      this.setAttribution(view.tileAttribution);
    }
    this.holding = true;
    try {
      if (fresh || changed.services) this.setServices(view);
      if (fresh || changed.services || changed.listed) this.setListed(view);
      if (fresh || changed.names) this.forgetNames();
      if (fresh || changed.origin) this.setOrigin(view.origin, view.originLabel, view.originArea);
      if (fresh || changed.services || changed.listed || changed.origin || changed.viewLimit) this.fit(view);
    } finally {
      this.holding = false;
    }
    if (fresh || changed.services || changed.selection) this.select(view.selectedId, !fresh && changed.selection);
    else this.redraw();
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

  /** A new index for a new `services` array; the same array keeps its index and its markers. */
  private setServices(view: MapView) {
    if (this.index?.services === view.services) return;
    this.index?.dispose();
    this.index = view.services.length ? new ClusterSource(view.services) : undefined;
    this.found = [];
    this.markerLayer.clearLayers();
    this.drawn.clear();
    this.order = [];
    this.labels.clear();
    this.selected = this.stop = this.focused = this.hinted = null;
  }

  /** Listed services by place in `services`, numbered from 1 in list order. */
  private setListed(view: MapView) {
    this.listed.clear();
    for (const i of this.index?.positionsOf(view.listed ?? []) ?? []) {
      if (i !== undefined && !this.listed.has(i)) this.listed.set(i, this.listed.size + 1);
    }
    this.pin();
  }

  private pin() {
    this.pinned = new Set(this.listed.keys());
    if (this.selectedIndex !== undefined) this.pinned.add(this.selectedIndex);
  }

  private get selectedIndex(): number | undefined {
    return this.selected === null ? undefined : this.index?.positionsOf([this.selected])[0];
  }

  /**
   * Asks the index what the view and a margin around it hold, then draws. An index built in a
   * worker answers later: the map is drawn at once with what it last found (and the pinned
   * services as they are now), and again when the answer to the latest question comes.
   */
  private redraw() {
    const map = this.map;
    if (!map || this.holding || !this.hasView) return;
    if (this.index) {
      const px = map.getPixelBounds();
      const sw = map.unproject([px.min!.x - EDGE_PX, px.max!.y + EDGE_PX]);
      const ne = map.unproject([px.max!.x + EDGE_PX, px.min!.y - EDGE_PX]);
      const found = this.index.query([sw.lng, sw.lat, ne.lng, ne.lat], map.getZoom(), this.pinned);
      // Every question takes a number, answered at once or not: a late answer to an older one is dropped.
      const [ticket, index] = [++this.ticket, this.index];
      if (Array.isArray(found)) this.found = found;
      else {
        void found.then((items) => {
          if (ticket !== this.ticket || index !== this.index || !this.map) return;
          this.found = items;
          if (!this.holding) this.draw();
        });
      }
    }
    this.draw();
  }

  /**
   * Draws the pinned services wherever they are, and the clusters and other services found for
   * the view, reusing the markers already there.
   */
  private draw() {
    const next = new Map<string, Spec>();
    const selected = this.selectedIndex;
    // Each drawn in the copy of the world the view shows: across the antimeridian, 179.9° W is
    // drawn at 180.1°, beside 179.9° E, not a world away.
    const middle = this.map!.getCenter().lng;
    const near = (lng: number) => lng + 360 * Math.round((middle - lng) / 360);
    const service = (i: number): Spec => {
      const s = this.index!.services[i];
      return { kind: 'service', index: i, lat: s.lat, lng: near(s.lng), rank: i, number: this.listed.get(i), shift: [0, 0] };
    };
    for (const item of this.found) {
      // A service pinned since the question was asked is drawn as pinned (below).
      if (item.kind === 'service') next.set(`s${item.index}`, service(item.index));
      else next.set(`c${item.id}`, { ...item, lng: near(item.lng), number: undefined, shift: [0, 0] });
    }
    for (const i of this.pinned) next.set(`s${i}`, service(i));
    fanOut(next, this.map!);
    const lost = this.focused !== null && !next.has(this.focused) ? this.drawn.get(this.focused)!.marker.getLatLng() : undefined;
    for (const [key, d] of this.drawn) {
      if (next.has(key)) continue;
      d.marker.remove();
      this.drawn.delete(key);
    }
    if (this.focused !== null && !next.has(this.focused)) this.focused = null;
    for (const [key, spec] of next) {
      const look =
        spec.kind === 'cluster' ? `c${spec.count}|${spec.types.join()}|${spec.named}` : `s${spec.index === selected}|${spec.number}|${spec.shift.join()}`;
      const d = this.drawn.get(key);
      if (!d) this.drawn.set(key, this.create(key, spec, look));
      else {
        d.spec = spec;
        if (d.marker.getLatLng().lng !== spec.lng) d.marker.setLatLng([spec.lat, spec.lng]);
        if (d.look !== look) {
          d.look = look;
          d.name = d.shownName = d.shownTab = d.current = undefined;
          d.marker.setIcon(this.icon(spec));
        }
      }
    }
    const rest = [...next.keys()].filter((key) => !(next.get(key)!.kind === 'service' && this.listed.has(next.get(key)!.rank)));
    rest.sort((a, b) => next.get(a)!.rank - next.get(b)!.rank);
    this.order = [...[...this.listed.keys()].map((i) => `s${i}`), ...rest];
    if (this.stop === null || !next.has(this.stop)) this.stop = selected !== undefined ? `s${selected}` : (this.order[0] ?? null);
    for (const key of this.drawn.keys()) this.paint(key);
    if (this.hinted !== null && !next.has(this.hinted)) this.hinted = null;
    this.drawTips();
    // The focused marker or cluster is gone (a cluster chosen, a zoom): focus the nearest in
    // view instead, so it is never lost to the page.
    if (lost) this.focusNear(lost);
  }

  private focusNear(at: LatLng) {
    const map = this.map!;
    const from = map.latLngToContainerPoint(at);
    const size = map.getSize();
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const [key, d] of this.drawn) {
      const p = map.latLngToContainerPoint(d.marker.getLatLng());
      if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) continue;
      const distance = p.distanceTo(from);
      if (distance < bestDistance) [best, bestDistance] = [key, distance];
    }
    const el = best === undefined ? map.getContainer() : this.drawn.get(best)!.marker.getElement()!;
    el.focus({ preventScroll: true });
  }

  private icon(spec: Spec) {
    if (spec.kind === 'cluster') return clusterIcon(this.countText(spec.count), spec.count);
    return serviceIcon(spec.index === this.selectedIndex, spec.number, spec.shift);
  }

  private create(key: string, spec: Spec, look: string): Drawn {
    // Brought into view on focus by showInside, with its name, not by Leaflet's pan for the icon alone.
    const m = createMarker([spec.lat, spec.lng], { icon: this.icon(spec), keyboard: true, riseOnHover: true, autoPanOnFocus: false });
    const d: Drawn = { marker: m, spec, look, z: 0 };
    m.on('click', () => this.activate(key));
    m.on('keydown', (e) => this.onKey(key, (e as LeafletKeyboardEvent).originalEvent));
    m.on('mouseover', () => this.hint(key));
    m.on('mouseout', () => this.hint(this.focused));
    m.on('add', () => {
      const el = m.getElement()!;
      el.addEventListener('focus', () => {
        this.focused = key;
        this.setStop(key);
        this.hint(key);
        this.showInside(d);
      });
      el.addEventListener('blur', () => {
        if (this.focused === key) this.focused = null;
        this.paint(key);
        this.hint(this.focused);
      });
      this.paint(key);
    });
    m.addTo(this.markerLayer);
    return d;
  }

  /** Choosing a service selects it; choosing a cluster zooms in until it splits. */
  private activate(key: string) {
    const d = this.drawn.get(key);
    if (!d) return;
    const { spec } = d;
    if (spec.kind === 'service') {
      this.onSelect(this.index!.services[spec.index]);
      return;
    }
    const index = this.index!;
    const zoomTo = (zoom: number) => {
      if (this.map && this.index === index) this.map.setView([spec.lat, spec.lng], Math.max(zoom, this.map.getZoom() + 1), { animate: false });
    };
    const zoom = index.expansionZoom(spec.id);
    if (typeof zoom === 'number') zoomTo(zoom);
    else void zoom.then(zoomTo);
  }

  private onKey(key: string, event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const at = this.order.indexOf(key);
    // Right is "next" in a left-to-right page and "previous" in a right-to-left one.
    const ahead = getComputedStyle(this.drawn.get(key)!.marker.getElement()!).direction === 'rtl' ? -1 : 1;
    const moves: Record<string, number> = {
      ArrowDown: at + 1,
      ArrowRight: at + ahead,
      ArrowUp: at - 1,
      ArrowLeft: at - ahead,
      Home: 0,
      End: this.order.length - 1,
    };
    const to = this.order[moves[event.key]];
    // Leaflet gives markers role="button" but activates them from the keyboard only for popups.
    if (event.key === 'Enter' || event.key === ' ') this.activate(key);
    // Focus only: Leaflet pans a focused marker into view if it is not already.
    else if (to !== undefined) this.drawn.get(to)!.marker.getElement()!.focus({ preventScroll: true });
    else if (!(event.key in moves)) return;
    event.preventDefault();
    // Leaflet's keyboard handler would pan the map with the same arrows.
    event.stopPropagation();
  }

  /** Names are worked out for what is drawn only, once each, so 100k services cost nothing here. */
  private label(d: Drawn): string {
    return (d.name ??= this.name(d.spec));
  }

  private name(spec: Spec): string {
    if (spec.kind === 'cluster') return this.view!.clusterLabel(spec.count, spec.types, this.index!.services[spec.named]);
    let label = this.labels.get(spec.index);
    if (label === undefined) this.labels.set(spec.index, (label = this.view!.label(this.index!.services[spec.index])));
    // Led by the number its pin shows, so the visible text is in the name (speech input says it).
    return spec.number === undefined ? label : `${spec.number}. ${label}`;
  }

  private countText(count: number) {
    return this.view!.countText(count);
  }

  /** New words or distances: names are worked out again, and clusters show their counts anew. */
  private forgetNames() {
    this.labels.clear();
    for (const d of this.drawn.values()) {
      d.name = undefined;
      if (d.spec.kind === 'cluster') d.look = '';
    }
  }

  /**
   * Name, state, tab stop and stacking of one marker or cluster. setIcon resets Leaflet's
   * tabindex, so this runs again after each.
   */
  private paint(key: string) {
    const d = this.drawn.get(key);
    const el = d?.marker.getElement();
    if (!d || !el) return;
    // Only what changed is written: a redraw after each move repaints every marker in view.
    const name = this.label(d);
    if (d.shownName !== name) el.setAttribute('aria-label', (d.shownName = name));
    const selected = d.spec.kind === 'service' && d.spec.index === this.selectedIndex;
    // The chosen place, as the list marks its item; not a toggle, which would promise un-pressing.
    if (selected !== d.current) {
      d.current = selected;
      if (selected) el.setAttribute('aria-current', 'true');
      else el.removeAttribute('aria-current');
    }
    const tab = key === this.stop ? 0 : -1;
    if (d.shownTab !== tab) el.tabIndex = d.shownTab = tab;
    const listed = d.spec.kind === 'service' && d.spec.number !== undefined;
    const z = key === this.focused ? FOCUSED_Z : selected ? SELECTED_Z : listed ? LISTED_Z : 0;
    if (z !== d.z) {
      d.z = z;
      d.marker.setZIndexOffset(z);
    }
  }

  private setStop(key: string) {
    const previous = this.stop;
    this.stop = key;
    if (previous !== null) this.paint(previous);
    this.paint(key);
  }

  /**
   * Pans a focused marker into view with its focus ring and its name's tooltip, as far as the map
   * has room (Leaflet's own pan keeps the icon alone inside: near an edge the name was cut off).
   */
  private showInside(d: Drawn) {
    const map = this.map!;
    const box = map.getContainer().getBoundingClientRect();
    const at = map.latLngToContainerPoint(d.marker.getLatLng()).add([box.left, box.top]);
    // How far the icon and its tooltip (the hint, or the selected one's when it is selected)
    // reach from the marker's point each way, with room for the focus ring, up to 45% of the map.
    const reach = [0, 0, 0, 0];
    for (const el of [d.marker.getElement(), (this.hintTip ?? this.selectedTip)?.getElement()]) {
      if (!el) continue;
      const r = el.getBoundingClientRect();
      [at.x - r.left, at.y - r.top, r.right - at.x, r.bottom - at.y].forEach((v, i) => (reach[i] = Math.max(reach[i], v)));
    }
    const [l, t, r, b] = reach.map((v, i) => Math.min(v + 6, (i % 2 ? box.height : box.width) * 0.45));
    map.panInside(d.marker.getLatLng(), { paddingTopLeft: [l, t], paddingBottomRight: [r, b] });
  }

  private hint(key: string | null) {
    this.hinted = key;
    this.drawTips();
  }

  /** The selected marker always shows its name; a hovered or focused one while it is. */
  private drawTips() {
    this.hintTip?.remove();
    this.selectedTip?.remove();
    const selected = this.selectedIndex === undefined ? null : `s${this.selectedIndex}`;
    this.hintTip = this.hinted === selected ? undefined : this.tip(this.hinted);
    this.selectedTip = this.tip(selected);
  }

  private tip(key: string | null) {
    const d = key === null ? undefined : this.drawn.get(key);
    if (!d) return undefined;
    const m = d.marker;
    // Text, never HTML (Trusted Types), and above the marker whatever its size.
    const text = document.createElement('span');
    text.textContent = this.label(d);
    const tip = tooltip({ direction: 'top', permanent: true }, m).setLatLng(m.getLatLng()).setContent(text).addTo(this.map!);
    // It repeats the marker's name: shown, but not read a second time.
    tip.getElement()!.setAttribute('aria-hidden', 'true');
    return tip;
  }

  private setOrigin(origin: LatLng | null, label: string, area: boolean) {
    this.originLayer.clearLayers();
    if (!origin) return;
    const m = createMarker([origin.lat, origin.lng], {
      icon: originIcon(area),
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

  /** Fits the listed services (all of them without a list) and the origin. */
  private fit(view: MapView) {
    const services = view.listed ? [...this.listed.keys()].map((i) => view.services[i]) : view.services;
    const points: [number, number][] = services.map((s) => [s.lat, s.lng]);
    if (view.origin) points.push([view.origin.lat, view.origin.lng]);
    const closest = Math.min(view.zoom, this.viewLimit(view.minViewKm, points.length ? points : [[20, 0]]));
    // No animation: an animated zoom still running when the element is removed makes
    // Leaflet 1.9 throw from a timer, and a jump is quicker on slow phones anyway.
    if (points.length === 0) this.map!.setView([20, 0], Math.min(2, closest), { animate: false });
    else if (Number.isFinite(closest) && closest < view.zoom) this.coarseView(boxOf(points), closest, view.origin !== null);
    else if (points.length === 1) this.map!.setView(points[0], closest, { animate: false });
    // Extra room at the top, a pin stands above its point; at the left, the zoom buttons; at the
    // bottom, the tiles' credit: nothing listed under them.
    else this.map!.fitBounds(boxOf(points), { paddingTopLeft: [72, 48], paddingBottomRight: [24, 28], maxZoom: closest, animate: false });
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

  /** Pins the selected service (drawn on its own, highlighted, a tab stop) and pans to it. */
  private select(id: string | null, pan: boolean) {
    this.selected = id;
    this.pin();
    const i = this.selectedIndex;
    if (i !== undefined) this.stop = `s${i}`;
    this.redraw();
    const m = i === undefined ? undefined : this.drawn.get(`s${i}`)?.marker;
    if (m && pan) this.map!.panTo(this.clearOfButtons(m));
  }

  /**
   * Where to centre the map on a chosen marker so its name's tooltip is not under the zoom
   * buttons: on a phone the name is about as wide as the map, and centred it reached under them.
   * The marker then sits lower, by as much as that takes (up to a quarter of the map's height).
   */
  private clearOfButtons(marker: Marker): LatLng {
    const map = this.map!;
    const at = marker.getLatLng();
    const tip = this.selectedTip?.getElement()?.getBoundingClientRect();
    const buttons = this.zoomButtons?.getContainer()?.getBoundingClientRect();
    if (!tip || !buttons) return at;
    // How far the tooltip's top, once the marker's point is at the middle, is above the buttons' bottom.
    const height = map.getSize().y;
    const point = map.latLngToContainerPoint(at);
    const lower = buttons.bottom + 6 - (tip.top - point.y + height / 2);
    return lower > 0 ? map.containerPointToLatLng(point.subtract([0, Math.min(lower, height / 4)])) : at;
  }

  /** The marker for a service id, if drawn, for tests and advanced integrations. */
  markerFor(id: string): Marker | undefined {
    const i = this.index?.positionsOf([id])[0];
    return i === undefined ? undefined : this.drawn.get(`s${i}`)?.marker;
  }
}

export { leafletStyles } from './leaflet-styles.js';
