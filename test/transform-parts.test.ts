import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inProcessActivations } from '../shared/adapter/local/activations';
import {
  PRODUCTION_RAW_PREFIX,
  PRODUCTION_STAGED_PREFIX,
  productionOutputKeys,
  productionPartKeys,
} from '../shared/bucket/keys';
import { LINE_INDEX_ENTRY_BYTES, readLineIndexEntry } from '../shared/bucket/line-index';
import { type StagedSummary, StagedSummarySchema } from '../shared/bucket/staged';
import { MAX_PARTS } from '../shared/production/parts/staged-in-parts';
import { type ActionDefinition, type Activations, invokeAction, type StartedRun } from '../shared/runtime';
import { transform } from '../shared/stages/transform';
import { collectStatus, formatStatus } from '../shared/status/status';
import { listAll, type ObjectStore, readText } from '../shared/store';
import { productionLogFile } from './fixtures/production-logs';
import { storesUnderTest } from './helpers/stores-under-test';

const RAW_KEY = `${PRODUCTION_RAW_PREFIX}2026/06/01/busy-day.jsonl`;

const run = (store: ObjectStore, params: Record<string, unknown>, activations?: Activations) =>
  invokeAction(
    transform as ActionDefinition,
    { log_level: 'silent', ...params },
    { store, ...(activations ? { activations } : {}) },
  ) as Promise<Record<string, any>>;

/** A log with every kind of noise and many repeated questions, so parts see repeats of each other's records. */
const LOG = productionLogFile({ records: 3000, seed: 11, noise: 0.02, repeats: 0.4, longLineBytes: 70_000 });

/** What one pass over the file stages: the reference the parts must match. */
async function stagedInOnePass(store: ObjectStore) {
  const put = await store.put(RAW_KEY, LOG.content);
  const result = await run(store, { key: RAW_KEY, part_bytes: LOG.content.length * 2 });
  expect(result.status).toBe('staged');
  return outputsOf(store, put.etag);
}

async function outputsOf(store: ObjectStore, etag: string) {
  const keys = productionOutputKeys(RAW_KEY, etag);
  const summary = StagedSummarySchema.parse(JSON.parse(await readText(store, keys.summary)));
  return {
    staged: await readText(store, keys.staged),
    quarantine: await readText(store, keys.quarantine),
    summary,
    index: await indexEntries(store, summary),
  };
}

/** The line index with its type numbers resolved: the numbering itself may differ, what it says may not. */
async function indexEntries(store: ObjectStore, summary: StagedSummary) {
  const ref = summary.line_index!;
  const bytes = Buffer.from(await store.getRange(ref.key, 0, summary.records_out * LINE_INDEX_ENTRY_BYTES));
  const entries: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += LINE_INDEX_ENTRY_BYTES) {
    const entry = readLineIndexEntry(bytes, offset);
    entries.push(
      `${entry.digest.toString('hex')} ${entry.questionDigest.toString('hex')} ${entry.lineBytes} ${entry.questionLength} ${ref.types[entry.typeIndex]}`,
    );
  }
  return entries;
}

function comparable(summary: StagedSummary) {
  const { created_at: _created, parts: _parts, line_index, ...rest } = summary;
  return { ...rest, line_index: { ...line_index, types: [...(line_index?.types ?? [])].sort() } };
}

/** `content` staged in one pass on one new store and in parts of `partBytes` on another. */
async function stagedBothWays(newStore: () => Promise<ObjectStore>, content: Buffer, partBytes: number) {
  const [whole, parted] = [await newStore(), await newStore()];
  for (const store of [whole, parted]) await store.put(RAW_KEY, content);
  const one = await run(whole, { key: RAW_KEY });
  const inParts = await run(
    parted,
    { key: RAW_KEY, part_bytes: partBytes },
    inProcessActivations({ transform: transform as ActionDefinition }, { store: parted, concurrency: 2 }),
  );
  return { whole, parted, one, inParts };
}

/** Runs handed to another platform: recorded, run only when the test says. */
function detachedActivations() {
  const runs: Record<string, unknown>[] = [];
  const activations: Activations = {
    mode: 'detached',
    parallelism: Number.POSITIVE_INFINITY,
    async start(action, paramSets) {
      expect(action).toBe('transform');
      runs.push(...paramSets);
      return paramSets.map((_, i): StartedRun => ({ id: `act-${runs.length - paramSets.length + i}` }));
    },
  };
  return { activations, runs };
}

