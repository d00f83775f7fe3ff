// Starting the project's module workers (the feed worker, the map's cluster worker) the same way
// everywhere: under `worker-src 'self'`, under enforced Trusted Types, or not at all, saying why.

/** One worker script, as its starter names it. */
export interface WorkerScript {
  /** The script's resolved URL: `new URL('./x-worker.js', import.meta.url).href`. */
  href: string;
  /**
   * `() => new Worker(new URL('./x-worker.js', import.meta.url), { type: 'module' })`, written
   * out at the call site: bundlers find the worker from that very expression.
   */
  plain: () => Worker;
  /** Whether the Trusted Types policy goes first (the drop-in build; see worker-client.ts). */
  policyFirst: boolean;
  /** Says (once) why the work stays on the page; `reason` is what stopped the worker. */
  onPage: (reason: string) => void;
}

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}

/** The worker URLs the policy lets through: those of scripts this code has asked to start. */
const allowed = new Set<string>();
let policy: ScriptUrlPolicy | null | undefined;

/**
 * Under enforced Trusted Types a Worker's URL must be a TrustedScriptURL: one policy named
 * naloxone-finder that allows only our own workers' URLs. Null where the page does not allow
 * the name (creating it then leaves one report).
 */
function workerPolicy(): ScriptUrlPolicy | null {
  if (policy !== undefined) return policy;
  const factory = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(u: string): string }): ScriptUrlPolicy } })
    .trustedTypes;
  try {
    policy =
      factory?.createPolicy('naloxone-finder', {
        createScriptURL: (u) => {
          if (!allowed.has(u)) throw new TypeError(`naloxone-finder: only its own workers may be loaded, not ${u}`);
          return u;
        },
      }) ?? null;
  } catch {
    policy = null;
  }
  return policy;
}

function createWorker(script: WorkerScript): Worker {
  allowed.add(script.href);
  const trusted = () => {
    const found = workerPolicy();
    return found && new Worker(found.createScriptURL(script.href) as string, { type: 'module' });
  };
  const first = script.policyFirst && trusted();
  if (first) return first;
  try {
    return script.plain();
  } catch (error) {
    const second = !script.policyFirst && trusted();
    if (second) return second;
    throw error;
  }
}

/**
 * A worker whose script has loaded and runs (it posts `{ type: 'ready' }` first), or undefined,
 * after `onPage` has said why, when there can be none.
 */
export function startWorker(script: WorkerScript, signal?: AbortSignal): Promise<Worker | undefined> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (typeof Worker === 'undefined') {
    script.onPage('this browser has no Worker');
    return Promise.resolve(undefined);
  }
  let worker: Worker;
  try {
    worker = createWorker(script);
  } catch (error) {
    script.onPage(error instanceof Error ? error.message : String(error));
    return Promise.resolve(undefined);
  }
  return new Promise((resolve, reject) => {
    const stopListening = () => {
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('error', onError);
      globalThis.document?.removeEventListener('securitypolicyviolation', onViolation);
      signal?.removeEventListener('abort', onAbort);
    };
    const finish = (value: Worker | undefined, reason?: string) => {
      stopListening();
      if (!value) {
        worker.terminate();
        script.onPage(reason ?? 'the worker did not start');
      }
      resolve(value);
    };
    const onMessage = (event: MessageEvent<{ type?: string }>) => {
      if (event.data?.type === 'ready') finish(worker);
    };
    // A blocked or missing script fires `error` before any message; the event says no more.
    const onError = (event: Event) => {
      event.preventDefault();
      finish(undefined, 'the worker script could not be loaded');
    };
    const onViolation = (event: SecurityPolicyViolationEvent) => {
      if (event.effectiveDirective === 'worker-src' && event.blockedURI.startsWith(location.origin))
        finish(undefined, "the Content-Security-Policy's worker-src blocks it");
    };
    // Stopped by the caller: the worker was fine, so nothing is said about workers.
    const onAbort = () => {
      stopListening();
      worker.terminate();
      reject(signal?.reason);
    };
    worker.addEventListener('message', onMessage);
    worker.addEventListener('error', onError);
    globalThis.document?.addEventListener('securitypolicyviolation', onViolation);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
