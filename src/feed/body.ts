// A feed's body as the page hands it on: its bytes, or a Blob the browser holds (a large body,
// from fetchFeed or the last good copy, with `blobAboveBytes`), read only where it is wanted.

export type FeedBody = Uint8Array | Blob;

/** The body of a fetched feed or a last good copy, whichever of the two it came as. */
export const bodyOf = (got: { bytes: Uint8Array } | { blob: Blob }): FeedBody => ('blob' in got ? got.blob : got.bytes);

/** Its size in bytes. */
export const bodySize = (body: FeedBody): number => (body instanceof Blob ? body.size : body.byteLength);

/** Its bytes: a Blob is read here. */
export const bodyBytes = async (body: FeedBody): Promise<Uint8Array> => (body instanceof Blob ? new Uint8Array(await body.arrayBuffer()) : body);
