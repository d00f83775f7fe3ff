import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/**
 * A link that opens in a new tab and says so to screen readers (`newTab`, the words in the
 * visitor's language); `about` names the place, when the visible words ("Directions") are the
 * same in every result.
 */
export function newTabLink(href: string, text: string, newTab: string, { about, part }: { about?: string; part?: string } = {}) {
  return html`<a href=${href} part=${ifDefined(part)} target="_blank" rel="noopener noreferrer"
    >${text}<span class="visually-hidden">${about ? `: ${about}` : ''} ${newTab}</span></a
  >`;
}
