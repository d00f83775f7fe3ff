import { ifDefined } from 'lit/directives/if-defined.js';
import { withLtr } from '../../util/ltr.js';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../../util/define.js';
import { hostStyles } from '../../styles/host.js';
import { listStyles } from './nf-service-list.styles.js';
import { formatDistance, isLocated } from '../../geo/distance.js';
import { roundDistanceKm, runQuery, type RankedResults } from '../../query/query.js';
import { defaultUnits, regionOf } from '../../i18n/units.js';
import { givenServices } from '../../feed/given-services.js';
import { dateFormat, displayName, languageName } from '../../i18n/intl.js';
import { LocaleController, type StringOverrides } from '../../i18n/localize.js';
import { safeWebUrl, telUrl } from '../../util/safe-url.js';
import { remembered } from '../../util/remembered.js';
import { reportHref } from '../../util/report-url.js';
import { formatHoursStatus, formatHoursTime, hoursStatus, knownTimeZone, serviceRules, weekTable } from '../../hours/index.js';
import { sortTypes } from '../../feed/service-types.js';
import { isEmail } from '../../feed/validate.js';
import {
  checkNumbers,
  DEFAULT_DIRECTIONS_URL,
  directionsHref,
  headingLevel,
  numberIn,
  coordinate,
  checkTexts,
  originFrom,
  typesConverter,
  unitsConverter,
} from '../../util/attributes.js';
import { placeLabel } from '../../util/place-label.js';
import { newTabLink } from '../../util/new-tab-link.js';
import { NfResultsChangeEvent, NfServiceSelectEvent, NfShowMoreEvent } from '../../events.js';
import type { Address, RankedService, Service, ServiceType, Units } from '../../types.js';

/**
 * Each website's checked link, once per address: parsing a URL was about a fourteenth of a new
 * page's render (100k feed, a new origin: 20 items, every one rendered anew).
 */
const checkedWebsites = new Map<string, string | undefined>();

declare global {
  interface HTMLElementTagNameMap {
    'nf-service-list': NfServiceList;
  }
}

/** The number attributes, also checked when set as properties (checkNumbers). */
const NUMBERS = {
  limit: numberIn('limit', 20, { min: 1, whole: true }, 'nf-service-list'),
  headingLevel,
  staleAfter: numberIn('stale-after', 365, { min: 0 }, 'nf-service-list'),
  latitude: coordinate('nf-service-list', 'latitude'),
  longitude: coordinate('nf-service-list', 'longitude'),
};
const TEXTS = { directionsUrl: DEFAULT_DIRECTIONS_URL, reportUrl: undefined };

/**
 * An accessible list of services, nearest first from an origin. Works alone or inside
 * `<naloxone-finder>`.
 *
 * @summary The list of services: the primary way visitors find help.
 *
 * @csspart base - The wrapper around everything the element shows.
 * @csspart list - The `<ol>` of results.
 * @csspart item - One result (`<li>`); the selected one has `aria-current="true"`.
 * @csspart name - The service's name, in the result's heading.
 * @csspart show-on-map - The "Show on map" button of a result, which selects it on the map.
 * @csspart distance - The distance from the origin.
 * @csspart type-list - The list of service type labels.
 * @csspart features - Free, no ID needed, walk-in, languages and the like.
 * @csspart status - "Temporarily closed".
 * @csspart verified - "Information checked <date>", in the details.
 * @csspart details-button - The "Details" button of a result.
 * @csspart details - A result's details (full description, hours note, accessibility, checked date, report link).
 * @csspart hours-status - "Open now · closes 5 PM", "Closed · opens Mon 9 AM", "Open 24 hours".
 * @csspart hours-week - The week's hours in the details, today first and marked.
 * @csspart hours-note - "Hours: …", the hours as written, for a service whose hours give no "Open now" ("Mon-Fri 9-5, Sat by appointment").
 * @csspart stale-note - "This information may be out of date", when checked longer ago than `stale-after` days.
 * @csspart report - The "Report a problem" link (with `report-url`).
 * @csspart no-position - The heading and note above services without a map position.
 * @csspart by-mail - The heading and note above the services that send naloxone by mail, listed last.
 * @csspart address - The postal address.
 * @csspart actions - The row of links (call, directions, website).
 * @csspart summary - The "N services" line above the list.
 * @csspart show-more - The "Show N more" button.
 * @csspart chosen - The heading above `pinned`: a service chosen on the map that the page does not hold.
 *
 * @cssproperty [--nf-color-accent=#005a9c] - Links, buttons, selection outline.
 * @cssproperty [--nf-color-text=#1b1b1b] - Body text.
 * @cssproperty [--nf-color-muted=#4a4a4a] - Secondary text (address, notes).
 * @cssproperty [--nf-color-background=#ffffff] - Background.
 * @cssproperty [--nf-color-border=#c8c8c8] - Item borders.
 * @cssproperty [--nf-color-selected=#fff4cc] - Background of the selected item.
 * @cssproperty [--nf-font-family=system-ui] - Font.
 * @cssproperty [--nf-radius=6px] - Corner radius.
 *
 * @fires {NfServiceSelectEvent} nf-service-select - A visitor chose a service. `detail: { service, distance }`, distance in km or null.
 * @fires {NfResultsChangeEvent} nf-results-change - The visible results changed. `detail: { services }` in list order. Not fired when a composite holds the paging (`shownCount`): the composite fires it.
 * @fires {NfShowMoreEvent} nf-show-more - With `shownCount` set: the visitor pressed "Show more". `detail: { shown }`, the count asked for.
 */
