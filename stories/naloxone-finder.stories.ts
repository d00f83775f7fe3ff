import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { fn } from 'storybook/test';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/index.js';
import type { NfFeedErrorEvent, NfFeedLoadEvent, NfLocationChangeEvent, NfResultsChangeEvent, NfServiceSelectEvent } from '../src/events.js';
import type { ServiceType, Units } from '../src/types.js';
import type { NfPlaceSearch } from '../src/components/nf-place-search/nf-place-search.js';
import { EMPTY_FEED, EXAMPLE_FEED, EXAMPLE_ORIGIN, MISSING_FEED, PITTSBURGH_FEED, VANCOUVER_FEED, typesArgType, typesAttribute } from './story-feeds.js';

interface FinderArgs {
  src?: string;
  services?: unknown;
  latitude?: number;
  longitude?: number;
  'origin-label'?: string;
  zoom?: number;
  units?: Units;
  limit?: number;
  types?: ServiceType[];
  map?: 'on' | 'off';
  'tile-url'?: string;
  'tile-attribution'?: string;
  'directions-url'?: string;
  filters?: string;
  'filter-bar'?: 'on' | 'off';
  radius?: string;
  'mail-url'?: string;
  'mail-label'?: string;
  'overdose-card'?: 'on' | 'off';
  'emergency-number'?: string;
  'good-samaritan-note'?: string;
  'report-url'?: string;
  'stale-after'?: number;
  'place-search'?: 'on' | 'off';
  'place-region'?: string;
  /** The `now` property as a timestamp (Storybook's date control gives one). */
  now?: number;
  onNfFeedLoad: (event: NfFeedLoadEvent) => void;
  onNfFeedError: (event: NfFeedErrorEvent) => void;
  onNfServiceSelect: (event: NfServiceSelectEvent) => void;
  onNfLocationChange: (event: NfLocationChangeEvent) => void;
  onNfResultsChange: (event: NfResultsChangeEvent) => void;
}

const meta = {
  title: 'Components/naloxone-finder',
  component: 'naloxone-finder',
  render: (args) => html`
    <naloxone-finder
      src=${ifDefined(args.src)}
      .services=${args.services}
      latitude=${ifDefined(args.latitude)}
      longitude=${ifDefined(args.longitude)}
      origin-label=${ifDefined(args['origin-label'])}
      zoom=${ifDefined(args.zoom)}
      units=${ifDefined(args.units)}
      limit=${ifDefined(args.limit)}
      types=${typesAttribute(args.types)}
      map=${ifDefined(args.map)}
      tile-url=${ifDefined(args['tile-url'] || undefined)}
      tile-attribution=${ifDefined(args['tile-attribution'] || undefined)}
      directions-url=${ifDefined(args['directions-url'] || undefined)}
      filters=${ifDefined(args.filters || undefined)}
      filter-bar=${ifDefined(args['filter-bar'])}
      radius=${ifDefined(args.radius || undefined)}
      mail-url=${ifDefined(args['mail-url'] || undefined)}
      mail-label=${ifDefined(args['mail-label'] || undefined)}
      overdose-card=${ifDefined(args['overdose-card'])}
      emergency-number=${ifDefined(args['emergency-number'] || undefined)}
      good-samaritan-note=${ifDefined(args['good-samaritan-note'] || undefined)}
      report-url=${ifDefined(args['report-url'] || undefined)}
      stale-after=${ifDefined(args['stale-after'])}
      place-search=${ifDefined(args['place-search'])}
      place-region=${ifDefined(args['place-region'] || undefined)}
      .now=${args.now === undefined ? undefined : new Date(args.now)}
      @nf-feed-load=${args.onNfFeedLoad}
      @nf-feed-error=${args.onNfFeedError}
      @nf-service-select=${args.onNfServiceSelect}
      @nf-location-change=${args.onNfLocationChange}
      @nf-results-change=${args.onNfResultsChange}
    ></naloxone-finder>
  `,
  argTypes: {
    src: { control: 'text' },
    services: { control: 'object' },
    latitude: { control: { type: 'number', min: -90, max: 90, step: 0.0001 } },
    longitude: { control: { type: 'number', min: -180, max: 180, step: 0.0001 } },
    'origin-label': { control: 'text' },
    zoom: { control: { type: 'range', min: 1, max: 19, step: 1 } },
    units: { control: 'inline-radio', options: ['mi', 'km'] },
    limit: { control: { type: 'number', min: 1, step: 1 } },
    types: typesArgType,
    map: { control: 'inline-radio', options: ['on', 'off'] },
    'tile-url': {
      control: 'text',
      description: 'Tile URL template (`{z}/{x}/{y}`). Empty uses OpenStreetMap; `none` draws no tiles and requests none.',
    },
    'tile-attribution': { control: 'text' },
    'directions-url': { control: 'text' },
    filters: { control: 'text', description: 'Preset filters, e.g. `free, open-now`.' },
    'filter-bar': { control: 'inline-radio', options: ['on', 'off'] },
    radius: { control: 'text', description: 'In the element’s units; `none` for no limit. Default 50 km / 30 mi.' },
    'mail-url': { control: 'text' },
    'mail-label': { control: 'text' },
    'overdose-card': { control: 'inline-radio', options: ['on', 'off'] },
    'emergency-number': { control: 'text' },
    'good-samaritan-note': { control: 'text' },
    'report-url': { control: 'text' },
    'stale-after': { control: { type: 'number', min: 1, step: 1 } },
    'place-search': { control: 'inline-radio', options: ['on', 'off'] },
    'place-region': { control: 'text', description: 'A state, province or country (`PA`, `BC`, `US`) whose matches come first.' },
    now: {
      control: 'date',
      description: 'The `now` property: the time "open now" is decided at. Unset, the current time (kept fresh each minute).',
      table: { category: 'properties' },
    },
  },
  args: {
    src: EXAMPLE_FEED,
    latitude: EXAMPLE_ORIGIN.latitude,
    longitude: EXAMPLE_ORIGIN.longitude,
    'origin-label': EXAMPLE_ORIGIN.label,
    zoom: 15,
    limit: 20,
    map: 'on',
    'tile-url': '',
    onNfFeedLoad: fn(),
    onNfFeedError: fn(),
    onNfServiceSelect: fn(),
    onNfLocationChange: fn(),
    onNfResultsChange: fn(),
  },
} satisfies Meta<FinderArgs>;

