import { once } from 'node:events';
import * as fs from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { serve } from '@hono/node-server';
import { describe, expect, it } from 'vitest';
import { SMALL_EXPORT, toJsonl } from '../../../test/fixtures/medquad-fixtures';
import { productionLogFile } from '../../../test/fixtures/production-logs';
import { tempDir } from '../../../test/helpers/temp-dir';
import { ACTIONS } from '../../actions';
import { knativeApp } from './app';

async function appWithBucket() {
  const dataDir = await tempDir();
  await fs.mkdir(path.join(dataDir, 'data/offline/raw'), { recursive: true });
  await fs.writeFile(path.join(dataDir, 'data/offline/raw/export.jsonl'), toJsonl(SMALL_EXPORT));
  return { dataDir, app: knativeApp(ACTIONS, { store: 'folder', data_dir: dataDir, log_level: 'silent' }) };
}

describe('Knative adapter', () => {
  it('runs an action for a binary-mode CloudEvent (PingSource)', async () => {
    const { app } = await appWithBucket();
    const res = await app.request('/offline-etl', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'ce-specversion': '1.0',
        'ce-type': 'dev.knative.sources.ping',
        'ce-source': '/apis/v1/namespaces/default/pingsources/nightly',
        'ce-id': 'e-1',
      },
      body: JSON.stringify({ job: 'nightly' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'built', final_records: 6 });
  });

  it('runs an action for a structured-mode CloudEvent and for plain JSON', async () => {
    const { app } = await appWithBucket();
    const structured = await app.request('/offline-etl', {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify({
        specversion: '1.0',
        type: 'org.medqa.run',
        source: 'test',
        id: 'e-2',
        data: { force: true },
      }),
    });
    expect(await structured.json()).toMatchObject({ status: 'built' });
    const plain = await app.request('/offline-etl', { method: 'POST', body: '{}' });
    expect(await plain.json()).toMatchObject({ status: 'unchanged' });
  });

  it('runs transform once per object of a MinIO bucket notification', async () => {
    const { app, dataDir } = await appWithBucket();
    const key = 'data/production/retraining_data_raw/day 1.jsonl';
    await fs.mkdir(path.join(dataDir, 'data/production/retraining_data_raw'), { recursive: true });
    await fs.writeFile(path.join(dataDir, key), productionLogFile({ records: 20 }).content);
    const res = await app.request('/transform', {
      method: 'POST',
      body: JSON.stringify({
        Records: [
          {
            eventName: 's3:ObjectCreated:Put',
            s3: {
              bucket: { name: 'medqa' },
              object: { key: encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/') },
            },
          },
        ],
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'staged', key, records_in: 20 });
  });

  it("stages a large log in parts, each a request to the Service's own address", async () => {
    const dataDir = await tempDir();
    const key = 'data/production/retraining_data_raw/busy.jsonl';
    const { content, expected } = productionLogFile({ records: 1500, seed: 3, repeats: 0.3 });
    await fs.mkdir(path.join(dataDir, path.dirname(key)), { recursive: true });
    await fs.writeFile(path.join(dataDir, key), content);
    const requests: unknown[] = [];
    let app: ReturnType<typeof knativeApp> | undefined;
    const server = serve({
      port: 0,
      hostname: '127.0.0.1',
      fetch: async (request) => {
        requests.push(await request.clone().json());
        return app!.fetch(request);
      },
    });
    await once(server, 'listening');
    try {
      const self_url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      app = knativeApp(ACTIONS, { store: 'folder', data_dir: dataDir, log_level: 'silent', self_url });
      const res = await app.request('/transform', {
        method: 'POST',
        body: JSON.stringify({ key, part_bytes: Math.ceil(content.length / 4) }),
      });
      expect(await res.json()).toMatchObject({ status: 'staged', parts: 4, records_in: expected.records_in });
      expect(requests.map((params) => (params as { part?: number }).part).sort()).toEqual([0, 1, 2, 3]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers 400 for bad input and 404 for an unknown action', async () => {
    const { app } = await appWithBucket();
    expect((await app.request('/offline-etl', { method: 'POST', body: 'nope' })).status).toBe(400);
    expect(
      (await app.request('/offline-etl', { method: 'POST', body: JSON.stringify({ split_ratios: 'x' }) })).status,
    ).toBe(400);
    expect((await app.request('/nope', { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('refuses store, location and allow-list settings in a request: they come from the environment', async () => {
    const { app, dataDir } = await appWithBucket();
    const elsewhere = await tempDir();
    for (const params of [{ data_dir: elsewhere }, { s3_endpoint: 'http://169.254.169.254' }, { allowed_hosts: '*' }]) {
      const res = await app.request('/offline-etl', { method: 'POST', body: JSON.stringify(params) });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({
        error: { code: 'BAD_PARAMS', message: expect.stringMatching(/\(MEDQA_[A-Z0-9_]+\): set by the deployment/) },
      });
    }
    expect(await fs.readdir(elsewhere)).toEqual([]);
    // Other parameters still come per call.
    const forced = await app.request('/offline-etl', { method: 'POST', body: JSON.stringify({ force: true }) });
    expect(forced.status).toBe(200);
    expect(await fs.readdir(path.join(dataDir, 'data'))).toContain('dataset-split');
  });

  it('asks for the bearer token when the deployment sets api_token', async () => {
    const dataDir = await tempDir();
    const app = knativeApp(ACTIONS, { store: 'folder', data_dir: dataDir, log_level: 'silent', api_token: 's3cret' });
    const call = (authorization?: string) =>
      app.request('/summarize', { method: 'POST', body: '{}', headers: authorization ? { authorization } : {} });
    expect((await call()).status).toBe(401);
    expect((await call('Bearer wrong')).status).toBe(401);
    expect((await call('Bearer s3cret')).status).toBe(200);
    expect((await app.request('/healthz')).status).toBe(200);
  });
});
