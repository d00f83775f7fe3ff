import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from './util/define.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { Task, TaskStatus } from '@lit/task';
import { hostStyles } from './styles/host.js';
import { finderStyles } from './naloxone-finder.styles.js';
import { loadFeed, FeedLoadError, type LoadedFeed, type LoadOptions } from './feed/load-feed.js';
import { DEFAULT_MAX_FEED_MB } from './feed/fetch-feed.js';
import { parseFeedData, type FeedFormat } from './feed/parse-feed.js';
import { readFieldMap, type FieldMap } from './feed/field-map.js';
import { CLOSED_REASON } from './feed/validate.js';
import { reportLater } from './feed/report.js';
import { defaultUnits } from './i18n/units.js';
import { dateFormat } from './i18n/intl.js';
import { locate, LocateError, type LocateErrorKind } from './geo/geolocation.js';
import type { Strings } from './i18n/strings.js';
import { LocaleController, registerLocale, type StringOverrides } from './i18n/localize.js';
import {
  checkNumbers,
  checkTexts,
  coordinate,
  DEFAULT_DIRECTIONS_URL,
  headingLevel,
  numberIn,
  originFrom,
  positiveNumber,
  typesConverter,
  unitsConverter,
} from './util/attributes.js';
import {
  rankedDistance,
  rankSelection,
  selectServices,
  selectServicesSliced,
  withOpenAt,
  type RankedResults,
  type Ranking,
  type Selection,
} from './query/query.js';
import type { ServiceIndex } from './query/spatial-index.js';
import { readFilterList, type FilterCounts, type Filters } from './query/filters.js';
import { coordinateZones, isOpenAt, knownTimeZone, serviceRules } from './hours/index.js';
import { wallClock } from './hours/zone.js';
import type { HoursClock } from './components/nf-service-list/nf-service-list.js';
import { formatDistance, isLocated, KM_PER_MILE } from './geo/distance.js';
import { safeWebUrl } from './util/safe-url.js';
import { newTabLink } from './util/new-tab-link.js';
import { forEachSliced, nextTask } from './util/yield.js';
import { sameItems } from './util/same-items.js';
import {
  NfFeedErrorEvent,
  NfFeedLoadEvent,
  NfLocationChangeEvent,
  NfResultsChangeEvent,
  NfServiceSelectEvent,
  type NfFiltersChangeEvent,
  type NfShowMoreEvent,
} from './events.js';
import { OSM_TILES, preloadMap } from './components/nf-map/nf-map.js';
import { preloadKdbush } from './util/preload.js';
import './components/nf-service-list/nf-service-list.js';
import './components/nf-map/nf-map.js';
import './components/nf-filter-bar/nf-filter-bar.js';
import './components/nf-overdose-card/nf-overdose-card.js';
import { countryOfRegion, isRegionCode, mainCountry, northAmericaAt } from './components/nf-overdose-card/emergency-number.js';
import { markValidated } from './feed/given-services.js';
import { placeLabel } from './util/place-label.js';
import './components/nf-place-search/nf-place-search.js';
import type { NfPlaceSelectEvent } from './components/nf-place-search/events.js';
import type { PartnerPlace } from './places/search.js';
import type { LatLng, RankedService, Service, ServiceType, Units } from './types.js';

/** The early page has no by-mail services: they come with the whole feed. */
const NO_SERVICES: Service[] = [];

/** What the finder shows: the visitor's selection of the feed, ranked from where they are. */
type Results = Ranking & { selection: Selection };
/** A loaded feed with its spatial index (none if the index's chunk could not be loaded). */
type FinderFeed = LoadedFeed & { index?: ServiceIndex };

declare global {
  interface HTMLElementTagNameMap {
    'naloxone-finder': NaloxoneFinder;
  }
}

/** While the device location is in use, the map shows no less than this many km across. */
const PRIVATE_VIEW_KM = 50;

/** Degrees of the grid the visitor's area is rounded to on the map: about 1.1 km north to south. */
const AREA_GRID_DEG = 0.01;

/** The visitor's point rounded to the area grid: what the map may hold once they ask to see their area. */
const areaOf = (point: LatLng): LatLng => ({
  lat: Math.round(point.lat / AREA_GRID_DEG) / (1 / AREA_GRID_DEG),
  lng: Math.round(point.lng / AREA_GRID_DEG) / (1 / AREA_GRID_DEG),
});

const DEFAULT_TIMEOUT_S = 15;
/** The default search radius, in the element's units. */
const DEFAULT_RADIUS = { km: 50, mi: 30 } as const;
const DEFAULT_CACHE_DAYS = 30;
/** Where the time zones stand in the selection's key (see `select`). */
const ZONES_KEY = 3;

const LOCATE_MESSAGES: Record<LocateErrorKind, keyof Strings> = {
  denied: 'locationDenied',
  unavailable: 'locationUnavailable',
  timeout: 'locationTimeout',
  unsupported: 'locationUnsupported',
  insecure: 'locationInsecure',
};

/** What `format` may say. */
const FORMATS: readonly string[] = ['auto', 'json', 'native', 'geojson', 'csv', 'hsds'];
/** Feed errors another try may mend: the network's or the server's, not the file's content. */
/** How a scroll of ours moves: at once for a visitor who asks for less motion. */
const scrollMotion = (): ScrollBehavior => (matchMedia('(prefers-reduced-motion: reduce)').matches ? 'instant' : 'auto');

const RETRY_KINDS: ReadonlySet<string> = new Set(['http', 'network', 'timeout', 'empty', 'aborted']);

/** The finder's `units`, also read when a page script sets the property to text. */
const unitsAttribute = unitsConverter('naloxone-finder');

/** `filters="free, open-now"` → the preset filters; unknown words are reported and ignored. */
const filtersConverter = {
  fromAttribute(value: string | null): Filters | undefined {
    if (value === null) return undefined;
    const { filters, unknown } = readFilterList(value);
    if (unknown.length) console.warn(`naloxone-finder: unknown filter(s) ignored: ${unknown.join(', ')}`);
    return filters;
  },
};

/** `radius="25"` → 25, `radius="none"` → 'none'; anything else is reported and the default used. */
const radiusConverter = {
  fromAttribute(value: string | null): number | 'none' | undefined {
    if (value === null) return undefined;
    if (value.trim().toLowerCase() === 'none') return 'none';
    const n = Number(value);
    if (value.trim() !== '' && Number.isFinite(n) && n > 0) return n;
    console.error(`naloxone-finder: radius="${value}" is not a positive distance or "none"; using the default (50 km / 30 mi).`);
    return undefined;
  },
};

/** The number attributes, also checked when set as properties (checkNumbers). */
const NUMBERS = {
  timeout: positiveNumber('timeout', 'seconds', DEFAULT_TIMEOUT_S),
  cacheDays: positiveNumber('cache-days', 'days', DEFAULT_CACHE_DAYS, { zero: true }),
  maxFeedMb: positiveNumber('max-feed-mb', 'megabytes', DEFAULT_MAX_FEED_MB),
  zoom: numberIn('zoom', 15, { min: 0 }),
  limit: numberIn('limit', 20, { min: 1, whole: true }),
  staleAfter: numberIn('stale-after', 365, { min: 0 }),
  headingLevel,
  latitude: coordinate('naloxone-finder', 'latitude'),
  longitude: coordinate('naloxone-finder', 'longitude'),
};

/**
 * The text attributes that are read (addresses, codes, templates), also checked when set as
 * properties (checkTexts), with their defaults. Those only shown (labels) show any value as text;
 * `tile-url` taken away (null) keeps meaning no tiles, never a request to the default's host.
 */
const TEXTS = {
  mailUrl: undefined,
  reportUrl: undefined,
  timezone: undefined,
  placeRegion: undefined,
  geocoderUrl: undefined,
  emergencyNumber: undefined,
  trainingUrl: undefined,
  tileAttribution: undefined,
  directionsUrl: DEFAULT_DIRECTIONS_URL,
};

