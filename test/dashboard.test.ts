import { describe, expect, it } from 'vitest';
import { type DashboardAssets, dashboardApp } from '../shared/stages/dashboard';
import { FolderStore, listAll, readText } from '../shared/store';
import { refreshSummary } from '../shared/summary/refresh';
import { tempDir } from './helpers/temp-dir';

const ASSETS: DashboardAssets = {
  'index.html': '<!doctype html><title>t</title><script src="app.js" defer></script>',
  'app.js': 'console.log(1)',
  'app.css': 'body{}',
};

async function app(options: { uploadToken?: string; maxUploadBytes?: number; withSummary?: boolean } = {}) {
  const store = new FolderStore(await tempDir());
  if (options.withSummary) await refreshSummary(store);
  return {
    store,
    app: dashboardApp({
      store,
      assets: ASSETS,
      uploadToken: options.uploadToken,
      maxUploadBytes: options.maxUploadBytes,
    }),
  };
}

describe('dashboard routes', () => {
  it('serves the page and its assets with a CSP that allows no inline script', async () => {
    const { app: dashboard } = await app();
    const page = await dashboard.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/unsafe-inline/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await (await dashboard.request('/app.js')).text()).toBe(ASSETS['app.js']);
    expect((await dashboard.request('/app.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect(await (await dashboard.request('/healthz')).json()).toEqual({ ok: true });
  });

  it('answers 404 with what to do before any summary exists', async () => {
    const { app: dashboard } = await app();
    const response = await dashboard.request('/api/summary');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: expect.stringMatching(/drop a MedQuAD export into data\/offline\/raw\//),
    });
  });

  it('serves the summary with an ETag and answers 304 when it has not changed', async () => {
    const { app: dashboard } = await app({ withSummary: true });
    const first = await dashboard.request('/api/summary');
    expect(first.status).toBe(200);
    expect((await first.json()).schema_version).toBe(2);
    const tag = first.headers.get('etag')!;
    expect(tag).toBeTruthy();
    expect((await dashboard.request('/api/summary', { headers: { 'if-none-match': tag } })).status).toBe(304);
  });

  it('rebuilds a summary written by an older release instead of serving a layout the page cannot read', async () => {
    const { store, app: dashboard } = await app({ withSummary: true });
    const current = JSON.parse(await readText(store, 'dashboard/summary.json'));
    await store.put('dashboard/summary.json', JSON.stringify({ ...current, schema_version: 1 }));
    const response = await dashboard.request('/api/summary');
    expect((await response.json()).schema_version).toBe(2);
    expect(JSON.parse(await readText(store, 'dashboard/summary.json')).schema_version).toBe(2);
  });

  it('has no upload route without a token, and checks token, target, key and size with one', async () => {
    const { app: closed } = await app();
    expect((await closed.request('/api/upload/offline/x.jsonl', { method: 'PUT', body: 'x' })).status).toBe(404);
    const { app: open, store } = await app({ uploadToken: 'up-token', maxUploadBytes: 10 });
    const put = (path: string, body: string, token = 'up-token') =>
      open.request(path, {
        method: 'PUT',
        body,
        headers: { authorization: `Bearer ${token}`, 'content-length': String(body.length) },
      });
    expect((await put('/api/upload/offline/a.jsonl', '{}', 'nope')).status).toBe(401);
    expect((await put('/api/upload/elsewhere/a.jsonl', '{}')).status).toBe(400);
    expect((await put('/api/upload/offline/bad%00name', '{}')).status).toBe(400);
    expect((await put('/api/upload/production/big.jsonl', '01234567890')).status).toBe(413);
    const ok = await put('/api/upload/production/day1.jsonl', '{"q":1}');
    expect(ok.status).toBe(201);
    expect(await store.head('data/production/retraining_data_raw/day1.jsonl')).toMatchObject({ size: 7 });
  });

  it('streams an upload to the store and refuses a body longer than its Content-Length, storing nothing', async () => {
    const { app: open, store } = await app({ uploadToken: 't', maxUploadBytes: 1024 });
    const streamed = (parts: string[]) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
          controller.close();
        },
      });
    const put = (name: string, parts: string[], length: number) =>
      open.request(`/api/upload/production/${name}`, {
        method: 'PUT',
        body: streamed(parts),
        headers: { authorization: 'Bearer t', 'content-length': String(length) },
        duplex: 'half',
      } as RequestInit);
    const ok = await put('two-parts.jsonl', ['{"q":', '1}\n'], 8);
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ bytes: 8 });
    expect(await store.head('data/production/retraining_data_raw/two-parts.jsonl')).toMatchObject({ size: 8 });
    const lying = await put('lying.jsonl', ['{"q":1}\n', 'x'.repeat(600)], 8);
    expect(lying.status).toBe(413);
    expect(await store.head('data/production/retraining_data_raw/lying.jsonl')).toBeUndefined();
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'refuses %s as an upload target: nothing lands outside the raw prefixes',
    async (target) => {
      const { app: open, store } = await app({ uploadToken: 't' });
      const headers = { authorization: 'Bearer t', 'content-type': 'application/json' };
      const put = await open.request(`/api/upload/${target}/evil.jsonl`, {
        method: 'PUT',
        body: '{}',
        headers: { ...headers, 'content-length': '2' },
      });
      expect(put.status).toBe(400);
      const url = await open.request('/api/upload-url', {
        method: 'POST',
        body: JSON.stringify({ target, name: 'evil.jsonl', size: 2 }),
        headers,
      });
      expect(url.status).toBe(400);
      expect(await listAll(store, '')).toEqual([]);
    },
  );
});

