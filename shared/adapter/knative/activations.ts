import type { Activations } from '../../runtime/activations';
import { setText } from '../../runtime/params';

/**
 * Runs as requests to the service itself, `POST <self_url>/<action>`: Knative spreads
 * concurrent requests over its pods and adds pods as they queue. A request stays open until
 * its run is done, so start() waits for the results. `self_url` is the Service's own address
 * (MEDQA_SELF_URL, e.g. http://medqa.default.svc.cluster.local); without it, this pod.
 */
export function knativeActivations(settings: Record<string, unknown>, send: typeof fetch = fetch): Activations {
  const base = String(settings.self_url || `http://127.0.0.1:${process.env.PORT ?? 8080}`).replace(/\/+$/, '');
  const token = setText(settings, 'api_token');
  return {
    mode: 'awaited',
    parallelism: Number.POSITIVE_INFINITY,
    start: (action, runs) =>
      Promise.all(
        runs.map(async (params) => {
          const id = crypto.randomUUID();
          const headers: Record<string, string> = { 'content-type': 'application/json', 'ce-id': id };
          if (token) headers.authorization = `Bearer ${token}`;
          try {
            const response = await send(`${base}/${action}`, { method: 'POST', headers, body: JSON.stringify(params) });
            const result = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
            return {
              id,
              result: result ?? {
                error: { code: 'BAD_RESPONSE', message: `HTTP ${response.status} without a JSON result` },
              },
            };
          } catch (err) {
            return {
              id,
              result: { error: { code: 'UNREACHABLE', message: `${base}/${action}: ${(err as Error).message}` } },
            };
          }
        }),
      ),
  };
}
