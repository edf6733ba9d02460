import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { reconcile } from '../shared/actions';
import { PRODUCTION_ARCHIVE_PREFIX, PRODUCTION_RAW_PREFIX, SPLIT_METADATA_KEY } from '../shared/bucket/keys';
import { type ActionDefinition, invokeAction } from '../shared/runtime';
import { FolderStore, listAll } from '../shared/store';
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
