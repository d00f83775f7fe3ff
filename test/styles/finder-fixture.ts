import { fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { NaloxoneFinder } from '../../src/naloxone-finder.js';
import type { NfServiceList } from '../../src/components/nf-service-list/nf-service-list.js';
import { feedAt, feedUrl } from '../helpers/services.js';

/** A fixed moment, so opening hours read the same in every run. */
export const NOW = new Date('2026-03-04T18:00:00Z');

/**
 * Fictional services carrying every field the list can show: hours, address, phone, types,
 * features, a long description, a temporary closure, an out-of-date check and one by mail.
 */
export const RICH_FEED = feedAt([1, 2, 3, 5, 8, 9], (i) => ({
  types: i === 5 ? ['mail-based'] : i % 2 ? ['naloxone', 'drug-checking', 'syringe-services'] : ['naloxone'],
  phone: `+1 604 555 01${i}${i}`,
  website: 'https://example.org/',
  address: { street: `${100 + i} Example Street`, city: 'Exampleton', region: 'BC', postalCode: 'V0V 0V0', country: 'CA' },
  description: i === 0 ? 'Free naloxone kits and training for people who use drugs, their friends and family, with no ID needed. '.repeat(3) : 'Naloxone kits.',
  hours: [{ days: ['mo', 'tu', 'we', 'th', 'fr'], opens: '09:00', closes: '17:00' }],
  timezone: 'America/Vancouver',
  cost: 'free',
  noIdRequired: true,
  walkIn: i % 2 === 0,
  languages: ['en', 'fr'],
  lastVerified: i === 1 ? '2020-01-01' : '2026-02-01',
  status: i === 2 ? ('temporarily-closed' as const) : undefined,
}));

export const finderList = (el: NaloxoneFinder) => el.shadowRoot!.querySelector<NfServiceList>('nf-service-list')!;

/** A finder with the overdose card, place search, filters, list and map (no tiles), rendered. */
export async function richFinder(attributes: { theme?: string; map?: 'on' | 'off' } = {}) {
  const el = await fixture<NaloxoneFinder>(
    html`<naloxone-finder
      src=${feedUrl(RICH_FEED)}
      latitude="0"
      longitude="0"
      units="km"
      limit="3"
      origin-label="the test origin"
      report-url="https://example.org/report"
      training-url="https://example.org/training"
      tile-url="none"
      theme=${attributes.theme ?? 'auto'}
      map=${attributes.map ?? 'on'}
      .now=${NOW}
    ></naloxone-finder>`,
  );
  await waitUntil(() => finderList(el)?.shadowRoot?.querySelector('ol'), 'the list never rendered', { timeout: 5000 });
  await settle(el);
  return el;
}

/** Waits for every element in the finder (and its nested shadow roots) to finish updating. */
export async function settle(el: Element) {
  for (const child of [el, ...deepElements(el)]) {
    await (child as Partial<{ updateComplete: Promise<unknown> }>).updateComplete;
  }
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

/** Every element inside `root`'s shadow tree and the shadow trees nested in it. */
export function deepElements(root: Element): Element[] {
  const out: Element[] = [];
  const walk = (node: ParentNode) => {
    for (const child of node.querySelectorAll('*')) {
      out.push(child);
      if (child.shadowRoot) walk(child.shadowRoot);
    }
  };
  if (root.shadowRoot) walk(root.shadowRoot);
  return out;
}