/**
 * The drop-in locator: loads a feed, then shows the nearest services in a list and on a map.
 *
 * @summary Find the nearest naloxone and harm-reduction services.
 *
 * @csspart base - The wrapper around everything the element shows.
 * @csspart overdose-summary - From the overdose card: "If someone may be overdosing", which opens the steps.
 * @csspart overdose-steps - From the overdose card: the numbered steps.
 * @csspart overdose-call - From the overdose card: the link that calls the emergency number.
 * @csspart toolbar - The row with the location button and the status message.
 * @csspart locate-button - The "Use my location" button.
 * @csspart status - Where the list is sorted from, or why the location could not be used.
 * @csspart place-search - The "ZIP code, postal code or city" search form (the `form` part of `nf-place-search`).
 * @csspart filter-toggle - From the filter bar: the "Filters" button (at every width).
 * @csspart filter-panel - From the filter bar: the groups of checkboxes.
 * @csspart filter-group - From the filter bar: one group.
 * @csspart filter-summary - From the filter bar: "8 of 51 services match: Free, Open now".
 * @csspart clear-filters - From the filter bar: "Clear filters".
 * @csspart radius-note - "Nothing within 30 mi of …", when every match lies beyond the radius.
 * @csspart by-mail - The "Naloxone by mail" card shown with it.
 * @csspart area-button - "Show my area on the map", offered once the device location is in use.
 * @csspart area-note - The note beside it: which host the map images come from.
 * @csspart error - The message shown when the feed could not be loaded.
 * @csspart retry-button - "Try again" under that message, when another try may pass (the network or the server failed, not the file).
 * @csspart stale - "Could not refresh the list; showing data from <date>", when the last good copy is shown.
 * @csspart list - From the list: the `<ol>` of results.
 * @csspart item - From the list: one result; the selected one has `aria-current="true"`.
 * @csspart name - From the list: the service name, in the result's heading.
 * @csspart show-on-map - From the list: a result's "Show on map" button.
 * @csspart chosen - From the list: "Chosen on the map", above a service chosen on the map that the shown results do not hold.
 * @csspart skip-link - "Skip to the map", above the list: shown when focused, it moves the focus to the map.
 * @csspart show-in-list - Under the map once a marker is chosen: "Show in the list: <name>", to that result and its links.
 * @csspart distance - From the list: the distance.
 * @csspart type-list - From the list: the service type labels.
 * @csspart features - From the list: free, no ID needed, walk-in, languages.
 * @csspart item-status - From the list (its `status` part): "Temporarily closed".
 * @csspart hours-status - From the list: "Open now · closes 5 PM", "Closed · opens Mon 9 AM", "Open 24 hours".
 * @csspart hours-note - From the list: "Hours: …", the hours as written, where they give no "Open now".
 * @csspart hours-week - From the list: the week's hours in the details.
 * @csspart verified - From the list: "Information checked <date>".
 * @csspart no-position - From the list: the heading above services without a map position.
 * @csspart mail-heading - From the list (its `by-mail` part): the heading and note above the services that send naloxone by mail.
 * @csspart address - From the list: the address.
 * @csspart actions - From the list: the call, directions and website links.
 * @csspart summary - From the list: "N services".
 * @csspart show-more - From the list: the "Show N more" button.
 * @csspart details-button - From the list: a result's "Details" button.
 * @csspart details - From the list: a result's details.
 * @csspart stale-note - From the list: "This information may be out of date".
 * @csspart report - From the list: "Report a problem".
 * @csspart map - From the map: the map container.
 * @csspart two-finger-hint - From the map: "Use two fingers to move the map", shown when one finger moves on it on a touch screen.
 *
 * @cssproperty [--nf-font-family=system-ui, …] - All text.
 * @cssproperty [--nf-font-size=1rem] - Base text size: every text scales with it.
 * @cssproperty [--nf-color-text=#1b1b1b / dark #ececec] - Body text.
 * @cssproperty [--nf-color-muted=#4a4a4a / dark #b3b8bf] - Secondary text (addresses, notes), text box borders.
 * @cssproperty [--nf-color-background=#ffffff / dark #17191c] - Background.
 * @cssproperty [--nf-color-accent=#005a9c / dark #8cc8ff] - Links, buttons, focus ring, markers, the selected result's bar.
 * @cssproperty [--nf-color-border=#c8c8c8 / dark #5f6670] - Item and map borders.
 * @cssproperty [--nf-color-selected=#fff4cc / dark #3a3320] - Background of the selected item; the stale-data note unless --nf-color-warning-background is set.
 * @cssproperty [--nf-radius=6px] - Corner radius.
 * @cssproperty [--nf-map-height=360px] - Height of the map (and of the list beside it on wide layouts).
 * @cssproperty [--nf-color-marker=var(--nf-color-accent)] - Marker colour.
 * @cssproperty [--nf-color-marker-selected=#c2410c] - Colour of the selected marker.
 * @cssproperty [--nf-color-on-marker=var(--nf-color-on-accent)] - The list number on a listed service's marker.
 * @cssproperty [--nf-color-cluster=var(--nf-color-accent)] - A cluster's disc and ring.
 * @cssproperty [--nf-color-on-cluster=var(--nf-color-on-accent)] - A cluster's count.
 * @cssproperty [--nf-color-origin=#1a73e8] - The origin dot, and the ring of the visitor's area.
 * @cssproperty [--nf-color-error=#b00020 / dark #ff8a8a] - Border of the feed error message.
 * @cssproperty [--nf-color-on-accent=#ffffff / dark #101214] - Text on accent-coloured buttons ("Use my location", "Search").
 * @cssproperty [--nf-color-warning=#8a1c14 / dark #ffb4ab] - "Temporarily closed" text.
 * @cssproperty [--nf-color-warning-background=#fde2e1 / dark #4a1d1a] - Behind "Temporarily closed".
 * @cssproperty [--nf-color-urgent=#a4262c / dark #ff9b94] - The overdose card's border and call link (its text is --nf-color-on-accent).
 *
 * @fires {NfFeedLoadEvent} nf-feed-load - The feed was loaded. `detail: { count, skipped, warnings, format, staleSince? }`.
 * @fires {NfFeedErrorEvent} nf-feed-error - The feed could not be loaded. `detail: { kind, message, status, src, skipped? }`.
 * @fires {NfServiceSelectEvent} nf-service-select - A visitor chose a service in the list or on the map. `detail: { service, distance }`, distance in km rounded as the list shows it, or null.
 * @fires {NfLocationChangeEvent} nf-location-change - The origin changed. `detail: { source }` (`device`, `search`, `attribute`, `none`); never carries coordinates.
 * @fires {NfFiltersChangeEvent} nf-filters-change - The visitor changed the filters. `detail: { filters }`.
 * @fires {NfResultsChangeEvent} nf-results-change - The results shown changed (feed, origin, types, "Show more"). `detail: { services }` in list order.
 */
@customElement('naloxone-finder')
export class NaloxoneFinder extends LitElement {
  static override styles = [hostStyles, finderStyles];

  /**
   * Adds a language for every finder on the page: `NaloxoneFinder.registerLocale('pt', {...})`,
   * then `lang="pt"` picks it. Keys left out fall back to English, with one console warning.
   */
  static registerLocale(tag: string, strings: StringOverrides): void {
    registerLocale(tag, strings);
  }

  /** URL of the feed: native JSON, GeoJSON, CSV or Open Referral (HSDS) JSON. */
  @property() src?: string;

  /** Feed data passed directly instead of `src` (any JSON format); validated the same way. */
  @property({ attribute: false }) services?: unknown;

  /**
   * The feed's format: `auto` (default, detected from the content), `json` (any JSON kind),
   * `native`, `geojson`, `csv` or `hsds`.
   */
  @property() format: FeedFormat | 'json' | 'auto' = 'auto';

  /**
   * Where the partner's data keeps our fields, as JSON: `{"records": "data.items", "name":
   * "PHARMACY NAME", "typeMap": {"Narcan": "naloxone"}}`. See the README.
   */
  @property({ attribute: 'field-map' }) fieldMap?: FieldMap | string | null;

  /** Types given to records that have none, e.g. `default-types="naloxone"` for a pharmacy list. */
  @property({ attribute: 'default-types', converter: typesConverter }) defaultTypes: ServiceType[] | null = null;

  /**
   * Seconds to wait for the server on each try: for its answer, then for each piece of the feed
   * (a download that keeps coming is never cut off). Default 15; anything but a positive number
   * is reported and the default used.
   */
  @property({ converter: NUMBERS.timeout }) timeout: number = DEFAULT_TIMEOUT_S;

  /**
   * Days to keep the last good copy of the feed on the visitor's device, shown when a refresh
   * fails. Default 30; `0` stores nothing (and removes a stored copy).
   */
  @property({ attribute: 'cache-days', converter: NUMBERS.cacheDays }) cacheDays: number = DEFAULT_CACHE_DAYS;

