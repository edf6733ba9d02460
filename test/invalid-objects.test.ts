import { describe, expect, it } from 'vitest';
import { SUMMARY_SCHEMA_VERSION } from '../shared/bucket/dashboard-summary';
import { PRODUCTION_PARTIAL_KEY, productionOutputKeys, SUMMARY_KEY } from '../shared/bucket/keys';
import { invokeAction } from '../shared/runtime';
import { dashboardApp } from '../shared/stages/dashboard';
import { retrainBatch } from '../shared/stages/retrain-batch';
import { transform } from '../shared/stages/transform';
import { FolderStore, readText } from '../shared/store';
import { productionLogFile } from './fixtures/production-logs';
import { tempDir } from './helpers/temp-dir';

const ASSETS = { 'index.html': '', 'app.js': '', 'app.css': '' };

describe('objects of the bucket that no longer hold what the pipeline wrote', () => {
  it('stop a stage with a clear error instead of a wrong count: a hand-edited staged summary', async () => {
    const store = new FolderStore(await tempDir());
    const keys = productionOutputKeys('data/production/retraining_data_raw/day1.jsonl', 'e1');
    await store.put(keys.staged, '');
    await store.put(keys.summary, JSON.stringify({ schema_version: 1, source_key: 'x', records_in: 'many' }));
    const result = await invokeAction(retrainBatch, { allow_without_split: true, log_level: 'silent' }, { store });
    expect(result).toMatchObject({ error: { code: 'INVALID_OBJECT' } });
    expect((result.error as { message: string }).message).toContain(keys.summary);
  });

  it('are rebuilt when they are the dashboard summary or its partials, which the bucket can always give again', async () => {
    const store = new FolderStore(await tempDir());
    const key = 'data/production/retraining_data_raw/day1.jsonl';
    await store.put(key, productionLogFile({ records: 20 }).content);
    expect(await invokeAction(transform, { key, log_level: 'silent' }, { store })).toMatchObject({ status: 'staged' });
    const staged = JSON.parse(await readText(store, SUMMARY_KEY)).production.records_out;
    expect(staged).toBeGreaterThan(0);

    // A summary of the current version with a field broken by hand, and a partial of nonsense.
    const summary = JSON.parse(await readText(store, SUMMARY_KEY));
    await store.put(SUMMARY_KEY, JSON.stringify({ ...summary, production: { records_out: 'lots' } }));
    await store.put(PRODUCTION_PARTIAL_KEY, JSON.stringify({ layout: 4, aggregate: [] }));

    const response = await dashboardApp({ store, assets: ASSETS }).request('/api/summary');
    expect(response.status).toBe(200);
    const served = await response.json();
    expect(served.schema_version).toBe(SUMMARY_SCHEMA_VERSION);
    expect(served.production.records_out).toBe(staged);
  });
});