export default meta;
type Story = StoryObj<FinderArgs>;

const describe = (story: string) => ({ docs: { description: { story } } });

export const Default: Story = {
  args: {
    src: VANCOUVER_FEED,
    latitude: 49.2827,
    longitude: -123.1207,
    'origin-label': 'downtown Vancouver',
  },
  // A Canadian page, as the partner's would be: the language sets the units (km).
  decorators: [(story) => html`<div lang="en-CA">${story()}</div>`],
  parameters: describe(
    'Real data from 2018: the Vancouver pharmacies on British Columbia’s public Take Home Naloxone list ' +
      '(as transcribed by the NaloxZone project), shown for demonstration only. It is not a current directory; stock and training change, so check with the pharmacy. ' +
      'See `demo/vancouver-pharmacies.json` for the source and licence.',
  ),
};

export const ListOnly: Story = {
  name: 'List only (map="off")',
  args: { map: 'off', limit: 5 },
  parameters: describe(
    'Fictional example services. With `map="off"` only the list shows, and no map code runs and no tiles load. ' +
      '`limit="5"` shows five at first, with a "Show more" button.',
  ),
};

export const FeedError: Story = {
  name: 'Error (feed 404)',
  args: { src: MISSING_FEED },
  parameters: describe(
    'The feed URL answers 404. The element shows a message in place of the list and fires `nf-feed-error` ' + 'with `kind: "http"` and the status.',
  ),
};

export const EmptyFeed: Story = {
  name: 'Empty feed',
  args: { src: EMPTY_FEED },
  parameters: describe('A valid feed with no services (fictional).'),
};

export const NoOrigin: Story = {
  name: 'No origin',
  args: { latitude: undefined, longitude: undefined, 'origin-label': undefined },
  parameters: describe(
    'Fictional example services without `latitude`/`longitude`: the list keeps the feed’s order and shows no distances ' +
      'until the visitor chooses "Use my location".',
  ),
};

export const UnitsKm: Story = {
  name: 'Units in km',
  args: { units: 'km' },
  parameters: describe('Fictional example services with distances in kilometres (`units="km"`).'),
};

export const FilteredTypes: Story = {
  name: 'Only some types',
  args: { types: ['drug-checking', 'fentanyl-test-strips', 'xylazine-test-strips'] },
  parameters: describe('Fictional example services filtered with `types="drug-checking,fentanyl-test-strips,xylazine-test-strips"`.'),
};

export const NoTiles: Story = {
  name: 'Map without tiles',
  args: { 'tile-url': 'none' },
  parameters: describe('Fictional example services with `tile-url="none"`: markers on a plain background, no tile requests.'),
};

export const ServicesProperty: Story = {
  name: 'Services property (no src)',
  args: { src: undefined },
  loaders: [async () => ({ records: ((await (await fetch(EXAMPLE_FEED)).json()) as { services: unknown }).services })],
  render: (args, { loaded }) => meta.render({ ...args, services: loaded['records'] }),
  parameters: describe(
    'Fictional example services passed as the `services` property (an array of records) instead of `src`; ' + 'they are validated the same way.',
  ),
};

