export { searchPlaces, MAX_QUERY_LENGTH, type Place, type PartnerPlace, type PlaceSearchResult, type SearchOptions } from './search.js';
export { normalizeName } from './normalize.js';
