import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundlesAreFresh, deploy } from '../cli/deploy/index';
import { startFakeOpenWhisk } from './helpers/fake-openwhisk';
import { tempDir } from './helpers/temp-dir';

let ow: Awaited<ReturnType<typeof startFakeOpenWhisk>>;
const ENV = {
  MEDQA_S3_ENDPOINT: 'http://minio.internal:9000',
  MEDQA_S3_BUCKET: 'medqa',
  MEDQA_WEBHOOK_SECRET: 'hook-secret',
};

beforeEach(async () => {
  ow = await startFakeOpenWhisk();
});
afterEach(async () => {
  await ow.stop();
});

async function run(
  flags: Record<string, string | true> = {},
  env: Record<string, string> = ENV,
  manifestPath = 'manifest.yaml',
) {
  const lines: string[] = [];
  const code = await deploy({
    manifestPath,
    flags: { apihost: ow.apihost, auth: 'uuid:key', namespace: 'guest', 'no-build': true, ...flags },
    env: { ...env, WSK_CONFIG_FILE: '/nonexistent' },
    out: (l) => lines.push(l),
  });
  return { code, lines };
}

const writes = () => ow.requests.filter((r) => r.method !== 'GET');

describe('medqa deploy', () => {
  it('creates the package, every action, the triggers and the rules of manifest.yaml', async () => {
    const { code } = await run();
    expect(code).toBe(0);
    const put = (p: string) =>
      ow.requests.find((r) => r.method === 'PUT' && r.path === `/api/v1/namespaces/guest/${p}`);
    expect(put('packages/medqa')!.body.parameters).toEqual(
      expect.arrayContaining([
        { key: 'store', value: 's3' },
        { key: 's3_endpoint', value: 'http://minio.internal:9000' },
      ]),
    );
    const etl = put('actions/medqa/offline-etl')!;
    expect(etl.query).toContain('overwrite=true');
    expect(etl.body.exec).toEqual({
      kind: 'nodejs:20',
      code: await fs.readFile('dist/offline-etl.js', 'utf8'),
      main: 'main',
    });
    expect(etl.body.limits).toEqual({ timeout: 300000, memory: 512 });
    const hook = put('actions/medqa/on-object-created')!;
    expect(hook.body.annotations).toEqual(
      expect.arrayContaining([
        { key: 'web-export', value: true },
        { key: 'raw-http', value: true },
        { key: 'final', value: true },
        { key: 'provide-api-key', value: true },
      ]),
    );
    expect(hook.body.parameters).toEqual([{ key: 'webhook_secret', value: 'hook-secret' }]);
    expect(put('triggers/production-raw-created')!.body.parameters).toEqual([
      { key: 'prefix', value: 'data/production/retraining_data_raw/' },
    ]);
    expect(put('rules/production-raw-to-transform')!.body).toMatchObject({
      trigger: '/guest/production-raw-created',
      action: '/guest/medqa/transform',
    });
  });

  it('changes nothing on a second run, and only what differs after a setting changes', async () => {
    await run();
    const before = writes().length;
    const second = await run();
    expect(writes().length).toBe(before);
    expect(second.lines.at(-1)).toBe('0 change(s) applied');
    await run({}, { ...ENV, MEDQA_S3_BUCKET: 'other' });
    expect(
      writes()
        .slice(before)
        .map((r) => `${r.method} ${r.path}`),
    ).toEqual(['PUT /api/v1/namespaces/guest/packages/medqa']);
  });

  it('prints the plan and writes nothing with --dry-run', async () => {
    const { lines } = await run({ 'dry-run': true });
    expect(writes()).toEqual([]);
    expect(lines).toContain('  create    action  medqa/transform');
    expect(lines.at(-1)).toMatch(/^\d+ change\(s\) planned; nothing written \(--dry-run\)$/);
  });

  it('registers alarm triggers with the alarms feed, once', async () => {
    const dir = await tempDir();
    await fs.mkdir(path.join(dir, 'dist'));
    await fs.writeFile(path.join(dir, 'dist/job.js'), 'exports.main = () => ({})');
    const manifest = path.join(dir, 'manifest.yaml');
    await fs.writeFile(
      manifest,
      `project:\n  packages:\n    medqa:\n      actions:\n        job: { function: dist/job.js, runtime: nodejs:20 }\n      triggers:\n        nightly:\n          feed: /whisk.system/alarms/alarm\n          inputs: { cron: "0 2 * * *" }\n      rules:\n        nightly-job: { trigger: nightly, action: job }\n`,
    );
    await run({}, ENV, manifest);
    const feed = ow.requests.find((r) => r.method === 'POST' && r.path.includes('alarms/alarm'))!;
    expect(feed.path).toBe('/api/v1/namespaces/whisk.system/actions/alarms/alarm');
    expect(feed.body).toMatchObject({ lifecycleEvent: 'CREATE', triggerName: '/guest/nightly', cron: '0 2 * * *' });
    const count = writes().length;
    await run({}, ENV, manifest);
    expect(writes().length).toBe(count);
  });

  it('says where credentials come from when there are none', async () => {
    await expect(
      deploy({
        manifestPath: 'manifest.yaml',
        flags: { 'no-build': true },
        env: { WSK_CONFIG_FILE: '/nonexistent' },
        out: () => undefined,
      }),
    ).rejects.toThrow(/no OpenWhisk credentials: pass --apihost and --auth/);
  });
});