@customElement('nf-service-list')
export class NfServiceList extends LitElement {
  static override styles = [hostStyles, listStyles];

  /**
   * The services to list: validated records (the `services` of `await parseFeedData(data)`);
   * others are read as a native feed, and the console says so.
   */
  @property({ attribute: false }) services: Service[] = [];

  /**
   * Results already filtered and ranked by a composite that runs the query itself (as
   * `<naloxone-finder>` does, so the visitor's point never reaches this element). When set,
   * they are listed as given, and `latitude`, `longitude` and `types` are not used. An array,
   * or any list with `length` and `slice` (the finder's ranks only the page it shows).
   */
  @property({ attribute: false }) results?: RankedResults;

  /**
   * How many of `results` to show, when a composite holds the paging: "Show more" then fires
   * `nf-show-more` and the composite raises it. Unset: the list pages by itself with `limit`.
   */
  @property({ attribute: false }) shownCount?: number;

  /**
   * The results are the first page of a feed still being read (a composite's early page): the
   * summary says the services are loading instead of counting them, and "Show more" waits for the rest.
   */
  @property({ attribute: false }) partial = false;

  /**
   * Services that send naloxone by mail, listed last under "Naloxone by mail" whatever the
   * distance. A composite hands them over with `results`; alone, the list finds them in `services`.
   */
  @property({ attribute: false }) mail?: Service[];

  /** A partner's own by-mail page, offered last: `{ href, label }` (http(s) only). */
  @property({ attribute: false }) mailLink?: { href: string; label: string };

  /**
   * A service chosen on the map that the shown results do not hold (further down the ranking,
   * or beyond the radius): listed first, under "Chosen on the map", so the choice always has
   * its place in the list. A composite sets it; alone, the list shows only its own results.
   */
  @property({ attribute: false }) pinned?: RankedService;

  /** Origin latitude for distances; with `longitude`, sorts nearest first. */
  @property({ converter: NUMBERS.latitude }) latitude?: number;

  /** Origin longitude for distances. */
  @property({ converter: NUMBERS.longitude }) longitude?: number;

  /** Distance units. Defaults from the page language: miles for US and UK English, otherwise km. */
  @property({ reflect: true, converter: unitsConverter('nf-service-list') }) units?: Units;

  /** How many results to show at first, and how many more each "Show more" adds. */
  @property({ converter: NUMBERS.limit }) limit = 20;

  /** Only list services offering one of these types (comma-separated). Absent: all. */
  @property({ converter: typesConverter }) types: ServiceType[] | null = null;

  /** The id of the selected service, highlighted and scrolled into view. */
  @property({ attribute: 'selected-id' }) selectedId: string | null = null;

  /** Directions link template; `{lat}` and `{lng}` are the service's coordinates. */
  @property({ attribute: 'directions-url' }) directionsUrl = DEFAULT_DIRECTIONS_URL;

