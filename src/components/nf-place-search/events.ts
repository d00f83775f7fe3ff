import type { Place } from '../../places/search.js';

export interface PlaceSelectDetail {
  /** What the visitor sees: "15213 (Pittsburgh, PA)". */
  label: string;
  source: 'search';
  /**
   * The place searched for, to 0.01°. Unlike the device location this is a public place the
   * visitor chose (a ZIP centroid, a town), not where they are, so it is given to the page.
   */
  latitude: number;
  longitude: number;
  place: Place;
}

/** The visitor chose a place by searching. */
export class NfPlaceSelectEvent extends Event {
  static readonly eventName = 'nf-place-select';
  constructor(readonly detail: PlaceSelectDetail) {
    super(NfPlaceSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nf-place-select': NfPlaceSelectEvent;
  }
}
