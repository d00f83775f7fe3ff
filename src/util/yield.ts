/**
 * Resolves in a later task, so input, rendering and timers can run first; rejects on abort.
 * A message rather than setTimeout: nested timeouts are clamped to 4 ms (about 100 ms over a
 * large file) and throttled to once a second in a background tab.
 */
export function nextTask(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const { port1, port2 } = new MessageChannel();
    const onAbort = () => {
      port1.close();
      reject(signal?.reason);
    };
    port1.onmessage = () => {
      port1.close();
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    port2.postMessage(null);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Main-thread time a slice of work may take before it yields: well under a slow phone's frame budget for input. */
export const SLICE_MS = 25;

/**
 * Runs `work` over items in time slices, yielding to the page between slices, so long lists
 * never make one task longer than about SLICE_MS (plus `batch` items: the clock is read after
 * every 32 by default, once per item with 1, for work slow item by item).
 */
export async function forEachSliced<T>(items: readonly T[], work: (item: T, i: number) => void, signal?: AbortSignal, batch: 1 | 32 = 32): Promise<void> {
  let start = performance.now();
  const mask = batch - 1;
  for (let i = 0; i < items.length; i++) {
    work(items[i], i);
    if ((i & mask) === mask && performance.now() - start > SLICE_MS) {
      await nextTask(signal);
      start = performance.now();
    }
  }
}