  /**
   * Whether each result has a "Show on map" button that selects it (for a map beside the
   * list). Set to false (`selectable="false"`) when there is no map.
   */
  @property({ converter: { fromAttribute: (value: string | null) => value !== 'false' } }) selectable = true;

  /** The level of the list's headings (result names, sections), 1–6, to fit the page's outline. */
  @property({ attribute: 'heading-level', converter: NUMBERS.headingLevel }) headingLevel = 3;

  /** Days after `lastVerified` when a result says "This information may be out of date". */
  @property({ attribute: 'stale-after', converter: NUMBERS.staleAfter }) staleAfter = 365;

  /**
   * "Report a problem" link for each result: an http(s) or mailto: template where `{id}` and
   * `{name}` are the service's (URL-encoded), e.g. `https://example.org/report?service={id}`.
   */
  @property({ attribute: 'report-url' }) reportUrl?: string;

  /**
   * The clock for opening hours: `now` and each service's time zone. A composite passes its
   * own (time zones looked up from coordinates, a fixed time in tests); alone, the list uses
   * the time now and the services' own `timezone`.
   */
  @property({ attribute: false }) clock?: HoursClock;

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

  @state() private shown = 20;
  /** Ids of the results whose details are open. */
  @state() private open = new Set<string>();

  private ranked: RankedResults = [];
  private ownMail: Service[] = [];
  /** After "Show more", the index of the first new result, to move focus to once it is shown. */
  private focusFrom = -1;

  override connectedCallback() {
    super.connectedCallback();
    // The first number format loads locale data (over 100 ms on a slow phone): do it in a task
    // of its own while the feed is still downloading, not in the task that renders the results.
    setTimeout(() => formatDistance(1, this.effectiveUnits, this.locale));
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    checkNumbers(this, changed, NUMBERS);
    checkTexts(this, changed, TEXTS, 'nf-service-list');
    if (changed.has('services')) this.services = givenServices('nf-service-list', this.services);
    if (this.results) {
      this.ranked = this.results;
    } else if (changed.has('services') || changed.has('latitude') || changed.has('longitude') || changed.has('types') || changed.has('results')) {
      const result = runQuery(this.services, { origin: originFrom(this.latitude, this.longitude), types: this.types });
      this.ranked = result.matches;
      this.ownMail = result.mail;
    }
    if (changed.has('limit') || changed.has('services') || changed.has('types')) {
      this.shown = this.limit;
    }
  }

  /** Whether nf-results-change has told of any results yet. */
  private toldResults = false;

  protected override updated(changed: PropertyValues<this>) {
    if (
      this.shownCount === undefined &&
      ['services', 'results', 'latitude', 'longitude', 'types', 'shown', 'limit'].some((k) => changed.has(k as keyof NfServiceList))
    ) {
      const services = this.visible.map((r) => r.service);
      // Nothing shown yet and nothing said before (the first render, before any services): no change to tell.
      if (services.length || this.toldResults) this.dispatchEvent(new NfResultsChangeEvent({ services }));
      this.toldResults ||= services.length > 0;
    }
    if (this.focusFrom >= 0 && this.visible.length > this.focusFrom) {
      // Keyboard and screen reader users continue from the first newly shown result.
      const item = this.renderRoot.querySelectorAll<HTMLElement>('li[part="item"]')[this.focusFrom];
      this.focusFrom = -1;
      item?.querySelector<HTMLElement>('.heading')?.focus();
    }
    // Only a change of selection scrolls: an initial `selected-id` must not move the page.
    if (changed.has('selectedId') && changed.get('selectedId') !== undefined && this.selectedId !== null) this.reveal(this.itemFor(this.selectedId));
  }

  /** The results currently shown, in order. */
  get visible(): RankedService[] {
    return this.ranked.slice(0, this.shownCount ?? this.shown);
  }

  /** Total results after the type filter, before the limit. */
  get total(): number {
    return this.ranked.length;
  }

  private get effectiveUnits(): Units {
    return this.units ?? defaultUnits(this.locale);
  }

  private itemFor(id: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
  }

