import * as fs from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SummarySchema } from '../shared/bucket/dashboard-summary';
import { SUMMARY_KEY } from '../shared/bucket/keys';
import { offlineEtl } from '../shared/stages/offline-etl';
import { retrainBatch } from '../shared/stages/retrain-batch';
import { transform } from '../shared/stages/transform';
import { FolderStore, listAll, readText } from '../shared/store';
import { histogramQuartiles, jensenShannonDistance, wassersteinDistance } from '../shared/summary/histogram';
import { refreshSummary } from '../shared/summary/refresh';
import { SMALL_EXPORT, toJsonl } from './fixtures/medquad-fixtures';
import { productionLogFile } from './fixtures/production-logs';
import { runAction as run } from './helpers/run-action';
import { tempDir } from './helpers/temp-dir';

const GOLDEN = 'test/fixtures/golden-summary.json';

/** Times and durations differ run to run; everything else in the summary must not. */
function stable(summary: unknown): unknown {
  return JSON.parse(JSON.stringify(summary), (key, value) =>
    ['generated_at', 'created_at', 'timestamp', 'at', 'duration_ms'].includes(key) ? '…' : value,
  );
}

async function fixtureBucket() {
  const store = new FolderStore(await tempDir());
  await store.put('data/offline/raw/export.jsonl', toJsonl(SMALL_EXPORT));
  await run(offlineEtl, store);
  for (const [day, seed] of [
    ['2026-05-01', 1],
    ['2026-05-02', 2],
  ] as const) {
    const key = `data/production/retraining_data_raw/${day}.jsonl`;
    await store.put(key, productionLogFile({ records: 40, seed, noise: 0.05 }).content);
    await run(transform, store, { key });
  }
  await run(retrainBatch, store);
  return store;
}

describe('summarize', () => {
  it('writes the golden summary for a fixture bucket, refreshed by the stages themselves', async () => {
    const store = await fixtureBucket();
    const written = JSON.parse(await readText(store, SUMMARY_KEY));
    expect(SummarySchema.safeParse(written).success).toBe(true);
    if (process.env.UPDATE_GOLDEN) await fs.writeFile(GOLDEN, `${JSON.stringify(stable(written), null, 2)}\n`);
    expect(stable(written)).toEqual(JSON.parse(await fs.readFile(GOLDEN, 'utf8')));
  });

  it('merges one new output into the kept aggregate, and a rebuild from the bucket gives the same numbers', async () => {
    const store = await fixtureBucket();
    const incremental = await refreshSummary(store);
    const rebuilt = await refreshSummary(store, { rebuild: true });
    expect(stable(rebuilt)).toEqual(stable(incremental));
    // A stage's call delivered again (at least once) merges its output once.
    const [staged] = (await listAll(store, 'data/production/retraining_data_staged/')).filter((o) =>
      o.key.endsWith('.summary.json'),
    );
    const again = await refreshSummary(store, { partial: staged!.key });
    expect(again.production.records_out).toBe(incremental.production.records_out);
    expect(again.production.staged_files).toBe(2);
  });

  it('counts exact lengths from the staged files on a rebuild, where summaries staged earlier hold only bins', async () => {
    const store = await fixtureBucket();
    const exact = (await refreshSummary(store, { rebuild: true })).production.question_length.quartiles;
    for (const object of await listAll(store, 'data/production/retraining_data_staged/')) {
      if (!object.key.endsWith('.summary.json')) continue;
      const { question_length_counts: _counts, ...older } = JSON.parse(await readText(store, object.key));
      await store.put(object.key, JSON.stringify(older));
    }
    expect((await refreshSummary(store, { rebuild: true })).production.question_length.quartiles).toEqual(exact);
    expect(exact).not.toEqual(histogramQuartiles((await refreshSummary(store)).production.question_length.counts));
  });

  it('describes an empty bucket without failing', async () => {
    const summary = await refreshSummary(new FolderStore(await tempDir()));
    expect(summary).toMatchObject({
      offline: null,
      versions: [],
      production: { records_in: 0, volume: [[], []] },
      drift: { question_type_mix: { value: null, drifted: null } },
    });
  });
});

describe('distribution distances', () => {
  it('computes Jensen–Shannon distance, Wasserstein distance and quartiles as defined', () => {
    expect(jensenShannonDistance({ a: 1 }, { a: 5 })).toBe(0);
    expect(jensenShannonDistance({ a: 1 }, { b: 1 })).toBeCloseTo(1);
    expect(wassersteinDistance([1, 0, 0], [0, 0, 1])).toBeCloseTo(20); // two bins of 10 characters apart
    expect(histogramQuartiles([0, 4, 0])).toEqual([15, 15, 15]);
  });
});
