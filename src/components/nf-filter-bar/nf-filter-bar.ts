import { ifDefined } from 'lit/directives/if-defined.js';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { customElement } from '../../util/define.js';
import { hostStyles } from '../../styles/host.js';
import { filterBarStyles } from './nf-filter-bar.styles.js';
import { LocaleController, type StringOverrides } from '../../i18n/localize.js';
import { languageName } from '../../i18n/intl.js';
import { sortTypes, type ServiceType } from '../../feed/service-types.js';
import { NEEDS, type FilterCounts, type Filters, type Need } from '../../query/filters.js';
import { NfFiltersChangeEvent } from '../../events.js';

declare global {
  interface HTMLElementTagNameMap {
    'nf-filter-bar': NfFilterBar;
  }
}

type Group = 'types' | 'needs' | 'languages';

/**
 * Checkboxes a visitor ticks to narrow the list: service types present, low-barrier needs
 * (free, no ID, walk-in, anonymous, open now, open 24 hours) and languages, each with how many
 * services it would show. Collapsed behind a "Filters" button (one Tab stop before the results).
 *
 * @summary The visitor's filters, with counts.
 *
 * @csspart base - The wrapper around the bar.
 * @csspart toggle - The "Filters" button that opens the filters.
 * @csspart panel - The groups of checkboxes.
 * @csspart group - One group (a fieldset).
 * @csspart summary - "8 of 51 services match: Free, Open now", or what matched nothing.
 * @csspart clear - The "Clear filters" button.
 *
 * @cssproperty [--nf-color-accent=#005a9c] - Buttons, checkboxes and the focus ring.
 * @cssproperty [--nf-color-muted=#4a4a4a] - The summary line.
 * @cssproperty [--nf-radius=6px] - Corner radius of the buttons.
 *
 * @fires {NfFiltersChangeEvent} nf-filters-change - The visitor changed the filters. `detail: { filters }`.
 */
@customElement('nf-filter-bar')
export class NfFilterBar extends LitElement {
  static override styles = [hostStyles, filterBarStyles];

  /**
   * How many services each choice would show (from `runQuery(...).counts`), or a function that
   * gives them: it is called only while the panel is open, so counting a big feed waits until
   * a visitor asks for the filters.
   */
  @property({ attribute: false }) counts?: FilterCounts | (() => FilterCounts);

  /** The active filters. */
  @property({ attribute: false }) filters: Filters = {};

  /** Services that match now, for the summary. */
  @property({ type: Number }) matched = 0;
  /** Services in all, before the filters, for the summary. */
  @property({ type: Number }) total = 0;

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

  @state() private expanded = false;

  protected override willUpdate(changed: PropertyValues<this>) {
    // Filters preset by the partner show open, so the visitor sees why the list is narrowed.
    if (changed.has('filters') && changed.get('filters') === undefined && this.activeCount() > 0) this.expanded = true;
  }

  private activeCount(): number {
    return (this.filters.types?.length ?? 0) + (this.filters.needs?.length ?? 0) + (this.filters.languages?.length ?? 0);
  }

  private get locale() {
    return this.l10n.lang;
  }

  private languageName(tag: string): string {
    return languageName(tag, this.locale, this.t.languageNames);
  }

  /** The labels of the active filters, as a list in the page language ("Free and Open now"). */
  private chosenText(): string {
    const f = this.filters;
    const labels = [
      ...(f.types ?? []).map((t) => this.t.typeLabels[t]),
      ...(f.needs ?? []).map((n) => this.t.needLabels[n]),
      ...(f.languages ?? []).map((l) => this.languageName(l)),
    ];
    try {
      return new Intl.ListFormat(this.locale, { type: 'unit' }).format(labels);
    } catch {
      return labels.join(', ');
    }
  }

  /**
   * What the summary says: "8 of 51 services match: Free and Open now", or that nothing
   * matches; empty with no filter on. Not a live region: the finder announces it with the results.
   */
  get summary(): string {
    if (!this.activeCount()) return '';
    return this.matched ? this.t.filterSummary(this.matched, this.total, this.chosenText()) : this.t.filterNone(this.chosenText());
  }

