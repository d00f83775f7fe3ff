export { NaloxoneFinder } from './naloxone-finder.js';
export { NfServiceList } from './components/nf-service-list/nf-service-list.js';
export { NfMap, OSM_TILES, OSM_ATTRIBUTION } from './components/nf-map/nf-map.js';
export { NfFilterBar } from './components/nf-filter-bar/nf-filter-bar.js';
export { NfOverdoseCard } from './components/nf-overdose-card/nf-overdose-card.js';
export { NfPlaceSearch } from './components/nf-place-search/nf-place-search.js';
export { NfPlaceSelectEvent, type PlaceSelectDetail } from './components/nf-place-search/events.js';
export { reportHref } from './util/report-url.js';
export * from './events.js';
export { parseNativeFeed, validateService, FeedFormatError, type ParsedFeed } from './feed/validate.js';
export { loadFeed, FeedLoadError, type FeedErrorKind, type LoadedFeed } from './feed/load-feed.js';
export {
  parseFeed,
  parseFeedData,
  FeedJsonError,
  FeedLimitError,
  FeedNoValidRecordsError,
  JSON_LIMITS,
  type FeedResult,
  type ParseOptions,
  type FeedFormat,
} from './feed/parse-feed.js';
export { fetchFeed, FeedFetchError } from './feed/fetch-feed.js';
export { readFieldMap, type FieldMap } from './feed/field-map.js';
export { SERVICE_TYPES, isServiceType } from './feed/service-types.js';
export { distanceKm, formatDistance } from './geo/distance.js';
export {
  rankServices,
  runQuery,
  selectServices,
  rankSelection,
  rankedDistance,
  roundDistanceKm,
  type Query,
  type QueryResult,
  type Selection,
  type Ranking,
  type RankedResults,
} from './query/query.js';
export { countFilters, matchesFilters, readFilterList, NEEDS, type Filters, type FilterCounts, type Need } from './query/filters.js';
export { en, type Strings } from './i18n/strings.js';
export { registerLocale, type StringOverrides } from './i18n/localize.js';
export type * from './types.js';
