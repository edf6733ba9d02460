import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_PER_SPLIT } from '../shared/bucket/dashboard-summary';
import { SPLIT_KEYS, SPLIT_METADATA_KEY, SPLIT_NAMES } from '../shared/bucket/keys';
import type { SplitMetadata } from '../shared/bucket/split-metadata';
import { questionKey } from '../shared/records/normalize';
import { type ActionDefinition, invokeAction } from '../shared/runtime';
import { offlineEtl } from '../shared/stages/offline-etl';
import { FolderStore, listAll, type ObjectStore, readText } from '../shared/store';
import { refreshSummary } from '../shared/summary/refresh';
import {
  generateRows,
  gzip,
  SMALL_EXPORT,
  SMALL_EXPORT_EXPECTED,
  toCsv,
  toJsonArray,
  toJsonl,
  toMedQuadXmlFiles,
  toParquet,
  toZip,
} from './fixtures/medquad-fixtures';
import { type RunningS3rver, startS3rver } from './helpers/s3rver';
import { tempDir } from './helpers/temp-dir';

const RAW = 'data/offline/raw/';

async function run(store: ObjectStore, params: Record<string, unknown> = {}) {
  return invokeAction(offlineEtl as ActionDefinition, { log_level: 'silent', ...params }, { store }) as Promise<
    Record<string, any>
  >;
}

async function splitRows(store: ObjectStore) {
  const rows: Record<string, Record<string, any>[]> = {};
  for (const name of SPLIT_NAMES) {
    const text = await readText(store, SPLIT_KEYS[name]);
    rows[name] = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  }
  return rows as Record<(typeof SPLIT_NAMES)[number], Record<string, any>[]>;
}

async function metadataOf(store: ObjectStore): Promise<SplitMetadata> {
  return JSON.parse(await readText(store, SPLIT_METADATA_KEY));
}

let s3rver: RunningS3rver;
beforeAll(async () => {
  s3rver = await startS3rver();
});
afterAll(async () => {
  await s3rver?.stop();
});

const stores: [string, () => Promise<ObjectStore>][] = [
  ['folder store', async () => new FolderStore(await tempDir())],
  ['S3 store on s3rver', () => s3rver.newStore()],
];

