import type { ServiceType } from '../feed/service-types.js';
import type { Need } from '../query/filters.js';
import { numberFormat, plural } from './intl.js';
import { enHours, type HoursStrings } from './hours.js';
import { enOverdose, type OverdoseStrings } from './overdose.js';
import { enPlaces, type PlacesStrings } from './places.js';

/**
 * Every visible string, so a translation is one object: the finder's and its list's, with the
 * opening-hours words, the place search's and the overdose card's in their own groups.
 * English is the default. Counts pass through the language's plural rules (Intl.PluralRules).
 */
export interface Strings {
  hours: HoursStrings;
  places: PlacesStrings;
  overdose: OverdoseStrings;
  typeLabels: Record<ServiceType, string>;
  loading: string;
  useMyLocation: string;
  locating: string;
  locationDenied: string;
  locationUnavailable: string;
  /** After a location that could not be used, when the place search is shown. */
  searchInstead: string;
  locationTimeout: string;
  locationUnsupported: string;
  locationInsecure: string;
  usingYourLocation: string;
  showMyArea: string;
  details: string;
  showOnMap: string;
  /** Under the map, after a marker is chosen: to its result in the list. */
  showInList: (name: string) => string;
  skipToMap: string;
  newTab: string;
  hoursHeading: string;
  today: string;
  accessibility: (text: string) => string;
  /** A list item's hours when they are shown as written (no "Open now" can be worked out from them). */
  hoursAsWritten: (text: string) => string;
  outOfDate: string;
  reportProblem: string;
  filtersButton: (active: number) => string;
  filterTypesLegend: string;
  filterNeedsLegend: string;
  filterLanguagesLegend: string;
  needLabels: Record<Need, string>;
  /** Names of languages feeds list that browsers may not name (Chromium names none of these). */
  languageNames: Record<'ase' | 'nv' | 'cr' | 'iu' | 'oj' | 'kea' | 'lou', string>;
  filterOption: (label: string, count: number) => string;
  filterSummary: (matched: number, total: number, chosen: string) => string;
  filterNone: (chosen: string) => string;
  clearFilters: string;
  nothingWithin: (distance: string, place: string) => string;
  nothingNearYou: (distance: string) => string;
  defaultPlace: string;
  byMailHeading: string;
  byMailIntro: string;
  /** Said after the count of services listed, when programs that send naloxone by mail are listed last. */
  byMailCount: (count: number) => string;
  tileHostNote: (host: string) => string;
  noOrigin: string;
  sortedFrom: (place: string) => string;
  /** "Nearest first from the starting point.": the partner set an origin without naming it. */
  sortedFromStart: string;
  resultsHeading: string;
  resultCount: (shown: number, total: number) => string;
  showMore: (count: number) => string;
  empty: string;
  noMatches: string;
  call: (phone: string) => string;
  directions: string;
  website: string;
  mapLabel: string;
  /** The map's description: how to use it from the keyboard. */
  mapKeys: string;
  zoomIn: string;
  zoomOut: string;
  /**
   * A map cluster's name: its count, the types of service it holds, already joined ("Naloxone,
   * Treatment"), and the name of the service whose place its disc stands on, so clusters of the
   * same count and types are told apart.
   */
  clusterLabel: (count: number, types: string, including: string) => string;
  /** The count a cluster shows on the map: written as in clusterLabel, which must contain it. */
  clusterCount: (count: number) => string;
  mapFailed: string;
  /** Shown over the map on a touch screen when one finger moves on it (which scrolls the page). */
  twoFingers: string;
  /** The map credit for OpenStreetMap's own tiles (the default); `[text](url)` is a link. */
  osmCredit: string;
  yourLocation: string;
  /** The ring on the map at the visitor's area (rounded: never their exact point). */
  yourArea: string;
  startingPoint: string;
  feedErrorHttp: (status: number, statusText: string) => string;
  feedErrorNetwork: string;
  feedErrorJson: string;
  feedErrorFormat: string;
  feedErrorAborted: string;
  feedErrorTimeout: (seconds: number) => string;
  /** `megabytes`: the limit, the finder's `max-feed-mb`. */
  feedErrorTooLarge: (megabytes: number) => string;
  feedErrorEmpty: string;
  feedErrorNoValidRecords: (count: number) => string;
  /** Every record of the feed is marked `closed`. */
  feedAllClosed: string;
  /** The button under a feed error that may pass on another try (network, timeout, HTTP). */
  tryAgain: string;
  email: string;
  free: string;
  cost: (text: string) => string;
  noIdRequired: string;
  walkIn: string;
  appointmentRequired: string;
  anonymous: string;
  peerRun: string;
  open24h: string;
  languages: (names: string) => string;
  temporarilyClosed: string;
  lastVerified: (date: string) => string;
  noPositionHeading: string;
  noPositionNote: string;
  /** Above a service chosen on the map that the list's page does not hold. */
  chosenHeading: string;
  /** Said when a service is chosen ("Show on map", a marker): the place, and that both list and map mark it. */
  chosenNote: (place: string) => string;
  staleFeed: (date: string) => string;
}

