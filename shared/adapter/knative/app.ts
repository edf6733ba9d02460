import { Hono } from 'hono';
import { NotificationBody, objectCreatedEvents } from '../../bucket/object-event';
import { type ActionDefinition, deploymentSettingsIn, invokeAction, isErrorResult, setText } from '../../runtime';
import { carriesSecret } from '../../runtime/bearer';
import { knativeActivations } from './activations';

/**
 * The same actions behind HTTP for Knative: `POST /<action>` with a CloudEvent (binary mode:
 * `ce-*` headers and the data as body; structured mode: `application/cloudevents+json`), an
 * S3/MinIO bucket notification, or plain JSON parameters. Errors the caller caused answer 400;
 * other failures 500, so a Broker or PingSource delivers again.
 *
 * `settings` are the deployment's (`MEDQA_*`): where the data lives and what extract may reach
 * come only from there; a request that sets one answers 400. With an `api_token` setting every
 * request must carry `Authorization: Bearer <token>` (for a public route; eventing sources inside
 * the cluster send no header, so the Service is cluster-local by default).
 */
export function knativeApp(actions: Record<string, ActionDefinition>, settings: Record<string, unknown>): Hono {
  const app = new Hono();
  const activations = knativeActivations(settings);
  const token = setText(settings, 'api_token');
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.post('/:action', async (c) => {
    if (token && !carriesSecret(c.req.header('authorization'), token)) {
      return c.json({ error: { code: 'UNAUTHORIZED', message: 'missing or wrong Authorization: Bearer token' } }, 401);
    }
    const action = actions[c.req.param('action')];
    if (!action)
      return c.json(
        {
          error: {
            code: 'NOT_FOUND',
            message: `no action ${c.req.param('action')}; actions: ${Object.keys(actions).join(', ')}`,
          },
        },
        404,
      );
    let body: unknown;
    try {
      const text = await c.req.text();
      body = text ? JSON.parse(text) : {};
    } catch {
      return c.json({ error: { code: 'BAD_REQUEST', message: 'the body is not JSON' } }, 400);
    }
    const structured = (c.req.header('content-type') ?? '').startsWith('application/cloudevents+json');
    const data = structured ? ((body as { data?: unknown }).data ?? {}) : body;
    const eventId = c.req.header('ce-id') ?? (structured ? (body as { id?: unknown }).id : undefined);
    const invocation = { id: typeof eventId === 'string' && eventId ? eventId : crypto.randomUUID() };

    // A bucket notification may carry several objects: one run each, as the webhook would fire them.
    const notification = NotificationBody.safeParse(data);
    const paramSets = notification.success ? objectCreatedEvents(notification.data) : [data as Record<string, unknown>];
    if (typeof paramSets[0] !== 'object' || paramSets[0] === null || Array.isArray(paramSets[0])) {
      return c.json(
        {
          error: {
            code: 'BAD_REQUEST',
            message: 'the event data must be a JSON object of parameters or a bucket notification',
          },
        },
        400,
      );
    }
    const refused = paramSets.flatMap((params) => deploymentSettingsIn(params as Record<string, unknown>));
    if (refused.length > 0) {
      const names = [...new Set(refused)].map((name) => `${name} (MEDQA_${name.toUpperCase()})`).join(', ');
      const message = `${names}: set by the deployment's environment only, never by a request`;
      return c.json({ error: { code: 'BAD_PARAMS', message } }, 400);
    }
    const results = [];
    for (const params of paramSets)
      results.push(
        await invokeAction(
          action,
          { ...settings, ...(params as Record<string, unknown>) },
          { invocation, activations },
        ),
      );
    const failed = results.find(isErrorResult);
    const status = failed ? (['BAD_PARAMS', 'WRONG_PREFIX', 'NOT_FOUND'].includes(failed.error.code) ? 400 : 500) : 200;
    return c.json(results.length === 1 ? results[0] : { results }, status);
  });
  return app;
}
