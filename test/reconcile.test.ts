import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  PRODUCTION_ARCHIVE_PREFIX,
  PRODUCTION_RAW_PREFIX,
  productionOutputKeys,
  SPLIT_METADATA_KEY,
} from '../shared/bucket/keys';
import { reconcile } from '../shared/reconcile';
import { type ActionDefinition, type Activations, invokeAction } from '../shared/runtime';
import { transform } from '../shared/stages/transform';
import { FolderStore, listAll, readText } from '../shared/store';
import { SMALL_EXPORT, toJsonl } from './fixtures/medquad-fixtures';
import { productionLogFile } from './fixtures/production-logs';
import { tempDir } from './helpers/temp-dir';

/** A bucket where some files arrived an hour ago and their events were lost, and one just arrived. */
async function bucketWithLostEvents() {
  const root = await tempDir();
  const store = new FolderStore(root);
  const anHourAgo = new Date(Date.now() - 3600_000);
  const files = {
    'data/offline/raw/export.jsonl': toJsonl(SMALL_EXPORT),
    [`${PRODUCTION_RAW_PREFIX}lost-1.jsonl`]: productionLogFile({ records: 30, seed: 1 }).content,
    [`${PRODUCTION_RAW_PREFIX}lost-2.jsonl`]: productionLogFile({ records: 30, seed: 2 }).content,
  };
  for (const [key, content] of Object.entries(files)) {
    await store.put(key, content);
    await fs.utimes(path.join(root, key), anHourAgo, anHourAgo);
  }
  await store.put(`${PRODUCTION_RAW_PREFIX}just-arrived.jsonl`, productionLogFile({ records: 5 }).content);
  return store;
}

const run = (store: FolderStore, deadline?: number) =>
  invokeAction(
    reconcile as ActionDefinition,
    { log_level: 'silent' },
    { store, invocation: { id: 'r1', ...(deadline ? { deadline } : {}) } },
  ) as Promise<Record<string, any>>;

describe('reconcile', () => {
  it('processes files whose events were lost, and leaves files that may still get theirs', async () => {
    const store = await bucketWithLostEvents();
    const result = await run(store);
    expect(result).toMatchObject({
      status: 'done',
      checked: 3,
      remaining: 0,
      failed: [],
      waiting: { count: 1, stale_after_ms: 600_000, keys: [`${PRODUCTION_RAW_PREFIX}just-arrived.jsonl`] },
    });
    expect(result.processed.map((p: { key: string }) => p.key).sort()).toEqual(
      [`${PRODUCTION_RAW_PREFIX}lost-1.jsonl`, `${PRODUCTION_RAW_PREFIX}lost-2.jsonl`, 'data/offline/raw/'].sort(),
    );
    expect(await store.head(SPLIT_METADATA_KEY)).toBeDefined();
    expect((await listAll(store, PRODUCTION_ARCHIVE_PREFIX)).map((o) => o.key)).toHaveLength(2);
    expect((await listAll(store, PRODUCTION_RAW_PREFIX)).map((o) => o.key)).toEqual([
      `${PRODUCTION_RAW_PREFIX}just-arrived.jsonl`,
    ]);
    expect((await run(store)).processed).toEqual([]); // nothing left to do
  });

  it('starts again the parts of a large file that never finished, and only those', async () => {
    const root = await tempDir();
    const store = new FolderStore(root);
    const key = `${PRODUCTION_RAW_PREFIX}busy.jsonl`;
    const { content, expected } = productionLogFile({ records: 800, seed: 4, repeats: 0.3 });
    const put = await store.put(key, content);
    const started: Record<string, unknown>[] = [];
    const activations: Activations = {
      mode: 'detached',
      parallelism: Number.POSITIVE_INFINITY,
      start: async (_, runs) => {
        started.push(...runs);
        return runs.map((_, i) => ({ id: `a${started.length - runs.length + i}` }));
      },
    };
    const stage = (params: Record<string, unknown>) =>
      invokeAction(transform as ActionDefinition, { log_level: 'silent', ...params }, { store, activations });
    await stage({ key, part_bytes: Math.ceil(content.length / 4) });
    for (const params of started.filter((params) => params.part !== 2)) await stage(params); // part 2 was lost
    // An hour later: the file is stale, and so is the plan's start.
    const anHourAgo = new Date(Date.now() - 3600_000);
    const planKey = productionOutputKeys(key, put.etag).plan;
    const plan = JSON.parse(await readText(store, planKey));
    await store.put(planKey, JSON.stringify({ ...plan, started_at: anHourAgo.toISOString() }));
    await fs.utimes(path.join(root, key), anHourAgo, anHourAgo);

    started.length = 0;
    const result = (await invokeAction(
      reconcile as ActionDefinition,
      { log_level: 'silent' },
      { store, invocation: { id: 'r2' }, activations },
    )) as Record<string, any>;
    expect(result.processed).toEqual([{ key, status: 'parts_started' }]);
    expect(started.map((params) => params.part)).toEqual([2]);
    const last = await stage(started[0]!);
    expect(last).toMatchObject({ status: 'part_staged', joined: true });
    const summary = JSON.parse(await readText(store, productionOutputKeys(key, put.etag).summary));
    expect(summary).toMatchObject({ records_in: expected.records_in, records_out: expected.records_out, parts: 4 });
  });

  it('stops taking new files near the activation deadline and says how many are left', async () => {
    const store = await bucketWithLostEvents();
    const result = await run(store, Date.now() + 20_000);
    expect(result).toMatchObject({
      status: 'stopped_before_deadline',
      remaining: 2,
      reason: expect.stringMatching(/2 stale file\(s\) left/),
    });
    expect(await listAll(store, PRODUCTION_RAW_PREFIX)).toHaveLength(3);
  });
});
