import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { fn } from 'storybook/test';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/components/nf-service-list/nf-service-list.js';
import { loadFeed } from '../src/feed/load-feed.js';
import type { NfResultsChangeEvent, NfServiceSelectEvent } from '../src/events.js';
import type { Service, ServiceType, Units } from '../src/types.js';
import { EXAMPLE_FEED, EXAMPLE_ORIGIN, typesArgType, typesAttribute } from './story-feeds.js';

interface ListArgs {
  latitude?: number;
  longitude?: number;
  units?: Units;
  limit?: number;
  types?: ServiceType[];
  'selected-id'?: string;
  'directions-url'?: string;
  selectable?: boolean;
  onNfServiceSelect: (event: NfServiceSelectEvent) => void;
  onNfResultsChange: (event: NfResultsChangeEvent) => void;
}

const meta = {
  title: 'Components/nf-service-list',
  component: 'nf-service-list',
  // Used alone, the list takes validated services: here the fictional example feed, loaded
  // and validated with the package's own `loadFeed`.
  loaders: [async () => ({ services: (await loadFeed(EXAMPLE_FEED)).services })],
  render: (args, { loaded }) => html`
    <nf-service-list
      .services=${loaded['services'] as Service[]}
      latitude=${ifDefined(args.latitude)}
      longitude=${ifDefined(args.longitude)}
      units=${ifDefined(args.units)}
      limit=${ifDefined(args.limit)}
      types=${typesAttribute(args.types)}
      selected-id=${ifDefined(args['selected-id'] || undefined)}
      directions-url=${ifDefined(args['directions-url'] || undefined)}
      .selectable=${args.selectable ?? true}
      @nf-service-select=${args.onNfServiceSelect}
      @nf-results-change=${args.onNfResultsChange}
    ></nf-service-list>
  `,
  argTypes: {
    latitude: { control: { type: 'number', min: -90, max: 90, step: 0.0001 } },
    longitude: { control: { type: 'number', min: -180, max: 180, step: 0.0001 } },
    units: { control: 'inline-radio', options: ['mi', 'km'] },
    limit: { control: { type: 'number', min: 1, step: 1 } },
    types: typesArgType,
    'selected-id': { control: 'text' },
    'directions-url': { control: 'text' },
    selectable: { control: 'boolean' },
  },
  args: {
    latitude: EXAMPLE_ORIGIN.latitude,
    longitude: EXAMPLE_ORIGIN.longitude,
    limit: 20,
    selectable: true,
    onNfServiceSelect: fn(),
    onNfResultsChange: fn(),
  },
  parameters: {
    docs: {
      description: {
        component:
          'All stories use fictional example services. The list works without `<naloxone-finder>`: pass validated services ' +
          '(for example from `loadFeed()` or `parseNativeFeed()`) as the `services` property.',
      },
    },
  },
} satisfies Meta<ListArgs>;

export default meta;
type Story = StoryObj<ListArgs>;

const describe = (story: string) => ({ docs: { description: { story } } });

export const Default: Story = {
  parameters: describe('Nearest first from the origin given by `latitude` and `longitude`.'),
};

export const UnitsKm: Story = {
  name: 'Units in km',
  args: { units: 'km' },
};

export const NoOrigin: Story = {
  name: 'No origin',
  args: { latitude: undefined, longitude: undefined },
  parameters: describe('Without an origin the list keeps the feed’s order and shows no distances.'),
};

export const Selected: Story = {
  args: { 'selected-id': 'ex-3' },
  parameters: describe('`selected-id="ex-3"` highlights that service and scrolls it into view.'),
};

export const ShowMore: Story = {
  name: 'Limit and "Show more"',
  args: { limit: 3 },
  parameters: describe('`limit="3"`: three results at first, three more with each "Show more".'),
};

export const FilteredTypes: Story = {
  name: 'Only some types',
  args: { types: ['naloxone-vending', 'mail-based'] },
};

export const NotSelectable: Story = {
  name: 'Names not selectable',
  args: { selectable: false },
  parameters: describe('With no map to select for (`selectable` set to false), names are plain headings instead of buttons.'),
};

export const EarlyPage: Story = {
  name: 'Early page, the rest still loading',
  render: (_args, { loaded }) => {
    const services = loaded['services'] as Service[];
    const first = services.slice(0, 3).map((service) => ({ service, distanceKm: null }));
    return html`<nf-service-list .services=${services} .results=${first} .shownCount=${first.length} .partial=${true} .selectable=${false}></nf-service-list>`;
  },
  parameters: describe(
    'How `<naloxone-finder>` shows the first page of a large feed before the rest is read: `partial`, with `results` and `shownCount` from the composite. The summary says the services are loading, and "Show more" waits for the rest.',
  ),
};
