import { html, type TemplateResult } from 'lit';

/**
 * `words(value)` with `value` set left to right on its own: a phone number inside an Arabic or
 * Hebrew sentence ("اتصل 555-0101") keeps its order, where the sentence's direction would
 * reverse its groups. The text stays the sentence's; words that leave the value out are shown as
 * they are.
 */
export function withLtr(words: (value: string) => string, value: string): TemplateResult | string {
  const [before, after] = words('\u0000').split('\u0000');
  return after === undefined ? words(value) : html`${before}<bdi dir="ltr">${value}</bdi>${after}`;
}