  /**
   * Largest feed accepted, in megabytes (MiB). Default 20; anything but a positive number is
   * reported and the default used. Raise it for a national directory (up to 100 or more): feeds
   * above 2 MB are read in a worker, so the page stays responsive, but the visitor's device still
   * downloads the whole file and holds its services in memory (about the size of the file), and
   * the last good copy kept on the device (`cache-days`) is that size too.
   */
  @property({ attribute: 'max-feed-mb', converter: NUMBERS.maxFeedMb }) maxFeedMb: number = DEFAULT_MAX_FEED_MB;

  /** Default origin latitude (e.g. the partner's city centre). */
  @property({ converter: NUMBERS.latitude }) latitude?: number;

  /** Default origin longitude. */
  @property({ converter: NUMBERS.longitude }) longitude?: number;

  /** Words for the default origin in "Nearest first from …", e.g. "downtown Vancouver". */
  @property({ attribute: 'origin-label' }) originLabel?: string;

  /** Map zoom for a single point, and the closest zoom when fitting results. */
  @property({ converter: NUMBERS.zoom }) zoom = 15;

  /**
   * `mi` or `km` (any case). Defaults from the page language: miles for US and UK English.
   * Anything else is reported, and the language's units used.
   */
  @property({ reflect: true, converter: unitsAttribute }) units?: Units;

  /** Results shown at first, and added by each "Show more": a whole number, 1 or more (default 20). */
  @property({ converter: NUMBERS.limit }) limit = 20;

  /**
   * How far to list services from the origin, in the element's units (default 50 km / 30 mi);
   * `none` for no limit. When nothing lies within it, the nearest beyond it are listed, with a
   * note that says so.
   */
  @property({ converter: radiusConverter }) radius?: number | 'none';

  /** A partner's own naloxone-by-mail page, offered with the mail-based services. */
  @property({ attribute: 'mail-url' }) mailUrl?: string;

  /** The words for `mail-url`'s link, e.g. "Order free naloxone by mail". */
  @property({ attribute: 'mail-label' }) mailLabel?: string;

  /**
   * Filters set when the page opens, which the visitor can change: needs (`free`, `no-id`,
   * `walk-in`, `anonymous`, `open-now`, `open-24h`), service types and language tags, e.g.
   * `filters="free, open-now"`.
   */
  @property({ converter: filtersConverter }) filters?: Filters;

  /** `on` (default) or `off`: with `off` the filter bar is not shown (preset `filters` still apply). */
  @property({ attribute: 'filter-bar', reflect: true }) filterBar: 'on' | 'off' = 'on';

  /** Days after a service's `lastVerified` when its details say it may be out of date. Default 365. */
  @property({ attribute: 'stale-after', converter: NUMBERS.staleAfter }) staleAfter = 365;

  /** "Report a problem" link per result: http(s) or mailto: template with `{id}` and `{name}`. */
  @property({ attribute: 'report-url' }) reportUrl?: string;

  /**
   * Time zone of the services' hours when a service names none (IANA, e.g. `America/Toronto`).
   * Without it, the zone is found from each service's coordinates.
   */
  @property() timezone?: string;

  /** The time "open now" is decided at; default the current time, kept fresh each minute. For tests and kiosks. */
  @property({ attribute: false }) now?: Date;

  /** `on` (default) or `off`: the "ZIP code, postal code or city" search beside "Use my location". */
  @property({ attribute: 'place-search', reflect: true }) placeSearch: 'on' | 'off' = 'on';

  /** Where place names are looked for first: a state or province (`PA`, `BC`) or country (`US`, `CA`). */
  @property({ attribute: 'place-region' }) placeRegion?: string;

  /**
   * Opt-in online geocoder for places the offline list does not know: an http(s) template with
   * `{q}` (the partner's own Nominatim or Pelias). What the visitor types then goes to that server.
   */
  @property({ attribute: 'geocoder-url' }) geocoderUrl?: string;

  /** The partner's own named places (neighbourhoods, campuses) with coordinates, searched first. */
  @property({ attribute: false }) places?: PartnerPlace[];

  /** `on` (default) or `off`: "If someone may be overdosing", collapsed at the top of the widget. */
  @property({ attribute: 'overdose-card', reflect: true }) overdoseCard: 'on' | 'off' = 'on';

  /** The emergency number the overdose steps call; by default the number where the services are (see `place-region`), else for the page language's country. */
  @property({ attribute: 'emergency-number' }) emergencyNumber?: string;

  /** A Good Samaritan law note shown with the overdose steps (plain text). */
  @property({ attribute: 'good-samaritan-note' }) goodSamaritanNote?: string;

  /** A link to the partner's naloxone training page (http(s)), with its words. */
  @property({ attribute: 'training-url' }) trainingUrl?: string;
  /** The training link's text (default "Learn how to respond to an overdose"). */
  @property({ attribute: 'training-label' }) trainingLabel?: string;

  /** Comma-separated service types to show; absent shows all. */
  @property({ converter: typesConverter }) types: ServiceType[] | null = null;

  /** `on` (default) or `off`: with `off` only the list shows, and no map or tiles load. */
  @property({ reflect: true }) map: 'on' | 'off' = 'on';

  /** Tile URL template; `none` draws no tiles. Default: OpenStreetMap. */
  @property({ attribute: 'tile-url' }) tileUrl: string = OSM_TILES;

  /** Attribution for custom tiles: text with links (`<a href>` or `[text](url)`), never raw HTML. */
  @property({ attribute: 'tile-attribution' }) tileAttribution?: string;

  /**
   * Opt in to the map following the visitor: after "Use my location" it zooms to their area
   * at once. Off by default, because every map tile then requested tells the tile host where the
   * visitor is; without it the map stays coarse until the visitor presses "Show my area on the map".
   */
  @property({ attribute: 'map-follows-location', type: Boolean }) mapFollowsLocation = false;

  /** Directions link template; `{lat}` and `{lng}` are the service's coordinates. */
  @property({ attribute: 'directions-url' }) directionsUrl: string = DEFAULT_DIRECTIONS_URL;

  /**
   * `light`, `dark`, or `auto` (the default, also when absent): the visitor's own setting
   * (`prefers-color-scheme`). Reflected; the list, search and map inside follow it.
   */
  @property({ reflect: true }) theme?: 'light' | 'dark' | 'auto';

  /** The level of the widget's headings (each result's name, "Naloxone by mail"), 1–6. Default 3. */
  @property({ attribute: 'heading-level', converter: NUMBERS.headingLevel }) headingLevel = 3;

  /**
   * Words to use instead of the language's own: any part of `Strings`, down to one word, e.g.
   * `{ useMyLocation: 'Find naloxone near me' }`. The rest comes from the page language.
   */
  @property({ attribute: false }) strings?: StringOverrides;

  /** Words in the element's language (`lang` here or on an ancestor), under the partner's `strings`. */
  private readonly l10n = new LocaleController(this);
  private get t() {
    return this.l10n.t;
  }

  /** The visitor's point: private, never in a property, attribute, event or inner element. */
  #device: LatLng | null = null;
  /** A place the visitor searched for: their choice to share with this page, so `origin` returns it. */
  #searched: { lat: number; lng: number; label: string } | null = null;
  /** The visitor asked to see their own area on the map. */
  #showArea = false;
  #selection?: { key: readonly unknown[]; selection: Selection };
  #ranked?: { key: readonly unknown[]; result: Results };
  #counts?: { selection: Selection; get: () => FilterCounts };
  /** The spatial index's `indexFor`, once its chunk is in: the early page ranks its preview with it. */
  #indexFor?: (services: readonly Service[]) => ServiceIndex;
  /** The service last chosen in the list or on the map, and its place in the list when pinned there. */
  #chosen?: Service;
  /** Whether the service selected was chosen on the map (renderShowInList). */
  @state() private chosenOnMap = false;
  #pinned?: RankedService;

  @state() private locating = false;
  /** Time zones found from coordinates, for services that name none; filled in after the feed loads. */
  @state() private zones = new Map<string, string>();
  /** The minute it is, so "open now" stays right while the page is open. */
  @state() private minute = Math.floor(Date.now() / 60_000);
  private ticker?: ReturnType<typeof setInterval>;
  private clockCache?: { key: readonly unknown[]; clock: HoursClock };
  private openCache?: { clock: HoursClock; open: Map<Service, boolean | undefined> };
  private zonedFeed?: Service[];
  private zoneLookup?: AbortController;
  /** The visitor's filters: the preset `filters` at first, then what they tick. */
  @state() private chosen: Filters = {};
  /** The map's code could not be loaded: the list alone, with nothing that points at the map. */
  @state() private mapFailed = false;

