import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_RAW_PREFIX, SPLIT_KEYS, VERSION_TRACKER_KEY, versionKeys } from '../shared/bucket/keys';
import type { VersionMetadata } from '../shared/bucket/version-metadata';
import { questionKey } from '../shared/records/normalize';
import { latestVersion, readRetrainingRecords } from '../shared/retraining/training-job-reader';
import { offlineEtl } from '../shared/stages/offline-etl';
import { replay } from '../shared/stages/replay';
import { retrainBatch } from '../shared/stages/retrain-batch';
import { transform } from '../shared/stages/transform';
import { FolderStore, listAll, type ObjectStore, readText } from '../shared/store';
import { generateRows, toJsonl } from './fixtures/medquad-fixtures';
import { crashingStore } from './helpers/crashing-store';
import { runAction as run } from './helpers/run-action';
import { storesUnderTest } from './helpers/stores-under-test';
import { tempDir } from './helpers/temp-dir';

/** A bucket with an offline split, and the evaluation questions production must never train on. */
async function withSplit(store: ObjectStore) {
  await store.put('data/offline/raw/export.jsonl', toJsonl(generateRows(600, 3)));
  await run(offlineEtl, store);
  const evaluation = (await readText(store, SPLIT_KEYS.evaluation))
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).question as string);
  return evaluation;
}

/** Drops a production log of the given questions (each answered `<tag>: answer to <question>`) and transforms it. */
async function stage(store: ObjectStore, name: string, questions: string[], tag: string) {
  const key = `${PRODUCTION_RAW_PREFIX}${name}.jsonl`;
  await store.put(
    key,
    questions
      .map((q) => JSON.stringify({ ts: '2026-05-01T10:00:00Z', question: q, answer: `${tag}: answer to ${q}` }))
      .join('\n'),
  );
  const result = await run(transform, store, { key });
  expect(result.error).toBeUndefined();
  return result.records_out as number;
}

/** The staged files as if staged before line indexes existed: no index, no mention of one in the summary. */
async function forgetLineIndexes(store: ObjectStore) {
  for (const { key } of await listAll(store, 'data/production/retraining_data_staged/')) {
    if (key.endsWith('.index')) await store.delete(key);
    if (!key.endsWith('.summary.json')) continue;
    const { line_index: _, ...summary } = JSON.parse(await readText(store, key));
    await store.put(key, JSON.stringify(summary));
  }
}

const safeQuestions = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => `what are the symptoms of tarrow fever type ${from + i}`);

async function trainingJobReads(store: ObjectStore) {
  const version = await latestVersion(store);
  const records = [];
  for await (const record of readRetrainingRecords(store, version!)) records.push(record);
  return { version, records };
}

