import type { Service, SkippedRecord } from './types.js';
import type { FeedErrorKind } from './feed/load-feed.js';
import type { FeedFormat } from './feed/formats/format.js';
import type { Filters } from './query/filters.js';

const init = { bubbles: true, composed: true } as const;

export interface FeedLoadDetail {
  /** Services that passed validation and are shown. */
  count: number;
  /** Records left out, each with its index in the feed and the reason. */
  skipped: SkippedRecord[];
  /** Problems that did not hide a record (a dropped unsafe URL, a duplicate id). */
  warnings: SkippedRecord[];
  /** The format that was read: native, geojson, csv or hsds. */
  format: FeedFormat;
  /** When the refresh failed and the last good copy is shown: the day that copy was saved (YYYY-MM-DD). */
  staleSince?: string;
}

/** The feed was loaded and validated. */
export class NfFeedLoadEvent extends Event {
  static readonly eventName = 'nf-feed-load';
  constructor(readonly detail: FeedLoadDetail) {
    super(NfFeedLoadEvent.eventName, init);
  }
}

export interface FeedErrorDetail {
  kind: FeedErrorKind;
  message: string;
  /** HTTP status when the server answered; undefined for network errors. */
  status?: number;
  src: string;
  /** With kind `no-valid-records`: every record that was left out, with its reason. */
  skipped?: SkippedRecord[];
}

/** The feed could not be loaded or read. */
export class NfFeedErrorEvent extends Event {
  static readonly eventName = 'nf-feed-error';
  constructor(readonly detail: FeedErrorDetail) {
    super(NfFeedErrorEvent.eventName, init);
  }
}

export interface ServiceSelectDetail {
  service: Service;
  /** Kilometres from the current origin, rounded as the list shows it, or null without one. */
  distance: number | null;
}

/** A visitor chose a service in the list or on the map. */
export class NfServiceSelectEvent extends Event {
  static readonly eventName = 'nf-service-select';
  constructor(readonly detail: ServiceSelectDetail) {
    super(NfServiceSelectEvent.eventName, init);
  }
}

export type LocationSource = 'attribute' | 'device' | 'search' | 'none';

export interface LocationChangeDetail {
  /**
   * Where the origin now comes from. The visitor's coordinates are deliberately left out,
   * so no script on the host page picks them up by accident.
   */
  source: LocationSource;
}

/** The origin used for distances changed. */
export class NfLocationChangeEvent extends Event {
  static readonly eventName = 'nf-location-change';
  constructor(readonly detail: LocationChangeDetail) {
    super(NfLocationChangeEvent.eventName, init);
  }
}

export interface ResultsChangeDetail {
  /** The services the list shows now, in order (after type filter, sort and limit). */
  services: Service[];
}

/** The visible results changed (after filters, sort and paging). */
export class NfResultsChangeEvent extends Event {
  static readonly eventName = 'nf-results-change';
  constructor(readonly detail: ResultsChangeDetail) {
    super(NfResultsChangeEvent.eventName, init);
  }
}

export interface ShowMoreDetail {
  /** How many results the visitor asked to see in all. */
  shown: number;
}

/**
 * A visitor pressed "Show more" in a list whose paging its composite holds: the composite shows
 * more and hands the list the longer page.
 */
export class NfShowMoreEvent extends Event {
  static readonly eventName = 'nf-show-more';
  constructor(readonly detail: ShowMoreDetail) {
    super(NfShowMoreEvent.eventName, init);
  }
}

export interface FiltersChangeDetail {
  filters: Filters;
}

/** The visitor changed the filters in the filter bar. */
export class NfFiltersChangeEvent extends Event {
  static readonly eventName = 'nf-filters-change';
  constructor(readonly detail: FiltersChangeDetail) {
    super(NfFiltersChangeEvent.eventName, init);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'nf-filters-change': NfFiltersChangeEvent;
    'nf-show-more': NfShowMoreEvent;
    'nf-feed-load': NfFeedLoadEvent;
    'nf-feed-error': NfFeedErrorEvent;
    'nf-service-select': NfServiceSelectEvent;
    'nf-location-change': NfLocationChangeEvent;
    'nf-results-change': NfResultsChangeEvent;
  }
}
