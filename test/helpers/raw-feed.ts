import { KM_PER_DEGREE } from './services.js';

/**
 * A feed as a page script might hand it to an element unvalidated: the whole feed object, a
 * position and types written as text, and one record that is not a record at all. Fictional.
 */
export const rawFeed = () => ({
  version: 1,
  services: [
    { id: 'far', name: 'Example Service far (fictional)', lat: String(2 / KM_PER_DEGREE), lng: '0', types: 'naloxone' },
    null,
    { id: 'near', name: 'Example Service near (fictional)', lat: 1 / KM_PER_DEGREE, lng: 0, types: ['naloxone'] },
  ],
});

/** What the element says of it in the console. */
export const rawFeedError = (element: string) =>
  `${element}: services were not validated services (those parseFeedData gives), so they were read as a native feed: 2 of 3 kept.`;
