import { Hono } from 'hono';
import { NotificationBody, objectCreatedEvents } from '../../bucket/object-event';
import { type ActionDefinition, invokeAction, isErrorResult } from '../../runtime';

/**
 * The same actions behind HTTP for Knative: `POST /<action>` with a CloudEvent (binary mode:
 * `ce-*` headers and the data as body; structured mode: `application/cloudevents+json`), an
 * S3/MinIO bucket notification, or plain JSON parameters. Errors the caller caused answer 400;
 * other failures 500, so a Broker or PingSource delivers again.
 */
export function knativeApp(actions: Record<string, ActionDefinition>, settings: Record<string, unknown>): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.post('/:action', async (c) => {
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
    const results = [];
    for (const params of paramSets)
      results.push(await invokeAction(action, { ...settings, ...(params as Record<string, unknown>) }, { invocation }));
    const failed = results.find(isErrorResult);
    const status = failed ? (['BAD_PARAMS', 'WRONG_PREFIX', 'NOT_FOUND'].includes(failed.error.code) ? 400 : 500) : 200;
    return c.json(results.length === 1 ? results[0] : { results }, status);
  });
  return app;
}
