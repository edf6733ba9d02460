import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Hono } from 'hono';
import { etag } from 'hono/etag';
import { secureHeaders } from 'hono/secure-headers';
import type * as z from 'zod';
import { type Summary, SummarySchema } from '../bucket/dashboard-summary';
import { isTemporaryName, OFFLINE_RAW_PREFIX, PRODUCTION_RAW_PREFIX, SUMMARY_KEY } from '../bucket/keys';
import { InvalidObjectError, readObject } from '../bucket/read';
import { lastRuns } from '../runtime/action';
import { carriesSecret } from '../runtime/bearer';
import { assertValidKey, type ObjectStore } from '../store';
import { QuarantineQuery, quarantinePage, RecordsQuery, recordsPage } from '../summary/records-page';
import { refreshSummary } from '../summary/refresh';

/** The built page: index.html, app.js and app.css (frontend/build-assets.mjs). */
export type DashboardAssets = Record<'index.html' | 'app.js' | 'app.css', string>;

export interface DashboardOptions {
  store: ObjectStore;
  assets: DashboardAssets;
  /** When set, uploads are accepted with `Authorization: Bearer <token>` (see the upload routes). */
  uploadToken?: string;
  maxUploadBytes?: number;
  /**
   * When set, `GET api/records?split=production` serves PII-reduced staged rows with `Authorization: Bearer <token>`.
   */
  readToken?: string;
}

/** A request body passed through chunk by chunk, failing once it goes past `limit` bytes. */
class CappedBody {
  bytes = 0;
  overLimit = false;

  constructor(
    private readonly source: AsyncIterable<Uint8Array>,
    private readonly limit: number,
  ) {}

  async *chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of this.source) {
      this.bytes += chunk.length;
      if (this.bytes > this.limit) {
        this.overLimit = true;
        throw new Error('upload over its limit');
      }
      yield chunk;
    }
  }
}

/** A presigned upload URL is good for this long. */
const UPLOAD_URL_SECONDS = 300;

/** Where uploads may go. A Map, not an object: `constructor` or `__proto__` must not name a prefix. */
const UPLOAD_TARGETS = new Map([
  ['offline', OFFLINE_RAW_PREFIX],
  ['production', PRODUCTION_RAW_PREFIX],
]);

/**
 * The dashboard web function: a static page (no inline script, no CDN) that reads
 * `api/summary`, the precomputed summary JSON. Read-only, except the optional upload route.
 * Every URL the page uses is relative, so it works under any path prefix (an OpenWhisk web
 * action lives at /api/v1/web/<ns>/medqa/dashboard/).
 */
