import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCTION_ARCHIVE_PREFIX, PRODUCTION_RAW_PREFIX, PRODUCTION_STAGED_PREFIX } from '../shared/bucket/keys';
import { listObjects } from '../shared/store';
import type { S3Store } from '../shared/store/s3-store';
import { type RunningS3rver, startS3rver } from './helpers/s3rver';
import { tempDir } from './helpers/temp-dir';

const CLI = path.resolve('bin/medqa.mjs');
const run = promisify(execFile);
const LOG = `${['what are the symptoms of flu', 'how is asthma diagnosed']
  .map((question, i) => JSON.stringify({ ts: `2026-05-0${i + 1}T10:00:00Z`, question, answer: `About ${question}.` }))
  .join('\n')}\n`;

/** The aws CLI (Debian's awscli, which .ci/run installs): the test drives what a user types. */
const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const aws = await run(AWS, ['--version']).then(
  () => true,
  () => false,
);

let s3rver: RunningS3rver;
beforeAll(async () => {
  s3rver = await startS3rver();
});
afterAll(() => s3rver.stop());

/** The settings of the README's s3rver example, for the test's bucket. */
const s3Env = (store: S3Store) => ({
  MEDQA_STORE: 's3',
  MEDQA_S3_ENDPOINT: s3rver.endpoint,
  MEDQA_S3_BUCKET: store.bucket,
  MEDQA_S3_ACCESS_KEY_ID: 'S3RVER',
  MEDQA_S3_SECRET_ACCESS_KEY: 'S3RVER',
  MEDQA_S3_ATOMIC_CREATE: 'false',
});

/** `medqa start` on the s3rver bucket, with its stdout readable as it comes. */
function startOnS3(store: S3Store, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, 'start', '--port', '0'], {
    env: { ...process.env, ...s3Env(store), MEDQA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', () => undefined);
  const exited = once(child, 'exit');
  const waitFor = async (pattern: RegExp, timeoutMs = 30_000) => {
    for (const until = Date.now() + timeoutMs; !pattern.test(stdout) && Date.now() < until; )
      await new Promise((r) => setTimeout(r, 50));
    expect(stdout).toMatch(pattern);
    return stdout.match(pattern)!;
  };
  const stop = async () => {
    child.kill('SIGINT');
    const [code] = await exited;
    return code as number;
  };
  return { waitFor, stop };
}

async function keysUnder(store: S3Store, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of listObjects(store, prefix)) keys.push(object.key);
  return keys;
}

describe('medqa on an S3 store', () => {
  it('prints the status and nothing on stderr: no SDK notice about Node versions', async () => {
    const store = await s3rver.newStore();
    const { stdout, stderr } = await run(process.execPath, [CLI, 'status'], {
      env: { ...process.env, ...s3Env(store) },
    });
    expect(stdout).toContain(store.bucket);
    expect(stderr).toBe('');
  });

  it.skipIf(!aws)('stages and archives a log uploaded with `aws s3 cp`', async () => {
    const store = await s3rver.newStore();
    const local = path.join(await tempDir(), 'requests.jsonl');
    await fs.writeFile(local, LOG);
    const medqa = startOnS3(store, { MEDQA_POLL_INTERVAL: '1' });
    await medqa.waitFor(
      new RegExp(`bucket \\(S3 store\\): s3://${store.bucket} at ${s3rver.endpoint}, listed every 1 s`),
    );

    await run(
      AWS,
      ['--endpoint-url', s3rver.endpoint, 's3', 'cp', local, `s3://${store.bucket}/${PRODUCTION_RAW_PREFIX}`],
      {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: 'S3RVER',
          AWS_SECRET_ACCESS_KEY: 'S3RVER',
          AWS_DEFAULT_REGION: 'us-east-1',
        },
      },
    );
    await medqa.waitFor(/transform data\/production\/retraining_data_raw\/requests\.jsonl → staged/);

    expect(await keysUnder(store, PRODUCTION_RAW_PREFIX)).toEqual([]);
    expect(await keysUnder(store, PRODUCTION_ARCHIVE_PREFIX)).toHaveLength(1);
    const staged = (await keysUnder(store, PRODUCTION_STAGED_PREFIX)).filter((key) => key.endsWith('.jsonl'));
    expect(staged).toHaveLength(1);
    expect(await medqa.stop()).toBe(0);
  });

  it("runs an object at once on MinIO's webhook, and refuses a notification without the secret", async () => {
    const store = await s3rver.newStore();
    // Listing once an hour: only the webhook can make the run happen within the test.
    const medqa = startOnS3(store, { MEDQA_POLL_INTERVAL: '3600', MEDQA_WEBHOOK_SECRET: 'hook-secret' });
    const [, url] = await medqa.waitFor(/MinIO webhook: (http:\/\/localhost:\d+\/)on-object-created/);
    const key = `${PRODUCTION_RAW_PREFIX}hooked.jsonl`;
    await store.put(key, LOG);
    const notification = JSON.stringify({
      Records: [{ eventName: 's3:ObjectCreated:Put', s3: { bucket: { name: store.bucket }, object: { key } } }],
    });

    const refused = await fetch(`${url}on-object-created`, { method: 'POST', body: notification });
    expect(refused.status).toBe(401);
    const accepted = await fetch(`${url}on-object-created`, {
      method: 'POST',
      headers: { authorization: 'Bearer hook-secret' },
      body: notification,
    });
    expect(accepted.status).toBe(202);
    expect(await accepted.json()).toMatchObject({ fired: [{ key, trigger: expect.any(String) }] });

    await medqa.waitFor(/transform data\/production\/retraining_data_raw\/hooked\.jsonl → staged/, 15_000);
    expect(await keysUnder(store, PRODUCTION_ARCHIVE_PREFIX)).toHaveLength(1);
    expect(await medqa.stop()).toBe(0);
  });
});