  /**
   * Scrolls the list itself (when it scrolls, as beside a map) to show the item, never the
   * page: on a narrow screen, a marker chosen on the map must stay in view.
   */
  private reveal(item: HTMLElement | null) {
    if (!item || this.scrollHeight <= this.clientHeight) return;
    const top = item.getBoundingClientRect().top - this.getBoundingClientRect().top + this.scrollTop;
    if (top < this.scrollTop || top + item.offsetHeight > this.scrollTop + this.clientHeight) this.scrollTop = top;
  }

  private select(result: RankedService) {
    this.selectedId = result.service.id;
    // Rounded as the list shows it, as the finder and the map do: never a finer measure of the origin.
    const km = result.distanceKm;
    this.dispatchEvent(new NfServiceSelectEvent({ service: result.service, distance: km === null ? null : roundDistanceKm(km, this.effectiveUnits) }));
  }

  private showMore() {
    const current = this.visible.length;
    this.focusFrom = current;
    const next = current + this.limit;
    if (this.shownCount !== undefined) this.dispatchEvent(new NfShowMoreEvent({ shown: next }));
    else this.shown = next;
  }

  /** Up, Down, Home and End move from a result's heading or "Show on map" to the same in another result. */
  private onKeydown(event: KeyboardEvent) {
    const active = this.shadowRoot?.activeElement;
    const kind = active?.matches('.heading') ? '.heading' : active?.matches('.show-on-map') ? '.show-on-map' : null;
    if (!kind) return;
    const targets = [...this.renderRoot.querySelectorAll<HTMLElement>(`li[part="item"] ${kind}`)];
    const current = targets.indexOf(active as HTMLElement);
    const next = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: targets.length - 1 }[event.key];
    if (next === undefined || next < 0 || next >= targets.length) return;
    event.preventDefault();
    targets[next].focus();
  }

  override render() {
    // English words on a page in another language are marked so; the feed's text keeps the page's (View.feedLang).
    return html`<div class="root" part="base" lang=${ifDefined(this.l10n.fallbackLang)}>${this.renderContent()}</div>`;
  }

  private renderContent() {
    if (!this.services.length) return html`<p class="note" part="summary">${this.t.empty}</p>`;
    // The page language can change without a property change: read it once per render.
    const locale = this.locale;
    const view: View = { locale, units: this.units ?? defaultUnits(locale), region: regionOf(locale) };
    if (this.l10n.fallbackLang) view.feedLang = this.l10n.pageLang;
    const mail = this.renderMail(view);
    if (!this.ranked.length)
      return html`<p class="note" part="summary">${this.t.noMatches}</p>
        ${mail}`;
    const visible = this.visible;
    const remaining = this.partial ? 0 : this.total - visible.length;
    const firstUnlocated = visible.findIndex((r) => !isLocated(r.service));
    const located = firstUnlocated < 0 ? visible : visible.slice(0, firstUnlocated);
    const unlocated = firstUnlocated < 0 ? [] : visible.slice(firstUnlocated);
    return html`
      <p class="summary" part="summary">${this.partial ? this.t.loading : this.t.resultCount(visible.length, this.total)}</p>
      ${this.renderPinned(view)}
      ${
        located.length
          ? html`<ol part="list" aria-label=${this.t.resultsHeading} @keydown=${this.onKeydown}>
              ${located.map((result) => this.renderItem(result, view))}
            </ol>`
          : nothing
      }
      ${
        unlocated.length
          ? html`<div part="no-position">
                <div class="heading section" role="heading" aria-level=${this.headingLevel}>${this.t.noPositionHeading}</div>
                <p class="note">${this.t.noPositionNote}</p>
              </div>
              <ol part="list" aria-label=${this.t.noPositionHeading} @keydown=${this.onKeydown}>
                ${unlocated.map((result) => this.renderItem(result, view))}
              </ol>`
          : nothing
      }
      ${
        remaining > 0
          ? html`<button class="more" part="show-more" @click=${this.showMore}>${this.t.showMore(Math.min(remaining, Math.max(1, this.limit)))}</button>`
          : nothing
      }
      ${mail}
    `;
  }

  private renderPinned(view: View) {
    const pinned = this.pinned;
    if (!pinned) return nothing;
    return html`<div part="chosen">
        <div class="heading section" role="heading" aria-level=${this.headingLevel}>${this.t.chosenHeading}</div>
      </div>
      <ol part="list" aria-label=${this.t.chosenHeading} @keydown=${this.onKeydown}>
        ${this.renderItem(pinned, view)}
      </ol>`;
  }

  /** Naloxone by mail, always last, whatever the distance or the page. */
  private renderMail(view: View) {
    const mail = this.results ? (this.mail ?? []) : this.ownMail;
    const link = this.mailLink;
    if (!mail.length && !link) return nothing;
    return html`<div part="by-mail">
        <div class="heading section" role="heading" aria-level=${this.headingLevel}>${this.t.byMailHeading}</div>
        <p class="note">${this.t.byMailIntro}</p>
      </div>
      <ol part="list" aria-label=${this.t.byMailHeading} @keydown=${this.onKeydown}>
        ${mail.map((service) => this.renderItem({ service, distanceKm: null }, view, false))}
        ${link ? html`<li part="item">${newTabLink(link.href, link.label, this.t.newTab)}</li>` : nothing}
      </ol>`;
  }

  private renderItem(result: RankedService, view: View, onMap = true) {
    const { service, distanceKm } = result;
    const selected = service.id === this.selectedId;
    const name = html`<span part="name" dir="auto" lang=${ifDefined(view.feedLang)}>${service.name}</span>`;
    return html`
      <li part="item" data-id=${service.id} aria-current=${selected ? 'true' : 'false'}>
        <div class="heading" role="heading" aria-level=${this.headingLevel} tabindex="-1">${name}</div>
        ${
          distanceKm === null
            ? nothing
            : html`<p class="meta"><span class="distance" part="distance">${formatDistance(distanceKm, view.units, view.locale)}</span></p>`
        }
        ${
          service.types.length
            ? html`<ul class="types" part="type-list">
                ${sortTypes(service.types).map((t) => html`<li>${this.t.typeLabels[t]}</li>`)}
              </ul>`
            : nothing
        }
        ${service.status === 'temporarily-closed' ? html`<p class="closed" part="status">${this.t.temporarilyClosed}</p>` : nothing}
        ${this.renderHoursStatus(service, view)} ${this.renderFeatures(service, view.locale)} ${this.renderAddress(service.address, view)}
        ${service.description ? html`<p class="description"><span dir="auto" lang=${ifDefined(view.feedLang)}>${shorten(service.description)}</span></p>` : nothing}
        ${this.renderActions(result, onMap)} ${this.renderDetails(service, view)}
      </li>
    `;
  }

  /** Everything else about a service, in place, behind a "Details" button. */
  private renderDetails(service: Service, view: View) {
    const s = this.t;
    const open = this.open.has(service.id);
    const id = `details-${cssSafeId(service.id)}`;
    const report = this.reportUrl ? reportHref(this.reportUrl, service) : undefined;
    const longDescription = !!service.description && shorten(service.description) !== service.description;
    // Nothing more to tell: no button that opens an empty panel.
    if (!this.hasWeek(service) && !longDescription && !noteInDetails(service) && !service.accessibility && !service.lastVerified && !report) return nothing;
    return html`<button
        class="details-toggle"
        part="details-button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${id}
        @click=${() => this.toggleDetails(service.id)}
      >
        ${s.details}<span class="visually-hidden">: ${placeLabel(service)}</span>
      </button>
      <div class="details" part="details" id=${id} ?hidden=${!open}>${open ? this.renderDetailsBody(service, view, longDescription, report) : nothing}</div>`;
  }

  /**
   * The open panel's contents. A closed panel is empty: every new origin re-renders the page's
   * items, and twenty week tables nobody opened were most of the list's DOM.
   */
  private renderDetailsBody(service: Service, view: View, longDescription: boolean, report: string | undefined) {
    const s = this.t;
    const stale = service.lastVerified && daysSince(service.lastVerified) > this.staleAfter;
    return html`${longDescription ? html`<p class="description"><span dir="auto" lang=${ifDefined(view.feedLang)}>${service.description}</span></p>` : nothing}
    ${this.renderWeek(service, view)}
    ${noteInDetails(service) ? html`<p class="description"><span dir="auto" lang=${ifDefined(view.feedLang)}>${service.hoursNote}</span></p>` : nothing}
    ${service.accessibility ? html`<p class="description">${s.accessibility(service.accessibility)}</p>` : nothing}
    ${service.lastVerified ? html`<p class="verified" part="verified">${s.lastVerified(formatDate(service.lastVerified, view.locale))}</p>` : nothing}
    ${stale ? html`<p class="stale-note" part="stale-note">${s.outOfDate}</p>` : nothing}
    ${report ? html`<p>${newTabLink(report, s.reportProblem, s.newTab, { about: placeLabel(service), part: 'report' })}</p>` : nothing}`;
  }

  private clockNow(): HoursClock {
    return this.clock ?? { now: new Date(), zoneOf: (s) => knownTimeZone(s) };
  }

  /**
   * "Open now · closes 5 PM", in the service's time zone. A service whose hours are only a note
   * (hours shown as written, or "by appointment") shows the note, so no visitor has to open the
   * details to learn when it is open.
   */
  private renderHoursStatus(service: Service, view: View) {
    // "Temporarily closed" says it: its usual hours must not say "Open now" beside it.
    if (service.status === 'temporarily-closed') return nothing;
    const { now, zoneOf } = this.clockNow();
    const zone = zoneOf(service);
    const status = hoursStatus(service, zone, now);
    if (!status) {
      return onlyNote(service) ? html`<p class="hours-note" part="hours-note" dir="auto">${this.t.hoursAsWritten(shorten(service.hoursNote!))}</p>` : nothing;
    }
    const text = formatHoursStatus(status, { locale: view.locale, timeZone: zone ?? 'UTC', now, strings: this.t.hours });
    const open = status.state !== 'closed';
    return html`<p class="hours-status ${open ? 'open' : 'shut'}" part="hours-status">${text}</p>`;
  }

  /** Whether the details have a week of hours to show (the same test renderWeek makes). */
  private hasWeek(service: Service): boolean {
    return !service.open24h && !!serviceRules(service) && !!this.clockNow().zoneOf(service);
  }

  /** The week's hours, today first and marked, in the visitor's language. */
  private renderWeek(service: Service, view: View) {
    const rules = serviceRules(service);
    const { now, zoneOf } = this.clockNow();
    const zone = zoneOf(service);
    if (!rules || !zone || service.open24h) return nothing;
    const dayName = dateFormat(view.locale, { weekday: 'long', timeZone: zone });
    return html`<table class="week" part="hours-week">
      <caption>
        ${this.t.hoursHeading}
      </caption>
      <tbody>
        ${weekTable(rules, zone, now).map(
          (day) =>
            html`<tr class=${day.today ? 'today' : ''} aria-current=${day.today ? 'date' : 'false'}>
              <th scope="row">${dayName.format(day.noon)}${day.today ? html`<span class="today-mark">${` (${this.t.today})`}</span>` : nothing}</th>
              <td>
                ${
                  day.ranges.length
                    ? day.ranges.map((r) => `${formatHoursTime(r.opens, view.locale)}–${formatHoursTime(r.closes, view.locale)}`).join(', ')
                    : this.t.hours.closed
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private toggleDetails(id: string) {
    const open = new Set(this.open);
    if (!open.delete(id)) open.add(id);
    this.open = open;
  }

  private renderAddress(address: Address | undefined, view: View) {
    if (!address) return nothing;
    const locality = [address.city, [address.region, address.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
    const lines = [address.street, locality, countryName(address.country, view)].filter(Boolean);
    if (!lines.length) return nothing;
    // One text, its lines kept by `white-space: pre-line`: a template per line and per break
    // was a good part of what a new origin's render made.
    // The feed's own words run in their own direction (an Arabic address on an English page);
    // the lines still start where the page's do.
    return html`<address part="address"><span dir="auto" lang=${ifDefined(view.feedLang)}>${lines.join('\n')}</span></address>`;
  }

  private renderFeatures(service: Service, locale: string) {
    const s = this.t;
    const features = [
      service.cost === 'free' ? s.free : service.cost ? s.cost(service.cost) : '',
      service.noIdRequired ? s.noIdRequired : '',
      service.walkIn ? s.walkIn : '',
      service.appointmentRequired ? s.appointmentRequired : '',
      service.anonymous ? s.anonymous : '',
      service.peerRun ? s.peerRun : '',
      service.languages?.length ? s.languages(service.languages.map((tag) => languageName(tag, locale, s.languageNames)).join(', ')) : '',
    ].filter(Boolean);
    if (!features.length) return nothing;
    return html`<ul class="features" part="features">
      ${features.map((f) => html`<li>${f}</li>`)}
    </ul>`;
  }

  private get locale(): string {
    return this.l10n.lang;
  }

  private renderActions(result: RankedService, onMap: boolean) {
    const { service } = result;
    const label = placeLabel(service);
    // Checked again here: this element also takes services that never went through the validator.
    const tel = service.phone ? telUrl(service.phone) : undefined;
    const website = service.website ? remembered(checkedWebsites, service.website, safeWebUrl) : undefined;
    const email = service.email && isEmail(service.email) ? service.email : undefined;
    const directions = isLocated(service) ? directionsHref(this.directionsUrl, service.lat, service.lng) : undefined;
    return html`
      <div class="actions" part="actions">
        ${tel ? html`<a href=${tel}>${withLtr(this.t.call, service.phone!)}</a>` : service.phone ? html`<span>${service.phone}</span>` : nothing}
        ${directions ? newTabLink(directions, this.t.directions, this.t.newTab, { about: label }) : nothing}
        ${website ? newTabLink(website, this.t.website, this.t.newTab, { about: label }) : nothing}
        ${email ? html`<a href=${`mailto:${email}`}>${this.t.email}<span class="visually-hidden">: ${label}</span></a>` : nothing}
        ${
          onMap && this.selectable && isLocated(service)
            ? html`<button class="show-on-map" part="show-on-map" @click=${() => this.select(result)}>
                ${this.t.showOnMap}<span class="visually-hidden">: ${label}</span>
              </button>`
            : nothing
        }
      </div>
    `;
  }
}

/** The time now and each service's time zone, for opening hours. */
export interface HoursClock {
  now: Date;
  zoneOf: (service: Service) => string | undefined;
}

/** What every result of one render shares. */
interface View {
  locale: string;
  /** The page's language for the feed's own text, where the list's words are English marked so (fallbackLang). */
  feedLang?: string;
  units: Units;
  /** The region of the page language, for leaving out the visitor's own country. */
  region?: string;
}

/** Descriptions longer than this show their start in the result and in full in its details. */
const SHORT_DESCRIPTION = 160;

/** The description cut at a word boundary near SHORT_DESCRIPTION characters, with "…". */
/** Whether a service's hours are only its note (as written, or "by appointment"): the list item then shows it. */
function onlyNote(service: Service): boolean {
  return !!service.hoursNote && !service.open24h && !serviceRules(service);
}

/** Whether the details show the hours note: not when the item already shows all of it. */
function noteInDetails(service: Service): boolean {
  return !!service.hoursNote && !(onlyNote(service) && shorten(service.hoursNote) === service.hoursNote);
}

function shorten(text: string): string {
  if (text.length <= SHORT_DESCRIPTION) return text;
  const cut = text.slice(0, SHORT_DESCRIPTION);
  const space = cut.lastIndexOf(' ');
  return `${(space > SHORT_DESCRIPTION / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** Whole days from an ISO date (YYYY-MM-DD) to today, in UTC. */
function daysSince(isoDate: string): number {
  return Math.floor((Date.now() - Date.parse(`${isoDate}T00:00:00Z`)) / 86_400_000);
}

/** Ids come from feeds: keep only characters that are safe in an id reference. */
function cssSafeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
}

function formatDate(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  try {
    return dateFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
  } catch {
    return isoDate;
  }
}

/** The country's name in the page language, or nothing when it is the visitor's own region. */
function countryName(country: string | undefined, view: View): string | undefined {
  if (!country || !/^[A-Za-z]{2}$/.test(country)) return country;
  if (view.region?.toUpperCase() === country.toUpperCase()) return undefined;
  try {
    return displayName(view.locale, 'region', country.toUpperCase()) ?? country;
  } catch {
    return country;
  }
}