export function dashboardApp({
  store,
  assets,
  uploadToken,
  readToken,
  maxUploadBytes = 512 * 1024 * 1024,
}: DashboardOptions): Hono {
  const app = new Hono();
  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
    }),
  );
  app.use('/api/summary', etag());

  const asset =
    (name: keyof DashboardAssets, type: string) =>
    (c: { body: (b: string, s: 200, h: Record<string, string>) => Response }) =>
      c.body(assets[name], 200, {
        'content-type': type,
        'cache-control': name === 'index.html' ? 'no-cache' : 'public, max-age=300',
      });
  app.get('/', asset('index.html', 'text/html; charset=utf-8') as never);
  app.get('/index.html', asset('index.html', 'text/html; charset=utf-8') as never);
  app.get('/app.js', asset('app.js', 'text/javascript; charset=utf-8') as never);
  app.get('/app.css', asset('app.css', 'text/css; charset=utf-8') as never);
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/favicon.ico', (c) => c.body(null, 204)); // browsers ask; a 404 would be noise

  app.get('/api/summary', async (c) => {
    const summary = await readSummary(store);
    if (!summary) return c.json({ error: `no summary yet: drop a MedQuAD export into ${OFFLINE_RAW_PREFIX}` }, 404);
    // A stage records its run as it ends, after it refreshed the summary: show the latest runs.
    const stages = await lastRuns(store);
    if (stages.length) summary.stages = stages;
    c.header('cache-control', 'no-cache');
    return c.json(summary);
  });

  // A page of a split's records, searched and filtered over the whole file; production rows
  // (PII-reduced, not de-identified) only with the read token.
  /** Why a reader of PII-reduced rows is turned away (`what` they asked for), or undefined. */
  const refusedReader = (authorization: string | undefined, what: string) =>
    !readToken
      ? { status: 404 as const, error: `${what} not enabled here (no read token configured)` }
      : !carriesSecret(authorization, readToken)
        ? { status: 401 as const, error: 'missing or wrong read token' }
        : undefined;

  app.get('/api/records', async (c) => {
    const query = parseQuery(RecordsQuery, c.req.query(), 'api/records?split=training&q=glaucoma&offset=0&limit=50');
    if ('error' in query) return c.json({ error: query.error }, 400);
    if (query.split === 'production') {
      const refused = refusedReader(c.req.header('authorization'), 'production rows are');
      if (refused) return c.json({ error: refused.error }, refused.status);
    }
    c.header('cache-control', query.split === 'production' ? 'no-store' : 'no-cache');
    return c.json(await recordsPage(store, query));
  });

  // The quarantine: counts by reason per stage, and a page of records for one reason.
  app.get('/api/quarantine', async (c) => {
    const refused = refusedReader(c.req.header('authorization'), 'the quarantine is');
    if (refused) return c.json({ error: refused.error }, refused.status);
    const query = parseQuery(QuarantineQuery, c.req.query(), 'api/quarantine?reason=duplicate&offset=0&limit=50');
    if ('error' in query) return c.json({ error: query.error }, 400);
    c.header('cache-control', 'no-store');
    return c.json(await quarantinePage(store, query));
  });

  if (uploadToken) {
    // Where to send a file: a short-lived presigned PUT on S3 (the bytes never pass through this
    // function); the direct route below on the folder store.
    app.post('/api/upload-url', async (c) => {
      if (!carriesSecret(c.req.header('authorization'), uploadToken))
        return c.json({ error: 'missing or wrong upload token' }, 401);
      const body = (await c.req.json().catch(() => ({}))) as { target?: string; name?: string; size?: number };
      const prefix = UPLOAD_TARGETS.get(String(body.target));
      if (!prefix || !body.name)
        return c.json(
          { error: `POST {"target": "offline"|"production", "name": "<file name>", "size": <bytes>}` },
          400,
        );
      if (!(typeof body.size === 'number' && body.size > 0)) return c.json({ error: 'size (bytes) is required' }, 400);
      if (body.size > maxUploadBytes)
        return c.json({ error: `the file is over the ${maxUploadBytes}-byte limit` }, 413);
      const key = prefix + body.name;
      const refused = refusedUploadKey(key);
      if (refused) return c.json({ error: refused }, 400);
      if (store.presignUpload) {
        const url = await store.presignUpload(key, body.size, UPLOAD_URL_SECONDS);
        return c.json({ method: 'PUT', url, key, expires_in: UPLOAD_URL_SECONDS });
      }
      return c.json({
        method: 'PUT',
        url: `api/upload/${body.target}/${encodeURIComponent(body.name)}`,
        key,
        headers: { authorization: 'Bearer <upload token>' },
      });
    });

    app.put('/api/upload/:target/:name', async (c) => {
      if (!carriesSecret(c.req.header('authorization'), uploadToken))
        return c.json({ error: 'missing or wrong upload token' }, 401);
      const prefix = UPLOAD_TARGETS.get(c.req.param('target'));
      if (!prefix) return c.json({ error: `target must be one of ${[...UPLOAD_TARGETS.keys()].join(', ')}` }, 400);
      const key = prefix + c.req.param('name');
      const refused = refusedUploadKey(key);
      if (refused) return c.json({ error: refused }, 400);
      const length = Number(c.req.header('content-length') ?? NaN);
      if (!(length > 0)) return c.json({ error: 'a Content-Length is required' }, 411);
      if (length > maxUploadBytes) return c.json({ error: `the file is over the ${maxUploadBytes}-byte limit` }, 413);
      // Streamed to the store, never held whole; a body longer than it said is cut off and refused.
      const source = c.req.raw.body;
      if (!source) return c.json({ error: 'the request has no body' }, 400);
      const body = new CappedBody(Readable.fromWeb(source as WebReadableStream), Math.min(length, maxUploadBytes));
      try {
        const stored = await store.put(key, body.chunks());
        return c.json({ key, etag: stored.etag, bytes: body.bytes }, 201);
      } catch (err) {
        if (!body.overLimit) throw err;
        return c.json({ error: `the body is longer than its Content-Length of ${length} bytes` }, 413);
      }
    });
  }
  return app;
}

/** A query string checked by its schema, or what is wrong with it and an example to copy. */
function parseQuery<T extends z.ZodType>(
  schema: T,
  query: Record<string, string>,
  example: string,
): z.infer<T> | { error: string } {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return { error: `${issue.path.join('.') || 'query'}: ${issue.message}; e.g. ${example}` };
}

/**
 * The dashboard summary, checked against its schema. One written by an older release, or one that
 * no longer validates, is rebuilt once from the bucket, so the page never meets a layout it cannot read.
 */
async function readSummary(store: ObjectStore): Promise<Summary | undefined> {
  try {
    return await readObject(store, SUMMARY_KEY, SummarySchema);
  } catch (err) {
    if (!(err instanceof InvalidObjectError)) throw err;
    return refreshSummary(store);
  }
}

/** Why an upload may not go to `key`, or undefined: an invalid key, or a name nothing would ever process. */
function refusedUploadKey(key: string): string | undefined {
  try {
    assertValidKey(key);
  } catch (err) {
    return (err as Error).message;
  }
  if (isTemporaryName(key))
    return `${key.slice(key.lastIndexOf('/') + 1)} is a temporary name (dotfile, .part, .tmp, ~): give the file its final name`;
  return undefined;
}
