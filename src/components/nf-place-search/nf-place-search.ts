import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../../util/define.js';
import { hostStyles } from '../../styles/host.js';
import { LocaleController, type StringOverrides } from '../../i18n/localize.js';
import type { Strings } from '../../i18n/strings.js';
import type { PartnerPlace, Place, PlaceSearchResult } from '../../places/search.js';
import { NfPlaceSelectEvent } from './events.js';
import { checkTexts } from '../../util/attributes.js';
import { placeSearchStyles } from './nf-place-search.styles.js';

declare global {
  interface HTMLElementTagNameMap {
    'nf-place-search': NfPlaceSearch;
  }
}

let nextId = 0;

/**
 * A search field for a place: a US ZIP code, a Canadian postal code (its first three
 * characters are enough) or a town or city. The place is looked up in this browser from a
 * gazetteer loaded on the first search; what the visitor types is never sent anywhere.
 *
 * @summary Find a place by ZIP code, postal code or city name, offline.
 * @fires {NfPlaceSelectEvent} nf-place-select - The visitor chose a place. `detail`: `{ label, source: 'search', latitude, longitude, place }`.
 * @csspart form - The form around the field and the button.
 * @csspart input - The text field (a combobox when choices are shown).
 * @csspart button - The Search button.
 * @csspart listbox - The list of choices for an ambiguous name or a typo.
 * @csspart option - One choice.
 * @csspart message - The status line (searching, nothing found, the place chosen).
 * @cssproperty [--nf-color-accent=#005a9c] - Button and focus colour.
 * @cssproperty [--nf-color-selected=#fff4cc] - Background of the active choice.
 * @cssproperty [--nf-color-border=#c8c8c8] - Border of the list of choices.
 * @cssproperty [--nf-color-muted=#4a4a4a] - Field border and status text.
 * @cssproperty [--nf-radius=6px] - Corner radius.
 */
@customElement('nf-place-search')
export class NfPlaceSearch extends LitElement {
  static override styles = [hostStyles, placeSearchStyles];

  /** A state, province or country ("PA", "BC", "US", "CA") whose matches come first. */
  @property({ attribute: 'place-region' }) placeRegion = '';

  /** The partner's own named places (neighbourhoods, reserves, campuses), searched first. */
  @property({ attribute: false }) places: PartnerPlace[] = [];

  /**
   * Opt-in online geocoder for what the offline gazetteer does not know, e.g. the partner's own
   * Nominatim or Pelias: an http(s) URL template where `{q}` is the typed text. The typed text is
   * then sent to that server; without it, nothing typed ever leaves the browser.
   */
  @property({ attribute: 'geocoder-url' }) geocoderUrl?: string;

  /**
   * Says nothing when a place is chosen, for a page that says it itself (`<naloxone-finder>`
   * does: "Nearest first from …"), so a screen reader does not hear it twice. Searching, no match
   * and the list of choices are still said.
   */
  @property({ type: Boolean, attribute: 'quiet-selection' }) quietSelection = false;

  /**
   * Words to use instead of the language's own: any part of `Strings`, down to one word, e.g.
   * `{ useMyLocation: 'Find naloxone near me' }`. The rest comes from the page language.
   */
  @property({ attribute: false }) strings?: StringOverrides;

  /**
   * What the search finds places for, in its landmark's name ("Place search: <context>"), so
   * several on one page are told apart; `<naloxone-finder>` gives its feed's title.
   */
  @property({ attribute: false }) context?: string;

  /** Words in the element's language (`lang` here or on an ancestor), under the partner's `strings`. */
  private readonly l10n = new LocaleController(this);
  private get t() {
    return this.l10n.t;
  }

  @state() private choices: Place[] = [];
  @state() private active = -1;
  /** The status line, as words made from the strings in effect, so it follows a change of language. */
  @state() private message: (s: Strings['places']) => string = () => '';

  private readonly uid = `nf-place-search-${nextId++}`;
  /** Answers to an older search are dropped. */
  private searchCount = 0;

  /** Searches for `query` as if the visitor had typed it and pressed Search. */
  async search(query: string): Promise<PlaceSearchResult> {
    const count = ++this.searchCount;
    this.choices = [];
    this.active = -1;
    this.message = (s) => s.searching;
    let result: PlaceSearchResult;
    try {
      // The search code comes with the gazetteer, on the first search: never at start-up.
      const { searchPlaces } = await import('../../places/search.js');
      result = await searchPlaces(query, { region: this.placeRegion, places: this.places, near: this.t.places.near });
      if (result.kind === 'not-found' && this.geocoderUrl) {
        const { geocode } = await import('../../places/geocoder.js');
        const online = await geocode(this.geocoderUrl, query);
        if (online.kind === 'unavailable') console.error(`naloxone-finder: the geocoder could not be asked (${online.message}).`);
        else result = online;
      }
    } catch (error) {
      result = { kind: 'unavailable', message: (error as Error)?.message ?? String(error) };
    }
    if (count === this.searchCount) this.show(result, query.trim());
    return result;
  }

