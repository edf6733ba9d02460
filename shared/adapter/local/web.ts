import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { BaselineAnswerer } from '../../answerer/answerer';
import { OFFLINE_RAW_PREFIX } from '../../bucket/keys';
import { type DashboardAssets, dashboardApp } from '../../stages/dashboard';
import type { ObjectStore } from '../../store';

/**
 * The local web front: the same dashboard app as the OpenWhisk web action, the baseline
 * answerer that `simulate` asks when no model endpoint is given, and (when given) the MinIO
 * webhook that on-object-created is in a deployment.
 */
export function localWebApp(
  store: ObjectStore,
  assets: DashboardAssets,
  tokens: { uploadToken?: string; readToken?: string } = {},
  objectNotifications?: (request: Request) => Promise<Response>,
): Hono {
  const app = new Hono();
  // The MinIO webhook, at the path the Knative server gives on-object-created ("/on-object-created").
  if (objectNotifications)
    for (const path of ['/on-object-created', '/on-object-created.http'])
      app.all(path, (c) => objectNotifications(c.req.raw));
  const answerer = new BaselineAnswerer(store);
  app.post('/api/answer', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { question?: unknown } | undefined;
    if (!body || typeof body.question !== 'string' || !body.question.trim())
      return c.json({ error: 'POST {"question": "…"}' }, 400);
    const [best] = await answerer.answer(body.question);
    if (!best) return c.json({ error: `no training split yet: drop a MedQuAD export into ${OFFLINE_RAW_PREFIX}` }, 503);
    return c.json({
      answer: best.doc.answer,
      question_type: best.doc.question_type,
      matched_question: best.doc.question,
      score: Number(best.score.toFixed(3)),
    });
  });
  app.route('/', dashboardApp({ store, assets, ...tokens }));
  return app;
}

/** Serves on 127.0.0.1 unless another address is given (0.0.0.0 for a MinIO in a container). */
export function serveLocalWeb(
  app: Hono,
  port: number,
  hostname = '127.0.0.1',
): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname }, (info) =>
      resolve({ server, url: `http://${hostname === '127.0.0.1' ? 'localhost' : hostname}:${info.port}/` }),
    );
    server.once('error', reject);
  });
}
