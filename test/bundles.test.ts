import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Cron } from 'croner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../shared/actions';
import {
  OFFLINE_RAW_PREFIX,
  PRODUCTION_QUARANTINE_PREFIX,
  PRODUCTION_RAW_PREFIX,
  PRODUCTION_STAGED_PREFIX,
} from '../shared/bucket/keys';
import { type PipelineManifest, parseManifest } from '../shared/manifest';
import { type ActionDefinition, invokeAction } from '../shared/runtime';
import { retrainBatch } from '../shared/stages/retrain-batch';
import { transform } from '../shared/stages/transform';
import { FolderStore, listAll, type ObjectStore, readText } from '../shared/store';
import { SMALL_EXPORT, toJsonl } from './fixtures/medquad-fixtures';
import { productionLogFile } from './fixtures/production-logs';
import { startFakeOpenWhisk } from './helpers/fake-openwhisk';
import { type RunningS3rver, startS3rver } from './helpers/s3rver';
import { tempDir } from './helpers/temp-dir';

let manifest: PipelineManifest;
let ow: Awaited<ReturnType<typeof startFakeOpenWhisk>>;

beforeAll(async () => {
  manifest = parseManifest(await fs.readFile('manifest.yaml', 'utf8'));
  ow = await startFakeOpenWhisk();
});
afterAll(async () => {
  await ow?.stop();
});

/**
 * Loads a bundle the way the OpenWhisk nodejs:20 proxy loads a single-file action: the source
 * evaluated as CommonJS by a `require` that sees no project files, from a folder of its own,
 * with the activation facts in __OW_* variables.
 */
async function invokeBundle(
  bundle: string,
  params: Record<string, unknown>,
  { cwd, env = {} }: { cwd: string; env?: Record<string, string> },
): Promise<Record<string, any>> {
  const script = `
    const source = require('fs').readFileSync(${JSON.stringify(path.resolve(bundle))}, 'utf8');
    const module = { exports: {} };
    // The runtime image has the openwhisk client in /node_modules; nothing else is there.
    const runtimeRequire = (name) => name === 'openwhisk' ? require(${JSON.stringify(path.resolve('node_modules/openwhisk'))}) : require(name);
    new Function('module', 'exports', 'require', source)(module, module.exports, runtimeRequire);
    Promise.resolve(module.exports.main(${JSON.stringify(params)})).then((r) => process.stdout.write(JSON.stringify(r)));`;
  // Asynchronously: the fake OpenWhisk API in this process must keep answering meanwhile.
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], {
    cwd,
    env: { PATH: process.env.PATH, __OW_ACTIVATION_ID: 'act-123', __OW_DEADLINE: String(Date.now() + 60_000), ...env },
  });
  return JSON.parse(stdout);
}

