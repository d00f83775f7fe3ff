import { expect } from '@open-wc/testing';
import { loadLastGoodFeed, saveLastGoodFeed } from '../../src/feed/feed-cache.js';

const CACHE_NAME = 'naloxone-finder-v1';
const A = 'https://feeds.example.org/a.json';
const B = 'https://feeds.example.org/b.json';
const text = (s: string) => new TextEncoder().encode(s);
const feed = (s: string, contentType = 'application/json') => ({ body: text(s), contentType });
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

function ourStorageKeys(): string[] {
  return Object.keys(localStorage).filter((key) => key.startsWith(CACHE_NAME));
}

describe('last good feed', () => {
  const restores: (() => void)[] = [];

  /** Replaces a global (caches, localStorage) for one test; afterEach puts it back. */
  function stubGlobal(name: 'caches' | 'localStorage', get: () => unknown) {
    const own = Object.getOwnPropertyDescriptor(window, name);
    Object.defineProperty(window, name, { configurable: true, get });
    restores.push(() => {
      if (own) Object.defineProperty(window, name, own);
      else delete (window as unknown as Record<string, unknown>)[name];
    });
  }

  const throwing = () => {
    throw new DOMException('The operation is insecure.', 'SecurityError');
  };

  afterEach(async () => {
    while (restores.length) restores.pop()!();
    await caches.delete(CACHE_NAME);
    for (const key of ourStorageKeys()) localStorage.removeItem(key);
  });

  it('gives a copy in Cache Storage larger than blobAboveBytes as a Blob with the same bytes, a smaller one as bytes', async () => {
    const body = `{"version":1,"services":[],"note":"${'x'.repeat(5000)}"}`;
    await saveLastGoodFeed(A, feed(body));
    const big = await loadLastGoodFeed(A, { blobAboveBytes: 1000 });
    if (!big || !('blob' in big)) throw new Error('expected a Blob');
    expect(await big.blob.text()).to.equal(body);
    expect(big.contentType).to.equal('application/json');
    const small = await loadLastGoodFeed(A, { blobAboveBytes: body.length });
    if (!small || !('bytes' in small)) throw new Error('expected bytes');
    expect(new TextDecoder().decode(small.bytes)).to.equal(body);
  });

  it('keeps a Blob body as it came (a large feed read in the worker): read back, the same bytes', async () => {
    // Not UTF-8 and with a byte order mark: stored as bytes, never as text.
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...text('{"services":[],"note":"Caf'), 0xe9, ...text('"}')]);
    await saveLastGoodFeed(A, { body: new Blob([bytes]), contentType: 'application/json' });
    const cached = await loadLastGoodFeed(A);
    expect([...cached!.bytes]).to.deep.equal([...bytes]);
    expect(cached!.contentType).to.equal('application/json');
  });

  it('ignores an empty Blob, as it does empty bytes', async () => {
    await saveLastGoodFeed(A, feed('{"services":[]}'));
    await saveLastGoodFeed(A, { body: new Blob([]), contentType: 'application/json' });
    expect(new TextDecoder().decode((await loadLastGoodFeed(A))!.bytes)).to.equal('{"services":[]}');
  });

  it('round-trips bytes and content type, and keeps the day it was saved, not the time', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await saveLastGoodFeed(A, feed('{"version":1}', 'application/json; charset=utf-8'));
    const cached = await loadLastGoodFeed(A);
    expect(new TextDecoder().decode(cached!.bytes)).to.equal('{"version":1}');
    expect(cached!.contentType).to.equal('application/json; charset=utf-8');
    expect(cached!.savedAt).to.equal(today);
    const stored = await (await caches.open(CACHE_NAME)).match(A);
    const headers = [...stored!.headers].map(([name, value]) => `${name}: ${value}`);
    expect(
      headers.filter((h) => /\d{2}:\d{2}/.test(h)),
      'no time of day is stored',
    ).to.deep.equal([]);
  });

  it('forgets a copy older than its expiry (30 days by default), and removes it', async () => {
    await saveLastGoodFeed(A, feed('a'), { now: day('2026-01-01') });
    expect(await loadLastGoodFeed(A, { now: day('2026-01-31') }), 'day 30 still kept').to.not.equal(undefined);
    expect(await loadLastGoodFeed(A, { now: day('2026-02-01') }), 'day 31 gone').to.equal(undefined);
    expect(await (await caches.open(CACHE_NAME)).keys()).to.have.length(0);
    await saveLastGoodFeed(A, feed('a'), { now: day('2026-01-01') });
    expect(await loadLastGoodFeed(A, { now: day('2026-01-04'), maxAgeDays: 2 })).to.equal(undefined);
  });

  it('with an expiry of 0 stores nothing and removes what was stored', async () => {
    await saveLastGoodFeed(A, feed('a'));
    expect(await loadLastGoodFeed(A, { maxAgeDays: 0 })).to.equal(undefined);
    expect(await loadLastGoodFeed(A), 'the stored copy was removed').to.equal(undefined);
    await saveLastGoodFeed(A, feed('a'), { maxAgeDays: 0 });
    expect(await (await caches.open(CACHE_NAME)).keys()).to.have.length(0);
    expect(ourStorageKeys()).to.deep.equal([]);
  });

  it('shows copies saved with a time of day by an older version as their day only', async () => {
    const cache = await caches.open(CACHE_NAME);
    const today = new Date().toISOString().slice(0, 10);
    await cache.put(A, new Response('{"version":1}', { headers: { 'content-type': 'application/json', 'x-nf-saved-at': `${today}T08:15:30.123Z` } }));
    expect((await loadLastGoodFeed(A))!.savedAt).to.equal(today);
  });

  it('uses Cache Storage when it exists, keyed by the absolute URL', async () => {
    await saveLastGoodFeed('/fictional/feed.json#top', feed('x'));
    const cache = await caches.open(CACHE_NAME);
    const keys = (await cache.keys()).map((r) => r.url);
    expect(keys).to.deep.equal([new URL('/fictional/feed.json', document.baseURI).href]);
    expect(ourStorageKeys()).to.deep.equal([]);
    expect(await loadLastGoodFeed(new URL('/fictional/feed.json', document.baseURI).href)).to.not.equal(undefined);
  });

  it('keeps each URL apart', async () => {
    await saveLastGoodFeed(A, feed('a'));
    await saveLastGoodFeed(B, feed('b', 'text/csv'));
    expect(new TextDecoder().decode((await loadLastGoodFeed(A))!.bytes)).to.equal('a');
    const b = await loadLastGoodFeed(B);
    expect(new TextDecoder().decode(b!.bytes)).to.equal('b');
    expect(b!.contentType).to.equal('text/csv');
    expect(await loadLastGoodFeed('https://feeds.example.org/other.json')).to.equal(undefined);
  });

  it('keeps only the newest copy of a URL', async () => {
    await saveLastGoodFeed(A, feed('old'));
    await saveLastGoodFeed(A, feed('new'));
    expect(new TextDecoder().decode((await loadLastGoodFeed(A))!.bytes)).to.equal('new');
    expect(await (await caches.open(CACHE_NAME)).keys()).to.have.length(1);
  });

  it('keeps the 5 most recently saved URLs', async () => {
    const urls = Array.from({ length: 7 }, (_, i) => `https://feeds.example.org/${i}.json`);
    for (const url of urls) await saveLastGoodFeed(url, feed(url));
    const kept = (await (await caches.open(CACHE_NAME)).keys()).map((r) => r.url).sort();
    expect(kept).to.deep.equal(urls.slice(2).sort());
  });

  it("removes other feeds' copies older than its own expiry when it saves, so a copy no page asks for does not stay", async () => {
    await saveLastGoodFeed(A, feed('a'), { now: day('2026-01-01') });
    await saveLastGoodFeed(B, feed('b'), { now: day('2026-01-20') });
    await saveLastGoodFeed('https://feeds.example.org/c.json', feed('c'), { now: day('2026-02-10') });
    const kept = (await (await caches.open(CACHE_NAME)).keys()).map((r) => r.url).sort();
    expect(kept, 'A is 40 days old, B 21').to.deep.equal([B, 'https://feeds.example.org/c.json']);
  });

  it('ignores empty feeds and URLs that only live as long as the page', async () => {
    await saveLastGoodFeed(A, feed(''));
    const blobUrl = URL.createObjectURL(new Blob(['{}']));
    await saveLastGoodFeed(blobUrl, feed('{}'));
    URL.revokeObjectURL(blobUrl);
    expect(await loadLastGoodFeed(A)).to.equal(undefined);
    expect(await loadLastGoodFeed(blobUrl)).to.equal(undefined);
    expect(await (await caches.open(CACHE_NAME)).keys()).to.have.length(0);
  });

  describe('without Cache Storage', () => {
    beforeEach(() => stubGlobal('caches', () => undefined));

    it('falls back to localStorage', async () => {
      await saveLastGoodFeed(A, feed('{"services":[]}'));
      expect(ourStorageKeys()).to.have.length(1);
      expect(ourStorageKeys()[0]).to.contain(A);
      const cached = await loadLastGoodFeed(A);
      expect(new TextDecoder().decode(cached!.bytes)).to.equal('{"services":[]}');
      expect(cached!.contentType).to.equal('application/json');
      expect(Number.isNaN(Date.parse(cached!.savedAt))).to.equal(false);
    });

    it('round-trips bytes exactly, UTF-8 with a byte order mark or not UTF-8 at all', async () => {
      const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...text('name\nCafé (fictional)\n')]);
      const windows1252 = new Uint8Array([...text('name\nCaf'), 0xe9, 0x0a, 0x00, 0xff]);
      await saveLastGoodFeed(A, { body: withBom, contentType: 'text/csv' });
      await saveLastGoodFeed(B, { body: windows1252, contentType: 'text/csv; charset=windows-1252' });
      expect([...(await loadLastGoodFeed(A))!.bytes]).to.deep.equal([...withBom]);
      const b = await loadLastGoodFeed(B);
      expect([...b!.bytes]).to.deep.equal([...windows1252]);
      expect(b!.contentType).to.equal('text/csv; charset=windows-1252');
    });

    it('keeps one item per URL and at most 5 URLs', async () => {
      await saveLastGoodFeed(A, feed('old'));
      await saveLastGoodFeed(A, feed('new'));
      expect(new TextDecoder().decode((await loadLastGoodFeed(A))!.bytes)).to.equal('new');
      for (let i = 0; i < 6; i++) await saveLastGoodFeed(`https://feeds.example.org/${i}.json`, feed(String(i)));
      expect(ourStorageKeys()).to.have.length(5);
      expect(await loadLastGoodFeed('https://feeds.example.org/5.json')).to.not.equal(undefined);
    });

    it("removes other feeds' copies older than its own expiry when it saves", async () => {
      await saveLastGoodFeed(A, feed('a'), { now: day('2026-01-01') });
      await saveLastGoodFeed(B, feed('b'), { now: day('2026-02-10'), maxAgeDays: 60 });
      expect(ourStorageKeys()).to.have.length(2);
      await saveLastGoodFeed(B, feed('b'), { now: day('2026-02-10') });
      expect(ourStorageKeys()).to.have.length(1);
      expect(ourStorageKeys()[0]).to.contain(B);
    });

    it('stores no Blob in localStorage, and keeps the previous copy', async () => {
      await saveLastGoodFeed(A, feed('small'));
      await saveLastGoodFeed(A, { body: new Blob([text('{"services":[]}')]), contentType: 'application/json' });
      expect(ourStorageKeys()).to.have.length(1);
      expect(new TextDecoder().decode((await loadLastGoodFeed(A))!.bytes)).to.equal('small');
    });

    it('skips a feed too large for localStorage and keeps the previous copy', async () => {
      await saveLastGoodFeed(A, feed('small'));
      await saveLastGoodFeed(A, { body: new Uint8Array(5 * 1024 * 1024).fill(0x20), contentType: 'application/json' });
      expect(new TextDecoder().decode((await loadLastGoodFeed(A))!.bytes)).to.equal('small');
    });

    it('survives a full localStorage', async () => {
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = () => {
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      };
      restores.push(() => (Storage.prototype.setItem = setItem));
      await saveLastGoodFeed(A, feed('x'));
      expect(await loadLastGoodFeed(A)).to.equal(undefined);
    });

    it('ignores a damaged item', async () => {
      localStorage.setItem(`${CACHE_NAME} ${A}`, 'not what we wrote');
      expect(await loadLastGoodFeed(A)).to.equal(undefined);
    });
  });

  it('replaces a localStorage copy once Cache Storage works again', async () => {
    stubGlobal('caches', () => undefined);
    await saveLastGoodFeed(A, feed('from localStorage'));
    restores.pop()!();
    await saveLastGoodFeed(A, feed('from Cache Storage'));
    expect(ourStorageKeys()).to.deep.equal([]);
    expect(new TextDecoder().decode((await loadLastGoodFeed(A))!.bytes)).to.equal('from Cache Storage');
  });

  it('falls back to localStorage when Cache Storage refuses', async () => {
    const refusing = {
      open: () => Promise.reject(new DOMException('denied', 'SecurityError')),
      match: () => Promise.reject(new DOMException('denied', 'SecurityError')),
    };
    stubGlobal('caches', () => refusing);
    await saveLastGoodFeed(A, feed('kept anyway'));
    expect(new TextDecoder().decode((await loadLastGoodFeed(A))!.bytes)).to.equal('kept anyway');
  });

  it('resolves without saving when all storage throws', async () => {
    stubGlobal('caches', throwing);
    stubGlobal('localStorage', throwing);
    await saveLastGoodFeed(A, feed('x'));
    expect(await loadLastGoodFeed(A)).to.equal(undefined);
  });

  it('resolves when storage exists but every call fails', async () => {
    const refusing = () => Promise.reject(new DOMException('denied', 'SecurityError'));
    stubGlobal('caches', () => ({ open: refusing, match: refusing }));
    stubGlobal('localStorage', () => ({ getItem: throwing, setItem: throwing, removeItem: throwing, key: throwing, length: 0 }));
    await saveLastGoodFeed(A, feed('x'));
    expect(await loadLastGoodFeed(A)).to.equal(undefined);
  });
});
