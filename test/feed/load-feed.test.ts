import { expect, waitUntil } from '@open-wc/testing';
import { loadFeed, FeedLoadError } from '../../src/feed/load-feed.js';
import { loadLastGoodFeed } from '../../src/feed/feed-cache.js';

const SRC = '/test/fixtures/fictional-feed.json';

describe('loadFeed', () => {
  const original = window.fetch;
  afterEach(async () => {
    window.fetch = original;
    await caches.delete('naloxone-finder-v1');
    localStorage.clear();
  });

  const serve = (body: string, status = 200) => {
    window.fetch = async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });
  };

  it('keeps a good feed, and shows it again when a refresh brings no usable record', async () => {
    const good = await loadFeed(SRC);
    expect(good.services).to.have.length(3);
    expect(good.staleSince).to.equal(undefined);
    await waitUntil(() => loadLastGoodFeed(SRC), 'the good copy was never saved');

    serve(JSON.stringify({ version: 1, services: [{ id: 'x' }] }));
    const stale = await loadFeed(SRC);
    expect(stale.services).to.have.length(3);
    expect(stale.staleSince).to.match(/^\d{4}-\d{2}-\d{2}T/);
    expect(stale.refreshError).to.be.instanceOf(FeedLoadError);
    expect(stale.refreshError!.kind).to.equal('empty');
    expect(stale.refreshError!.message).to.contain('has no service that can be shown (1 records skipped)');
  });

  it('never overwrites the good copy with a failed or empty reply', async () => {
    await loadFeed(SRC);
    await waitUntil(() => loadLastGoodFeed(SRC));
    const saved = (await loadLastGoodFeed(SRC))!.savedAt;
    serve(JSON.stringify({ version: 1, services: [] }));
    await loadFeed(SRC);
    serve('not json at all {');
    const stale = await loadFeed(SRC);
    expect(stale.refreshError!.kind).to.equal('format');
    expect((await loadLastGoodFeed(SRC))!.savedAt).to.equal(saved);
  });

  it('throws when a refresh fails and there is no good copy', async () => {
    serve('{"version": 1, "services": [', 200);
    const error = await loadFeed(SRC).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(FeedLoadError);
    expect((error as FeedLoadError).kind).to.equal('json');
  });

  it('returns an empty feed as it is when there is no good copy to show instead', async () => {
    serve(JSON.stringify({ version: 1, services: [] }));
    const feed = await loadFeed(SRC);
    expect(feed.services).to.deep.equal([]);
    expect(feed.staleSince).to.equal(undefined);
  });
});
