import * as fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../shared/actions';
import { LocalRuntime, type RunReport } from '../shared/adapter/local/runtime';
import { PRODUCTION_ARCHIVE_PREFIX, PRODUCTION_RAW_PREFIX, SPLIT_METADATA_KEY } from '../shared/bucket/keys';
import { parseManifest } from '../shared/manifest';
import { createLogger } from '../shared/runtime';
import { listAll, type ObjectStore } from '../shared/store';
import { SMALL_EXPORT, toJsonl } from './fixtures/medquad-fixtures';
import { productionLogFile } from './fixtures/production-logs';
import { storesUnderTest } from './helpers/stores-under-test';

/** The runtime on `store`, listing every 200 ms, its runs reported into `runs`. */
async function listingRuntime(store: ObjectStore, runs: RunReport[]): Promise<LocalRuntime> {
  return new LocalRuntime({
    manifest: parseManifest(await fs.readFile('manifest.yaml', 'utf8')),
    actions: ACTIONS,
    store,
    params: { log_level: 'silent' },
    log: createLogger('silent'),
    scanIntervalMs: 200,
    settleMs: 100,
    onRun: (run) => runs.push(run),
  });
}

describe.each(storesUnderTest())('the local runtime listing the %s', (_, newStore) => {
  it('finds objects put into the bucket, and runs each route once', async () => {
    const store = await newStore();
    const runs: RunReport[] = [];
    const runtime = await listingRuntime(store, runs);
    await runtime.start();
    // As `aws s3 cp` would: plain puts, no event, no folder to watch.
    await store.put('data/offline/raw/export.jsonl', toJsonl(SMALL_EXPORT));
    await store.put(`${PRODUCTION_RAW_PREFIX}2026-05-01/requests.jsonl`, productionLogFile({ records: 50 }).content);
    for (
      let i = 0;
      i < 150 &&
      (!(await store.head(SPLIT_METADATA_KEY)) || (await listAll(store, PRODUCTION_ARCHIVE_PREFIX)).length === 0);
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500)); // a few more listings: nothing runs twice
    await runtime.stop();
    expect(await store.head(SPLIT_METADATA_KEY)).toBeDefined();
    expect((await listAll(store, PRODUCTION_ARCHIVE_PREFIX)).map((o) => o.key)).toEqual([
      `${PRODUCTION_ARCHIVE_PREFIX}2026-05-01/requests.jsonl`,
    ]);
    expect(await listAll(store, PRODUCTION_RAW_PREFIX)).toEqual([]);
    const transforms = runs.filter((run) => run.action === 'transform');
    expect(transforms).toHaveLength(1);
    expect(runs.filter((run) => run.action === 'offline-etl').length).toBe(1);
  }, 60_000);

  it('runs a log put again with the same content after the first copy was archived', async () => {
    const store = await newStore();
    const runs: RunReport[] = [];
    const runtime = await listingRuntime(store, runs);
    await runtime.start();
    const key = `${PRODUCTION_RAW_PREFIX}again.jsonl`;
    const content = productionLogFile({ records: 20 }).content;
    const transformed = async (n: number) => {
      for (let i = 0; i < 150 && runs.filter((run) => run.action === 'transform').length < n; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
    };
    await store.put(key, content);
    await transformed(1);
    await new Promise((resolve) => setTimeout(resolve, 500)); // listings that no longer see it
    await store.put(key, content); // the same bytes, the same ETag, dropped again
    await transformed(2);
    await runtime.stop();
    expect(runs.filter((run) => run.action === 'transform')).toHaveLength(2);
    expect(await listAll(store, PRODUCTION_RAW_PREFIX)).toEqual([]);
  }, 60_000);
});
