import { describe, expect, it } from 'vitest';
import { PRODUCTION_RAW_PREFIX, PRODUCTION_RULES_VERSION, versionKeys } from '../shared/bucket/keys';
import { offlineEtl } from '../shared/stages/offline-etl';
import { retrainBatch } from '../shared/stages/retrain-batch';
import { transform } from '../shared/stages/transform';
import { collectStatus, formatStatus } from '../shared/status/status';
import { FolderStore, readText } from '../shared/store';
import { generateRows, SMALL_EXPORT, toJsonl } from './fixtures/medquad-fixtures';
import { productionLogFile } from './fixtures/production-logs';
import { runAction as run } from './helpers/run-action';
import { tempDir } from './helpers/temp-dir';

describe('medqa status', () => {
  it('reports pending, failed and quarantined work per stage, and the latest split and version', async () => {
    const store = new FolderStore(await tempDir());
    await store.put('data/offline/raw/a.jsonl', toJsonl(generateRows(300)));
    await run(offlineEtl, store);
    await store.put('data/offline/raw/b.jsonl', toJsonl(SMALL_EXPORT)); // arrived after the split
    await store.put('data/offline/raw/c.bin', Buffer.from([0, 1, 2, 3]));
    await store.put(`${PRODUCTION_RAW_PREFIX}day1.jsonl`, productionLogFile({ records: 50, noise: 0.05 }).content);
    await run(transform, store, { key: `${PRODUCTION_RAW_PREFIX}day1.jsonl` });
    await run(retrainBatch, store);
    await store.put(`${PRODUCTION_RAW_PREFIX}day2.jsonl`, productionLogFile({ records: 10 }).content);
    const missing = `${PRODUCTION_RAW_PREFIX}gone.jsonl`;
    await run(transform, store, { key: missing });

    const status = await collectStatus(store);
    expect(status.offline).toMatchObject({
      raw_files: 3,
      not_in_split: ['data/offline/raw/b.jsonl', 'data/offline/raw/c.bin'],
      split: { final_records: expect.any(Number) },
    });
    expect(status.production).toMatchObject({
      pending_raw: 1,
      oldest_pending_minutes: 0,
      staged_files: 1,
      waiting_for_batch: 0,
      latest_version: { version: 'v1' },
    });
    expect(Object.keys(status.production.quarantined).length).toBeGreaterThan(2);
    expect(status.failures).toEqual([
      {
        action: 'transform',
        key: missing,
        etag: null,
        error: { code: 'NOT_FOUND', message: expect.any(String) },
        at: expect.any(String),
      },
    ]);
    expect(formatStatus(status, store.bucket)).toMatch(
      /pending raw files: 1 \(oldest 0 min\)[\s\S]*latest version: v1[\s\S]*transform data\/production\/retraining_data_raw\/gone.jsonl: NOT_FOUND/,
    );
    // The dashboard's Stages table, row for row: the last run of each action, the failed one with its error.
    expect(status.stages.map(({ action, status }) => `${action} ${status}`)).toEqual([
      'offline-etl built',
      'retrain-batch created',
      'transform failed',
    ]);
    expect(formatStatus(status, store.bucket)).toMatch(
      /stages \(last run of each\):[\s\S]*\n {2}transform +failed +\S+ +\d+ ms {2}NOT_FOUND: /,
    );

    // The failure record goes away when the same action succeeds on that key.
    await store.put(missing, productionLogFile({ records: 3 }).content);
    await run(transform, store, { key: missing });
    expect((await collectStatus(store)).failures).toEqual([]);
  });

  it('counts unsafe questions kept out by type and names versions built under older rules', async () => {
    const store = new FolderStore(await tempDir());
    const lines = [
      { question: 'how many advil can i take in a day', answer: 'Ask your pharmacist.' },
      { question: 'hmm so the thing from before', answer: 'Sure.' },
      { question: 'what are the symptoms of gout', answer: 'Joint pain.' },
    ];
    await store.put(`${PRODUCTION_RAW_PREFIX}day1.jsonl`, lines.map((line) => JSON.stringify(line)).join('\n'));
    await run(transform, store, { key: `${PRODUCTION_RAW_PREFIX}day1.jsonl` });
    await run(retrainBatch, store, { allow_without_split: true });
    // A version built before the rules changed, as an older deployment left it.
    const v1 = JSON.parse(await readText(store, versionKeys(1).metadata));
    await store.put(versionKeys(1).metadata, JSON.stringify({ ...v1, rules_versions: [1] }));

    const status = await collectStatus(store);
    expect(status.production.kept_out_by_type).toEqual({ dose: 1, unclassified: 1 });
    expect(status.production.versions_under_older_rules).toEqual([{ version: 'v1', rules_versions: [1] }]);
    expect(formatStatus(status, store.bucket)).toMatch(
      new RegExp(
        `unsafe questions kept out, by type: dose 1, unclassified 1[\\s\\S]*built under older rules \\(current v${PRODUCTION_RULES_VERSION}\\): v1 \\(rules v1\\)`,
      ),
    );
  });
});
