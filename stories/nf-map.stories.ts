import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { fn } from 'storybook/test';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/components/nf-map/nf-map.js';
import { loadFeed } from '../src/feed/load-feed.js';
import { distanceKm, isLocated } from '../src/geo/distance.js';
import type { NfServiceSelectEvent } from '../src/events.js';
import type { Service } from '../src/types.js';
import { EXAMPLE_FEED, EXAMPLE_ORIGIN } from './story-feeds.js';

interface MapArgs {
  latitude?: number;
  longitude?: number;
  'origin-label'?: string;
  zoom?: number;
  'selected-id'?: string;
  'tile-url'?: string;
  'tile-attribution'?: string;
  units?: 'km' | 'mi';
  /** Give each marker's name its distance from the origin, as the finder does. */
  distances?: boolean;
  onNfServiceSelect: (event: NfServiceSelectEvent) => void;
}

const meta = {
  title: 'Components/nf-map',
  component: 'nf-map',
  loaders: [async () => ({ services: (await loadFeed(EXAMPLE_FEED)).services })],
  // The map needs a height: here through the public `--nf-map-height` custom property.
  render: (args, { loaded }) => {
    const services = loaded['services'] as Service[];
    const origin = { lat: args.latitude ?? 0, lng: args.longitude ?? 0 };
    const distances = args.distances ? new Map(services.filter(isLocated).map((s) => [s.id, distanceKm(origin, s)])) : undefined;
    return html`
      <nf-map
        style="--nf-map-height: 420px"
        .services=${services}
        .distances=${distances}
        units=${ifDefined(args.units)}
        latitude=${ifDefined(args.latitude)}
        longitude=${ifDefined(args.longitude)}
        origin-label=${ifDefined(args['origin-label'] || undefined)}
        zoom=${ifDefined(args.zoom)}
        selected-id=${ifDefined(args['selected-id'] || undefined)}
        tile-url=${ifDefined(args['tile-url'] || undefined)}
        tile-attribution=${ifDefined(args['tile-attribution'] || undefined)}
        @nf-service-select=${args.onNfServiceSelect}
      ></nf-map>
    `;
  },
  argTypes: {
    latitude: { control: { type: 'number', min: -90, max: 90, step: 0.0001 } },
    longitude: { control: { type: 'number', min: -180, max: 180, step: 0.0001 } },
    'origin-label': { control: 'text' },
    zoom: { control: { type: 'range', min: 1, max: 19, step: 1 } },
    'selected-id': { control: 'text' },
    'tile-url': {
      control: 'text',
      description: 'Tile URL template (`{z}/{x}/{y}`). Empty uses OpenStreetMap; `none` draws no tiles and requests none.',
    },
    'tile-attribution': { control: 'text' },
    units: { control: 'inline-radio', options: ['km', 'mi'] },
    distances: { control: 'boolean' },
  },
  args: {
    latitude: EXAMPLE_ORIGIN.latitude,
    longitude: EXAMPLE_ORIGIN.longitude,
    zoom: 15,
    'tile-url': '',
    onNfServiceSelect: fn(),
  },
  parameters: {
    docs: {
      description: {
        component:
          'All stories use fictional example services placed near 0°, 0°, so the map shows open sea. ' +
          'The map supports the list and never replaces it: pages should always show `<nf-service-list>` too.',
      },
    },
  },
} satisfies Meta<MapArgs>;

export default meta;
type Story = StoryObj<MapArgs>;

const describe = (story: string) => ({ docs: { description: { story } } });

export const Default: Story = {
  parameters: describe('Markers for each service and the origin, fitted to all of them.'),
};

export const Selected: Story = {
  args: { 'selected-id': 'ex-3' },
  parameters: describe('`selected-id="ex-3"` highlights that marker and pans to it.'),
};

export const NoOrigin: Story = {
  name: 'No origin',
  args: { latitude: undefined, longitude: undefined },
  parameters: describe('Without an origin the map fits the services only.'),
};

export const NoTiles: Story = {
  name: 'Without tiles',
  args: { 'tile-url': 'none' },
  parameters: describe('`tile-url="none"`: markers on a plain background, and no tile requests.'),
};

export const Distances: Story = {
  name: 'Names with distances',
  args: { distances: true, units: 'km', 'selected-id': 'ex-3' },
  parameters: describe(
    'With `.distances` (km by service id, as the finder sets it) each marker is named by name, street and distance, ' +
      'and the selected one shows that name above it. Tab reaches one marker; arrow keys, Home and End move between them.',
  ),
};

/**
 * Fictional services for the clustered story: a seeded generator, so every run and every
 * screenshot shows the same points, denser towards the middle as a city's are.
 */
function fictionalCrowd(count: number): Service[] {
  let seed = 0x5eed;
  const random = () => {
    seed = (seed * 16807) % 2147483647;
    return (seed - 1) / 2147483646;
  };
  return Array.from({ length: count }, (_, i) => {
    const angle = random() * 2 * Math.PI;
    // Squared: most points near the centre, a few far out.
    const reach = random() ** 2 * 0.4;
    return {
      id: `crowd-${i + 1}`,
      name: `Example Service ${i + 1} (fictional)`,
      lat: reach * Math.sin(angle),
      lng: reach * Math.cos(angle) * 1.5,
      types: i % 4 === 0 ? ['treatment'] : i % 7 === 0 ? ['naloxone', 'drug-checking'] : ['naloxone'],
    } satisfies Service;
  });
}

const CROWD = fictionalCrowd(5000);
/** The ten nearest the origin, as the finder's list would show them first. */
const CROWD_LISTED = [...CROWD]
  .sort((a, b) => Math.hypot(a.lat!, a.lng!) - Math.hypot(b.lat!, b.lng!))
  .slice(0, 10)
  .map((s) => s.id);

export const Clustered: Story = {
  name: 'Clustered: 5,000 services',
  args: { 'tile-url': 'none' },
  render: (args) => html`
    <nf-map
      style="--nf-map-height: 420px"
      .services=${CROWD}
      .listed=${CROWD_LISTED}
      latitude=${ifDefined(args.latitude)}
      longitude=${ifDefined(args.longitude)}
      selected-id=${ifDefined(args['selected-id'] || undefined)}
      tile-url=${ifDefined(args['tile-url'] || undefined)}
      @nf-service-select=${args.onNfServiceSelect}
    ></nf-map>
  `,
  parameters: describe(
    '5,000 fictional services (generated, not real places). The ten a list would show are drawn on their own, numbered 1 to 10; ' +
      'the rest merge into clusters named by their count and types ("12 services: Naloxone, Treatment. Including …", with one service they hold). Choosing a cluster ' +
      '(click, or Enter from the keyboard) zooms in until it splits. Only what is in view is drawn.',
  ),
};