  /** Why "Use my location" last failed, if it did: said before where the list is sorted from. */
  @state() private locationFailure?: LocateErrorKind;
  @state() private selectedId: string | null = null;
  /**
   * Services of a feed still being read (readFeed's `onPreview`), for `earlyPage`: its first, or
   * the nearest `from` a place (every one nearer than `withinKm`; those without a position too
   * when `unplaced`).
   */
  @state() private preview?: { services: Service[]; signal: AbortSignal; from?: LatLng; withinKm?: number; unplaced?: boolean };
  private mailHref?: string;
  private mailLink?: { href: string; label: string };
  /** How many results are shown: `limit` at first, more with each "Show more". */
  private shownCount = 0;
  /** The ranked results and limit the page belongs to: new ones start a new page. */
  private pagedResults?: RankedResults;
  private pagedLimit?: number;
  private shownPage?: { count: number; services: Service[] };
  /** The ids last reported by nf-results-change, so it fires once per real change. */
  private reportedIds?: string;
  /** The page's distances by service id, for the markers' names; rebuilt with the page. */
  private pageDistances?: { page: Service[]; distances: Map<string, number>; ids: string[] };
  /** What the live region last said, and the pending change to it. */
  private announced = '';
  private announceTimer?: ReturnType<typeof setTimeout>;

  /** Whether the feed's load was stopped because the finder left the page. */
  #leftLoading = false;

