import type { IndexData } from '../query/spatial-index.js';
import type { FeedFormat, ParseOptions } from './parse-feed.js';
import type { SkippedRecord } from '../types.js';
import type { FeedBody } from './body.js';
import type { NearestServices } from './preview.js';

// The messages between the page and the feed worker (feed-worker.ts), in the order they travel:
// ready → request → (first or nearest) part… → done (or error).

/**
 * The parse options that cross to the worker: data only (no signal; aborting ends the worker);
 * `preview` asks for the feed's first services early (parseFeed's `onPreview`).
 */
export type WorkerParseOptions = Pick<ParseOptions, 'format' | 'fieldMap' | 'defaultTypes' | 'contentType' | 'allowNoValidRecords' | 'previewFrom'> & {
  preview?: boolean;
};

export interface WorkerRequest {
  /** The feed: its bytes, or a Blob the worker reads itself (fetch-feed.ts, `blobAboveBytes`). */
  body: FeedBody;
  options: WorkerParseOptions;
  /** Where to keep the last good copy (an absolute URL), when the feed has services. */
  save?: { url: string; contentType: string; maxAgeDays?: number };
}

/** The worker's script has loaded and runs: only now are the feed's bytes handed over. */
export interface ReadyMessage {
  type: 'ready';
}

/**
 * A run of one of the result's lists, in feed order, as JSON text (of Service[] or
 * SkippedRecord[]); parts of a list arrive in order. Text, not objects: the page's JSON.parse
 * of a part was about 1.4× quicker than the structured clone of the same objects (measured
 * here at 4× CPU), and gives every service the same hidden class, as a parsed feed has.
 */
export interface PartMessage {
  type: 'part';
  field: 'services' | 'skipped' | 'warnings';
  json: string;
  /** The feed's first services (parseFeed's `onPreview`), sent while the worker still checks the rest. */
  early?: boolean;
}

/**
 * The services nearest the page's point (parseFeed's `previewFrom`), sent while the worker
 * checks the rest: for the early page only. They come again, in their places, in the parts.
 */
export interface NearestMessage {
  type: 'nearest';
  /** JSON text of Service[], as a part's. */
  json: string;
  nearest: Omit<NearestServices, 'services'>;
}

/**
 * The feed's first services in feed order, read from the start of its bytes before the rest
 * (leading.ts), for the early page only. They come again, in their places, in the parts.
 */
export interface FirstMessage {
  type: 'first';
  /** JSON text of Service[], as a part's. */
  json: string;
}

export interface DoneMessage {
  type: 'done';
  format: FeedFormat;
  title?: string;
  updated?: string;
  index: IndexData;
}

/** A feed error (JSON, format, limit, no valid records), rebuilt as the same class on the page. */
export interface ErrorMessage {
  type: 'error';
  name: string;
  message: string;
  detail?: string;
  skipped?: SkippedRecord[];
  warnings?: SkippedRecord[];
}

export type WorkerMessage = ReadyMessage | FirstMessage | NearestMessage | PartMessage | DoneMessage | ErrorMessage;