/** Counts as English writes them ("14,034"). */
const n = (value: number) => numberFormat('en', {}).format(value);
/** "1 service", "2 services". */
const count = (value: number, one: string, other: string) => `${n(value)} ${plural('en', value, { one, other })}`;

export const en: Strings = {
  hours: enHours,
  places: enPlaces,
  overdose: enOverdose,
  typeLabels: {
    naloxone: 'Naloxone',
    'naloxone-vending': 'Naloxone vending machine',
    'mail-based': 'Naloxone by mail',
    'fentanyl-test-strips': 'Fentanyl test strips',
    'xylazine-test-strips': 'Xylazine test strips',
    'drug-checking': 'Drug checking',
    'syringe-services': 'Syringe services',
    'safer-use-supplies': 'Safer use supplies',
    'overdose-prevention-site': 'Overdose prevention site',
    'drop-in': 'Drop-in center',
    treatment: 'Treatment',
    testing: 'HIV and hepatitis testing',
    'wound-care': 'Wound care',
  },
  loading: 'Loading services…',
  useMyLocation: 'Use my location',
  locating: 'Finding your location…',
  locationDenied: 'Location permission was denied. You can allow location in your browser settings and try again.',
  locationUnavailable: 'Your location could not be found right now.',
  searchInstead: 'You can also search for a ZIP code, postal code or city.',
  locationTimeout: 'Finding your location took too long. Try again, or move somewhere with a better signal.',
  locationUnsupported: 'This browser cannot share a location.',
  locationInsecure: 'Location only works on secure (https) pages.',
  usingYourLocation: 'Showing the services nearest to you. Your location stays on this device.',
  showMyArea: 'Show my area on the map',
  details: 'Details',
  showOnMap: 'Show on map',
  showInList: (name) => `Show in the list: ${name}`,
  skipToMap: 'Skip to the map',
  newTab: '(opens in a new tab)',
  hoursHeading: 'Hours',
  today: 'today',
  accessibility: (text) => `Accessibility: ${text}`,
  hoursAsWritten: (text) => `Hours: ${text}`,
  outOfDate: 'This information may be out of date.',
  reportProblem: 'Report a problem',
  filtersButton: (active) => (active ? `Filters (${active} on)` : 'Filters'),
  filterTypesLegend: 'Services',
  filterNeedsLegend: 'What you need',
  filterLanguagesLegend: 'Languages',
  languageNames: {
    ase: 'American Sign Language',
    nv: 'Navajo',
    cr: 'Cree',
    iu: 'Inuktitut',
    oj: 'Ojibwe',
    kea: 'Cape Verdean Creole',
    lou: 'Louisiana Creole',
  },
  needLabels: {
    free: 'Free',
    'no-id': 'No ID needed',
    'walk-in': 'Walk-in',
    anonymous: 'Anonymous',
    'open-now': 'Open now',
    'open-24h': 'Open 24 hours',
  },
  filterOption: (label, count) => `${label} (${n(count)})`,
  filterSummary: (matched, total, chosen) => `${n(matched)} of ${count(total, 'service matches', 'services match')}: ${chosen}`,
  filterNone: (chosen) => `No services match: ${chosen}. Clear some filters to see more.`,
  clearFilters: 'Clear filters',
  nothingWithin: (distance, place) => `Nothing within ${distance} of ${place}. The nearest services are listed below.`,
  nothingNearYou: (distance) => `Nothing within ${distance} of your location. The nearest services are listed below.`,
  defaultPlace: 'the starting point',
  byMailHeading: 'Naloxone by mail',
  byMailIntro: 'These programs can send naloxone to you by mail.',
  byMailCount: (total) => `${count(total, 'program sends', 'programs send')} naloxone by mail`,
  tileHostNote: (host) => `Map images come from ${host}, which then sees the area shown.`,
  noOrigin: 'No starting point yet, so services are listed in the order the provider gave. Use your location to see the nearest first.',
  sortedFrom: (place) => `Nearest first from ${place}.`,
  sortedFromStart: 'Nearest first from the starting point.',
  resultsHeading: 'Services',
  resultCount: (shown, total) => (shown === total ? count(total, 'service', 'services') : `Showing ${n(shown)} of ${count(total, 'service', 'services')}`),
  showMore: (count) => `Show ${n(count)} more`,
  empty: 'This list has no services yet.',
  noMatches: 'No services of the chosen kinds are listed.',
  call: (phone) => `Call ${phone}`,
  directions: 'Directions',
  website: 'Website',
  mapLabel: 'Map of services',
  mapKeys: 'Arrow keys move the map; plus and minus zoom. Press Tab to reach the services, then arrow keys move between them and Enter selects one.',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  clusterLabel: (total, types, including) => `${count(total, 'service', 'services')}${types ? `: ${types}` : ''}. Including ${including}`,
  clusterCount: (total) => n(total),
  mapFailed: 'The map could not be loaded. The list has every service.',
  twoFingers: 'Use two fingers to move the map',
  osmCredit: '© [OpenStreetMap](https://www.openstreetmap.org/copyright) contributors',
  yourLocation: 'Your location',
  yourArea: 'Your area (approximate)',
  startingPoint: 'Starting point',
  feedErrorHttp: (status, statusText) => `The list of services could not be loaded: the server answered ${status}${statusText ? ` ${statusText}` : ''}.`,
  feedErrorNetwork: 'The list of services could not be loaded: the network request failed. Check your connection and try again.',
  feedErrorJson: 'The list of services could not be read: the file is damaged or cut short. Please let the website’s team know.',
  feedErrorFormat: 'The list of services could not be read: the file is not in a form this page understands. Please let the website’s team know.',
  feedErrorAborted: 'Loading the list of services was stopped.',
  feedErrorTimeout: (seconds) => `The list of services could not be loaded: the server did not answer within ${seconds} seconds, even after trying again.`,
  feedErrorTooLarge: (megabytes) => `The list of services could not be loaded: the file is larger than the ${megabytes} MB limit.`,
  feedErrorEmpty: 'The list of services could not be loaded: the server sent an empty file.',
  feedErrorNoValidRecords: (records) =>
    `The list of services could not be shown: none of its ${count(records, 'record', 'records')} could be read. Please let the website's team know.`,
  feedAllClosed: 'Every service on this list is marked closed.',
  tryAgain: 'Try again',
  email: 'Email',
  free: 'Free',
  cost: (text) => `Cost: ${text}`,
  noIdRequired: 'No ID needed',
  walkIn: 'Walk-in',
  appointmentRequired: 'Appointment needed',
  anonymous: 'Anonymous',
  peerRun: 'Peer-run',
  open24h: 'Open 24 hours',
  languages: (names) => `Languages: ${names}`,
  temporarilyClosed: 'Temporarily closed',
  lastVerified: (date) => `Information checked ${date}`,
  noPositionHeading: 'No map position',
  noPositionNote: 'These services have no map position, so they are not sorted by distance. Check the address.',
  chosenHeading: 'Chosen on the map',
  chosenNote: (place) => `Chosen: ${place}. It is marked on the map and in the list.`,
  staleFeed: (date) => `Could not refresh the list; showing data from ${date}.`,
};