  private readonly feed = new Task(this, {
    task: async ([src, services, format, fieldMap, defaultTypes], { signal }): Promise<FinderFeed> => {
      // The spatial index is a chunk of its own, fetched beside the feed.
      preloadKdbush();
      const indexing = import('./query/spatial-index.js');
      indexing.then(
        ({ indexFor }) => (this.#indexFor = indexFor),
        () => undefined,
      );
      const from = this.#device ? undefined : this.origin;
      const feed = await this.loadServices(src, services, {
        format,
        fieldMap: fieldMap == null ? undefined : readFieldMap(fieldMap),
        defaultTypes: defaultTypes ?? undefined,
        signal,
        // A partner's default place (or one searched for), never the device's: that is asked for later.
        previewFrom: from ?? undefined,
        onPreview: (first, nearest) => {
          markValidated(first);
          if (!signal.aborted) this.preview = nearest && from ? { services: first, signal, from, ...nearest } : { services: first, signal };
        },
      });
      // Checked as they were read: the list and the map take them as they are (at 100,000, a walk of
      // each in the task that shows them: 76 ms at 4× CPU slowdown).
      markValidated(feed.services);
      // Without it (the chunk failed to load), every match is measured and sorted instead.
      const index = await indexing.then(
        ({ indexFor }) => indexFor(feed.services),
        () => undefined,
      );
      // With the first render, one task of over 300 ms at 100,000 services on a slow phone.
      await this.selectAhead(feed.services, signal);
      await nextTask(signal);
      return { ...feed, index };
    },
    args: () => [this.src, this.services, this.format, this.fieldMap, this.defaultTypes] as const,
    onComplete: (result) => {
      this.preview = undefined;
      this.reportLoad(result);
    },
    onError: (error) => {
      this.preview = undefined;
      this.reportError(error);
    },
  });

  private loadServices(src: string | undefined, services: unknown, options: LoadOptions): Promise<LoadedFeed> {
    if (services !== undefined) return parseFeedData(services, options);
    if (!src) return Promise.resolve({ format: 'native', services: [], skipped: [], warnings: [] });
    // Numbers are checked in willUpdate (checkNumbers); "Try again" may run this before the
    // update that checks a property just set from script.
    const timeout = this.timeout > 0 && Number.isFinite(this.timeout) ? this.timeout : DEFAULT_TIMEOUT_S;
    const cacheDays = this.cacheDays >= 0 && Number.isFinite(this.cacheDays) ? this.cacheDays : DEFAULT_CACHE_DAYS;
    const maxFeedMb = this.maxFeedMb > 0 && Number.isFinite(this.maxFeedMb) ? this.maxFeedMb : DEFAULT_MAX_FEED_MB;
    return loadFeed(src, { ...options, timeoutMs: timeout * 1000, cacheDays, maxBytes: maxFeedMb * 1024 * 1024 });
  }

  /**
   * The place distances are measured from: the place the visitor searched for, else the
   * partner's default, or null. Never the visitor's device location: that stays in a private
   * field, so no script on the page can read it.
   */
  get origin(): LatLng | null {
    return this.#searched ? { lat: this.#searched.lat, lng: this.#searched.lng } : originFrom(this.latitude, this.longitude);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    checkNumbers(this, changed, NUMBERS);
    checkTexts(this, changed, TEXTS, 'naloxone-finder');
    // A new feed replaces the list with "Loading services…": focus in it would fall to the
    // page, so it moves to the results' box, which stays, as "Try again" does.
    if (changed.has('src') && this.hasUpdated) this.holdFocus();
    // A date's text or number reads as that date; null as the real clock; anything else is reported.
    if (changed.has('now') && this.now !== undefined && !(this.now instanceof Date)) {
      const date = new Date(this.now as never);
      const valid = this.now !== null && !isNaN(date.getTime());
      if (!valid && this.now !== null) console.error(`naloxone-finder: now="${String(this.now).slice(0, 40)}" is not a date; the real time is used.`);
      this.now = valid ? date : undefined;
    }
    // A page script without types may set these properties to their attributes' text (README
    // writes them so): read it as the attribute would be, never as no types or wrong units.
    const text = (value: unknown): value is string => typeof value === 'string';
    if (text(this.types)) this.types = typesConverter.fromAttribute!(this.types);
    if (text(this.defaultTypes)) this.defaultTypes = typesConverter.fromAttribute!(this.defaultTypes);
    if (text(this.filters)) this.filters = filtersConverter.fromAttribute(this.filters);
    if (changed.has('units') && this.units !== undefined && this.units !== 'km' && this.units !== 'mi')
      this.units = unitsAttribute.fromAttribute!(String(this.units));
    // The map chunk downloads beside the feed, not after it; a failure shows when the map renders.
    // If it cannot load, nothing offers the map ("Show on map", "Skip to the map"); nf-map says why.
    if (changed.has('map') && this.map !== 'off') preloadMap().catch(() => (this.mapFailed = true));
    if (changed.has('format') && !FORMATS.includes(this.format)) {
      console.error(`naloxone-finder: format="${this.format}" is not auto, json, native, geojson, csv or hsds; detecting the format from the content.`);
      this.format = 'auto';
    }
    if (changed.has('placeRegion') && this.placeRegion && !isRegionCode(this.placeRegion)) {
      console.error(`naloxone-finder: place-region="${this.placeRegion}" is not a state, province or country code (such as PA, BC or US), so it is not used.`);
    }
    if (changed.has('theme') && this.theme && !['light', 'dark', 'auto'].includes(this.theme)) {
      console.error(`naloxone-finder: theme="${this.theme}" is not light, dark or auto; following the visitor's setting.`);
    }
    if (changed.has('filters')) this.chosen = this.filters ?? {};
    if (changed.has('mailUrl')) this.mailHref = this.readMailHref();
    // The link's words follow the language; the same object while they and the address stay.
    const mailLabel = this.mailLabel || this.t.byMailHeading;
    if (this.mailLink?.href !== this.mailHref || this.mailLink?.label !== mailLabel)
      this.mailLink = this.mailHref ? { href: this.mailHref, label: mailLabel } : undefined;
    // New services are not ranked from the device: a page script could hand over points of its
    // own and read their order back, which gives the point to within centimetres. The visitor
    // presses "Use my location" again for the new list.
    if (this.#device && this.hasUpdated && (['src', 'services', 'format', 'fieldMap', 'defaultTypes'] as const).some((key) => changed.has(key))) {
      this.#device = null;
      this.#showArea = false;
      this.dispatchEvent(new NfLocationChangeEvent({ source: this.origin ? 'attribute' : 'none' }));
    }
    if ((changed.has('latitude') || changed.has('longitude')) && !this.#device && !this.#searched && this.hasUpdated) {
      this.dispatchEvent(new NfLocationChangeEvent({ source: this.origin ? 'attribute' : 'none' }));
    }
  }

  override connectedCallback() {
    super.connectedCallback();
    this.ticker = setInterval(() => (this.minute = Math.floor(Date.now() / 60_000)), 15_000);
    // The first number format loads locale data (10 ms here, over 100 ms on a slow phone): in a
    // task of its own while the feed downloads, not beside the list's first render (the list
    // does the same when it is connected, which is only when the results come).
    setTimeout(() => formatDistance(1, this.effectiveUnits, this.l10n.lang));
    // Back on the page after its download was stopped: loaded again.
    if (this.#leftLoading) {
      this.#leftLoading = false;
      void this.feed.run();
    }
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearInterval(this.ticker);
    // Taken off the page while its feed loads: the download and the reading stop, and no event
    // fires from a finder nobody sees. Not when it is only moved (back in the same task).
    setTimeout(() => {
      if (this.isConnected || this.feed.status !== TaskStatus.PENDING) return;
      this.#leftLoading = true;
      this.feed.abort();
    });
  }

  /**
   * The clock for opening hours: `now` (or this minute) and each service's time zone. The same
   * object until one of those changes, so the list re-renders only then.
   */
  private get clock(): HoursClock {
    const now = this.now ?? new Date(this.minute * 60_000);
    const key = [now.getTime(), this.zones, this.timezone] as const;
    if (!this.clockCache || key.some((v, i) => v !== this.clockCache!.key[i])) {
      const { zones, timezone } = this;
      this.clockCache = { key, clock: { now, zoneOf: (s) => knownTimeZone(s, timezone) ?? zones.get(s.id) } };
    }
    return this.clockCache.clock;
  }

  /** What the feed says of its country, worked out once per feed (from a sample of a big one). */
  private feedCountry?: { services?: readonly Service[]; main?: string; first?: LatLng };
  /**
   * Where the services are, for the overdose card's emergency number: the country `place-region`
   * names, else the one most of the feed's services name, else "US" when they lie in North America
   * (911 in the US, Canada and Mexico), else undefined (the card goes by the language). The point
   * is the partner's `latitude`/`longitude`, else the feed's first service with a position. The
   * feed is read once; a new origin costs only the rest (read at every origin, it took 1 s at 100k).
   */
  private get servicesCountry(): string | undefined {
    const services = this.feed.value?.services;
    if (!this.feedCountry || this.feedCountry.services !== services) {
      this.feedCountry = { services, main: mainCountry(services), first: services?.find(isLocated) };
    }
    const { main, first } = this.feedCountry;
    const near = this.latitude !== undefined && this.longitude !== undefined ? { lat: this.latitude, lng: this.longitude } : first;
    return countryOfRegion(this.placeRegion, near) ?? main ?? northAmericaAt(near);
  }

  /**
   * Services with weekly hours but no time zone get one from their coordinates (those without,
   * from the partner's place or the others): the lookup table is a chunk, loaded only when such
   * a service exists.
   */
  private async findZones(services: Service[]) {
    if (this.zonedFeed === services) return;
    this.zonedFeed = services;
    // A new feed stops the lookup for the one before.
    this.zoneLookup?.abort();
    const lookup = (this.zoneLookup = new AbortController());
    const zones = new Map<string, string>();
    try {
      // Called from a render: even finding which services need a zone waits for a task of its
      // own, and goes in slices (a pass over 100,000 took a tenth of a second at 4× slowdown).
      await nextTask(lookup.signal);
      // A valid partner default is every service's zone that names none.
      if (knownTimeZone({}, this.timezone)) return;
      const missing: Service[] = [];
      await forEachSliced(
        services,
        (s) => {
          if (s.hours?.length && !s.timezone) missing.push(s);
        },
        lookup.signal,
      );
      if (!missing.length) return;
      const zoneAt = await coordinateZones();
      const unplaced: Service[] = [];
      // In time slices: a national feed has tens of thousands to look up.
      await forEachSliced(
        missing,
        (s) => {
          const zone = s.lat === undefined || s.lng === undefined ? undefined : zoneAt(s.lat, s.lng);
          if (zone) zones.set(s.id, zone);
          else if (s.lat === undefined) unplaced.push(s);
        },
        lookup.signal,
      );
      // Without a position (an address-only list), the zone of the partner's place, else the one
      // zone all the others are in: their hours and "Open now" are shown, not dropped.
      if (unplaced.length) {
        const origin = originFrom(this.latitude, this.longitude);
        const found = new Set(zones.values());
        const zone = (origin && zoneAt(origin.lat, origin.lng)) || (found.size === 1 ? [...found][0] : undefined);
        if (zone) for (const s of unplaced) zones.set(s.id, zone);
      }
      // Each zone's clock is read once before the render the zones bring, in slices too: a
      // zone's first reading builds its Intl formatter, slow on a slow phone (the clock is read
      // after each: 32 zones in a slice made a task of 114 ms at 4× CPU slowdown).
      const now = this.clock.now.getTime();
      await forEachSliced([...new Set(zones.values())], (zone) => wallClock(now, zone), lookup.signal, 1);
      // That render (open now, hours in each zone) is a task of its own too.
      await nextTask(lookup.signal);
    } catch (error) {
      if (lookup.signal.aborted) return;
      console.error(
        `naloxone-finder: the time zones of services without one could not be found (${(error as Error)?.message ?? error}); their hours are shown without "open now".`,
      );
    }
    if (!lookup.signal.aborted) this.zones = zones;
  }

  /** Asks for the device's location (call it from a visitor's action) and sorts from there. */
  async useMyLocation() {
    // Only on a visitor's action: where they allowed it before, the browser would not ask again,
    // and a page script could have the point worked out from the list without them knowing.
    if (navigator.userActivation && !navigator.userActivation.isActive) {
      console.error("naloxone-finder: useMyLocation() was called without a visitor's click, tap or key press, so the location was not asked for.");
      return;
    }
    return this.locateDevice();
  }

  /** "Use my location": a click the browser made (a pointer, a key, a screen reader's action) is the visitor's own; a script's is not. */
  private onLocate(event: MouseEvent) {
    void (event.isTrusted ? this.locateDevice() : this.useMyLocation());
  }

  private async locateDevice() {
    if (this.locating) return;
    this.locating = true;
    this.locationFailure = undefined;
    try {
      this.#device = await locate();
      this.#searched = null;
      this.#showArea = false;
      this.dispatchEvent(new NfLocationChangeEvent({ source: 'device' }));
    } catch (error) {
      this.locationFailure = error instanceof LocateError ? error.kind : 'unavailable';
    } finally {
      this.locating = false;
    }
  }

  private reportLoad(result: LoadedFeed) {
    const { services, skipped, warnings, format, staleSince } = result;
    reportLater(this.src ?? 'services', services.length, skipped, warnings, format);
    if (result.refreshError) this.reportError(result.refreshError);
    this.dispatchEvent(new NfFeedLoadEvent({ count: services.length, skipped, warnings, format, ...(staleSince ? { staleSince } : {}) }));
  }

  private reportError(error: unknown) {
    const e = FeedLoadError.from(error);
    if (e.kind === 'aborted') return;
    console.error(`naloxone-finder: ${e.message}`);
    this.dispatchEvent(
      new NfFeedErrorEvent({ kind: e.kind, message: e.message, status: e.status, src: this.src ?? '', ...(e.skipped ? { skipped: e.skipped } : {}) }),
    );
  }

  private errorText(error: unknown): string {
    const e = FeedLoadError.from(error);
    const s = this.t;
    switch (e.kind) {
      case 'http':
        return s.feedErrorHttp(e.status ?? 0, e.statusText ?? '');
      case 'network':
        return s.feedErrorNetwork;
      case 'timeout':
        return s.feedErrorTimeout(this.timeout);
      case 'too-large':
        return s.feedErrorTooLarge(this.maxFeedMb);
      case 'empty':
        return s.feedErrorEmpty;
      case 'json':
        return s.feedErrorJson;
      case 'no-valid-records':
        // Closed is the partner's word, not a broken record: say so, not "could not be read".
        return e.skipped?.length && e.skipped.every((r) => r.reason.includes(CLOSED_REASON))
          ? s.feedAllClosed
          : s.feedErrorNoValidRecords(e.skipped?.length ?? 0);
      case 'aborted':
        return s.feedErrorAborted;
      default:
        return s.feedErrorFormat;
    }
  }

  private renderStale(staleSince: string | undefined) {
    if (!staleSince) return nothing;
    let date = staleSince;
    try {
      date = dateFormat(this.l10n.lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(staleSince));
    } catch {
      // Keep the ISO date.
    }
    return html`<p class="stale" part="stale" lang=${ifDefined(this.l10n.fallbackLang)}>${this.t.staleFeed(date)}</p>`;
  }

  /**
   * The list and the map report a choice; the finder tells the page, with the distance the
   * list shows (the map alone does not know the visitor's point).
   */
  private onSelect(event: NfServiceSelectEvent) {
    event.stopPropagation();
    const { service } = event.detail;
    this.selectedId = service.id;
    this.#chosen = service;
    this.chosenOnMap = (event.target as Element).localName === 'nf-map';
    // "Show on map" in the list: on a narrow screen the map is below it, so bring it into view.
    if ((event.target as Element).localName === 'nf-service-list')
      this.renderRoot.querySelector('.map-pane')?.scrollIntoView({ block: 'nearest', behavior: scrollMotion() });
    const distance = rankedDistance(service, this.#device ?? this.origin, this.effectiveUnits);
    this.dispatchEvent(new NfServiceSelectEvent({ service, distance }));
    // A screen reader hears what a sighted visitor sees: the choice, marked on the map and in the list.
    this.say(this.t.chosenNote(placeLabel(service)));
  }

  /**
   * A service chosen on the map that the shown page does not hold, while the filters still
   * keep it: the list shows it first, so every choice on the map has its place in the list.
   */
  private pinnedResult(shown: Service[], selection: Selection): RankedService | undefined {
    const chosen = this.#chosen;
    if (!chosen || chosen.id !== this.selectedId || shown.some((s) => s.id === chosen.id) || !selection.mapped.some((s) => s.id === chosen.id))
      return undefined;
    const distanceKm = rankedDistance(chosen, this.#device ?? this.origin, this.effectiveUnits);
    // The same object while nothing about it changed, so the list does not redraw for it.
    if (this.#pinned?.service !== chosen || this.#pinned.distanceKm !== distanceKm) this.#pinned = { service: chosen, distanceKm };
    return this.#pinned;
  }

  /** "Skip to the map": focus goes to the map itself, whose description tells its keys. */
  private focusMap() {
    this.renderRoot.querySelector('nf-map')?.shadowRoot?.querySelector<HTMLElement>('[tabindex="0"]')?.focus();
  }

  /**
   * The page as the map marks it: its ids in list order (numbered markers, never clustered) and
   * their distances (km by id), so markers can say how far each is. The same objects per page.
   */
  private pageOnMap(page: Service[], results: RankedResults): { ids: string[]; distances: Map<string, number> } {
    if (this.pageDistances?.page !== page) {
      const distances = new Map<string, number>();
      for (const r of results.slice(0, page.length)) if (r.distanceKm !== null) distances.set(r.service.id, r.distanceKm);
      this.pageDistances = { page, distances, ids: page.map((s) => s.id) };
    }
    return this.pageDistances;
  }

  /** A place chosen in the search: the list sorts from it, the map shows its region. */
  private onPlace(event: NfPlaceSelectEvent) {
    event.stopPropagation();
    const { latitude, longitude, label } = event.detail;
    this.#searched = { lat: latitude, lng: longitude, label };
    this.#device = null;
    this.#showArea = false;
    this.locationFailure = undefined;
    this.requestUpdate();
    this.dispatchEvent(new NfLocationChangeEvent({ source: 'search' }));
  }

  private toggleArea() {
    this.#showArea = !this.#showArea;
    this.requestUpdate();
  }

  /** Units as the list shows them: the attribute, else from the page language. */
  private get effectiveUnits(): Units {
    return this.units ?? defaultUnits(this.l10n.lang);
  }

  /**
   * The query, in two stages so each runs only when its inputs change: the selection (types,
   * filters, the clock for "open now"; a pass over the feed) and the ranking from the origin
   * (the spatial index; only the page shown is ranked).
   */
  private rank(services: Service[], index: ServiceIndex | undefined): Results {
    const selection = this.select(services);
    const origin = this.#device ?? this.origin;
    const units = this.effectiveUnits;
    const radiusKm = this.radiusKm(units);
    const key = [selection, index, origin?.lat, origin?.lng, units, radiusKm] as const;
    if (this.#ranked && key.every((v, i) => v === this.#ranked!.key[i])) return this.#ranked.result;
    // Not spread: the selection's counts are worked out only if the filter bar reads them.
    const result = { ...rankSelection(selection, { origin, roundTo: units, radiusKm }, index), selection };
    this.#ranked = { key, result };
    return result;
  }

  /** The filter bar's counts, read only when its panel opens; the same function per selection. */
  private countsOf(selection: Selection): () => FilterCounts {
    if (this.#counts?.selection !== selection) this.#counts = { selection, get: () => selection.counts };
    return this.#counts.get;
  }

  private select(services: Service[]): Selection {
    const { key, query } = this.selectionQuery(services);
    const before = this.#selection;
    if (before && sameItems(key, before.key)) return before.selection;
    // Time zones found (after the first render): without "open now" only the counts change,
    // and a second pass over a national feed is saved.
    const zonesAlone = before && key.every((v, i) => i === ZONES_KEY || v === before.key[i]);
    const selection = zonesAlone ? withOpenAt(before.selection, query) : selectServices(services, query);
    // The same services on the map keep the same array, so the map keeps its cluster index
    // (rebuilding it takes the better part of a second at 100,000): time zones arriving, or a
    // filter that changes nothing on the map, draw nothing new.
    const last = before?.selection;
    if (last?.services === services && sameItems(last.flags, selection.flags)) selection.mapped = last.mapped;
    this.#selection = { key, selection };
    return selection;
  }

  /**
   * A new feed's selection, worked out in time slices before its first render, which then
   * finds it done: one pass over 100,000 services took over 100 ms at 4× CPU slowdown. Kept
   * only if nothing it depends on changed meanwhile.
   */
  private async selectAhead(services: Service[], signal: AbortSignal) {
    const { key, query } = this.selectionQuery(services);
    const selection = await selectServicesSliced(services, query, signal);
    if (sameItems(key, this.selectionQuery(services).key)) this.#selection = { key, selection };
  }

  /**
   * What the selection depends on, as a key (the minute only with "open now", which changes
   * with the clock), and the query that makes it.
   */
  private selectionQuery(services: Service[]) {
    const clock = this.clock;
    const openNow = this.chosen.needs?.includes('open-now');
    const key = [services, this.types, this.chosen, this.zones, openNow ? clock.now.getTime() : 0] as const;
    // Whether a service is open depends on the clock, not on the filters: work it out once per
    // service per clock, not again for each filter.
    if (this.openCache?.clock !== clock) this.openCache = { clock, open: new Map() };
    const known = this.openCache.open;
    const isOpen = (s: Service) => {
      if (known.has(s)) return known.get(s);
      const zone = clock.zoneOf(s);
      const open = zone ? isOpenAt(serviceRules(s), zone, clock.now) : s.open24h || undefined;
      known.set(s, open);
      return open;
    };
    return { key, query: { types: this.types, filters: this.chosen, isOpen } };
  }

  /** The radius in km, or null for none. */
  private radiusKm(units: Units): number | null {
    if (this.radius === 'none') return null;
    const radius = typeof this.radius === 'number' && this.radius > 0 ? this.radius : DEFAULT_RADIUS[units];
    return units === 'mi' ? radius * KM_PER_MILE : radius;
  }

  /** "Nothing within 30 mi of …" and the by-mail card, when every match lies beyond the radius. */
  private renderBeyond(beyond: boolean, feedMail: readonly Service[]) {
    if (!beyond) return nothing;
    const units = this.effectiveUnits;
    const locale = this.l10n.lang;
    const distance = formatDistance(this.radiusKm(units)!, units, locale);
    const s = this.t;
    const note = this.#device ? s.nothingNearYou(distance) : s.nothingWithin(distance, this.#searched?.label || this.originLabel || s.defaultPlace);
    return html`<p class="radius-note" part="radius-note" lang=${ifDefined(this.l10n.fallbackLang)}>${note}</p>
      ${this.renderByMail(feedMail)}`;
  }

  /** The feed's mail-based programs and the partner's `mail-url`, when there are any. */
  private renderByMail(feedMail: readonly Service[]) {
    const mailLink = this.mailLink;
    if (!feedMail.length && !mailLink) return nothing;
    const s = this.t;
    const english = this.l10n.fallbackLang;
    return html`<section class="by-mail" part="by-mail" aria-labelledby="by-mail-heading">
      <div id="by-mail-heading" class="heading" role="heading" aria-level=${this.headingLevel} lang=${ifDefined(english)}>${s.byMailHeading}</div>
      <p lang=${ifDefined(english)}>${s.byMailIntro}</p>
      <ul>
        ${feedMail.map((m) => {
          const href = m.website ? safeWebUrl(m.website) : undefined;
          return html`<li>${href ? newTabLink(href, m.name, s.newTab) : m.name}</li>`;
        })}
        ${mailLink ? html`<li>${newTabLink(mailLink.href, mailLink.label, s.newTab)}</li>` : nothing}
      </ul>
    </section>`;
  }

  /**
   * Why the feed could not be shown; "Try again" when another try may pass (the network, the
   * server), and the partner's naloxone by mail, which needs no list.
   */
  private renderFeedError(error: unknown) {
    const retry = RETRY_KINDS.has(FeedLoadError.from(error).kind);
    const english = this.l10n.fallbackLang;
    return html`<p class="alert" part="error" lang=${ifDefined(english)}>${this.errorText(error)}</p>
      ${retry ? html`<button class="retry" part="retry-button" lang=${ifDefined(english)} @click=${this.retryFeed}>${this.t.tryAgain}</button>` : nothing}
      ${this.renderByMail(NO_SERVICES)}`;
  }

  /**
   * Loads the feed again. The button goes with the error, so the focus moves to the results'
   * box around it, which stays: "Loading services…", then the list, is what it holds.
   */
  private retryFeed() {
    this.renderRoot.querySelector<HTMLElement>('.results')?.focus();
    void this.feed.run();
  }

  /** Moves focus inside the results (a result's button, the map) to their box. */
  private holdFocus() {
    const results = this.renderRoot.querySelector<HTMLElement>('.results');
    const active = this.shadowRoot!.activeElement;
    if (results && active && active !== results && results.contains(active)) results.focus();
  }

  /** The partner's `mail-url`, when it is a safe web address; checked (and reported) once per change. */
  private readMailHref(): string | undefined {
    if (!this.mailUrl) return undefined;
    const href = safeWebUrl(this.mailUrl);
    if (!href) console.error(`naloxone-finder: mail-url "${this.mailUrl.slice(0, 100)}" is not an http(s) address; it is not shown.`);
    return href;
  }

  /** Which host the map images come from, in words for the note beside "Show my area". */
  private tileHost(): string | null {
    if (!this.tileUrl || this.tileUrl === 'none') return null;
    try {
      const url = new URL(this.tileUrl.replace(/^pmtiles:/, ''), document.baseURI);
      return url.host === location.host ? null : url.host;
    } catch {
      return null;
    }
  }

  private onFilters(event: NfFiltersChangeEvent) {
    this.chosen = event.detail.filters;
  }

  private onShowMore(event: NfShowMoreEvent) {
    event.stopPropagation();
    this.shownCount = event.detail.shown;
    this.requestUpdate();
  }

  /**
   * The services to show: `limit` of them again whenever the results or the limit change, more
   * after "Show more". The same array while the page is the same, so the map redraws only then.
   */
  private page(results: RankedResults): Service[] {
    if (results !== this.pagedResults || this.limit !== this.pagedLimit) {
      this.pagedResults = results;
      this.pagedLimit = this.limit;
      this.shownCount = this.limit;
      this.shownPage = undefined;
    }
    const count = Math.min(this.shownCount, results.length);
    if (this.shownPage?.count !== count) this.shownPage = { count, services: results.slice(0, count).map((r) => r.service) };
    return this.shownPage.services;
  }

  protected override updated() {
    this.announce();
    const services = this.shownPage?.services;
    const ids = services?.map((s) => s.id).join('\n');
    if (services && ids !== this.reportedIds) {
      this.reportedIds = ids;
      this.dispatchEvent(new NfResultsChangeEvent({ services }));
    }
  }

  /**
   * One polite live region says, once per change, what a sighted visitor sees change: loading,
   * the results and where they are sorted from, filters that match nothing, errors. A short
   * wait lets a burst of changes (a feed and its time zones, a filter and the page) say one thing.
   */
  private announce() {
    // Nothing is said in English while the page's own words load: it would be said twice.
    if (!this.l10n.ready) return;
    const text = this.announcement();
    if (text === this.announced) return;
    this.announced = text;
    this.say(text);
  }

  /** Puts `text` in the live region once the burst of changes settles. */
  private say(text: string) {
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      const live = this.renderRoot.querySelector('.live');
      if (live) live.textContent = text;
    }, 300);
  }

  private announcement(): string {
    const s = this.t;
    const { status, value, error } = this.feed;
    if (status === TaskStatus.PENDING) return s.loading;
    if (status === TaskStatus.ERROR) return this.errorText(error);
    if (status !== TaskStatus.COMPLETE || !value) return this.locating ? s.locating : '';
    if (this.locating) return s.locating;
    if (!value.services.length) return s.empty;
    const result = this.#ranked?.result;
    const shown = this.shownPage?.count ?? 0;
    const filters = this.renderRoot.querySelector('nf-filter-bar')?.summary;
    return [
      value.staleSince ? this.renderRoot.querySelector('.stale')?.textContent : '',
      result?.beyond ? this.renderRoot.querySelector('.radius-note')?.textContent : '',
      result?.matches.length ? (filters ?? '') : filters || s.noMatches,
      result?.listed.length ? s.resultCount(shown, result.listed.length) : '',
      // Listed last, after the count, which leaves them out ("3 of 5 match" would not add up).
      result?.selection.mail.length ? s.byMailCount(result.selection.mail.length) : '',
      this.originNote(),
    ]
      .filter(Boolean)
      .map((part) => (/[.!?…:]$/.test(part!) ? part : `${part}.`))
      .join(' ');
  }

  /**
   * Where the list is sorted from, after why "Use my location" failed if it did: the device, a
   * searched place, the partner's point, or nowhere (feed order). Nothing when there is no list.
   */
  private originNote(): string {
    const s = this.t;
    if (this.locating) return s.locating;
    if (this.feed.status === TaskStatus.ERROR) return '';
    // The quicker way then, when the place search is there: the place itself.
    const instead = this.locationFailure && this.placeSearch !== 'off' && !this.#searched ? `${s.searchInstead} ` : '';
    const failure = this.locationFailure ? `${s[LOCATE_MESSAGES[this.locationFailure]] as string} ${instead}` : '';
    if (this.#device) return failure + s.usingYourLocation;
    if (this.#searched) return failure + s.sortedFrom(this.#searched.label);
    if (!this.origin) return failure + s.noOrigin;
    return failure + (this.originLabel ? s.sortedFrom(this.originLabel) : s.sortedFromStart);
  }

  /** Offered while the device location is in use and the map is kept coarse. */
  private renderAreaButton() {
    if ((!this.#device && !this.#searched) || this.map === 'off' || this.mapFollowsLocation) return nothing;
    const host = this.tileHost();
    return html`<div class="area">
      <button class="area-button" part="area-button" aria-pressed=${this.#showArea ? 'true' : 'false'} @click=${this.toggleArea}>${this.t.showMyArea}</button>
      ${host ? html`<span class="area-note" part="area-note">${this.t.tileHostNote(host)}</span>` : nothing}
    </div>`;
  }

  override render() {
    return html`<div class="root" part="base">
      ${
        this.overdoseCard !== 'off'
          ? html`<nf-overdose-card
              class="overdose"
              exportparts="summary: overdose-summary, steps: overdose-steps, call-link: overdose-call"
              emergency-number=${ifDefined(this.emergencyNumber)}
              country=${ifDefined(this.servicesCountry)}
              good-samaritan-note=${ifDefined(this.goodSamaritanNote)}
              training-url=${ifDefined(this.trainingUrl)}
              training-label=${ifDefined(this.trainingLabel)}
              .strings=${this.strings}
            ></nf-overdose-card>`
          : nothing
      }
      <div class="toolbar" part="toolbar" lang=${ifDefined(this.l10n.fallbackLang)}>
        <!-- aria-disabled, not disabled: a disabled button would drop the keyboard focus. -->
        <button
          class="locate"
          part="locate-button"
          aria-busy=${this.locating ? 'true' : 'false'}
          aria-disabled=${this.locating ? 'true' : 'false'}
          @click=${this.onLocate}
        >
          ${this.t.useMyLocation}
        </button>
        ${
          this.placeSearch !== 'off'
            ? html`<nf-place-search
                class="place-search"
                exportparts="form: place-search"
                place-region=${ifDefined(this.placeRegion)}
                geocoder-url=${ifDefined(this.geocoderUrl)}
                quiet-selection
                .context=${this.feed.value?.title}
                .places=${this.places}
                .strings=${this.strings}
                @nf-place-select=${this.onPlace}
              ></nf-place-search>`
            : nothing
        }
        <p class="status" part="status">${this.originNote()}</p>
      </div>
      <div class="results" tabindex="-1">
        ${this.feed.render({
          initial: () => this.renderPanes({ services: [] }),
          // The early page and the whole feed's are the same template, so the list (and the
          // focus in it) stays when the rest arrives.
          pending: () => {
            const early = this.earlyPage();
            return early ? [nothing, this.renderPanes(early, early)] : html`<p class="note">${this.t.loading}</p>`;
          },
          complete: (result) => [this.renderStale(result.staleSince), this.renderPanes(result)],
          error: (error) => this.renderFeedError(error),
        })}
      </div>
      <div class="live visually-hidden" role="status" lang=${ifDefined(this.l10n.fallbackLang)}></div>
    </div>`;
  }

  /**
   * The first page of a feed still being read, from the services read so far (`preview`), when
   * it is sure to be the page the whole feed gives, and without "open now", which waits for the
   * services' time zones:
   * - in feed order (no origin), when the feed's first services hold a page of matches;
   * - sorted from the place the preview was taken nearest to, when the page ends with an open
   *   service (open ones come first, nearest first, and the preview holds every service nearer
   *   than its farthest), or when the preview holds every service within the radius and every
   *   one without a position (a page shorter than the limit, then).
   * The list says the services are still loading; the map, the filters and the events wait
   * for the whole feed.
   */
  private earlyPage(): { services: Service[]; listed: RankedService[]; beyond: boolean } | undefined {
    const preview = this.preview;
    if (!preview || preview.signal.aborted || this.#device || this.chosen.needs?.includes('open-now')) return undefined;
    const origin = this.origin;
    const { services, from, withinKm = 0 } = preview;
    if (origin ? from?.lat !== origin.lat || from.lng !== origin.lng : from) return undefined;
    const selection = selectServices(services, this.selectionQuery(services).query);
    const limit = this.limit;
    if (!origin) return selection.open < limit ? undefined : { services, listed: rankSelection(selection).matches.slice(0, limit), beyond: false };
    const units = this.effectiveUnits;
    const radiusKm = this.radiusKm(units);
    // With the preview's own index, only the page is measured, not all 1,000 (at 4× CPU, cold,
    // that was about 50 ms of the task that shows the page).
    const { listed, beyond, withinRadius } = rankSelection(selection, { origin, roundTo: units, radiusKm }, this.#indexFor?.(services));
    const page = listed.slice(0, limit);
    const last = page[limit - 1]?.service;
    const endsOpen = !!last && isLocated(last) && last.status !== 'temporarily-closed';
    // With none within the radius, the page is the nearest beyond it: only one that ends open is sure.
    const allWithin = !!preview.unplaced && radiusKm !== null && radiusKm < withinKm && withinRadius > 0;
    return endsOpen || allWithin ? { services, listed: page, beyond } : undefined;
  }

  /** The filter bar, the list and the map for a feed; with `early`, its first page alone, the rest still loading. */
  private renderPanes({ services, index }: { services: Service[]; index?: ServiceIndex }, early?: { listed: RankedService[]; beyond: boolean }) {
    // No map for a feed with nothing in it: an empty map tells the visitor nothing.
    const withMap = this.map !== 'off' && services.length > 0;
    const result = early ? undefined : this.rank(services, index);
    if (result) void this.findZones(services);
    const results = result?.listed ?? early?.listed ?? [];
    const shown = result ? this.page(results) : (early?.listed ?? []).map((r) => r.service);
    return html`
      ${
        this.filterBar !== 'off' && result && services.length
          ? html`<nf-filter-bar
              exportparts="toggle: filter-toggle, panel: filter-panel, group: filter-group, summary: filter-summary, clear: clear-filters"
              .counts=${this.countsOf(result.selection)}
              .filters=${this.chosen}
              .matched=${result.matches.length + result.selection.mail.length}
              .total=${result.selection.total + result.selection.mailTotal}
              .strings=${this.strings}
              @nf-filters-change=${this.onFilters}
            ></nf-filter-bar>`
          : nothing
      }
      ${this.renderBeyond(result?.beyond ?? !!early?.beyond, result?.selection.mail ?? NO_SERVICES)}
      ${withMap && !this.mapFailed && result && shown.length ? html`<button class="skip" part="skip-link" lang=${ifDefined(this.l10n.fallbackLang)} @click=${this.focusMap}>${this.t.skipToMap}</button>` : nothing}
      <div class="panes ${withMap ? 'with-map' : ''}">
        <nf-service-list
          class="list"
          exportparts="list, item, name, show-on-map, chosen, distance, type-list, features, status: item-status, hours-status, hours-note, hours-week, address, actions, verified, no-position, by-mail: mail-heading, summary, show-more, details-button, details, stale-note, report"
          .services=${services}
          .results=${results}
          .shownCount=${shown.length}
          .partial=${!result}
          .mail=${result?.selection.mail ?? NO_SERVICES}
          .mailLink=${this.mailLink}
          .pinned=${result && this.pinnedResult(shown, result.selection)}
          .staleAfter=${this.staleAfter}
          .clock=${this.clock}
          .reportUrl=${this.reportUrl}
          .units=${this.effectiveUnits}
          .limit=${this.limit}
          .types=${this.types}
          .selectedId=${this.selectedId}
          .directionsUrl=${this.directionsUrl}
          .selectable=${withMap && !this.mapFailed && !!result}
          .headingLevel=${this.headingLevel}
          .strings=${this.strings}
          @nf-service-select=${this.onSelect}
          @nf-show-more=${this.onShowMore}
        ></nf-service-list>
        ${withMap ? html`<div class="map-pane">${result ? this.renderMap(result, shown) : nothing}</div>` : nothing}
      </div>
    `;
  }

  /**
   * Under the map, after a marker is chosen: the way to its result in the list, with its Call
   * and Directions links (on a phone the list is above the map, a screen or more away).
   */
  private renderShowInList() {
    const chosen = this.#chosen;
    if (!this.chosenOnMap || !chosen || chosen.id !== this.selectedId) return nothing;
    return html`<button class="show-in-list" part="show-in-list" lang=${ifDefined(this.l10n.fallbackLang)} @click=${this.showInList}>
      ${this.t.showInList(chosen.name)}
    </button>`;
  }

  /** Brings the chosen service's result into view and moves the focus to its heading. */
  private showInList() {
    const id = this.selectedId;
    const list = this.renderRoot.querySelector('nf-service-list');
    const heading = [...(list?.shadowRoot?.querySelectorAll<HTMLElement>('li[part="item"]') ?? [])]
      .find((item) => item.dataset['id'] === id)
      ?.querySelector<HTMLElement>('.heading');
    heading?.scrollIntoView({ block: 'start', behavior: scrollMotion() });
    heading?.focus({ preventScroll: true });
  }

  private renderMap(result: Results, shown: Service[]) {
    // The device point reaches the map only when the visitor asked to see their area (or the
    // partner opted in); until then the map shows no origin and stays coarse.
    // A searched place is public enough to mark and centre on, but the map stays coarse for it
    // too (the tile host would learn the visitor's area) until they ask to see it.
    const device = this.#device;
    const chosen = device ?? this.#searched;
    const mapShowsDevice = chosen !== null && (this.#showArea || this.mapFollowsLocation);
    // Even then the map is given the visitor's area, never their point: the map, its markers and
    // its Leaflet object are readable by page scripts.
    const mapOrigin = device ? (mapShowsDevice ? areaOf(device) : null) : this.origin;
    const onMap = this.pageOnMap(shown, result.listed);
    return html`${this.renderAreaButton()}
      <nf-map
        exportparts="map, two-finger-hint"
        .services=${markValidated(result.selection.mapped)}
        .listed=${onMap.ids}
        .distances=${onMap.distances}
        .units=${this.effectiveUnits}
        .latitude=${mapOrigin?.lat}
        .longitude=${mapOrigin?.lng}
        .originIsArea=${!!device}
        .minViewKm=${chosen && !mapShowsDevice ? PRIVATE_VIEW_KM : undefined}
        .originLabel=${device ? this.t.yourArea : this.#searched?.label || this.originLabel || this.t.startingPoint}
        .zoom=${this.zoom}
        .selectedId=${this.selectedId}
        .tileUrl=${this.tileUrl}
        .tileAttribution=${this.tileAttribution}
        .strings=${this.strings}
        @nf-service-select=${this.onSelect}
      ></nf-map>
      ${this.renderShowInList()}`;
  }
}