export const Filters: Story = {
  name: 'Filters (preset "free")',
  args: { filters: 'free', map: 'off' },
  parameters: describe(
    'Fictional example services. `filters="free"` ticks "Free" when the page opens; the visitor can change it. Each choice shows how many services it would show, and the summary says what is on.',
  ),
};

export const NothingNearby: Story = {
  name: 'Nothing within the radius, and naloxone by mail',
  args: {
    latitude: 1,
    longitude: 1,
    'origin-label': 'a fictional place far from Example Town',
    units: 'km',
    radius: '25',
    'mail-url': 'https://example.org/naloxone-by-mail',
    'mail-label': 'Order free naloxone by mail (fictional)',
  },
  parameters: describe(
    'Fictional example services, about 150 km from the origin: the finder says nothing is within 25 km, lists the nearest beyond it, and offers naloxone by mail (the feed’s mail-based program and the partner’s own `mail-url`).',
  ),
};

export const Details: Story = {
  name: 'Details and "Report a problem"',
  args: { map: 'off', 'report-url': 'mailto:updates@example.org?subject=Problem%20with%20{name}%20({id})', 'stale-after': 365 },
  play: async ({ canvasElement }) => {
    const finder = canvasElement.querySelector('naloxone-finder')!;
    const list = () => finder.shadowRoot?.querySelector('nf-service-list')?.shadowRoot;
    for (let i = 0; i < 50 && !list()?.querySelector('[part="details-button"]'); i++) await new Promise((r) => setTimeout(r, 100));
    list()?.querySelectorAll<HTMLButtonElement>('[part="details-button"]')[1]?.click();
  },
  parameters: describe(
    'Fictional example services. Each result opens its details in place; one was last checked more than `stale-after` days ago, so it says it may be out of date. `report-url` adds a "Report a problem" link.',
  ),
};

export const OverdoseCard: Story = {
  name: 'If someone may be overdosing',
  args: {
    map: 'off',
    'good-samaritan-note': 'A fictional example: in many places a Good Samaritan law protects people who call for help during an overdose.',
  },
  play: async ({ canvasElement }) => {
    const finder = canvasElement.querySelector('naloxone-finder')!;
    await (finder as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const card = finder.shadowRoot?.querySelector('nf-overdose-card') as (HTMLElement & { open: boolean }) | null;
    if (card) card.open = true;
  },
  parameters: describe(
    'The overdose steps, opened: one tap from the top of the widget, collapsed by default. The emergency number comes from the page language unless `emergency-number` is set.',
  ),
};

/** A Wednesday afternoon (18 November 2026, 16:35 UTC), so the hours stories always show the same states. */
const WEDNESDAY_AFTERNOON = Date.UTC(2026, 10, 18, 16, 35);

export const SearchResult: Story = {
  name: 'Search result (15213)',
  args: {
    src: PITTSBURGH_FEED,
    latitude: undefined,
    longitude: undefined,
    'origin-label': undefined,
    now: WEDNESDAY_AFTERNOON,
  },
  play: async ({ canvasElement }) => {
    const finder = canvasElement.querySelector('naloxone-finder')!;
    await finder.updateComplete;
    const search = finder.shadowRoot!.querySelector<NfPlaceSearch>('nf-place-search')!;
    await search.updateComplete;
    // Shown in the field as the visitor would have typed it; search() is what Search does.
    search.shadowRoot!.querySelector('input')!.value = '15213';
    await search.search('15213');
  },
  parameters: describe(
    'Fictional services placed near Pittsburgh, PA (`stories/fixtures/example-pittsburgh.json`), and no origin until the visitor searches. ' +
      'Here "15213" was typed: the ZIP code is found in the browser, the list is sorted nearest first from it, the status says ' +
      '"Nearest first from 15213 (Pittsburgh, PA)" and the map centres near it. What was typed is never sent anywhere. ' +
      'The clock is fixed (`now`) at a Wednesday, 11:35 in Pittsburgh.',
  ),
};

export const OpeningHours: Story = {
  name: 'Opening hours (open and closed)',
  args: { map: 'off', 'filter-bar': 'off', now: WEDNESDAY_AFTERNOON },
  parameters: describe(
    'Fictional example services with hours in `Etc/UTC`, seen with the clock fixed by the `now` property at Wednesday 18 November 2026, 16:35 UTC: ' +
      'one "Closes in 25 min", one open until 10 PM, two "Open 24 hours", and two closed with the day and time they open next. ' +
      'Services without hours say nothing about being open. The filter bar is hidden here to keep the hours in view. Times are in the visitor’s locale format and the service’s time zone.',
  ),
};
