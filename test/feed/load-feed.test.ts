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
    expect(stale.staleSince).to.match(/^\d{4}-\d{2}-\d{2}/);
    expect(stale.refreshError).to.be.instanceOf(FeedLoadError);
    expect(stale.refreshError!.kind).to.equal('no-valid-records');
    expect(stale.refreshError!.skipped).to.deep.equal([{ index: 0, id: 'x', reason: '"name" is missing' }]);
  });

  it('leaves out of the last good copy every service the refresh marks closed, and shows none when all are', async () => {
    await loadFeed(SRC);
    await waitUntil(() => loadLastGoodFeed(SRC), 'the good copy was never saved');
    const closed = (id: string) => ({ id, name: `Example ${id} (fictional)`, status: 'closed', lat: 0, lng: 0, types: ['naloxone'] });
    // Two of three closed, and the third's record broken: the copy is shown without the two.
    serve(JSON.stringify({ version: 1, services: [closed('f0'), closed('f2'), { id: 'f1' }] }));
    const stale = await loadFeed(SRC);
    expect(stale.staleSince).to.match(/^\d{4}-\d{2}-\d{2}/);
    expect(stale.services.map((s) => s.id)).to.deep.equal(['f1']);
    // All closed: nothing of the copy is shown; the refresh's own error says why.
    serve(JSON.stringify({ version: 1, services: [closed('f0'), closed('f1'), closed('f2')] }));
    const error = await loadFeed(SRC).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(FeedLoadError);
    expect((error as FeedLoadError).kind).to.equal('no-valid-records');
    expect((error as FeedLoadError).message).to.contain('"status" is closed');
  });

  it('shows the last good copy after one failed try, not three: a visitor is not kept waiting on a server that does not answer', async () => {
    let calls = 0;
    window.fetch = async () => {
      calls++;
      throw new TypeError('Failed to fetch');
    };
    const first = await loadFeed(SRC).catch((e: unknown) => e);
    expect((first as FeedLoadError).kind, 'no copy yet: tried again').to.equal('network');
    expect(calls).to.equal(3);
    window.fetch = original;
    await loadFeed(SRC);
    await waitUntil(() => loadLastGoodFeed(SRC), 'the good copy was never saved');
    calls = 0;
    window.fetch = async () => {
      calls++;
      throw new TypeError('Failed to fetch');
    };
    const stale = await loadFeed(SRC);
    expect(calls).to.equal(1);
    expect(stale.services).to.have.length(3);
    expect(stale.refreshError!.message).to.contain('(1 try)');
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

  it('throws no-valid-records, with every skipped record, when no record can be shown and there is no good copy', async () => {
    serve(
      JSON.stringify({
        version: 1,
        services: [{ id: 'a' }, { id: 'b' }, { id: 'c', name: 'C (fictional)', status: 'closed' }, { name: 'D (fictional)' }, 7],
      }),
    );
    const error = (await loadFeed(SRC).catch((e: unknown) => e)) as FeedLoadError;
    expect(error).to.be.instanceOf(FeedLoadError);
    expect(error.kind).to.equal('no-valid-records');
    expect(error.skipped!.map((s) => s.index)).to.deep.equal([0, 1, 2, 3, 4]);
    expect(error.message).to.equal(
      'none of its 5 records can be shown. Commonest reasons: "name" is missing (2 records); "status" is closed, so it is not listed (1 record); ' +
        '"id" is missing (1 record); other problems (1 record).',
    );
  });

  it('says invalid JSON once, with the detail apart for a sentence of its own', async () => {
    serve('{"version": 1, "services": [}');
    const error = (await loadFeed(SRC).catch((e: unknown) => e)) as FeedLoadError;
    expect(error.kind).to.equal('json');
    expect(error.message.match(/not valid JSON/g)).to.have.length(1);
    expect(error.detail).to.be.a('string').and.not.to.include('not valid JSON');
    expect(error.message).to.equal(`it is not valid JSON (${error.detail}).`);
  });

  it('returns an empty feed as it is when there is no good copy to show instead', async () => {
    serve(JSON.stringify({ version: 1, services: [] }));
    const feed = await loadFeed(SRC);
    expect(feed.services).to.deep.equal([]);
    expect(feed.staleSince).to.equal(undefined);
  });
});