describe('manifest.yaml and the action bundles', () => {
  it('declares package medqa with a nodejs:20 CommonJS bundle per action, each built and registered', async () => {
    expect(manifest.packageName).toBe('medqa');
    const functions = (await fs.readdir('functions')).sort();
    expect(Object.keys(manifest.actions).sort()).toEqual(functions);
    for (const [name, spec] of Object.entries(manifest.actions)) {
      expect(spec.runtime, name).toBe('nodejs:20');
      expect(spec.function, name).toBe(`dist/${name}.js`);
      expect(spec.limits?.timeout, name).toBeLessThanOrEqual(300_000);
      expect(spec.limits?.memorySize, name).toBeLessThanOrEqual(512);
      const code = await fs.readFile(spec.function, 'utf8');
      expect(code, name).not.toMatch(/import\.meta|^export |^import |__dirname|__filename/m);
      if (!spec.web) expect(ACTIONS[name], `${name} is in shared/actions.ts`).toBeDefined();
    }
  });

  it('routes each raw prefix of the design to exactly one trigger, and that trigger to its action', () => {
    expect(manifest.objectRoutes.filter((r) => r.prefix === OFFLINE_RAW_PREFIX)).toEqual([
      { trigger: 'offline-raw-created', prefix: OFFLINE_RAW_PREFIX, action: 'offline-etl' },
    ]);
    expect(manifest.objectRoutes.filter((r) => r.prefix === 'data/production/retraining_data_raw/')).toEqual([
      { trigger: 'production-raw-created', prefix: 'data/production/retraining_data_raw/', action: 'transform' },
    ]);
  });

  it('schedules retrain-batch daily at 02:00 UTC, and every cron in the manifest parses', () => {
    expect(manifest.schedules).toContainEqual({
      trigger: 'retrain-nightly',
      cron: '0 2 * * *',
      action: 'retrain-batch',
      payload: {},
    });
    for (const schedule of manifest.schedules)
      expect(() => new Cron(schedule.cron, { paused: true }), schedule.cron).not.toThrow();
  });

  it.each(Object.keys(ACTIONS))(
    '%s: answers bad input with {error: {code, message}} and no stack trace',
    async (name) => {
      const result = await invokeBundle(
        `dist/${name}.js`,
        {
          store: 'folder',
          data_dir: await tempDir(),
          key: 42,
          url: 'ftp://x',
          split_seed: { nested: true },
          claim_timeout_ms: 'soon',
          stale_after_ms: -1,
          count: -1,
          from: 'tape',
          rebuild: 'maybe',
          log_level: 'silent',
        },
        { cwd: await tempDir() },
      );
      expect(Object.keys(result)).toEqual(['error']);
      expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
      expect(JSON.stringify(result)).not.toMatch(/\n\s+at /);
    },
  );

  it('runs offline-etl from its bundle as the runtime would, returning a JSON result under 1 MB', async () => {
    const dataDir = await tempDir();
    await fs.mkdir(path.join(dataDir, OFFLINE_RAW_PREFIX), { recursive: true });
    await fs.writeFile(path.join(dataDir, OFFLINE_RAW_PREFIX, 'x.jsonl'), toJsonl(SMALL_EXPORT));
    const result = await invokeBundle(
      'dist/offline-etl.js',
      { store: 'folder', data_dir: dataDir, log_level: 'silent' },
      { cwd: dataDir },
    );
    expect(result).toMatchObject({ status: 'built', final_records: 6 });
    expect(JSON.stringify(result).length).toBeLessThan(1024 * 1024);
  });

  it('does not start work it cannot finish before __OW_DEADLINE, and says so', async () => {
    const dataDir = await tempDir();
    const result = await invokeBundle(
      'dist/offline-etl.js',
      { store: 'folder', data_dir: dataDir, log_level: 'silent' },
      { cwd: dataDir, env: { __OW_DEADLINE: String(Date.now() + 500) } },
    );
    expect(result).toEqual({
      error: {
        code: 'DEADLINE',
        message: expect.stringMatching(/ms left before the activation deadline: not started/),
      },
    });
  });

  it('dashboard: serves the inlined page, its script and its summary as a raw web action', async () => {
    const dataDir = await tempDir();
    const call = (path: string) =>
      invokeBundle(
        'dist/dashboard.js',
        {
          store: 'folder',
          data_dir: dataDir,
          __ow_method: 'get',
          __ow_path: path,
          __ow_headers: { host: 'ow.example.org' },
          __ow_query: '',
        },
        { cwd: dataDir, env: { __OW_ACTION_NAME: '/guest/medqa/dashboard' } },
      );
    const page = await call('/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<script src="app\.js" defer><\/script>/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const script = await call('/app.js');
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body.length).toBeGreaterThan(20_000); // uPlot and the page, inlined at build time
    expect((await call('/api/summary')).statusCode).toBe(404);
    expect(await call('')).toEqual({ statusCode: 302, headers: { location: 'dashboard/' }, body: '' });
  });

  it('on-object-created: fires the matching trigger through the OpenWhisk API from a raw-http request', async () => {
    const notification = {
      Records: [
        {
          eventName: 's3:ObjectCreated:Put',
          s3: { bucket: { name: 'medqa' }, object: { key: 'data/offline/raw/med+quad.parquet', size: 9, eTag: 'e1' } },
        },
      ],
    };
    const result = await invokeBundle(
      'dist/on-object-created.js',
      {
        __ow_method: 'post',
        __ow_headers: { authorization: 'Bearer hook-secret', 'content-type': 'application/json' },
        __ow_body: Buffer.from(JSON.stringify(notification)).toString('base64'),
        __ow_path: '',
        webhook_secret: 'hook-secret',
      },
      { cwd: await tempDir(), env: { __OW_API_HOST: ow.apihost, __OW_API_KEY: 'uuid:key', __OW_NAMESPACE: 'guest' } },
    );
    expect(result).toMatchObject({
      statusCode: 202,
      headers: { 'content-type': expect.stringMatching(/^application\/json/) },
    });
    expect(JSON.parse((result as { body: string }).body)).toMatchObject({
      fired: [{ key: 'data/offline/raw/med quad.parquet', trigger: 'offline-raw-created' }],
    });
    expect(ow.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/v1/namespaces/guest/triggers/offline-raw-created',
      body: { bucket: 'medqa', key: 'data/offline/raw/med quad.parquet', etag: 'e1', size: 9 },
    });
  });
});

