import { expect } from '@open-wc/testing';
import '../src/index.js';

// custom-elements.json is built by `npm run build` (the test script builds first): it is what
// editors, Storybook's docs and partners' tooling read, so it must match the elements.
interface Declaration {
  tagName?: string;
  customElement?: boolean;
  attributes?: { name: string }[];
  events?: { name?: string }[];
  cssParts?: { name: string }[];
  cssProperties?: { name: string }[];
}

describe('custom-elements.json', () => {
  let elements: Map<string, Declaration>;

  before(async () => {
    const manifest = await (await fetch('/custom-elements.json')).json();
    elements = new Map(
      manifest.modules
        .flatMap((m: { declarations?: Declaration[] }) => m.declarations ?? [])
        .filter((d: Declaration) => d.customElement)
        .map((d: Declaration) => [d.tagName!, d]),
    );
  });

  it('describes every element with named events', () => {
    expect([...elements.keys()].sort()).to.deep.equal(['naloxone-finder', 'nf-filter-bar', 'nf-map', 'nf-overdose-card', 'nf-place-search', 'nf-service-list']);
    for (const [tag, d] of elements)
      expect(
        (d.events ?? []).every((e) => e.name?.startsWith('nf-')),
        tag,
      ).to.equal(true);
    expect(
      elements
        .get('naloxone-finder')!
        .events!.map((e) => e.name)
        .sort(),
    ).to.deep.equal(['nf-feed-error', 'nf-feed-load', 'nf-filters-change', 'nf-location-change', 'nf-results-change', 'nf-service-select']);
  });

  it('lists exactly the attributes each element observes', () => {
    for (const [tag, d] of elements) {
      const observed = (customElements.get(tag) as unknown as { observedAttributes: string[] }).observedAttributes;
      expect(d.attributes!.map((a) => a.name).sort(), tag).to.deep.equal([...observed].sort());
    }
  });

  it('documents custom properties with the nf- prefix and the parts the templates render', () => {
    for (const [tag, d] of elements) {
      expect(
        d.cssProperties!.every((p) => p.name.startsWith('--nf-')),
        tag,
      ).to.equal(true);
    }
    const parts = elements.get('nf-service-list')!.cssParts!.map((p) => p.name);
    expect(parts).to.include.members([
      'base',
      'list',
      'item',
      'name',
      'distance',
      'type-list',
      'features',
      'status',
      'verified',
      'address',
      'actions',
      'summary',
      'show-more',
      'no-position',
    ]);
  });
});