describe.each(stores)('offline-etl through the %s', (_, newStore) => {
  it('cleans, filters, de-duplicates and splits a hand-written export, counting every drop', async () => {
    const store = await newStore();
    const put = await store.put(`${RAW}small.jsonl`, toJsonl(SMALL_EXPORT));
    const result = await run(store, { key: `${RAW}small.jsonl` });

    expect(result).toMatchObject({ status: 'built', ...SMALL_EXPORT_EXPECTED });
    const rows = await splitRows(store);
    const all = SPLIT_NAMES.flatMap((name) => rows[name]);
    expect(all).toHaveLength(6);
    const byId = new Map(all.map((row) => [`${row.document_id}/${row.question_id}`, row]));
    expect(byId.get('d1/d1-2')).toMatchObject({
      question: 'Who is at risk for Glimmerfold disease?',
      answer: 'People who work night shifts.',
      question_type: 'causes',
    });
    expect(byId.get('d4/d4-1')).toMatchObject({
      question_type: 'symptoms',
      answer: 'Weak grip.',
      source_key: `${RAW}small.jsonl`,
      source_position: 7,
    });
    expect(byId.get('d7/d7-1')!.question).toBe('What is Caf\u00e9 lung ?');
    // The duplicate (row 10) is gone; the same question with another answer (row 11) is kept, in the same split.
    expect(byId.has('d1/d1-9')).toBe(false);
    const splitOf = (id: string) =>
      SPLIT_NAMES.find((name) => rows[name].some((row) => `${row.document_id}/${row.question_id}` === id));
    expect(splitOf('d6/d6-1')).toBe(splitOf('d1/d1-1'));

    const metadata = await metadataOf(store);
    expect(metadata).toMatchObject({
      source: `${RAW}small.jsonl`,
      inputs: [{ key: `${RAW}small.jsonl`, etag: put.etag, format: 'jsonl', records: 12 }],
      initial_records: 12,
      final_records: 6,
      seed: '42',
      safe_question_types: expect.arrayContaining(['symptoms', 'why get vaccinated']),
    });
    expect(metadata.ratios.training).toBeCloseTo(0.6);
    for (const name of SPLIT_NAMES) {
      expect(metadata.split_counts[name]).toBe(rows[name].length);
      expect(metadata.files[name].etag).toBe((await store.head(SPLIT_KEYS[name]))!.etag);
      const types = Object.values(metadata.question_type_counts[name]).reduce((a, b) => a + b, 0);
      expect(types).toBe(rows[name].length);
    }
    expect(typeof metadata.created_at).toBe('string');
  });

  it('keeps the dashboard summary of the rows it wrote: the same as read back from the split files', async () => {
    const store = await newStore();
    // Enough rows that each split's sample is thinned out as it grows.
    await store.put(`${RAW}export.jsonl`, toJsonl(generateRows(3000, 5)));
    expect(await run(store)).toMatchObject({ status: 'built' });
    const kept = JSON.parse(await readText(store, 'dashboard/partials/offline.json'));
    const summary = JSON.parse(await readText(store, 'dashboard/summary.json'));
    // Kept for the metadata just written, so the refresh took it and read no split file back.
    expect(kept.split_etag).toBe((await store.head(SPLIT_METADATA_KEY))!.etag);

    await store.delete('dashboard/partials/offline.json');
    const readBack = await refreshSummary(store);
    expect(JSON.parse(await readText(store, 'dashboard/partials/offline.json'))).toEqual(kept);
    expect(readBack.offline).toEqual(summary.offline);
    expect(readBack.offline!.sample.filter((row) => row.split === 'training')).toHaveLength(SAMPLE_PER_SPLIT);
    const trainingQuestions = new Set((await splitRows(store)).training.map((row) => row.question));
    expect(
      readBack.offline!.sample.every((row) => row.split !== 'training' || trainingQuestions.has(row.question)),
    ).toBe(true);
  });

  it('does nothing on a rerun with the same inputs, and repairs a split file changed behind its back', async () => {
    const store = await newStore();
    await store.put(`${RAW}small.json`, toJsonArray(SMALL_EXPORT));
    await run(store);
    const before = await metadataOf(store);

    const again = await run(store, { key: `${RAW}small.json` });
    expect(again).toMatchObject({ status: 'unchanged', final_records: 6 });
    expect((await metadataOf(store)).created_at).toBe(before.created_at);

    await store.put(SPLIT_KEYS.validation, 'half-written\n');
    const repaired = await run(store);
    expect(repaired.status).toBe('built');
    const rows = await splitRows(store);
    expect(SPLIT_NAMES.reduce((n, name) => n + rows[name].length, 0)).toBe(6);
  });

  it('gives the same split from parquet, gzip JSON Lines, a JSON array, CSV and a zip of XML of the same rows', async () => {
    const rows = generateRows(1500);
    const results = [];
    for (const [name, content] of [
      ['export.parquet', toParquet(rows, 400)],
      ['export.jsonl.gz', gzip(toJsonl(rows))],
      ['export.json', toJsonArray(rows)],
      ['export.csv', toCsv(rows)],
      ['release.zip', await toZip(toMedQuadXmlFiles(rows))],
    ] as const) {
      const store = await newStore();
      await store.put(RAW + name, content);
      const result = await run(store);
      const split = await splitRows(store);
      // The XML files group rows by document, so compare the sets, not the order.
      results.push({ result, ids: SPLIT_NAMES.map((n) => split[n].map((row) => row.record_id).sort()) });
    }
    expect(results[0]!.result.final_records).toBeGreaterThan(500);
    for (const other of results.slice(1)) {
      expect(other.result.dropped).toEqual(results[0]!.result.dropped);
      expect(other.ids).toEqual(results[0]!.ids);
    }
  });

  it('keeps every question in one split, and adding records moves no existing record', async () => {
    const store = await newStore();
    const rows = generateRows(3000, 11);
    await store.put(`${RAW}part-1.jsonl`, toJsonl(rows.slice(0, 2000)));
    await run(store);
    const first = await splitRows(store);
    const splitBefore = new Map(
      SPLIT_NAMES.flatMap((name) => first[name].map((row) => [row.record_id, name] as const)),
    );

    await store.put(`${RAW}part-2.jsonl`, toJsonl(rows.slice(2000)));
    const second = await run(store, { key: `${RAW}part-2.jsonl` });
    expect(second.inputs).toHaveLength(2);
    const after = await splitRows(store);
    for (const name of SPLIT_NAMES) {
      for (const row of after[name])
        if (splitBefore.has(row.record_id)) expect(splitBefore.get(row.record_id)).toBe(name);
    }
    const questionSplits = new Map<string, Set<string>>();
    for (const name of SPLIT_NAMES)
      for (const row of after[name])
        (
          questionSplits.get(questionKey(row.question)) ??
          questionSplits.set(questionKey(row.question), new Set()).get(questionKey(row.question))!
        ).add(name);
    expect([...questionSplits.values()].filter((splits) => splits.size > 1)).toEqual([]);
  });

  it.each([
    [
      'wrong magic bytes',
      'notes.docx',
      async () => Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0x01]),
      /unknown format/,
    ],
    [
      'a truncated gzip file',
      'cut.jsonl.gz',
      async () => gzip(toJsonl(generateRows(3000))).subarray(0, 2000),
      /gzip|unexpected end/i,
    ],
    [
      'a zip bomb-like expansion ratio',
      'bomb.zip',
      () => toZip({ 'x/1_A_QA/1.xml': Buffer.alloc(8 * 1024 * 1024, ' ') }),
      /zip bomb/,
    ],
    [
      'an XML file with an entity expansion',
      'lol.xml',
      async () => '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><Document>&a;</Document>',
      /DOCTYPE or entities/,
    ],
  ])('quarantines %s with its reason and builds from the other files', async (_, name, content, reason) => {
    const store = await newStore();
    await store.put(`${RAW}good.jsonl`, toJsonl(SMALL_EXPORT));
    await store.put(RAW + name, await content());
    const result = await run(store);
    expect(result).toMatchObject({ status: 'built', final_records: 6 });
    expect(result.quarantined).toEqual([
      { key: RAW + name, quarantine_key: `data/offline/quarantine/${name}`, reason: expect.stringMatching(reason) },
    ]);
    expect(await store.head(RAW + name)).toBeUndefined();
    expect(await store.head(`data/offline/quarantine/${name}`)).toBeDefined();
    expect(JSON.parse(await readText(store, `data/offline/quarantine/${name}.reason.json`)).reason).toMatch(reason);
  });

  it('keeps no record of a file that breaks half-way through', async () => {
    const store = await newStore();
    await store.put(`${RAW}a-good.jsonl`, toJsonl(SMALL_EXPORT));
    const big = gzip(toJsonl(generateRows(20_000, 5)));
    await store.put(`${RAW}b-cut.jsonl.gz`, big.subarray(0, Math.floor(big.length * 0.6)));
    const result = await run(store);
    expect(result).toMatchObject({ status: 'built', initial_records: 12, final_records: 6 });
    expect(result.quarantined[0]).toMatchObject({
      key: `${RAW}b-cut.jsonl.gz`,
      reason: expect.stringMatching(/gzip|unexpected end/i),
    });
    const rows = await splitRows(store);
    expect(SPLIT_NAMES.flatMap((name) => rows[name]).every((row) => row.source_key === `${RAW}a-good.jsonl`)).toBe(
      true,
    );
  });

  it('answers with a clear error for bad parameters and keys outside its prefix', async () => {
    const store = await newStore();
    expect(await run(store, { split_ratios: 'half/half' })).toEqual({
      error: {
        code: 'BAD_PARAMS',
        message: expect.stringMatching(/^invalid parameters for offline-etl: split_ratios/),
      },
    });
    expect(await run(store, { key: 'data/production/retraining_data_raw/x.jsonl' })).toEqual({
      error: { code: 'WRONG_PREFIX', message: expect.stringContaining('data/offline/raw/') },
    });
    expect(await run(store)).toMatchObject({ status: 'skipped', reason: 'no input files under data/offline/raw/' });
    expect(await listAll(store, 'data/dataset-split/')).toEqual([]);
  });
});
