import { describe, expect, it } from 'vitest';
import { PRODUCTION_RAW_PREFIX, SPLIT_KEYS, SPLIT_METADATA_KEY, versionKeys } from '../shared/bucket/keys';
import { questionKey } from '../shared/records/normalize';
import { offlineEtl } from '../shared/stages/offline-etl';
import { retrainBatch } from '../shared/stages/retrain-batch';
import { transform } from '../shared/stages/transform';
import { collectStatus, formatStatus } from '../shared/status/status';
import { type ObjectStore, readText } from '../shared/store';
import { generateRows, toJsonl } from './fixtures/medquad-fixtures';
import { runAction as run } from './helpers/run-action';
import { storesUnderTest } from './helpers/stores-under-test';

const questionsOf = async (store: ObjectStore, key: string) =>
  (await readText(store, key))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line).question as string);

/** v1 built from production traffic that asks the split's training questions, as users do. */
async function versionOnSeed42(store: ObjectStore) {
  await store.put('data/offline/raw/export.jsonl', toJsonl(generateRows(600, 3)));
  expect(await run(offlineEtl, store)).toMatchObject({ status: 'built' });
  const asked = (await questionsOf(store, SPLIT_KEYS.training)).slice(0, 80);
  const key = `${PRODUCTION_RAW_PREFIX}day1.jsonl`;
  await store.put(key, asked.map((q) => JSON.stringify({ question: q, answer: `answer to ${q}` })).join('\n'));
  expect((await run(transform, store, { key })).error).toBeUndefined();
  expect(await run(retrainBatch, store)).toMatchObject({ status: 'created', version: 'v1' });
  return asked;
}

describe.each(storesUnderTest())('a new split once versions exist, through the %s', (_, newStore) => {
  it('is refused without confirm_resplit, and then names the versions built on the old split', async () => {
    const store = await newStore();
    const asked = await versionOnSeed42(store);
    const v1 = JSON.parse(await readText(store, versionKeys(1).metadata));
    expect(v1.split).toMatchObject({ seed: '42', ratios: { training: 0.6, validation: 0.2, evaluation: 0.2 } });
    expect(v1.split.inputs).toEqual([{ key: 'data/offline/raw/export.jsonl', etag: expect.any(String) }]);

    const refused = await run(offlineEtl, store, { force: true, split_seed: '7' });
    expect(refused.error).toMatchObject({
      code: 'RESPLIT_UNCONFIRMED',
      message: expect.stringContaining('confirm_resplit'),
    });
    expect(JSON.parse(await readText(store, SPLIT_METADATA_KEY)).seed).toBe('42');

    const built = await run(offlineEtl, store, { force: true, split_seed: '7', confirm_resplit: true });
    const nowEvaluation = new Set((await questionsOf(store, SPLIT_KEYS.evaluation)).map(questionKey));
    const leaked = asked.filter((q) => nowEvaluation.has(questionKey(q))).length;
    expect(leaked).toBeGreaterThan(0);
    expect(built).toMatchObject({
      status: 'built',
      versions_on_other_split: [{ version: 'v1', evaluation_questions: leaked }],
    });
    expect(JSON.parse(await readText(store, SPLIT_METADATA_KEY)).versions_on_other_split).toEqual([
      { version: 'v1', built_against: v1.split, evaluation_questions: leaked },
    ]);
    const status = await collectStatus(store);
    expect(status.production.versions_on_other_split).toEqual([{ version: 'v1', evaluation_questions: leaked }]);
    expect(formatStatus(status, 'test')).toContain(`v1 (${leaked} of its questions are now evaluation questions)`);
  });

  it("is refused too when the split's metadata was deleted: the latest version names its split", async () => {
    const store = await newStore();
    await versionOnSeed42(store);
    await store.delete(SPLIT_METADATA_KEY);
    expect((await run(offlineEtl, store, { split_seed: '7' })).error).toMatchObject({ code: 'RESPLIT_UNCONFIRMED' });
    expect(await run(offlineEtl, store)).toMatchObject({ status: 'built' }); // the same seed rebuilds
  });

  it('lets the same seed rebuild, and names the versions when a new export moves questions', async () => {
    const store = await newStore();
    await versionOnSeed42(store);
    expect(await run(offlineEtl, store, { force: true })).toMatchObject({ status: 'built' });
    expect(JSON.parse(await readText(store, SPLIT_METADATA_KEY)).versions_on_other_split).toBeUndefined();

    await store.put('data/offline/raw/export-2.jsonl', toJsonl(generateRows(200, 11)));
    const built = await run(offlineEtl, store);
    expect(built).toMatchObject({ status: 'built', versions_on_other_split: [{ version: 'v1' }] });
  });
});