describe.each(storesUnderTest())('retrain-batch through the %s', (_, newStore) => {
  it('builds v1 from staged records, then nothing without new data, then v2 with only the new records', async () => {
    const store = await newStore();
    const evaluation = await withSplit(store);
    const staged =
      (await stage(store, 'day1', [...safeQuestions(40), ...evaluation.slice(0, 5)], 'a')) +
      (await stage(store, 'day1b', safeQuestions(10), 'a'));
    expect(staged).toBe(55);

    const first = await run(retrainBatch, store);
    // day1b repeats 10 (question, answer) pairs of day1; the 5 evaluation questions are held out.
    expect(first).toMatchObject({
      status: 'created',
      version: 'v1',
      record_count: 40,
      dropped: { evaluation_question: 5, duplicate: 10 },
    });
    const job = await trainingJobReads(store);
    expect(job.version).toBe(1);
    expect(await readText(store, VERSION_TRACKER_KEY)).toBe('1');
    expect(job.records).toHaveLength(40);
    expect(job.records[0]).toMatchObject({
      question: expect.any(String),
      answer: expect.any(String),
      question_type: 'symptoms',
      source_key: expect.stringContaining(PRODUCTION_RAW_PREFIX),
    });
    const evaluationKeys = new Set(evaluation.map(questionKey));
    expect(job.records.some((r) => evaluationKeys.has(questionKey(r.question as string)))).toBe(false);
    const metadata = JSON.parse(await readText(store, versionKeys(1).metadata)) as VersionMetadata;
    expect(metadata).toMatchObject({
      version: 'v1',
      record_count: 40,
      question_type_counts: { symptoms: 40 },
      archived_files: [
        { raw_key: `${PRODUCTION_RAW_PREFIX}day1.jsonl` },
        { raw_key: `${PRODUCTION_RAW_PREFIX}day1b.jsonl` },
      ],
    });
    expect(metadata.staged_inputs).toHaveLength(2);

    expect(await run(retrainBatch, store)).toMatchObject({ status: 'nothing_new', latest_version: 'v1' });
    expect(await store.head(versionKeys(2).claim)).toBeUndefined();

    await stage(store, 'day2', [...safeQuestions(15, 100), ...safeQuestions(3)], 'a'); // 3 already in v1
    expect(await run(retrainBatch, store)).toMatchObject({
      status: 'created',
      version: 'v2',
      record_count: 15,
      dropped: { in_earlier_version: 3 },
    });
    expect((await trainingJobReads(store)).records).toHaveLength(15);
  });

  it('takes staged lines by their line index: the same version as parsing every line', async () => {
    const indexed = await newStore();
    const parsed = new FolderStore(await tempDir());
    for (const store of [indexed, parsed]) {
      const evaluation = await withSplit(store);
      await stage(
        store,
        'day1',
        [...safeQuestions(30), ...evaluation.slice(0, 4), 'how much ibuprofen is too much'],
        'a',
      );
      await stage(store, 'day1b', [...safeQuestions(5, 20), ...safeQuestions(8, 200)], 'a');
    }
    await forgetLineIndexes(parsed);
    const [a, b] = [await run(retrainBatch, indexed), await run(retrainBatch, parsed)];
    expect(a).toMatchObject({ status: 'created', record_count: 38, dropped: { evaluation_question: 4, duplicate: 5 } });
    expect({ ...b, duration_ms: 0 }).toEqual({ ...a, duration_ms: 0 });
    expect(await readText(indexed, versionKeys(1).data)).toBe(await readText(parsed, versionKeys(1).data));
    const counts = (m: VersionMetadata) => [m.dropped, m.question_type_counts, m.question_length_counts];
    const metadata = async (store: ObjectStore) => JSON.parse(await readText(store, versionKeys(1).metadata));
    expect(counts(await metadata(indexed))).toEqual(counts(await metadata(parsed)));
  });

  it('finds repeats in several passes when few fingerprints may be held at once: the same versions as one pass', async () => {
    const passes = await newStore();
    const onePass = new FolderStore(await tempDir());
    const results: Record<string, unknown>[][] = [[], []];
    for (const [n, store] of [passes, onePass].entries()) {
      const evaluation = await withSplit(store);
      const build = async () =>
        results[n]!.push({ ...(await run(retrainBatch, store, n === 0 ? { fingerprints_per_pass: 7 } : {})) });
      await stage(store, 'day1', [...safeQuestions(30), ...evaluation.slice(0, 3)], 'a');
      await stage(store, 'day1b', [...safeQuestions(6, 25), ...safeQuestions(4, 300)], 'a');
      // In passes, a file staged before line indexes existed is parsed in each pass.
      if (n === 0) await forgetLineIndexes(store);
      await build();
      // v2: repeats of v1, repeats within the batch, an evaluation question, new records.
      await stage(store, 'day2', [...safeQuestions(5, 10), ...safeQuestions(12, 100), evaluation[5]!], 'a');
      await stage(store, 'day2b', [...safeQuestions(7, 105), ...safeQuestions(2, 28)], 'a');
      await build();
    }
    const [many, one] = results.map((runs) => runs.map((r) => ({ ...r, duration_ms: 0 })));
    expect(many).toEqual(one);
    expect(one![1]).toMatchObject({
      status: 'created',
      record_count: 12,
      dropped: { in_earlier_version: 7, duplicate: 7, evaluation_question: 1 },
    });
    for (const version of [1, 2]) {
      expect(await readText(passes, versionKeys(version).data)).toBe(
        await readText(onePass, versionKeys(version).data),
      );
      expect(await readText(passes, versionKeys(version).fingerprints)).toBe(
        await readText(onePass, versionKeys(version).fingerprints),
      );
    }
  });

  it('refuses a staged file changed after transform wrote it, naming it, and builds once it is staged again', async () => {
    const store = await newStore();
    await withSplit(store);
    await stage(store, 'day1', safeQuestions(6), 'a');
    const stagedKey = (await listAll(store, 'data/production/retraining_data_staged/'))
      .map((o) => o.key)
      .find((k) => k.endsWith('.jsonl'))!;
    const lines = (await readText(store, stagedKey)).trim().split('\n');
    await store.put(stagedKey, `${lines.slice(1).join('\n')}\n`);

    const refused = await run(retrainBatch, store);
    expect(refused.error).toMatchObject({ code: 'STAGED_MISMATCH', message: expect.stringContaining(stagedKey) });
    expect(await store.head(VERSION_TRACKER_KEY)).toBeUndefined();
    expect(await store.head(versionKeys(1).claim)).toBeUndefined();

    // What the message says to do: the summary goes, replay stages the archived raw file again.
    await store.delete(stagedKey.replace(/\.jsonl$/, '.summary.json'));
    expect(await run(replay, store)).toMatchObject({ replayed: [`${PRODUCTION_RAW_PREFIX}day1.jsonl`] });
    expect(await run(retrainBatch, store)).toMatchObject({ status: 'created', record_count: 6 });
  });
});

