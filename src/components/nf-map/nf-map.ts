import { ifDefined } from 'lit/directives/if-defined.js';
import { LitElement, adoptStyles, html, nothing, type ComplexAttributeConverter, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { customElement } from '../../util/define.js';
import { hostStyles } from '../../styles/host.js';
import { mapStyles } from './nf-map.styles.js';
import type { MapController } from './map-controller.js';
import { nextTask } from '../../util/yield.js';
import { preloadKdbush } from '../../util/preload.js';
import { distanceKm, formatDistance, isLocated } from '../../geo/distance.js';
import { LocaleController, type StringOverrides } from '../../i18n/localize.js';
import { defaultUnits } from '../../i18n/units.js';
import { placeLabel } from '../../util/place-label.js';
import { checkNumbers, checkTexts, coordinate, numberIn, originFrom, unitsConverter } from '../../util/attributes.js';
import { roundDistanceKm } from '../../query/query.js';
import { givenServices } from '../../feed/given-services.js';
import { NfServiceSelectEvent } from '../../events.js';
import type { LatLng, LocatedService, Service, ServiceType, Units } from '../../types.js';

declare global {
  interface HTMLElementTagNameMap {
    'nf-map': NfMap;
  }
}

/** From this many services up, a new set is drawn a task after the update that brought it (the cluster worker's threshold too). */
const DRAW_LATER_FROM = 2000;

/** `min-view-km`: a positive number, or nothing; anything else is reported, not guessed at. */
const minViewKm: ComplexAttributeConverter<number | undefined> = {
  fromAttribute(value) {
    if (value === null || value.trim() === '') return undefined;
    const km = Number(value);
    if (Number.isFinite(km) && km > 0) return km;
    console.error(`nf-map: min-view-km="${value}" is not a positive number of km, so the map has no view limit.`);
    return undefined;
  },
  toAttribute: (value) => (value === undefined ? null : String(value)),
};

export const OSM_TILES = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
/** The default tiles' credit in English (the map says it in the page's language: `osmCredit` in the strings). */
export const OSM_ATTRIBUTION = '© [OpenStreetMap](https://www.openstreetmap.org/copyright) contributors';

/**
 * Starts fetching the map chunk (Leaflet and its CSS); the same module promise every time. The
 * finder calls it as it starts loading its feed, so the two download side by side.
 */
export const preloadMap = () => {
  preloadKdbush();
  return import('./map-controller.js');
};

/** How long "Use two fingers to move the map" stays after the finger stops, ms. */
const HINT_MS = 1500;

/** The number attributes, also checked when set as properties (checkNumbers). */
const NUMBERS = {
  zoom: numberIn('zoom', 15, { min: 0 }, 'nf-map'),
  latitude: coordinate('nf-map', 'latitude'),
  longitude: coordinate('nf-map', 'longitude'),
};

/**
 * A Leaflet map of services and the origin. Nearby services merge into clusters (a disc with
 * their count, named "12 services: Naloxone, Treatment. Including …" and one service it
 * holds); choosing one zooms in until it splits. Services at one point, or a few metres apart,
 * are fanned out around it once nothing can split them.
 * Only what is in view is drawn, so it takes 100,000 services. Works alone or inside
 * `<naloxone-finder>`, which gives it every matching service and, in `listed`, the ones its
 * list shows: those are never clustered and carry the list's numbers.
 *
 * Privacy: tile images are requested with no Referer, and `min-view-km` keeps every automatic
 * fit at least that many km across, so the tiles a visitor's browser fetches never narrow
 * down where they are. Selecting a service still pans to it (its place is public).
 *
 * Keyboard: the map itself takes focus (arrow keys pan, plus and minus zoom, as its description
 * says); the markers and clusters are one tab stop (the selected one, else the first), and
 * arrow keys, Home and End move between them: listed services in list order, then the rest
 * in `services` order (a cluster where its first service would be). Enter or Space selects a
 * service or zooms into a cluster, and focus moves to what is nearest where it was.
 *
 * Works under a strict Content-Security-Policy with Trusted Types and no policy of its own:
 * zoom buttons and attribution are built from DOM nodes, never HTML.
 *
 * @summary Map of services; supports the list, never replaces it.
 *
 * @csspart map - The map container.
 * @csspart two-finger-hint - "Use two fingers to move the map", over the map for a moment when one finger moves on it on a touch screen.
 *
 * @cssproperty [--nf-map-height=360px] - Height of the map.
 * @cssproperty [--nf-color-marker=var(--nf-color-accent)] - Marker colour.
 * @cssproperty [--nf-color-marker-selected=#c2410c] - Colour of the selected marker.
 * @cssproperty [--nf-color-origin=#1a73e8] - Colour of the origin dot.
 * @cssproperty [--nf-color-on-marker=var(--nf-color-on-accent)] - Colour of the list number on a listed marker.
 * @cssproperty [--nf-color-cluster=var(--nf-color-accent)] - Colour of a cluster's disc.
 * @cssproperty [--nf-color-on-cluster=var(--nf-color-on-accent)] - Colour of a cluster's count.
 *
 * @fires {NfServiceSelectEvent} nf-service-select - A visitor chose a marker. `detail: { service, distance }`, distance in km or null.
 */
@customElement('nf-map')
export class NfMap extends LitElement {
  static override styles = [hostStyles, mapStyles];

  /**
   * Services to map, up to every one the finder matches (100,000 and more): nearby ones
   * merge into clusters, and only what is in view is drawn. Those without coordinates are
   * left off. Give the same array again to keep the cluster index (built once per array).
   * Validated records (the `services` of `await parseFeedData(data)`); others are read as a
   * native feed, and the console says so.
   */
  @property({ attribute: false }) services: readonly Service[] = [];

  /**
   * Ids of the services a list beside the map shows, in its order. Each is drawn on its own,
   * never in a cluster, numbered from 1 as the list is, and automatic fits show these (and the
   * origin) rather than every service. Unset: every service may cluster, none numbered.
   */
  @property({ attribute: false }) listed?: readonly string[];

  /** Origin latitude, marked on the map and used for distances in events and in the names of markers `distances` leaves out. */
  @property({ converter: NUMBERS.latitude }) latitude?: number;

  /**
   * The origin is an area, not a point: the visitor's, rounded to a grid by the finder, so the
   * map never holds their point. It is drawn as a ring named by `originLabel`, and neither marker
   * names nor `nf-service-select` measure from it.
   */
  @property({ type: Boolean, attribute: 'origin-is-area' }) originIsArea = false;

  /** Origin longitude. */
  @property({ converter: NUMBERS.longitude }) longitude?: number;

  /** Accessible name of the origin marker ("Your location"); default "Starting point" in the page language. */
  @property({ attribute: 'origin-label' }) originLabel?: string;

  /** Zoom used when there is a single point, and the closest zoom when fitting. */
  @property({ converter: NUMBERS.zoom }) zoom = 15;

  /** The id of the selected service: its marker is highlighted and the map pans to it. */
  @property({ attribute: 'selected-id' }) selectedId: string | null = null;

  /**
   * Tile URL template (`{z}/{x}/{y}`). Defaults to OpenStreetMap; `none` draws no tiles and
   * makes no tile requests.
   */
  @property({ attribute: 'tile-url' }) tileUrl = OSM_TILES;

  /**
   * Credit for the tiles: text with links, as providers publish it, either HTML
   * (`&copy; <a href="https://…">Name</a>`) or Markdown (`[Name](https://…)`). Read into text
   * and links, never used as HTML: only http(s) links are kept, other tags keep their text.
   */
  @property({ attribute: 'tile-attribution' }) tileAttribution?: string;

  /**
   * The least distance, in km, the map shows across its width after an automatic fit (new
   * services or a new origin), so the fitted view and the tiles it requests never reveal a
   * smaller area. Unset means no limit. Visitors can still zoom in themselves.
   */
  @property({ attribute: 'min-view-km', converter: minViewKm }) minViewKm?: number;

  /**
   * Distance of each service from the origin, in km, by service id (the finder's rounded
   * distances). Each marker's name then ends with it: "London Drugs, 710 Granville Street, 0.2 km".
   * A service not in it is measured from `latitude`/`longitude` when the map has them.
   */
  @property({ attribute: false }) distances?: ReadonlyMap<string, number>;

  /** Units of those distances in marker names; by default those of the page language. */
  @property({ converter: unitsConverter('nf-map') }) units?: Units;

  /**
   * Words to use instead of the language's own: any part of `Strings`, down to one word, e.g.
   * `{ useMyLocation: 'Find naloxone near me' }`. The rest comes from the page language.
   */
  @property({ attribute: false }) strings?: StringOverrides;

  /** The words the map was last drawn with. */
  private shownWords?: object;
  /** Words in the element's language (`lang` here or on an ancestor), under the partner's `strings`. */
  private readonly l10n = new LocaleController(this);
  private get t() {
    return this.l10n.t;
  }

  @query('.map') private container!: HTMLElement;

  @state() private loadFailed = false;
  /** "Use two fingers to move the map": shown a moment after one finger moved on the map. */
  @state() private twoFingerHint = false;
  private hintTimer?: ReturnType<typeof setTimeout>;

  private controller?: MapController;
  /** `services` with coordinates, worked out once per array so the index is kept. */
  private located: readonly LocatedService[] = [];
  private listFormat?: { lang: string; format: Intl.ListFormat };
  private loading?: Promise<void>;
  /** Everything changed since the map was last drawn, kept while Leaflet is still loading. */
  private pending = new Set<PropertyKey>();
  /** A draw put off to a task of its own (see `updated`). */
  private drawing?: Promise<void>;

  /** The underlying Leaflet map, once rendered (for advanced integrations). */
  get leafletMap() {
    return this.controller?.map;
  }

  override connectedCallback() {
    super.connectedCallback();
    // Leaflet is a separate chunk, fetched only when a map is actually shown: the list
    // never waits for it, and list-only pages never download it.
    this.loading ??= this.loadLeaflet();
    // After a disconnect the controller removed its map: the next update draws a new one.
    if (this.hasUpdated) this.requestUpdate();
  }

  /** Evaluating Leaflet, adopting its CSS and drawing the map each get a task of their own. */
  private async loadLeaflet() {
    try {
      const { MapController, leafletStyles } = await preloadMap();
      await nextTask();
      adoptStyles(this.shadowRoot!, [...NfMap.elementStyles, leafletStyles]);
      await nextTask();
      this.controller = new MapController(this, (service) => this.select(service));
      this.requestUpdate();
    } catch (error) {
      this.loadFailed = true;
      console.error(`nf-map: the map could not be loaded (${(error as Error)?.message ?? error}); the list still has every service.`);
    }
  }

  /** Also waits for Leaflet to load (and a draw put off, see `updated`), so `await el.updateComplete` means the map is drawn. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await super.getUpdateComplete();
    await this.loading;
    await this.drawing;
    return this.loading && this.isUpdatePending ? this.getUpdateComplete() : result;
  }

  /** Joins type labels as the element's language does ("Naloxone, Treatment"). */
  private formats(lang: string) {
    if (this.listFormat?.lang !== lang) this.listFormat = { lang, format: new Intl.ListFormat(lang, { type: 'unit' }) };
    return this.listFormat;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    checkNumbers(this, changed, NUMBERS);
    // `tile-url` taken away (null) keeps meaning no tiles: no request to the default's host.
    checkTexts(this, changed, { tileAttribution: undefined, originLabel: undefined }, 'nf-map');
    if (changed.has('services')) this.services = givenServices('nf-map', this.services);
  }

  protected override updated(changed: PropertyValues<this>) {
    for (const key of changed.keys()) this.pending.add(key);
    // The words change with the language as well as with `strings`.
    if (this.t !== this.shownWords) {
      this.shownWords = this.t;
      this.pending.add('strings');
      this.pending.add('originLabel');
    }
    // Many new services are drawn in a task of their own, after the one that rendered the list
    // beside the map (together, over 250 ms at 100,000 services and 4× CPU slowdown). A draw put
    // off takes every change made until it runs.
    if (this.drawing) return;
    if (changed.has('services') && this.services.length >= DRAW_LATER_FROM) {
      this.drawing = nextTask().then(() => {
        this.drawing = undefined;
        this.draw();
      });
    } else this.draw();
  }

  /** Hands everything changed since the last draw to the map. */
  private draw() {
    if (!this.controller || !this.container) return;
    const has = (key: string) => this.pending.has(key);
    // The finder hands over only services with a position: no copy of 100,000 then.
    if (has('services')) this.located = this.services.every(isLocated) ? this.services : this.services.filter(isLocated);
    const tiles = this.tileUrl && this.tileUrl !== 'none' ? this.tileUrl : null;
    const attribution = this.tileAttribution ?? (this.tileUrl === OSM_TILES ? this.t.osmCredit : '');
    const lang = this.l10n.lang;
    const units = this.effectiveUnits;
    const origin = originFrom(this.latitude, this.longitude);
    this.controller.render(
      this.container,
      {
        services: this.located,
        listed: this.listed,
        label: (service) => {
          const km = this.markerDistance(service, origin, units);
          return placeLabel(service, km === undefined ? undefined : formatDistance(km, units, lang));
        },
        clusterLabel: (count: number, types: ServiceType[], including: LocatedService) =>
          this.t.clusterLabel(count, this.formats(lang).format.format(types.map((type) => this.t.typeLabels[type])), including.name),
        countText: (count: number) => this.t.clusterCount(count),
        origin,
        originLabel: this.originLabel ?? this.t.startingPoint,
        originArea: this.originIsArea,
        selectedId: this.selectedId,
        tileUrl: tiles,
        tileAttribution: attribution,
        zoom: this.zoom,
        minViewKm: this.minViewKm,
        zoomIn: this.t.zoomIn,
        zoomOut: this.t.zoomOut,
      },
      {
        services: has('services'),
        listed: has('listed'),
        origin: has('latitude') || has('longitude') || has('originLabel') || has('originIsArea'),
        selection: has('selectedId'),
        // The default credit is in the page's language.
        tiles: has('tileUrl') || has('tileAttribution') || has('strings'),
        labels: has('strings'),
        names: has('distances') || has('units') || has('strings') || has('latitude') || has('longitude') || has('originIsArea'),
        viewLimit: has('minViewKm'),
      },
    );
    this.pending.clear();
  }

  /**
   * The distance a marker's name ends with, in km: the one the finder gave in `distances`, else
   * measured here from the origin and rounded as the list rounds, so a service off the list's page
   * reads as a listed one does. Asked only as a marker's name is made, never for every service.
   */
  private markerDistance(service: LocatedService, origin: LatLng | null, units: Units): number | undefined {
    const given = this.distances?.get(service.id);
    if (given !== undefined) return given;
    return origin && !this.originIsArea ? roundDistanceKm(distanceKm(origin, service), units) : undefined;
  }

  /** The units of distances in marker names and events: `units`, else the page language's. */
  private get effectiveUnits(): Units {
    return this.units ?? defaultUnits(this.l10n.lang);
  }

  private select(service: Service) {
    this.selectedId = service.id;
    const origin = this.originIsArea ? null : originFrom(this.latitude, this.longitude);
    // Rounded as the list rounds: the event says no more than the screen does.
    const km = origin && isLocated(service) ? roundDistanceKm(distanceKm(origin, service), this.effectiveUnits) : null;
    this.dispatchEvent(new NfServiceSelectEvent({ service, distance: km }));
  }

  /**
   * On a touch screen one finger scrolls the page over the map (map-controller.ts): a finger
   * that moves there is told, for a moment, how to move the map. Hidden from screen readers,
   * whose users do not drag; `mapKeys` describes the map to them.
   */
  private onTouchMove = (event: TouchEvent) => {
    if (this.leafletMap?.dragging.enabled()) return;
    clearTimeout(this.hintTimer);
    this.twoFingerHint = event.touches.length === 1;
    if (this.twoFingerHint) this.hintTimer = setTimeout(() => (this.twoFingerHint = false), HINT_MS);
  };

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.hintTimer);
    this.twoFingerHint = false;
  }

  override render() {
    return html`<div class="root">
      <div
        class="map"
        part="map"
        role="group"
        aria-label=${this.t.mapLabel}
        aria-describedby="keys"
        @touchmove=${{ handleEvent: this.onTouchMove, passive: true }}
      ></div>
      <p class="two-fingers" part="two-finger-hint" aria-hidden="true" ?hidden=${!this.twoFingerHint} lang=${ifDefined(this.l10n.fallbackLang)}>
        ${this.t.twoFingers}
      </p>
      <p id="keys" class="visually-hidden" lang=${ifDefined(this.l10n.fallbackLang)}>${this.t.mapKeys}</p>
      ${this.loadFailed ? html`<p class="failed" role="status" lang=${ifDefined(this.l10n.fallbackLang)}>${this.t.mapFailed}</p>` : nothing}
    </div>`;
  }
}