  private show(result: PlaceSearchResult, query: string) {
    switch (result.kind) {
      case 'found':
        this.choose(result.place);
        return;
      case 'choices':
        this.choices = result.places;
        this.message = (s) => (result.reason === 'ambiguous' ? s.ambiguous(result.places.length) : s.similar);
        return;
      case 'not-found':
        this.message = (s) => s.notFound(query);
        return;
      case 'unknown-code':
        this.message = (s) =>
          result.codeKind === 'postal-district'
            ? s.unknownPostalDistrict(result.code)
            : result.located === false
              ? s.unlocatedZip(result.code)
              : s.unknownZip(result.code);
        return;
      case 'invalid':
        this.message = (s) => s.invalid[result.reason];
        return;
      case 'unavailable':
        this.message = (s) => s.unavailable;
    }
  }

  private choose(place: Place) {
    this.choices = [];
    this.active = -1;
    this.message = this.quietSelection ? () => '' : (s) => s.selected(place.label);
    this.dispatchEvent(new NfPlaceSelectEvent({ label: place.label, source: 'search', latitude: place.latitude, longitude: place.longitude, place }));
  }

  private onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input');
    if (input) void this.search(input.value);
  }

  private onKeydown(event: KeyboardEvent) {
    const open = this.choices.length > 0;
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      this.choices = [];
      this.active = -1;
      this.message = () => '';
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && open) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      const n = this.choices.length;
      this.active = this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n;
    } else if ((event.key === 'Home' || event.key === 'End') && open && this.active >= 0) {
      event.preventDefault();
      this.active = event.key === 'Home' ? 0 : this.choices.length - 1;
    } else if (event.key === 'Enter' && open && this.active >= 0) {
      event.preventDefault();
      this.choose(this.choices[this.active]);
    }
  }

  /**
   * Keys work on the input, as the ARIA combobox pattern has it; a pointer picks here, on
   * mousedown so the focus stays in the input.
   */
  private onOptionPointer(event: MouseEvent) {
    event.preventDefault();
    const option = (event.target as Element).closest('[role="option"]');
    const place = this.choices[Number(option?.getAttribute('data-index'))];
    if (place) this.choose(place);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    checkTexts(this, changed, { placeRegion: '', geocoderUrl: undefined, context: undefined }, 'nf-place-search');
  }

  override updated() {
    if (this.active >= 0) this.renderRoot.querySelector(`#${this.uid}-option-${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const open = this.choices.length > 0;
    return html`<div class="root" lang=${ifDefined(this.l10n.fallbackLang)}>
      <form part="form" role="search" aria-label=${this.t.places.landmark(this.context)} @submit=${this.onSubmit}>
        <div class="field">
          <label id="${this.uid}-label" for="${this.uid}-input">${this.t.places.label}</label>
          <input
            id="${this.uid}-input"
            part="input"
            type="text"
            role="combobox"
            aria-labelledby="${this.uid}-label"
            autocomplete="off"
            spellcheck="false"
            maxlength="200"
            aria-autocomplete="none"
            aria-expanded=${open ? 'true' : 'false'}
            aria-controls="${this.uid}-listbox"
            aria-activedescendant=${open && this.active >= 0 ? `${this.uid}-option-${this.active}` : nothing}
            @keydown=${this.onKeydown}
          />
          ${this.renderChoices()}
        </div>
        <button part="button" type="submit">${this.t.places.search}</button>
      </form>
      <p class="message" part="message" role="status">${this.message(this.t.places)}</p>
    </div>`;
  }

  private renderChoices() {
    return html`<ul
      id="${this.uid}-listbox"
      part="listbox"
      role="listbox"
      aria-label=${this.t.places.label}
      ?hidden=${this.choices.length === 0}
      @mousedown=${this.onOptionPointer}
    >
      ${this.choices.map(
        (place, i) =>
          html`<li id="${this.uid}-option-${i}" part="option" role="option" aria-selected=${i === this.active ? 'true' : 'false'} data-index=${i}>
            ${place.label}
          </li>`,
      )}
    </ul>`;
  }
}
