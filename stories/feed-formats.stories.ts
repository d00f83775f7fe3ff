import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { fn } from 'storybook/test';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/index.js';
import { saveLastGoodFeed } from '../src/feed/feed-cache.js';
import type { FeedErrorDetail, FeedLoadDetail, NfFeedErrorEvent, NfFeedLoadEvent } from '../src/events.js';
import type { FeedFormat } from '../src/feed/parse-feed.js';
import { EXAMPLE_ORIGIN } from './story-feeds.js';

/*
 * One story per feed format a partner can publish, plus what the widget does with bad records
 * and with a failed refresh. Every feed here is fictional (see fixtures/README.md).
 */

/** Three fictional records in Exampleton, the template partners start from. */
const CSV_FEED = 'demo/services-template.csv';
const GEOJSON_FEED = 'fixtures/example-services.geojson';
const HSDS_FEED = 'fixtures/example-hsds-3.0.json';
const BAD_RECORDS_FEED = 'fixtures/example-bad-records.json';
/** Never served: the refresh gets a 404, so the widget falls back on the copy the loader saved. */
const STALE_FEED = 'fixtures/stale-feed.json';

/** The last good copy the stale story starts from: a fictional native feed. */
const STALE_COPY = {
  version: 1,
  title: 'Last good copy (fictional, for demonstration only)',
  services: [
    {
      id: 'stale-1',
      name: 'Example Drop-in Centre, as last saved (fictional)',
      lat: 0.004,
      lng: 0.003,
      types: ['naloxone', 'drop-in'],
      address: { street: '1 Example Street', city: 'Example Town' },
      phone: '+1 555-555-0141',
      description: 'Fictional record for demonstration, from the last copy of the feed that loaded.',
    },
    {
      id: 'stale-2',
      name: 'Example Community Pharmacy, as last saved (fictional)',
      lat: -0.009,
      lng: 0.006,
      types: ['naloxone'],
      address: { street: '20 Sample Road', city: 'Example Town' },
      phone: '+1 555-555-0142',
      description: 'Fictional record for demonstration. Naloxone kits at the counter.',
    },
  ],
};

interface FeedArgs {
  src?: string;
  format?: FeedFormat | 'json' | 'auto';
  'field-map'?: string;
  'default-types'?: string;
  latitude?: number;
  longitude?: number;
  'origin-label'?: string;
  limit?: number;
  map?: 'on' | 'off';
  'tile-url'?: string;
  /** Receives the event's detail, so the Actions panel shows counts, skipped records and warnings. */
  onNfFeedLoad: (detail: FeedLoadDetail) => void;
  onNfFeedError: (detail: FeedErrorDetail) => void;
}

const meta = {
  title: 'Feeds/Formats',
  component: 'naloxone-finder',
  render: (args) => html`
    <naloxone-finder
      src=${ifDefined(args.src)}
      format=${ifDefined(args.format)}
      field-map=${ifDefined(args['field-map'] || undefined)}
      default-types=${ifDefined(args['default-types'] || undefined)}
      latitude=${ifDefined(args.latitude)}
      longitude=${ifDefined(args.longitude)}
      origin-label=${ifDefined(args['origin-label'])}
      limit=${ifDefined(args.limit)}
      map=${ifDefined(args.map)}
      tile-url=${ifDefined(args['tile-url'] || undefined)}
      @nf-feed-load=${(event: NfFeedLoadEvent) => args.onNfFeedLoad(event.detail)}
      @nf-feed-error=${(event: NfFeedErrorEvent) => args.onNfFeedError(event.detail)}
    ></naloxone-finder>
  `,
  argTypes: {
    src: { control: 'text' },
    format: { control: 'inline-radio', options: ['auto', 'json', 'native', 'geojson', 'csv', 'hsds'] },
    'field-map': { control: 'text', description: 'Where the feed keeps our fields, as JSON, e.g. `{"name": "Site"}`.' },
    'default-types': { control: 'text', description: 'Types for records that name none, comma-separated.' },
    latitude: { control: { type: 'number', min: -90, max: 90, step: 0.0001 } },
    longitude: { control: { type: 'number', min: -180, max: 180, step: 0.0001 } },
    'origin-label': { control: 'text' },
    limit: { control: { type: 'number', min: 1, step: 1 } },
    map: { control: 'inline-radio', options: ['on', 'off'] },
    'tile-url': {
      control: 'text',
      description: 'Tile URL template. Empty uses OpenStreetMap; `none` draws no tiles and requests none.',
    },
  },
  args: {
    format: 'auto',
    latitude: EXAMPLE_ORIGIN.latitude,
    longitude: EXAMPLE_ORIGIN.longitude,
    'origin-label': EXAMPLE_ORIGIN.label,
    limit: 20,
    map: 'on',
    'tile-url': '',
    onNfFeedLoad: fn(),
    onNfFeedError: fn(),
  },
} satisfies Meta<FeedArgs>;

