import { expect } from '@open-wc/testing';
import { fetchFeed, FeedFetchError, type FetchFeedOptions } from '../../src/feed/fetch-feed.js';

const SRC = 'https://feeds.example.org/fictional.json';
const FEED = '{"version":1,"services":[]}';

type Reply = Response | Error | 'hang' | 'hang-ignoring-signal';

/** A fake fetch answering from a script, one entry per call, recording each request. */
function fakeFetch(...replies: Reply[]) {
  const calls: { input: RequestInfo | URL; init: RequestInit }[] = [];
  const impl = (input: RequestInfo | URL, init: RequestInit = {}) => {
    calls.push({ input, init });
    const reply = replies[Math.min(calls.length, replies.length) - 1];
    if (reply === 'hang-ignoring-signal') return new Promise<Response>(() => undefined);
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    }
    return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply);
  };
  return { calls, fetch: impl as typeof fetch };
}

/** Records the waits asked for and returns at once; rejects like the real one on abort. */
function fakeSleep() {
  const delays: number[] = [];
  const sleep = (ms: number, signal: AbortSignal) => {
    delays.push(ms);
    return signal.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  };
  return { delays, sleep };
}

const ok = (body: BodyInit | null = FEED, headers: HeadersInit = { 'content-type': 'application/json' }) => new Response(body, { status: 200, headers });
const status = (code: number, statusText = '', headers: HeadersInit = {}) => new Response('fictional error page', { status: code, statusText, headers });

async function failure(promise: Promise<unknown>): Promise<FeedFetchError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(FeedFetchError);
    return error as FeedFetchError;
  }
  throw new Error('expected fetchFeed to fail');
}