describe('dashboard: tokens', () => {
  it('serves PII-reduced production rows only to a reader with the read token', async () => {
    const { store } = await app();
    const { productionLogFile } = await import('./fixtures/production-logs');
    const { transform } = await import('../shared/stages/transform');
    const { retrainBatch } = await import('../shared/stages/retrain-batch');
    const { invokeAction } = await import('../shared/runtime');
    await store.put('data/production/retraining_data_raw/d.jsonl', productionLogFile({ records: 30 }).content);
    await invokeAction(
      transform as never,
      { key: 'data/production/retraining_data_raw/d.jsonl', log_level: 'silent' },
      { store },
    );
    await invokeAction(retrainBatch as never, { allow_without_split: true, log_level: 'silent' }, { store });
    const withToken = dashboardApp({ store, assets: ASSETS, readToken: 'read-me' });
    expect((await withToken.request('/api/records?split=production')).status).toBe(401);
    const ok = await withToken.request('/api/records?split=production&limit=100', {
      headers: { authorization: 'Bearer read-me' },
    });
    const body = await ok.json();
    expect(body.total).toBeGreaterThan(10);
    expect(body.rows[0]).toMatchObject({
      question: expect.any(String),
      question_type: expect.any(String),
      source: expect.stringMatching(/^data\/production\/retraining_data_staged\/d\.jsonl\//),
      line: 1,
    });
    // Staged text is PII-reduced: no e-mail address of the fixture logs survives.
    expect(JSON.stringify(body.rows)).not.toMatch(/@[a-z]+\.(?:com|org)/);
    expect((await dashboardApp({ store, assets: ASSETS }).request('/api/records?split=production')).status).toBe(404);

    // The quarantine: counts by reason, and a page for one reason with source key and line.
    expect((await withToken.request('/api/quarantine')).status).toBe(401);
    const auth = { headers: { authorization: 'Bearer read-me' } };
    const all = await (await withToken.request('/api/quarantine', auth)).json();
    const reasons = Object.keys(all.counts.production);
    expect(reasons.length).toBeGreaterThan(1);
    expect(all.total).toBe(Object.values(all.counts.production as Record<string, number>).reduce((a, b) => a + b, 0));
    const one = await (await withToken.request(`/api/quarantine?reason=${reasons[0]}&limit=100`, auth)).json();
    expect(one.total).toBe(all.counts.production[reasons[0]!]);
    expect(one.rows.every((r: { reason: string }) => r.reason === reasons[0])).toBe(true);
    expect(one.rows[0]).toMatchObject({
      source_key: 'data/production/retraining_data_raw/d.jsonl',
      line: expect.any(Number),
    });
    expect((await withToken.request('/api/quarantine?limit=0', auth)).status).toBe(400);
  });

  it('hands out where to upload: the direct route on the folder store', async () => {
    const { app: dashboard } = await app({ uploadToken: 'up' });
    const res = await dashboard.request('/api/upload-url', {
      method: 'POST',
      headers: { authorization: 'Bearer up' },
      body: JSON.stringify({ target: 'offline', name: 'medquad.parquet', size: 100 }),
    });
    expect(await res.json()).toMatchObject({
      method: 'PUT',
      url: 'api/upload/offline/medquad.parquet',
      key: 'data/offline/raw/medquad.parquet',
    });
    const big = await dashboard.request('/api/upload-url', {
      method: 'POST',
      headers: { authorization: 'Bearer up' },
      body: JSON.stringify({ target: 'offline', name: 'x', size: 10 ** 12 }),
    });
    expect(big.status).toBe(413);
  });
});
