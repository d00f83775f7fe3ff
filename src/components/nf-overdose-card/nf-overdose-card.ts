import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { withLtr } from '../../util/ltr.js';
import { property } from 'lit/decorators.js';
import { customElement } from '../../util/define.js';
import { hostStyles } from '../../styles/host.js';
import { overdoseCardStyles } from './nf-overdose-card.styles.js';
import { LocaleController, type StringOverrides } from '../../i18n/localize.js';
import { safeWebUrl } from '../../util/safe-url.js';
import { emergencyNumberFor, emergencyNumberForCountry, emergencyTel, readCountry, readEmergencyNumber } from './emergency-number.js';

declare global {
  interface HTMLElementTagNameMap {
    'nf-overdose-card': NfOverdoseCard;
  }
}

/**
 * What to do if someone may be overdosing: a disclosure, collapsed by default, with the steps
 * public-health agencies publish for bystanders and a link that calls the emergency number.
 * Works alone or inside `<naloxone-finder>`.
 *
 * The number is the partner's `emergency-number`, else the one for `country` (where the
 * services are; `<naloxone-finder>` sets it), else the one for the country of the element's
 * language (`lang` on the element or an ancestor, the page, then the browser): 911 in the US,
 * Canada and Mexico, 999 in the UK, 000 in Australia, 111 in New Zealand, 112 in the EU and
 * everywhere else.
 *
 * @summary Overdose response steps and the emergency number, one tap away.
 *
 * @csspart base - The wrapper around everything the element shows.
 * @csspart summary - The always-visible "If someone may be overdosing" control.
 * @csspart signs - The line of overdose signs, below the steps (the call link comes first).
 * @csspart steps - The numbered list of steps (`<ol>`).
 * @csspart step - One step (`<li>`).
 * @csspart call-link - The `tel:` link that calls the emergency number.
 * @csspart good-samaritan - The partner's Good Samaritan law note.
 * @csspart training-link - The link to the partner's training page.
 *
 * @cssproperty [--nf-color-urgent=#a4262c] - Border of the card and background of the call link (its text is --nf-color-on-accent, white by default).
 * @cssproperty [--nf-color-accent=#005a9c] - Focus ring and the training link.
 * @cssproperty [--nf-color-text=#1b1b1b] - Body text.
 * @cssproperty [--nf-color-background=#ffffff] - Background.
 * @cssproperty [--nf-font-family=system-ui] - Font.
 * @cssproperty [--nf-radius=6px] - Corner radius.
 */
@customElement('nf-overdose-card')
export class NfOverdoseCard extends LitElement {
  static override styles = [hostStyles, overdoseCardStyles];

  /** Whether the steps are shown. Follows the visitor's clicks and keys. */
  @property({ type: Boolean, reflect: true }) open = false;

  /**
   * The number to call: digits, spaces and an optional leading + (`"911"`, `"+41 144"`).
   * Anything else is reported in the console and the number for `country` or the language is used.
   */
  @property({ attribute: 'emergency-number' }) emergencyNumber?: string | null;

  /**
   * Where the services are, as an ISO 3166-1 alpha-2 code in any case (`"US"`, `"ca"`): without
   * `emergency-number`, the number to call is this country's, whatever the language. Anything
   * else is reported in the console and the number for the language is used.
   */
  @property() country?: string | null;

  /** A note on the local Good Samaritan law, shown as plain text below the steps. */
  @property({ attribute: 'good-samaritan-note' }) goodSamaritanNote?: string | null;

  /** The partner's overdose-response training page (http or https only; others are reported and not shown). */
  @property({ attribute: 'training-url' }) trainingUrl?: string | null;

  /** The training link's text. Default: "Learn how to respond to an overdose". */
  @property({ attribute: 'training-label' }) trainingLabel?: string | null;

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

  /** Derived in willUpdate: the partner's number, country and training link, once accepted. */
  private partnerNumber?: string;
  private countryCode?: string;
  private trainingHref?: string;

  protected override willUpdate(changed: PropertyValues<this>) {
    // Both read first: each message names the number then called.
    if (changed.has('country')) this.countryCode = typeof this.country === 'string' ? readCountry(this.country) : undefined;
    if (changed.has('emergencyNumber')) this.partnerNumber = typeof this.emergencyNumber === 'string' ? readEmergencyNumber(this.emergencyNumber) : undefined;
    if (changed.has('country') && typeof this.country === 'string' && !this.countryCode)
      console.error(
        `naloxone-finder: country="${this.country}" is not a two-letter country code (ISO 3166-1, e.g. US or CA); using ${this.partnerNumber ?? this.languageNumber}.`,
      );
    if (changed.has('emergencyNumber') && typeof this.emergencyNumber === 'string' && !this.partnerNumber)
      console.error(
        `naloxone-finder: emergency-number="${this.emergencyNumber}" is not a phone number (digits, spaces and a leading + only); using ${this.defaultNumber}.`,
      );
    if (changed.has('trainingUrl')) {
      const value = this.trainingUrl;
      this.trainingHref = typeof value === 'string' ? safeWebUrl(value) : undefined;
      if (typeof value === 'string' && !this.trainingHref)
        console.error(
          `naloxone-finder: training-url="${value}" is not an http or https address without a user name or password; the training link is not shown.`,
        );
    }
  }

  /** The number for the country of the element's language, read at each render (a changed `lang` shows on the next update). */
  private get languageNumber(): string {
    return emergencyNumberFor(this.l10n.lang);
  }

  /** The number without the partner's: the one for `country`, else for the language. */
  private get defaultNumber(): string {
    return this.countryCode ? emergencyNumberForCountry(this.countryCode) : this.languageNumber;
  }

  private onToggle(event: Event) {
    this.open = (event.target as HTMLDetailsElement).open;
  }

  override render() {
    const s = this.t.overdose;
    const number = this.partnerNumber ?? this.defaultNumber;
    // English words on a page in another language are marked so; the partner's own note keeps the page's.
    const english = this.l10n.fallbackLang;
    const pageLang = english && this.l10n.pageLang;
    return html`
      <div class="root" part="base" lang=${ifDefined(english)}>
        <details ?open=${this.open} @toggle=${this.onToggle}>
          <summary part="summary">${s.summary}</summary>
          <div class="body">
            <!-- The steps first: the call link is the first thing under the summary, on a small phone with large text too. -->
            <ol part="steps">
              <li part="step">
                <a class="call" part="call-link" href=${emergencyTel(number)}>${withLtr(s.call, number)}</a>
                ${s.callDetail}
              </li>
              ${this.renderStep(s.naloxone, s.naloxoneDetail)} ${this.renderStep(s.breathing, s.breathingDetail)}
              ${this.renderStep(s.secondDose, s.secondDoseDetail)} ${this.renderStep(s.stay, s.stayDetail)}
            </ol>
            <p class="signs" part="signs">${s.signs}</p>
            ${this.goodSamaritanNote?.trim() ? html`<p class="note" part="good-samaritan" lang=${ifDefined(pageLang)}>${this.goodSamaritanNote}</p>` : nothing}
            ${
              this.trainingHref
                ? html`<p><a class="training" part="training-link" href=${this.trainingHref}>${this.trainingLabel?.trim() || s.training}</a></p>`
                : nothing
            }
          </div>
        </details>
      </div>
    `;
  }

  private renderStep(title: string, detail: string) {
    return html`<li part="step"><strong>${title}</strong> ${detail}</li>`;
  }
}