/** A body that streams `chunk` forever and counts what was pulled. */
function endlessBody(chunkBytes: number) {
  const state = { pulls: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulls++;
        controller.enqueue(new Uint8Array(chunkBytes).fill(0x20 + (state.pulls % 2)));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

describe('fetchFeed', () => {
  let sleeper: ReturnType<typeof fakeSleep>;
  const run = (fake: ReturnType<typeof fakeFetch>, options: FetchFeedOptions & { blobAboveBytes?: undefined } = {}) =>
    fetchFeed(SRC, { fetch: fake.fetch, sleep: sleeper.sleep, baseDelayMs: 100, ...options });
  /** With `blobAboveBytes`: a large body may come as a Blob. */
  const runBlob = (fake: ReturnType<typeof fakeFetch>, options: FetchFeedOptions & { blobAboveBytes: number }) =>
    fetchFeed(SRC, { fetch: fake.fetch, sleep: sleeper.sleep, baseDelayMs: 100, ...options });

  beforeEach(() => {
    sleeper = fakeSleep();
  });

  it('returns the bytes, content type and status', async () => {
    const fake = fakeFetch(ok());
    const feed = await run(fake);
    expect(new TextDecoder().decode(feed.bytes)).to.equal(FEED);
    expect(feed.contentType).to.equal('application/json');
    expect(feed.status).to.equal(200);
    expect(feed.url).to.equal(SRC);
    expect(fake.calls).to.have.length(1);
  });

  it('sends nothing about the visitor', async () => {
    const fake = fakeFetch(ok());
    await run(fake);
    const { input, init } = fake.calls[0];
    expect(input).to.equal(SRC);
    expect(init.credentials).to.equal('omit');
    expect(init.referrerPolicy).to.equal('strict-origin-when-cross-origin');
    expect(init.cache).to.equal('no-cache');
    expect(init.method).to.equal('GET');
    expect(init.body).to.equal(undefined);
    const headers = new Headers(init.headers);
    expect([...headers.keys()]).to.deep.equal(['accept']);
    expect(headers.get('accept')).to.contain('application/json').and.contain('application/geo+json').and.contain('text/csv');
  });

  it('does not retry a 404', async () => {
    const fake = fakeFetch(status(404, 'Not Found'));
    const error = await failure(run(fake));
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(404);
    expect(error.attempts).to.equal(1);
    expect(error.message).to.equal(`${SRC} answered HTTP 404 Not Found`);
    expect(fake.calls).to.have.length(1);
    expect(sleeper.delays).to.deep.equal([]);
  });

  it('succeeds on the second try after a 500, with a jittered backoff', async () => {
    const fake = fakeFetch(status(500), ok());
    const retries: unknown[] = [];
    const feed = await run(fake, { onRetry: (info) => retries.push(info) });
    expect(feed.status).to.equal(200);
    expect(fake.calls).to.have.length(2);
    expect(sleeper.delays).to.have.length(1);
    expect(sleeper.delays[0]).to.be.within(50, 100);
    expect(retries).to.deep.equal([{ attempt: 1, delayMs: sleeper.delays[0], reason: `${SRC} answered HTTP 500` }]);
  });

  it('gives up after 3 tries of 502, backing off further each time', async () => {
    const fake = fakeFetch(status(502, 'Bad Gateway'));
    const error = await failure(run(fake));
    expect(error.attempts).to.equal(3);
    expect(error.message).to.equal(`${SRC} answered HTTP 502 Bad Gateway (3 tries)`);
    expect(sleeper.delays[0]).to.be.within(50, 100);
    expect(sleeper.delays[1]).to.be.within(100, 200);
  });

  it('gives a 503 without a readable Retry-After a longer backoff, doubled with jitter', async () => {
    const fake = fakeFetch(status(503, 'Service Unavailable'));
    const error = await failure(run(fake));
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(503);
    expect(error.statusText).to.equal('Service Unavailable');
    expect(error.attempts).to.equal(3);
    expect(error.message).to.equal(`${SRC} answered HTTP 503 Service Unavailable (3 tries)`);
    expect(fake.calls).to.have.length(3);
    expect(sleeper.delays[0]).to.be.within(1000, 2000);
    expect(sleeper.delays[1]).to.be.within(2000, 4000);
  });

  it('backs off longer after a 429 whose Retry-After is hidden (cross-origin, not exposed)', async () => {
    const retries: number[] = [];
    const fake = fakeFetch(status(429, 'Too Many Requests'), status(429, 'Too Many Requests'), ok());
    await run(fake, { busyDelayMs: 3000, onRetry: ({ delayMs }) => retries.push(delayMs) });
    expect(retries).to.deep.equal(sleeper.delays);
    expect(sleeper.delays[0]).to.be.within(1500, 3000);
    expect(sleeper.delays[1]).to.be.within(3000, 6000);
  });

  it('respects maxAttempts', async () => {
    const fake = fakeFetch(status(502));
    const error = await failure(run(fake, { maxAttempts: 1 }));
    expect(error.attempts).to.equal(1);
    expect(fake.calls).to.have.length(1);
  });

  it('retries a network error', async () => {
    const fake = fakeFetch(new TypeError('Failed to fetch'), ok());
    const feed = await run(fake);
    expect(feed.status).to.equal(200);
    expect(fake.calls).to.have.length(2);
  });

  it('explains a network error that persists', async () => {
    const fake = fakeFetch(new TypeError('Failed to fetch'));
    const error = await failure(run(fake));
    expect(error.kind).to.equal('network');
    expect(error.attempts).to.equal(3);
    expect(error.message).to.contain(`Could not reach ${SRC}: Failed to fetch`).and.contain('cross-origin').and.contain('(3 tries)');
  });

  it('waits as long as Retry-After says in seconds', async () => {
    const fake = fakeFetch(status(429, 'Too Many Requests', { 'retry-after': '1' }), ok());
    await run(fake);
    expect(sleeper.delays).to.deep.equal([1000]);
    expect(fake.calls).to.have.length(2);
  });

  it('honours Retry-After on a 503 too', async () => {
    const fake = fakeFetch(status(503, '', { 'retry-after': '2' }), ok());
    await run(fake);
    expect(sleeper.delays).to.deep.equal([2000]);
  });

  it('reads Retry-After as an HTTP date, against the server clock', async () => {
    const serverNow = Date.UTC(2026, 10, 1, 12, 0, 0);
    const headers = { date: new Date(serverNow).toUTCString(), 'retry-after': new Date(serverNow + 7000).toUTCString() };
    const fake = fakeFetch(status(429, 'Too Many Requests', headers), ok());
    await run(fake);
    expect(sleeper.delays).to.deep.equal([7000]);
  });

  it('reads Retry-After as an HTTP date against the local clock without a Date header', async () => {
    const fake = fakeFetch(status(429, '', { 'retry-after': new Date(Date.now() + 5000).toUTCString() }), ok());
    await run(fake);
    expect(sleeper.delays[0]).to.be.within(3000, 5000);
  });

  it('treats a Retry-After date in the past as no wait', async () => {
    const fake = fakeFetch(status(429, '', { 'retry-after': 'Sun, 01 Nov 2020 00:00:00 GMT' }), ok());
    await run(fake);
    expect(sleeper.delays).to.deep.equal([0]);
  });

  for (const value of ['soon', '1.5', '5 min', '-3'])
    it(`backs off when Retry-After is unreadable (${value}), rather than reading it as a date long past`, async () => {
      const fake = fakeFetch(status(429, '', { 'retry-after': value }), ok());
      await run(fake);
      expect(sleeper.delays[0]).to.be.within(1000, 2000);
    });

  it('reads the older HTTP date forms of Retry-After', async () => {
    const serverNow = Date.UTC(1994, 10, 6, 8, 49, 30);
    const date = new Date(serverNow).toUTCString();
    for (const retryAfter of ['Sunday, 06-Nov-94 08:49:37 GMT', 'Sun Nov  6 08:49:37 1994']) {
      const fake = fakeFetch(status(503, '', { date, 'retry-after': retryAfter }), ok());
      await run(fake);
    }
    expect(sleeper.delays).to.deep.equal([7000, 7000]);
  });

  it('fails at once when Retry-After asks for longer than allowed, and says so', async () => {
    const fake = fakeFetch(status(429, 'Too Many Requests', { 'retry-after': '120' }), ok());
    const error = await failure(run(fake));
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(429);
    expect(error.attempts).to.equal(1);
    expect(error.message).to.equal(`${SRC} answered HTTP 429 Too Many Requests and asked to wait 120 s before trying again, longer than the 30 s limit`);
    expect(fake.calls).to.have.length(1);
    expect(sleeper.delays).to.deep.equal([]);
  });

  it('times out each attempt and retries, then reports a timeout', async () => {
    const fake = fakeFetch('hang');
    const error = await failure(run(fake, { timeoutMs: 50 }));
    expect(error.kind).to.equal('timeout');
    expect(error.attempts).to.equal(3);
    expect(error.message).to.equal(`${SRC} took longer than 50 ms (3 tries)`);
    expect(fake.calls).to.have.length(3);
    for (const { init } of fake.calls) expect(init.signal?.aborted).to.equal(true);
  });

  it('says the timeout in seconds', async () => {
    const error = await failure(run(fakeFetch('hang'), { timeoutMs: 1500, maxAttempts: 1 }));
    expect(error.message).to.equal(`${SRC} took longer than 1.5 s (1 try)`);
  });

  it('times out a body that stalls, and says it stopped coming', async () => {
    const stalled = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('{"version"')) });
    const error = await failure(run(fakeFetch(ok(stalled), ok()), { timeoutMs: 50, maxAttempts: 1 }));
    expect(error.kind).to.equal('timeout');
    expect(error.message).to.equal(`${SRC} sent nothing for 50 ms while the feed downloaded (1 try)`);
  });

  it('never cuts off a slow body that keeps coming, however long it takes in all (a phone on 3G)', async () => {
    const text = FEED.padEnd(400, ' ');
    let sent = 0;
    const slow = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          // 10 pieces, 40 ms apart: 400 ms in all against a 100 ms timeout.
          await new Promise((r) => setTimeout(r, 40));
          controller.enqueue(new TextEncoder().encode(text.slice(sent, sent + 40)));
          sent += 40;
          if (sent >= text.length) controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    const fake = fakeFetch(ok(slow));
    const feed = await run(fake, { timeoutMs: 100, maxAttempts: 1 });
    expect(new TextDecoder().decode(feed.bytes)).to.equal(text);
    expect(fake.calls).to.have.length(1);
  });

  it('stops promptly when the caller aborts during a request', async () => {
    const controller = new AbortController();
    const fake = fakeFetch('hang');
    const pending = run(fake, { signal: controller.signal });
    await Promise.resolve();
    controller.abort();
    const error = await failure(pending);
    expect(error.kind).to.equal('aborted');
    expect(error.attempts).to.equal(1);
    expect(fake.calls).to.have.length(1);
    expect(fake.calls[0].init.signal?.aborted).to.equal(true);
  });

  it('stops when the caller aborts, even if fetch ignores its signal', async () => {
    const controller = new AbortController();
    const pending = run(fakeFetch('hang-ignoring-signal'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect((await failure(pending)).kind).to.equal('aborted');
  });

  it('stops during the backoff wait without trying again', async () => {
    const controller = new AbortController();
    const fake = fakeFetch(status(503));
    // The default sleep, with a wait the test would time out on if it were not abortable.
    const pending = fetchFeed(SRC, {
      fetch: fake.fetch,
      signal: controller.signal,
      baseDelayMs: 60_000,
      onRetry: () => setTimeout(() => controller.abort(), 10),
    });
    const error = await failure(pending);
    expect(error.kind).to.equal('aborted');
    expect(error.attempts).to.equal(1);
    expect(fake.calls).to.have.length(1);
  });

  it('stops during the backoff wait even if an injected sleep ignores the signal', async () => {
    const controller = new AbortController();
    const fake = fakeFetch(status(503));
    const pending = run(fake, {
      signal: controller.signal,
      sleep: () => new Promise(() => undefined),
      onRetry: () => setTimeout(() => controller.abort(), 10),
    });
    expect((await failure(pending)).kind).to.equal('aborted');
    expect(fake.calls).to.have.length(1);
  });

  it('stops while reading the body when the caller aborts', async () => {
    const controller = new AbortController();
    let cancelled = false;
    const slow = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined), cancel: () => void (cancelled = true) });
    const pending = run(fakeFetch(ok(slow)), { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect((await failure(pending)).kind).to.equal('aborted');
    expect(cancelled).to.equal(true);
  });

  it('does not start when the signal is already aborted', async () => {
    const fake = fakeFetch(ok());
    const error = await failure(run(fake, { signal: AbortSignal.abort() }));
    expect(error.kind).to.equal('aborted');
    expect(error.attempts).to.equal(0);
    expect(fake.calls).to.have.length(0);
  });

  it('rejects a declared Content-Length over the limit without reading the body', async () => {
    const { stream, state } = endlessBody(1024);
    const fake = fakeFetch(ok(stream, { 'content-length': String(50 * 1024 * 1024) }));
    const error = await failure(run(fake));
    expect(error.kind).to.equal('too-large');
    expect(error.attempts).to.equal(1);
    expect(error.message).to.equal(`${SRC} is larger than the 20 MB limit (Content-Length 52,428,800 bytes)`);
    expect(state.pulls).to.equal(0);
    expect(fake.calls).to.have.length(1);
  });

  it('stops reading a streamed body as soon as it passes the limit', async () => {
    const { stream, state } = endlessBody(64 * 1024);
    const fake = fakeFetch(ok(stream, {}));
    const error = await failure(run(fake, { maxBytes: 1024 * 1024 }));
    expect(error.kind).to.equal('too-large');
    expect(error.message).to.equal(`${SRC} is larger than the 1 MB limit (stopped after receiving more than 1 MB)`);
    expect(state.pulls).to.be.at.most(18);
    expect(state.cancelled).to.equal(true);
    expect(fake.calls).to.have.length(1);
  });

  it('accepts a body exactly at the limit', async () => {
    const feed = await run(fakeFetch(ok(new Uint8Array(1000).fill(0x31))), { maxBytes: 1000 });
    expect(feed.bytes.byteLength).to.equal(1000);
  });

  for (const [label, body] of [
    ['no bytes', ''],
    ['only whitespace', ' \n\t\r\n '],
    ['a byte order mark and a newline', '\uFEFF\n'],
  ] as const) {
    it(`reports a body of ${label} as empty, without retrying`, async () => {
      const fake = fakeFetch(ok(body));
      const error = await failure(run(fake));
      expect(error.kind).to.equal('empty');
      expect(error.message).to.equal(`The feed at ${SRC} is empty`);
      expect(fake.calls).to.have.length(1);
    });
  }

  it('reports a 204 as empty', async () => {
    const error = await failure(run(fakeFetch(new Response(null, { status: 204 }))));
    expect(error.kind).to.equal('empty');
  });

  it('retries a connection that breaks mid-body', async () => {
    const broken = new ReadableStream<Uint8Array>({ pull: (c) => c.error(new TypeError('network error')) });
    const fake = fakeFetch(ok(broken), ok());
    const feed = await run(fake);
    expect(feed.status).to.equal(200);
    expect(fake.calls).to.have.length(2);
  });

  describe('blobAboveBytes: a large body as a Blob, never read on the page', () => {
    const body = `{"version":1,"services":[],"note":"${'x'.repeat(3000)}"}`;

    it('gives a body declared above it as a Blob with the same bytes, and no bytes', async () => {
      const feed = await runBlob(fakeFetch(ok(body, { 'content-type': 'application/json', 'content-length': String(body.length) })), { blobAboveBytes: 2000 });
      expect('bytes' in feed, 'bytes').to.equal(false);
      if (!('blob' in feed)) throw new Error('expected a Blob');
      expect(await feed.blob.text()).to.equal(body);
      expect(feed.contentType).to.equal('application/json');
      expect(feed.status).to.equal(200);
    });

    for (const [label, headers] of [
      ['declared at it', { 'content-length': '2000' }],
      ['declared below it', { 'content-length': '10' }],
      ['not declared (streamed)', {}],
    ] as const) {
      it(`reads a body ${label} as bytes`, async () => {
        const feed = await runBlob(fakeFetch(ok(body, headers)), { blobAboveBytes: 2000 });
        if (!('bytes' in feed)) throw new Error('expected bytes');
        expect(new TextDecoder().decode(feed.bytes)).to.equal(body);
      });
    }

    it('takes a compressed body as a Blob, and says so at the headers, when five times its declared length is above it (a gzipped 2.9 MB feed declares 0.5 MB)', async () => {
      let started = 0;
      const compressed = (length: number) => ok(body, { 'content-length': String(length), 'content-encoding': 'gzip' });
      const feed = await runBlob(fakeFetch(compressed(500)), { blobAboveBytes: 2000, onBlob: () => started++ });
      expect('blob' in feed, 'blob').to.equal(true);
      expect(started).to.equal(1);
      const small = await runBlob(fakeFetch(compressed(300)), { blobAboveBytes: 2000, onBlob: () => started++ });
      expect('bytes' in small, 'bytes').to.equal(true);
      expect(started).to.equal(1);
    });

    it('refuses a Blob larger than the limit once decompressed (the declared length was of the compressed bytes)', async () => {
      const fake = fakeFetch(ok(body, { 'content-length': '500' }));
      const error = await failure(runBlob(fake, { blobAboveBytes: 100, maxBytes: 2048 }));
      expect(error.kind).to.equal('too-large');
      expect(error.message).to.equal(`${SRC} is larger than the 2 kB limit (3 kB once decompressed)`);
      expect(fake.calls).to.have.length(1);
    });

    it('reports a Blob of whitespace as empty', async () => {
      const error = await failure(runBlob(fakeFetch(ok(' \n\t ', { 'content-length': '500' })), { blobAboveBytes: 100 }));
      expect(error.kind).to.equal('empty');
      expect(error.message).to.equal(`The feed at ${SRC} is empty`);
    });

    it('times out a Blob that stalls, and stops when the caller aborts', async () => {
      const stalled = () => new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('{"version"')) });
      const declared = { 'content-length': '5000' };
      const timedOut = await failure(runBlob(fakeFetch(ok(stalled(), declared)), { blobAboveBytes: 100, timeoutMs: 50, maxAttempts: 1 }));
      expect(timedOut.kind).to.equal('timeout');
      const controller = new AbortController();
      const pending = runBlob(fakeFetch(ok(stalled(), declared)), { blobAboveBytes: 100, signal: controller.signal });
      setTimeout(() => controller.abort(), 10);
      expect((await failure(pending)).kind).to.equal('aborted');
    });

    it('gives a Blob time for its declared size at 20 kB/s beyond the timeout, as its progress cannot be seen', async () => {
      const declared = '8192'; // 410 ms at 20 kB/s
      const slowBlob = () =>
        new ReadableStream<Uint8Array>({
          async start(c) {
            await new Promise((r) => setTimeout(r, 300));
            c.enqueue(new TextEncoder().encode(body));
            c.close();
          },
        });
      const feed = await runBlob(fakeFetch(ok(slowBlob(), { 'content-length': declared })), { blobAboveBytes: 100, timeoutMs: 50, maxAttempts: 1 });
      if (!('blob' in feed)) throw new Error('expected a Blob');
      expect(await feed.blob.text()).to.equal(body);
      const stalled = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('{"version"')) });
      const error = await failure(runBlob(fakeFetch(ok(stalled, { 'content-length': declared })), { blobAboveBytes: 100, timeoutMs: 50, maxAttempts: 1 }));
      expect(error.message).to.equal(`${SRC} took longer than 460 ms to download its 8 kB (1 try)`);
    });

    it('retries a connection that breaks while the Blob is filled', async () => {
      const broken = new ReadableStream<Uint8Array>({ pull: (c) => c.error(new TypeError('network error')) });
      const fake = fakeFetch(ok(broken, { 'content-length': '5000' }), ok(body, { 'content-length': String(body.length) }));
      const feed = await runBlob(fake, { blobAboveBytes: 100 });
      expect('blob' in feed).to.equal(true);
      expect(fake.calls).to.have.length(2);
    });
  });

  describe('against the dev server', () => {
    it('loads a fixture', async () => {
      const feed = await fetchFeed('/test/fixtures/fictional-feed.json');
      expect(feed.status).to.equal(200);
      expect(feed.contentType).to.contain('json');
      expect(feed.url).to.equal(new URL('/test/fixtures/fictional-feed.json', document.baseURI).href);
      expect(JSON.parse(new TextDecoder().decode(feed.bytes)).version).to.equal(1);
    });

    it('loads a blob: URL, as the element tests serve feeds', async () => {
      const url = URL.createObjectURL(new Blob([FEED], { type: 'application/json' }));
      const feed = await fetchFeed(url);
      URL.revokeObjectURL(url);
      expect(new TextDecoder().decode(feed.bytes)).to.equal(FEED);
      expect(feed.contentType).to.equal('application/json');
    });

    it('reports a missing file as HTTP 404 after one try', async () => {
      const error = await failure(fetchFeed('/test/fixtures/nope.json'));
      expect(error.kind).to.equal('http');
      expect(error.status).to.equal(404);
      expect(error.attempts).to.equal(1);
    });
  });
});
