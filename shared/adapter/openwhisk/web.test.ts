import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { type DashboardAssets, dashboardApp } from '../../stages/dashboard';
import { FolderStore } from '../../store';
import { refreshSummary } from '../../summary/refresh';
import { openwhiskWebMain } from './web';

const ASSETS: DashboardAssets = {
  'index.html': '<!doctype html><title>t</title>',
  'app.js': 'console.log(1)',
  'app.css': 'body{}',
};

async function app(options: { uploadToken?: string; withSummary?: boolean } = {}) {
  const store = new FolderStore(await tempDir());
  if (options.withSummary) await refreshSummary(store);
  return { store, app: dashboardApp({ store, assets: ASSETS, uploadToken: options.uploadToken }) };
}

describe('OpenWhisk web action adapter', () => {
  it('maps web-action parameters to the app and the response back', async () => {
    const { app: dashboard } = await app({ withSummary: true });
    const main = openwhiskWebMain(dashboard.fetch, { redirectBareUrl: true });
    const page = await main({
      __ow_method: 'get',
      __ow_path: '/',
      __ow_headers: { host: 'ow.example.org' },
      __ow_query: '',
    });
    expect(page).toMatchObject({ statusCode: 200, body: ASSETS['index.html'] });
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    const summary = await main({ __ow_method: 'get', __ow_path: '/api/summary', __ow_headers: {}, __ow_query: 'x=1' });
    expect(JSON.parse(summary.body).schema_version).toBe(2);
  });

  it('redirects the bare action URL to its trailing-slash form so relative URLs resolve', async () => {
    const { app: dashboard } = await app();
    process.env.__OW_ACTION_NAME = '/guest/medqa/dashboard';
    expect(
      await openwhiskWebMain(dashboard.fetch, { redirectBareUrl: true })({
        __ow_method: 'get',
        __ow_path: '',
        __ow_headers: {},
      }),
    ).toEqual({ statusCode: 302, headers: { location: 'dashboard/' }, body: '' });
  });

  it('decodes a base64 raw-http body and base64-encodes binary responses', async () => {
    const { app: dashboard, store } = await app({ uploadToken: 't' });
    const body = Buffer.from([0x1f, 0x8b, 0x08, 0x00]).toString('base64');
    const result = await openwhiskWebMain(dashboard.fetch, { redirectBareUrl: true })({
      __ow_method: 'put',
      __ow_path: '/api/upload/offline/x.jsonl.gz',
      __ow_headers: { authorization: 'Bearer t', 'content-type': 'application/gzip', 'content-length': '4' },
      __ow_body: body,
    });
    expect(result.statusCode).toBe(201);
    expect((await store.getRange('data/offline/raw/x.jsonl.gz', 0, 4))[1]).toBe(0x8b);
  });
  it('decodes a base64 JSON body, as raw-http sends it: POST api/upload-url answers, not 400', async () => {
    const { app: dashboard } = await app({ uploadToken: 't' });
    const json = JSON.stringify({ target: 'production', name: 'day1.jsonl', size: 120 });
    const result = await openwhiskWebMain(dashboard.fetch)({
      __ow_method: 'post',
      __ow_path: '/api/upload-url',
      __ow_headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      __ow_body: Buffer.from(json).toString('base64'),
    });
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({
      method: 'PUT',
      key: 'data/production/retraining_data_raw/day1.jsonl',
    });
  });

  it('takes a JSON body that arrives plain, and merged parameters without raw-http', async () => {
    const seen: unknown[] = [];
    const echo = async (request: Request) => {
      seen.push(await request.json());
      return Response.json({ ok: true });
    };
    const headers = { 'content-type': 'application/json' };
    await openwhiskWebMain(echo)({ __ow_method: 'post', __ow_headers: headers, __ow_body: '{"a":1}' });
    await openwhiskWebMain(echo)({ __ow_method: 'post', __ow_headers: headers, a: 2, __ow_path: '' });
    expect(seen).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('passes a text body as it is', async () => {
    const echo = async (request: Request) =>
      new Response(await request.text(), { headers: { 'content-type': 'text/plain' } });
    const result = await openwhiskWebMain(echo)({
      __ow_method: 'post',
      __ow_headers: { 'content-type': 'text/plain' },
      __ow_body: 'aGVsbG8=',
    });
    expect(result.body).toBe('aGVsbG8=');
  });
});