describe('retrain-batch exactly-once inclusion', () => {
  it('puts every staged file into one version when two runs start at once', async () => {
    const store = new FolderStore(await tempDir());
    await withSplit(store);
    await stage(store, 'day1', safeQuestions(30), 'x');
    const results = await Promise.all([run(retrainBatch, store), run(retrainBatch, store)]);
    expect(results.map((r) => r.status).sort()).toEqual(['busy', 'created']);
    expect(await run(retrainBatch, store, { claim_timeout_ms: 0 })).toMatchObject({ status: 'nothing_new' });
    expect((await trainingJobReads(store)).records).toHaveLength(30);
  });

  it('never points the tracker at a half-written version, and the next run redoes it identically', async () => {
    const reference = new FolderStore(await tempDir());
    await withSplit(reference);
    await stage(reference, 'day1', safeQuestions(25), 'y');
    await run(retrainBatch, reference);
    const expected = await readText(reference, versionKeys(1).data);

    const store = new FolderStore(await tempDir());
    await withSplit(store);
    await stage(store, 'day1', safeQuestions(25), 'y');
    // A run writes: claim, data, fingerprints, marker, metadata, tracker. It dies on the tracker.
    const crashed = await run(retrainBatch, crashingStore(store, 6), { claim_timeout_ms: 0 });
    expect(crashed.error?.message).toMatch(/injected crash .*version_tracker.txt/);
    expect(await store.head(versionKeys(1).data)).toBeDefined();
    expect(await latestVersion(store)).toBeUndefined();

    const redo = await run(retrainBatch, store);
    expect(redo).toMatchObject({ status: 'created', version: 'v1', record_count: 25 });
    expect(await readText(store, versionKeys(1).data)).toBe(expected);
    expect(await run(retrainBatch, store)).toMatchObject({ status: 'nothing_new', latest_version: 'v1' });
  });

  it('leaves a version being built alone while its claim is fresh', async () => {
    const store = new FolderStore(await tempDir());
    await withSplit(store);
    await stage(store, 'day1', safeQuestions(5), 'z');
    await run(retrainBatch, crashingStore(store, 2)); // claimed v1, then died writing its data
    expect(await run(retrainBatch, store)).toMatchObject({
      status: 'busy',
      version: 'v1',
      reason: expect.stringMatching(/pass -p take_over true/),
    });
    // An operator who knows that run is dead takes it over.
    expect(await run(retrainBatch, store, { take_over: true })).toMatchObject({ status: 'created', version: 'v1' });
  });

  it('redoes at once a fresh claim whose holder process on this machine is gone (a crashed local run)', async () => {
    const store = new FolderStore(await tempDir());
    await withSplit(store);
    await stage(store, 'day1', safeQuestions(5), 'z');
    await run(retrainBatch, crashingStore(store, 2));
    const claim = JSON.parse(await readText(store, versionKeys(1).claim));
    expect(claim.holder).toEqual({ host: hostname(), pid: process.pid });
    // As if another process on this machine had claimed v1 and died: a pid that no longer exists.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    await store.put(
      versionKeys(1).claim,
      JSON.stringify({ ...claim, holder: { host: hostname(), pid: Number(dead.stdout) } }),
    );
    expect(await run(retrainBatch, store)).toMatchObject({ status: 'created', version: 'v1' });
  });
});

describe('retrain-batch version lines', () => {
  it('are the staged lines with staged_key added, whatever shape a staged line has', async () => {
    const store = new FolderStore(await tempDir());
    await withSplit(store);
    await stage(store, 'day1', safeQuestions(3), 'a');
    const [stagedKey] = (await store.listPage('data/production/retraining_data_staged/')).objects
      .map((o) => o.key)
      .filter((k) => k.endsWith('.jsonl') && !k.includes('quarantine'));
    // A hand-edited line with spaces, and one that already names a staged_key, beside transform's own.
    const lines = (await readText(store, stagedKey!)).trim().split('\n');
    const edited = [...lines, '{"question": "what causes tarrow fever", "answer": "x", "question_type": "causes" }'];
    edited.push(JSON.stringify({ question: 'is tarrow fever inherited', answer: 'y', staged_key: 'old' }));
    await store.put(stagedKey!, `${edited.join('\n')}\n`);
    // As a file staged before line indexes were written: its lines are parsed.
    const summaryKey = stagedKey!.replace(/\.jsonl$/, '.summary.json');
    const { line_index: _, ...summary } = JSON.parse(await readText(store, summaryKey));
    await store.put(summaryKey, JSON.stringify(summary));

    expect(await run(retrainBatch, store)).toMatchObject({ status: 'created', record_count: 5 });
    const written = (await readText(store, versionKeys(1).data)).trim().split('\n');
    expect(written).toEqual(edited.map((line) => JSON.stringify({ ...JSON.parse(line), staged_key: stagedKey })));
  });
});