/** Every output under data/production/, the summaries without their creation time. */
async function productionOutputs(where: string | ObjectStore): Promise<Map<string, string>> {
  const store = typeof where === 'string' ? new FolderStore(where) : where;
  const files = new Map<string, string>();
  for (const object of await listAll(store, 'data/production/'))
    files.set(object.key, (await readText(store, object.key)).replace(/"created_at": "[^"]+"/, ''));
  return files;
}

describe('transform with worker threads', () => {
  it.each([
    ['requests.jsonl', 2, (content: Buffer) => content],
    ['requests.jsonl.gz', 1, (content: Buffer) => gzipSync(content)],
  ])('writes %s with %i worker(s) byte for byte as one thread does', async (name, workers, encode) => {
    const { content, expected } = productionLogFile({ records: 12_000, seed: 13, noise: 0.02, longLineBytes: 70_000 });
    const key = `${PRODUCTION_RAW_PREFIX}${name}`;
    const threaded = await tempDir();
    const single = await tempDir();
    for (const dir of [threaded, single]) {
      await fs.mkdir(path.join(dir, PRODUCTION_RAW_PREFIX), { recursive: true });
      await fs.writeFile(path.join(dir, key), encode(content));
    }
    const result = await invokeBundle(
      'dist/transform.js',
      { store: 'folder', data_dir: threaded, key, workers, log_level: 'silent' },
      { cwd: threaded },
    );
    expect(result).toMatchObject({
      status: 'staged',
      records_in: expected.records_in,
      records_out: expected.records_out,
      dropped: expected.dropped,
    });
    await invokeAction(
      transform as ActionDefinition,
      { key, workers: 0, log_level: 'silent' },
      { store: new FolderStore(single) },
    );
    const outputs = await productionOutputs(threaded);
    expect([...outputs.keys()].some((k) => k.includes('/quarantine/'))).toBe(true);
    expect(outputs).toEqual(await productionOutputs(single));
  });
});

describe('transform bundle written in ASCII', () => {
  // Letters above U+007F are \\u escapes in the bundles (V8 keeps such a source one byte per
  // character), also in regexes and raw templates: they must find what the source finds.
  const questions = [
    'Código postal 28013 Madrid, teléfono 612 345 678: ¿cuánto ibuprofeno puedo tomar?',
    'N° de sécu 1 85 05 78 006 084 36 — what is gout?',
    'I’m José Núñez, born 03/04/1961: what are the symptoms of shingles?',
    'Hola, soy María José García – ¿qué es la diabetes?',
    'Straße 12, 10115 Berlin: what causes psoriasis?',
  ];
  it('has no character above U+007F and stages what the source stages, byte for byte', async () => {
    for (const file of (await fs.readdir('dist')).filter((f) => f.endsWith('.js'))) {
      expect(/[\u0080-\uffff]/.test(await fs.readFile(path.join('dist', file), 'utf8')), file).toBe(false);
    }
    const content = questions
      .map((question, i) => JSON.stringify({ question, answer: `Answer ${i}: ask your doctor, Dr. Müller.` }))
      .join('\n');
    const key = `${PRODUCTION_RAW_PREFIX}accents.jsonl`;
    const [bundled, source] = [await tempDir(), await tempDir()];
    for (const dir of [bundled, source]) {
      await fs.mkdir(path.join(dir, PRODUCTION_RAW_PREFIX), { recursive: true });
      await fs.writeFile(path.join(dir, key), content);
    }
    await invokeBundle(
      'dist/transform.js',
      { store: 'folder', data_dir: bundled, key, log_level: 'silent' },
      { cwd: bundled },
    );
    await invokeAction(transform as ActionDefinition, { key, log_level: 'silent' }, { store: new FolderStore(source) });
    const outputs = await productionOutputs(bundled);
    const written = [...outputs]
      .filter(([k]) => k.startsWith(PRODUCTION_STAGED_PREFIX) || k.startsWith(PRODUCTION_QUARANTINE_PREFIX))
      .map(([, text]) => text)
      .join('\n');
    for (const identifier of ['28013', '612 345 678', '006 084 36', 'Núñez', 'García', '10115', 'Müller']) {
      expect(written).not.toContain(identifier);
    }
    expect(outputs).toEqual(await productionOutputs(source));
  });
});

describe('transform with a worker thread on the S3 store (s3rver)', () => {
  let s3: RunningS3rver;
  beforeAll(async () => {
    s3 = await startS3rver();
  });
  afterAll(async () => {
    await s3?.stop();
  });

  it('stages a file from S3 with a worker thread as one thread does from the folder store', async () => {
    const { content, expected } = productionLogFile({ records: 8_000, seed: 21, noise: 0.02, longLineBytes: 70_000 });
    const key = `${PRODUCTION_RAW_PREFIX}requests.jsonl`;
    const store = await s3.newStore();
    await store.put(key, content);
    const single = await tempDir();
    await fs.mkdir(path.join(single, PRODUCTION_RAW_PREFIX), { recursive: true });
    await fs.writeFile(path.join(single, key), content);

    const settings = {
      store: 's3',
      s3_endpoint: s3.endpoint,
      s3_bucket: store.bucket,
      s3_access_key_id: 'S3RVER',
      s3_secret_access_key: 'S3RVER',
      s3_atomic_create: false,
    };
    const result = await invokeBundle(
      'dist/transform.js',
      { ...settings, key, workers: 1, log_level: 'silent' },
      { cwd: single },
    );
    expect(result).toMatchObject({
      status: 'staged',
      records_in: expected.records_in,
      records_out: expected.records_out,
    });
    await invokeAction(
      transform as ActionDefinition,
      { key, workers: 0, log_level: 'silent' },
      { store: new FolderStore(single) },
    );
    // s3rver's ETags are the MD5 the folder store uses, so the output keys and bytes agree.
    expect(await productionOutputs(store)).toEqual(await productionOutputs(single));
  });
});

describe('transform in parts through the bundles and a stand-in OpenWhisk API', () => {
  it('plans 8 parts, starts each with a non-blocking invoke, and stages and batches what one activation does', async () => {
    const { content, expected } = productionLogFile({
      records: 6000,
      seed: 17,
      noise: 0.02,
      repeats: 0.4,
      longLineBytes: 70_000,
    });
    const key = `${PRODUCTION_RAW_PREFIX}2026/06/02/busy.jsonl`;
    const [parted, whole] = [await tempDir(), await tempDir()];
    for (const dir of [parted, whole]) {
      await fs.mkdir(path.dirname(path.join(dir, key)), { recursive: true });
      await fs.writeFile(path.join(dir, key), content);
    }
    // Bound to the package as the manifest's inputs are: OpenWhisk adds them to every activation.
    const packageParams = { store: 'folder', data_dir: parted };
    const partRuns: Promise<Record<string, any>>[] = [];
    const invoked: { action: string; params: Record<string, unknown> }[] = [];
    const api = await startFakeOpenWhisk({
      onActionInvoke: (action, params) => {
        invoked.push({ action, params });
        partRuns.push(invokeBundle('dist/transform.js', { ...packageParams, ...params }, { cwd: parted }));
      },
    });
    try {
      const planned = await invokeBundle(
        'dist/transform.js',
        { ...packageParams, key, part_bytes: Math.ceil(content.length / 8), log_level: 'silent' },
        {
          cwd: parted,
          env: {
            __OW_API_HOST: api.apihost,
            __OW_API_KEY: 'uuid:key',
            __OW_NAMESPACE: 'guest',
            __OW_ACTION_NAME: '/guest/medqa/transform',
          },
        },
      );
      expect(planned).toMatchObject({ status: 'parts_started', parts: 8, started: [0, 1, 2, 3, 4, 5, 6, 7] });
      expect(invoked.map(({ action, params }) => [action, params.part])).toEqual(
        [0, 1, 2, 3, 4, 5, 6, 7].map((part) => ['medqa/transform', part]),
      );
      const invokes = api.requests.filter((request) => request.path.endsWith('/actions/medqa/transform'));
      expect(invokes.every((request) => /blocking=false/.test(request.query))).toBe(true);
      expect(invoked[0]!.params).not.toHaveProperty('data_dir'); // settings travel with the package, not the invoke

      const parts = await Promise.all(partRuns);
      expect(parts.map((result) => result.status)).toEqual(new Array(8).fill('part_staged'));
      expect(parts.filter((result) => result.joined)).toHaveLength(1);
      expect(parts.reduce((total, result) => total + result.records_in, 0)).toBe(expected.records_in);
    } finally {
      await api.stop();
    }
    // Without an API key the same bundle stages the file in one activation.
    const single = await invokeBundle(
      'dist/transform.js',
      { store: 'folder', data_dir: whole, key, part_bytes: Math.ceil(content.length / 8), log_level: 'silent' },
      { cwd: whole },
    );
    expect(single).toMatchObject({
      status: 'staged',
      staged_whole: expect.stringMatching(/no way to start the parts/),
    });

    const [partedStore, wholeStore] = [new FolderStore(parted), new FolderStore(whole)];
    const stagedFiles = async (store: ObjectStore) =>
      Object.fromEntries(
        await Promise.all(
          (await listAll(store, 'data/production/'))
            .filter((object) => object.key.endsWith('.jsonl'))
            .map(async (object) => [object.key, await readText(store, object.key)]),
        ),
      );
    expect(await stagedFiles(partedStore)).toEqual(await stagedFiles(wholeStore));
    const versions = [];
    for (const store of [partedStore, wholeStore]) {
      const batch = await invokeAction(
        retrainBatch as ActionDefinition,
        { log_level: 'silent', allow_without_split: true },
        { store },
      );
      expect(batch).toMatchObject({ status: 'created', version: 'v1' });
      versions.push(await readText(store, 'data/production/retraining_data_transformed/v1/retraining_data.json'));
    }
    expect(versions[0]).toBe(versions[1]);
  });
});

describe('bundle sizes', () => {
  it('keeps the staging rules and the name table in the bundles that stage records, the table once', async () => {
    const staging = new Set(['transform', 'replay', 'reconcile']);
    const bundles = (await fs.readdir('dist')).filter((f) => f.endsWith('.js') && f !== 'knative-server.js');
    expect(bundles.length).toBeGreaterThan(8);
    for (const file of bundles) {
      const { size } = await fs.stat(path.join('dist', file));
      const name = file.replace(/\.js$/, '');
      // 3 MiB for the staging actions; the others carry no PII rules, so they stay far smaller.
      expect(size, name).toBeLessThanOrEqual(staging.has(name) ? 3 * 1024 * 1024 : 1.5 * 1024 * 1024);
    }
    // The name table is a base64 run of about a megabyte: the worker's source must not repeat it.
    const transformSource = await fs.readFile('dist/transform.js', 'utf8');
    expect(transformSource.match(/[A-Za-z0-9+/]{500000,}/g)).toHaveLength(1);
  });
});
