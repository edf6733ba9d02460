import { describe, expect, it } from 'vitest';
import { OFFLINE_RAW_PREFIX, PRODUCTION_RAW_PREFIX, SPLIT_METADATA_KEY } from '../shared/bucket/keys';
import { reconcile } from '../shared/reconcile';
import { dashboardApp } from '../shared/stages/dashboard';
import { offlineEtl } from '../shared/stages/offline-etl';
import { dispatchObjectNotification } from '../shared/stages/on-object-created';
import { transform } from '../shared/stages/transform';
import { collectStatus } from '../shared/status/status';
import { FolderStore, listAll, readText } from '../shared/store';
import { SMALL_EXPORT, toJsonl } from './fixtures/medquad-fixtures';
import { productionLogFile } from './fixtures/production-logs';
import { runAction } from './helpers/run-action';
import { storesUnderTest } from './helpers/stores-under-test';
import { tempDir } from './helpers/temp-dir';

/** Names copy tools and editors give a file while it is still being written. */
const TEMPORARY = ['more.jsonl.part', 'export.csv.tmp', '.~lock.export.csv#', '.hidden.jsonl', 'notes.jsonl~'];

describe.each(storesUnderTest())('files under a temporary name (%s)', (_name, newStore) => {
  it('are left where they are by offline-etl, transform and reconcile until renamed', async () => {
    const store = await newStore();
    await store.put(`${OFFLINE_RAW_PREFIX}small.jsonl`, toJsonl(SMALL_EXPORT));
    const half = toJsonl(SMALL_EXPORT).slice(0, 200); // a download cut off mid-line
    for (const name of TEMPORARY) {
      await store.put(OFFLINE_RAW_PREFIX + name, half);
      await store.put(PRODUCTION_RAW_PREFIX + name, productionLogFile({ records: 5 }).content);
    }
    const built = await runAction(offlineEtl, store);
    expect(built).toMatchObject({ status: 'built', final_records: 6 });
    expect(JSON.parse(await readText(store, SPLIT_METADATA_KEY)).inputs.map((i: { key: string }) => i.key)).toEqual([
      `${OFFLINE_RAW_PREFIX}small.jsonl`,
    ]);
    for (const name of TEMPORARY)
      expect(await runAction(transform, store, { key: PRODUCTION_RAW_PREFIX + name })).toMatchObject({
        status: 'skipped',
        reason: expect.stringContaining('temporary name'),
      });
    const reconciled = await runAction(reconcile, store, { stale_after_ms: 0 });
    expect(reconciled.processed).toEqual([]);
    const status = await collectStatus(store);
    expect(status.production.pending_raw).toBe(0); // nothing there is work yet
    expect(status.offline.raw_files).toBe(1);
    const left = (await listAll(store, 'data/'))
      .map((o) => o.key)
      .filter((k) => k.includes('/raw/') || k.includes('_raw/'));
    expect(left.sort()).toEqual(
      [
        ...TEMPORARY.map((n) => OFFLINE_RAW_PREFIX + n),
        ...TEMPORARY.map((n) => PRODUCTION_RAW_PREFIX + n),
        `${OFFLINE_RAW_PREFIX}small.jsonl`,
      ].sort(),
    );
  });
});

describe('temporary names at the doors', () => {
  it('a bucket notification for one fires nothing', async () => {
    const fired: string[] = [];
    const key = `${PRODUCTION_RAW_PREFIX}day.jsonl.part`;
    const response = await dispatchObjectNotification(
      new Request('http://hook.test/', {
        method: 'POST',
        headers: { authorization: 'Bearer k' },
        body: JSON.stringify({
          Records: [{ eventName: 's3:ObjectCreated:Put', s3: { bucket: { name: 'b' }, object: { key, size: 1 } } }],
        }),
      }),
      {
        secret: 'k',
        routes: { [PRODUCTION_RAW_PREFIX]: 't' },
        fireTrigger: async (trigger) => void fired.push(trigger),
      },
    );
    expect(await response.json()).toMatchObject({ ignored: [{ key, why: expect.stringMatching(/^temporary name/) }] });
    expect(fired).toEqual([]);
  });

  it('a dashboard upload under one is refused', async () => {
    const app = dashboardApp({
      store: new FolderStore(await tempDir()),
      assets: { 'index.html': '', 'app.js': '', 'app.css': '' },
      uploadToken: 'up',
    });
    for (const name of ['.hidden.jsonl', 'x.jsonl.part']) {
      const response = await app.request(`/api/upload/production/${encodeURIComponent(name)}`, {
        method: 'PUT',
        headers: { authorization: 'Bearer up', 'content-length': '2' },
        body: '{}',
      });
      expect(response.status, name).toBe(400);
      expect((await response.json()).error).toMatch(/temporary name/);
    }
  });
});
