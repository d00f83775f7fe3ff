import type { PlaceSearchResult } from '../places/search.js';

/** Visible strings of <nf-place-search>. English is the default. */
export interface PlacesStrings {
  label: string;
  /** The search landmark's name, with what it searches for when given (the finder's feed title), so several on a page are told apart. */
  landmark: (context?: string) => string;
  search: string;
  searching: string;
  ambiguous: (count: number) => string;
  similar: string;
  notFound: (query: string) => string;
  unknownZip: (code: string) => string;
  unlocatedZip: (code: string) => string;
  unknownPostalDistrict: (code: string) => string;
  invalid: Record<Extract<PlaceSearchResult, { kind: 'invalid' }>['reason'], string>;
  unavailable: string;
  selected: (label: string) => string;
  /** Before a town a ZIP code is only near: "16693 (near Altoona, PA)". */
  near: string;
}

export const enPlaces: PlacesStrings = {
  label: 'ZIP code, postal code or city',
  landmark: (context) => (context ? `Place search: ${context}` : 'Place search'),
  search: 'Search',
  searching: 'Searching…',
  ambiguous: (count) => `${count} places have that name. Choose one.`,
  similar: 'No place has exactly that name. Did you mean one of these?',
  notFound: (query) => `No place called “${query}” was found. Check the spelling, or try a ZIP code or postal code.`,
  unknownZip: (code) => `ZIP code ${code} does not exist. Check the five digits.`,
  unlocatedZip: (code) => `ZIP code ${code} has no location on a map (it is a military or mail-only code). Try a nearby ZIP code or a town.`,
  unknownPostalDistrict: (code) => `No Canadian postal code starts with ${code}. Check the first three characters.`,
  invalid: {
    empty: 'Type a ZIP code, a postal code or the name of a city or town.',
    'too-long': 'That is too long for a place name. Type a ZIP code, a postal code or a city.',
    'no-letters-or-digits': 'Type letters or digits: a ZIP code, a postal code or a city.',
    'zip-digits': 'A US ZIP code has five digits, for example 15213.',
  },
  unavailable: 'The place list could not be loaded. Check your connection and try again.',
  selected: (label) => `Showing places near ${label}.`,
  near: 'near',
};