describe('medqa deploy --dry-run', () => {
  it('plans against an empty namespace when no credentials are set, and calls nothing', async () => {
    const lines: string[] = [];
    const code = await deploy({
      manifestPath: 'manifest.yaml',
      flags: { 'dry-run': true, 'no-build': true },
      env: { ...ENV, WSK_CONFIG_FILE: '/nonexistent' },
      out: (l) => lines.push(l),
    });
    expect(code).toBe(0);
    expect(lines[0]).toBe('plan against an empty namespace (no OpenWhisk credentials given):');
    const steps = lines.slice(1, -1);
    expect(steps.length).toBeGreaterThan(10);
    expect(steps.every((line) => line.trimStart().startsWith('create'))).toBe(true);
    expect(lines.at(-1)).toBe(`${steps.length} change(s) planned; nothing written (--dry-run)`);
    expect(ow.requests).toEqual([]);
  });

  it('still refuses to deploy for real without credentials', async () => {
    await expect(
      deploy({
        manifestPath: 'manifest.yaml',
        flags: { 'no-build': true },
        env: { ...ENV, WSK_CONFIG_FILE: '/nonexistent' },
        out: () => undefined,
      }),
    ).rejects.toThrow(/no OpenWhisk credentials/);
  });
});

describe('bundle freshness', () => {
  it('calls dist/ fresh only when every bundle is newer than every source', async () => {
    const project = await tempDir();
    // Seconds from now: folders made by the test are "now" too.
    const at = (seconds: number) => new Date(Date.now() + seconds * 1000);
    const file = async (name: string, seconds: number) => {
      await fs.mkdir(path.dirname(path.join(project, name)), { recursive: true });
      await fs.writeFile(path.join(project, name), name);
      await fs.utimes(path.join(project, name), at(seconds), at(seconds));
    };
    await file('functions/transform/index.ts', -2);
    await file('shared/pii/rules.ts', -1);
    await file('manifest.yaml', -2);
    expect(bundlesAreFresh(project)).toBe(false); // nothing built yet
    await file('dist/transform.js', 10);
    expect(bundlesAreFresh(project)).toBe(true);
    await file('shared/pii/rules.ts', 20); // an edit after the build
    expect(bundlesAreFresh(project)).toBe(false);
    await file('dist/transform.js', 30);
    await file('functions/archive/index.ts', -5); // a new action with no bundle
    expect(bundlesAreFresh(project)).toBe(false);
  });
});