export default meta;
type Story = StoryObj<FeedArgs>;

const describe = (story: string) => ({ docs: { description: { story } } });

export const CsvFeed: Story = {
  name: 'CSV feed',
  args: {
    src: CSV_FEED,
    latitude: 49.2827,
    longitude: -123.1207,
    'origin-label': 'the centre of Exampleton (fictional)',
  },
  parameters: describe(
    'The fictional spreadsheet template partners start from (`demo/services-template.csv`): one row per place, ' +
      'lists such as types and languages separated by semicolons, hours like `mo-fr 09:00-17:00`. The format is detected ' +
      'from the content; the CSV reader is loaded only when a feed turns out to be CSV. One row has no coordinates, so it ' +
      'is listed under "No map position".',
  ),
};

export const GeoJsonFeed: Story = {
  name: 'GeoJSON feed',
  args: { src: GEOJSON_FEED },
  parameters: describe(
    'Fictional services as a GeoJSON FeatureCollection: each Point gives the position (`[longitude, latitude]`) and the ' +
      'properties are read through the same column names as CSV ("Name", "Services", "Street", "Phone" need no field map).',
  ),
};

export const HsdsFeed: Story = {
  name: 'HSDS feed (Open Referral 3.0)',
  args: { src: HSDS_FEED },
  parameters: describe(
    'Fictional services in Open Referral HSDS 3.0 JSON: one list item per service at a location (the outreach service ' +
      'is at two places), types from taxonomy terms such as "Naloxone distribution", hours from schedules. A service ' +
      'without a location is listed without a map position. The HSDS reader is loaded only for HSDS feeds.',
  ),
};

export const BadRecords: Story = {
  name: 'Feed with bad records',
  args: { src: BAD_RECORDS_FEED },
  parameters: describe(
    'A fictional native feed with problems. Records without a name or an id, a closed site and an entry that is not a ' +
      'record are skipped; an unsafe link, an unknown type, impossible or unreadable coordinates and repeated records are ' +
      'shown with warnings. The browser console gets one collapsed summary grouped by kind of problem ' +
      '("naloxone-finder: … services shown, … records skipped, … warnings"), and the Actions panel shows the ' +
      '`nf-feed-load` detail with every skipped record and warning, each with its index and reason.',
  ),
};

export const StaleAfterFailedRefresh: Story = {
  name: 'Stale copy after a failed refresh',
  args: { src: STALE_FEED },
  loaders: [
    async () => {
      // What an earlier visit would have left behind: the last good copy for this URL.
      const bytes = new TextEncoder().encode(JSON.stringify(STALE_COPY));
      await saveLastGoodFeed(STALE_FEED, { body: bytes, contentType: 'application/json' });
      return {};
    },
  ],
  parameters: describe(
    'The widget keeps the last good copy of each feed URL (Cache Storage, or localStorage where that is missing). Here ' +
      'a loader saves a fictional copy for a URL that now answers 404, as if the server broke after an earlier visit. ' +
      'The list still shows the saved services, with "Could not refresh the list; showing data from <date>" (the date ' +
      'is when the copy was saved: when this story loaded). `nf-feed-error` reports the failed refresh and ' +
      '`nf-feed-load` carries `staleSince`.',
  ),
};
