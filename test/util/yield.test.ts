import { expect } from '@open-wc/testing';
import { forEachSliced, SLICE_MS } from '../../src/util/yield.js';

// Work in time slices (src/util/yield.ts): how many items go in one task.

/** Busy-waits `ms`: an item as slow as building a time zone's formatter on a slow phone. */
function busy(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** The task each item ran in, counted by a message each item sends itself: one that arrives means a task has passed. */
async function tasksOf(count: number, itemMs: number, batch?: 1 | 32) {
  let task = 0;
  const channel = new MessageChannel();
  channel.port1.onmessage = () => task++;
  const seen: number[] = [];
  await forEachSliced(
    Array.from({ length: count }, (_, i) => i),
    () => {
      seen.push(task);
      channel.port2.postMessage(null);
      busy(itemMs);
    },
    undefined,
    batch,
  );
  channel.port1.close();
  return seen;
}

describe('forEachSliced', () => {
  it('every item, in order, with a yield once a slice has taken SLICE_MS', async () => {
    const items: number[] = [];
    await forEachSliced([1, 2, 3], (item, i) => items.push(item * 10 + i));
    expect(items).to.deep.equal([10, 21, 32]);
  });

  it('slow items: by default the clock is read after 32 of them, so 32 share a task', async () => {
    const seen = await tasksOf(40, SLICE_MS / 5);
    expect(
      seen.slice(0, 32).every((t) => t === seen[0]),
      'the first 32 in one task',
    ).to.equal(true);
    expect(seen[32]).to.be.above(seen[0]);
  });

  it('with a batch of 1, a slice ends after the item that passes SLICE_MS', async () => {
    const seen = await tasksOf(12, SLICE_MS * 0.4, 1);
    const perTask = new Map<number, number>();
    for (const t of seen) perTask.set(t, (perTask.get(t) ?? 0) + 1);
    // Three items pass SLICE_MS (two may, should the page pause between them).
    expect(Math.max(...perTask.values()), 'items in one task').to.be.within(2, 3);
    expect(perTask.size, 'tasks').to.be.at.least(4);
  });
});