describe.each(storesUnderTest())('transform in parts through the %s', (_, newStore) => {
  it('stages a file in 8 parts to the same records, quarantine, line index and counts as one pass', async () => {
    const reference = await stagedInOnePass(await newStore());
    const store = await newStore();
    const put = await store.put(RAW_KEY, LOG.content);
    const partBytes = Math.ceil(LOG.content.length / 8);
    const result = await run(
      store,
      { key: RAW_KEY, part_bytes: partBytes },
      inProcessActivations({ transform: transform as ActionDefinition }, { store, concurrency: 2 }),
    );

    expect(result).toMatchObject({ status: 'staged', parts: 8, records_in: LOG.expected.records_in });
    expect(result.dropped.duplicate).toBeGreaterThan(100); // most repeats lie in another part than their first
    const parted = await outputsOf(store, put.etag);
    expect(parted.staged).toBe(reference.staged);
    expect(parted.quarantine).toBe(reference.quarantine);
    expect(parted.index).toEqual(reference.index);
    expect(comparable(parted.summary)).toEqual(comparable(reference.summary));
    expect(parted.summary.parts).toBe(8);

    // The parts' outputs and the plan are gone; the raw file is archived.
    const left = (await listAll(store, PRODUCTION_STAGED_PREFIX)).map((object) => object.key);
    expect(left.filter((key) => /\.part-|\.parts\.json$/.test(key))).toEqual([]);
    expect(await store.head(RAW_KEY)).toBeUndefined();
    expect(result.archived_to).toMatch(/production_data_archive/);
  });

  it('started detached, reports the parts it started; the run of the last part done joins and archives', async () => {
    const store = await newStore();
    const put = await store.put(RAW_KEY, LOG.content);
    const { activations, runs } = detachedActivations();
    const planned = await run(store, { key: RAW_KEY, part_bytes: Math.ceil(LOG.content.length / 4) }, activations);
    expect(planned).toMatchObject({ status: 'parts_started', parts: 4, started: [0, 1, 2, 3] });
    expect(runs.map((params) => params.part)).toEqual([0, 1, 2, 3]);
    expect(runs[0]).toMatchObject({ key: RAW_KEY, etag: put.etag, part_bytes: Math.ceil(LOG.content.length / 4) });

    // Parts finish in any order; only the last one joins.
    const results = [];
    for (const params of [runs[2]!, runs[0]!]) results.push(await run(store, params));
    // `medqa status` shows how far the file is.
    const midway = await collectStatus(store);
    expect(midway.production.staging_in_parts).toEqual([{ key: RAW_KEY, parts_done: 2, parts: 4 }]);
    expect(formatStatus(midway, store.bucket)).toContain(`staging in parts: ${RAW_KEY}, 2 of 4 parts done`);
    for (const params of [runs[3]!, runs[1]!]) results.push(await run(store, params));
    expect((await collectStatus(store)).production.staging_in_parts).toEqual([]);
    expect(results.map((result) => [result.status, result.joined])).toEqual([
      ['part_staged', false],
      ['part_staged', false],
      ['part_staged', false],
      ['part_staged', true],
    ]);
    expect(await store.head(RAW_KEY)).toBeUndefined();

    // A part delivered again after the join changes nothing.
    const again = await run(store, runs[2]!);
    expect(again.status).toBe('already_processed');
  });

  it('a run soon after leaves started parts to their runs; a part that failed is the only one staged again', async () => {
    const store = await newStore();
    const put = await store.put(RAW_KEY, LOG.content);
    const partBytes = Math.ceil(LOG.content.length / 4);
    const { activations, runs } = detachedActivations();
    await run(store, { key: RAW_KEY, part_bytes: partBytes }, activations);
    for (const params of runs.slice(0, 3)) await run(store, params); // part 3 never ran

    const soon = await run(store, { key: RAW_KEY, part_bytes: partBytes }, activations);
    expect(soon).toMatchObject({ status: 'parts_in_progress', missing: [3] });
    expect(runs).toHaveLength(4);

    // In-process runs are awaited: a rerun stages part 3 only, then the file is joined.
    const staged: number[] = [];
    const inProcess = inProcessActivations({ transform: transform as ActionDefinition }, { store, concurrency: 2 });
    const watching: Activations = {
      mode: 'awaited',
      parallelism: 2,
      start: (action, paramSets) => {
        staged.push(...paramSets.map((params) => params.part as number));
        return inProcess.start(action, paramSets);
      },
    };
    const rerun = await run(store, { key: RAW_KEY, part_bytes: partBytes }, watching);
    expect(staged).toEqual([3]);
    expect(rerun).toMatchObject({ status: 'staged', parts: 4, records_in: LOG.expected.records_in });
    expect(await store.head(productionPartKeys(RAW_KEY, put.etag, 3).summary)).toBeUndefined();
  });

  it('names the parts the platform did not take; a later run starts them', async () => {
    const store = await newStore();
    await store.put(RAW_KEY, LOG.content);
    const refusing: Activations = {
      mode: 'detached',
      parallelism: Number.POSITIVE_INFINITY,
      start: async (_, paramSets) =>
        paramSets.map((params) =>
          params.part === 1 ? { id: '', notStarted: 'HTTP 429 (Too Many Requests)' } : { id: `a${params.part}` },
        ),
    };
    const result = await run(store, { key: RAW_KEY, part_bytes: Math.ceil(LOG.content.length / 3) }, refusing);
    expect(result).toMatchObject({
      status: 'parts_started',
      started: [0, 2],
      activations: ['a0', 'a2'],
      not_started: [1],
    });
    expect(result.reason).toMatch(/1 part\(s\) not taken by the platform \(HTTP 429/);
  });

  it('fails the file with each failed part named, keeping the parts that were staged', async () => {
    const store = await newStore();
    const put = await store.put(RAW_KEY, LOG.content);
    const inProcess = inProcessActivations({ transform: transform as ActionDefinition }, { store, concurrency: 2 });
    const failingPart1: Activations = {
      mode: 'awaited',
      parallelism: 2,
      start: async (action, paramSets) => {
        const kept = paramSets.filter((params) => params.part !== 1);
        const done = await inProcess.start(action, kept);
        return paramSets.map((params) =>
          params.part === 1
            ? { id: 'lost', result: { error: { code: 'TIMEOUT', message: 'the activation ran out of time' } } }
            : done.shift()!,
        );
      },
    };
    const result = await run(store, { key: RAW_KEY, part_bytes: Math.ceil(LOG.content.length / 3) }, failingPart1);
    expect(result.error.code).toBe('PART_FAILED');
    expect(result.error.message).toMatch(/1 of 3 parts .*part 1: TIMEOUT/);
    expect(await store.head(RAW_KEY)).toBeDefined();
    expect(await store.head(productionPartKeys(RAW_KEY, put.etag, 0).summary)).toBeDefined();
    expect(await store.head(productionPartKeys(RAW_KEY, put.etag, 1).summary)).toBeUndefined();
  });

  it('reads a line with a byte-order mark where a part starts as one pass reads it', async () => {
    const first = `${JSON.stringify({ question: 'What causes gout?', answer: 'Uric acid crystals in a joint.' })}\n`;
    const second = `\uFEFF${JSON.stringify({ question: 'What is anemia?', answer: 'Too few red blood cells.' })}\n`;
    const content = Buffer.from(first + second + first.replace('gout', 'asthma'));
    const { whole, parted, one, inParts } = await stagedBothWays(newStore, content, Buffer.byteLength(first));
    expect(inParts.parts).toBeGreaterThan(1);
    expect([inParts.records_out, inParts.dropped]).toEqual([one.records_out, one.dropped]);
    const staged = async (store: ObjectStore) =>
      readText(store, productionOutputKeys(RAW_KEY, (await store.head(inParts.archived_to))!.etag).staged);
    expect(await staged(parted)).toBe(await staged(whole));
  });

  it("counts unknown fields as one pass does, the file's first 50 names, also when a part has more", async () => {
    // A long first line, so that the next two lie in one part.
    const answer = `Uric acid crystals. ${'Gout flares come and go. '.repeat(80)}`;
    const first = `${JSON.stringify({ question: 'What causes gout?', answer, a: 1 })}\n`;
    const many = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`f${i}`, i]));
    const second = `${JSON.stringify({ question: 'What is anemia?', answer: 'Too few red cells.', ...many })}\n`;
    const third = `${JSON.stringify({ question: 'What is asthma?', answer: 'Narrowed airways.', a: 2 })}\n`;
    const content = Buffer.from(first + second + third);
    const { one, inParts } = await stagedBothWays(newStore, content, Buffer.byteLength(first));
    expect(inParts.parts).toBe(2);
    expect(one.unknown_fields.a).toBe(2);
    expect(Object.keys(one.unknown_fields)).toHaveLength(50);
    expect(inParts.unknown_fields).toEqual(one.unknown_fields);
  });

  it('plans at most MAX_PARTS parts, however small part_bytes is', async () => {
    const store = await newStore();
    await store.put(RAW_KEY, LOG.content);
    const { activations, runs } = detachedActivations();
    const planned = await run(store, { key: RAW_KEY, part_bytes: 1 }, activations);
    expect(planned.status).toBe('parts_started');
    expect(runs.length).toBeLessThanOrEqual(MAX_PARTS);
    expect(runs.length).toBeGreaterThan(MAX_PARTS / 2);
  });

  it('stages a gzip file whole and says why, and a file where parts would not help; a small one says nothing', async () => {
    const store = await newStore();
    const key = `${PRODUCTION_RAW_PREFIX}2026/06/01/busy-day.jsonl.gz`;
    await store.put(key, gzipSync(LOG.content));
    const activations = inProcessActivations({ transform: transform as ActionDefinition }, { store, concurrency: 2 });
    const gz = await run(store, { key, part_bytes: 4096 }, activations);
    expect(gz).toMatchObject({ status: 'staged', staged_whole: 'gzip has no random access' });

    // In a process that runs one part at a time, parts would only add a join.
    await store.put(RAW_KEY, LOG.content);
    const oneAtATime = inProcessActivations({ transform: transform as ActionDefinition }, { store, concurrency: 1 });
    const single = await run(store, { key: RAW_KEY, part_bytes: 4096 }, oneAtATime);
    expect(single).toMatchObject({ status: 'staged', staged_whole: 'parts would run one at a time here' });

    await store.put(`${RAW_KEY}.2.jsonl`, LOG.content.subarray(0, 100_000));
    const small = await run(store, { key: `${RAW_KEY}.2.jsonl` }, activations);
    expect(small.status).toBe('staged');
    expect(small.parts).toBeUndefined();
    expect(small.staged_whole).toBeUndefined();
  });
});