  private toggle(group: Group, value: string, on: boolean) {
    const current = (this.filters[group] ?? []) as readonly string[];
    const next = on ? [...current, value] : current.filter((v) => v !== value);
    // Every group in the event, ticked or not, as README gives it: `filters.needs.length` works.
    this.filters = { types: [], needs: [], languages: [], ...this.filters, [group]: next };
    this.dispatchEvent(new NfFiltersChangeEvent({ filters: this.filters }));
  }

  /** Clears every filter. The button goes with them, so the focus moves to "Filters" rather than to the page's body. */
  private async clear() {
    this.filters = { types: [], needs: [], languages: [] };
    this.dispatchEvent(new NfFiltersChangeEvent({ filters: this.filters }));
    await this.updateComplete;
    this.focusToggle();
  }

  private focusToggle() {
    this.renderRoot.querySelector<HTMLButtonElement>('.toggle')?.focus();
  }

  /** Escape closes the open panel from any of its checkboxes or the toggle, and leaves the focus on the toggle. */
  private onKeydown(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !this.expanded) return;
    event.preventDefault();
    this.expanded = false;
    this.focusToggle();
  }

  override render() {
    if (!this.counts) return nothing;
    const active = this.activeCount();
    return html`<div class="root" part="base" lang=${ifDefined(this.l10n.fallbackLang)} @keydown=${this.onKeydown}>
      <button
        class="toggle"
        part="toggle"
        aria-expanded=${this.expanded ? 'true' : 'false'}
        aria-controls="panel"
        @click=${() => (this.expanded = !this.expanded)}
      >
        ${this.t.filtersButton(active)}
      </button>
      <div id="panel" class="panel" part="panel" ?data-collapsed=${!this.expanded}>${this.expanded ? this.renderGroups() : nothing}</div>
      <p class="summary" part="summary">${this.summary}</p>
      ${active ? html`<button class="clear" part="clear" @click=${this.clear}>${this.t.clearFilters}</button>` : nothing}
    </div>`;
  }

  /** The checkboxes, drawn only while the panel is open. */
  private renderGroups() {
    const counts = typeof this.counts === 'function' ? this.counts() : this.counts!;
    const f = this.filters;
    // A choice stays while it is on, with no match left (the counts name only values that have
    // some): the visitor must be able to untick it where they ticked it.
    const withChosen = <T extends string>(counted: Partial<Record<T, number>>, chosen: readonly T[] = []) => [
      ...new Set([...(Object.keys(counted) as T[]).filter((v) => (counted[v] ?? 0) > 0), ...chosen]),
    ];
    const types = sortTypes(withChosen(counts.types, f.types));
    const needs = NEEDS.filter((n) => counts.needs[n] > 0 || f.needs?.includes(n));
    const languages = withChosen(counts.languages, f.languages).sort((a, b) => (counts.languages[b] ?? 0) - (counts.languages[a] ?? 0) || a.localeCompare(b));
    return html`
      ${this.renderGroup('types', this.t.filterTypesLegend, types, (t) => this.t.typeLabels[t as ServiceType], counts.types)}
      ${this.renderGroup('needs', this.t.filterNeedsLegend, needs, (n) => this.t.needLabels[n as Need], counts.needs)}
      ${
        languages.length > 1 || f.languages?.length
          ? this.renderGroup('languages', this.t.filterLanguagesLegend, languages, (l) => this.languageName(l), counts.languages)
          : nothing
      }
    `;
  }

  private renderGroup(group: Group, legend: string, values: readonly string[], label: (v: string) => string, counts: Partial<Record<string, number>>) {
    if (!values.length) return nothing;
    const active = (this.filters[group] ?? []) as readonly string[];
    return html`<fieldset class="group" part="group">
      <legend>${legend}</legend>
      ${values.map(
        (v) =>
          html`<label class="option">
            <input type="checkbox" .checked=${active.includes(v)} @change=${(e: Event) => this.toggle(group, v, (e.target as HTMLInputElement).checked)} />
            ${this.t.filterOption(label(v), counts[v] ?? 0)}
          </label>`,
      )}
    </fieldset>`;
  }
}
