import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { BaselineAnswerer } from '../shared/answerer/answerer';
import { SPLIT_METADATA_KEY } from '../shared/layout';
import { readJsonIfExists, type ObjectStore } from '../shared/store';

/**
 * The local web front: a status page until the dashboard action exists, and a health check.
 * Reads only precomputed objects from the bucket.
 */
export function localWebApp(store: ObjectStore): Hono {
  const app = new Hono();
  const answerer = new BaselineAnswerer(store);
  app.get('/healthz', (c) => c.json({ ok: true, store: store.kind }));
  // The baseline answerer: what `simulate` asks when no model endpoint is given.
  app.post('/api/answer', async (c) => {
    const body = (await c.req.json().catch(() => undefined)) as { question?: unknown } | undefined;
    if (!body || typeof body.question !== 'string' || !body.question.trim()) return c.json({ error: 'POST {"question": "…"}' }, 400);
    const [best] = await answerer.answer(body.question);
    if (!best) return c.json({ error: 'no training split yet: drop a MedQuAD export into data/offline/raw/' }, 503);
    return c.json({ answer: best.doc.answer, question_type: best.doc.question_type, matched_question: best.doc.question, score: Number(best.score.toFixed(3)) });
  });
  app.get('/api/split-metadata', async (c) => {
    const metadata = await readJsonIfExists(store, SPLIT_METADATA_KEY);
    return metadata ? c.json(metadata) : c.json({ error: { code: 'NOT_FOUND', message: 'no split yet: drop a MedQuAD export into data/offline/raw/' } }, 404);
  });
  app.get('/', (c) =>
    c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>medqa pipeline</title></head>` +
        `<body><h1>medqa pipeline</h1><p>The dashboard is not built yet. The current split's metadata is at ` +
        `<a href="api/split-metadata">api/split-metadata</a>.</p></body></html>`,
    ),
  );
  return app;
}

export function serveLocalWeb(app: Hono, port: number): Promise<{ server: ServerType; url: string }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, (info) => resolve({ server, url: `http://localhost:${info.port}/` }));
    server.once('error', reject);
  });
}
