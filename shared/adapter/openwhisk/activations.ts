import { type Activations, mapPooled } from '../../runtime/activations';

/** Invoke requests in flight at once: the controller answers each in milliseconds. */
const INVOKES_AT_ONCE = 8;
/**
 * A throttled (429) or failing (5xx) invoke is tried again after 1, 2, 4 … s, for this long in
 * all: a namespace allows some invokes a minute (60 by default), and a large file has more parts.
 */
const RETRY_FOR_MS = 90_000;

/**
 * Runs as OpenWhisk activations of their own, started with a non-blocking invoke through the
 * `openwhisk` client and the activation's API key: the platform runs them side by side on its
 * invokers and this activation does not wait. Absent without the key, which OpenWhisk gives
 * only to actions annotated `provide-api-key: true` (see manifest.yaml).
 */
export function openwhiskActivations(env: NodeJS.ProcessEnv = process.env): Activations | undefined {
  const apiKey = env.__OW_API_KEY;
  const apihost = env.__OW_API_HOST;
  if (!apiKey || !apihost) return undefined;
  return {
    mode: 'detached',
    parallelism: Number.POSITIVE_INFINITY,
    async start(action, runs) {
      // Required when parts are started, not when the bundle loads (20 ms of every cold start).
      // The bundles are CommonJS and the runtime resolves `openwhisk` from its own node_modules.
      const openwhisk = require('openwhisk') as typeof import('openwhisk');
      const client = openwhisk({ apihost, api_key: apiKey });
      const name = siblingAction(env.__OW_ACTION_NAME, action);
      const giveUpAt = Date.now() + RETRY_FOR_MS;
      return mapPooled(runs, INVOKES_AT_ONCE, async (params) => {
        for (let wait = 1000; ; wait *= 2) {
          try {
            const started = await client.actions.invoke({ name, params, blocking: false });
            return { id: started.activationId };
          } catch (err) {
            const status = (err as { statusCode?: number }).statusCode ?? 0;
            const again = status === 429 || status >= 500;
            if (!again || Date.now() + wait > giveUpAt) return { id: '', notStarted: (err as Error).message };
            await new Promise((resolve) => setTimeout(resolve, wait));
          }
        }
      });
    },
  };
}

/**
 * The full name of `action` in the package of the running action: `/guest/medqa/transform`
 * for `transform` when `/guest/medqa/reconcile` runs; the bare name outside an activation.
 */
export function siblingAction(current: string | undefined, action: string): string {
  return current?.includes('/') ? current.replace(/[^/]+$/, action) : action;
}
