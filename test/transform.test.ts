import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  PRODUCTION_ARCHIVE_PREFIX,
  PRODUCTION_RAW_PREFIX,
  PRODUCTION_STAGED_PREFIX,
  productionOutputKeys,
} from '../shared/bucket/keys';
import { type ActionDefinition, invokeAction } from '../shared/runtime';
import { transform } from '../shared/stages/transform';
import { FolderStore, listAll, type ObjectStore, readText } from '../shared/store';
import { productionLogFile } from './fixtures/production-logs';
import { crashingStore } from './helpers/crashing-store';
import { storesUnderTest } from './helpers/stores-under-test';
import { tempDir } from './helpers/temp-dir';

const RAW_KEY = `${PRODUCTION_RAW_PREFIX}2026/05/01/requests.jsonl`;
const IDENTIFIER_VALUES = ['Dana Whitfield', 'dana.w@example.com', '201-3344', '00451234', '03/14/1985'];

const run = (store: ObjectStore, params: Record<string, unknown>) =>
  invokeAction(transform as ActionDefinition, { log_level: 'silent', ...params }, { store }) as Promise<
    Record<string, any>
  >;

async function everything(store: ObjectStore, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const object of await listAll(store, prefix)) out.set(object.key, await readText(store, object.key));
  return out;
}

/** The quarantine lines of a run, parsed. */
async function quarantineLines(store: ObjectStore, key: string): Promise<Record<string, unknown>[]> {
  return (await readText(store, key))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
}

describe.each(storesUnderTest())('transform through the %s', (_, newStore) => {
  it('stages clean records, quarantines every dropped one with its reason and line, archives the raw file', async () => {
    const store = await newStore();
    const { content, expected } = productionLogFile({ records: 3000, seed: 5, noise: 0.02, longLineBytes: 70_000 });
    const put = await store.put(RAW_KEY, content);
    const result = await run(store, { key: RAW_KEY, etag: put.etag });

    expect(result).toMatchObject({
      status: 'staged',
      records_in: expected.records_in,
      records_out: expected.records_out,
      dropped: expected.dropped,
    });
    expect(Object.keys(expected.dropped).sort()).toEqual([
      'duplicate',
      'invalid_json',
      'invalid_utf8',
      'missing_answer',
      'missing_question',
      'not_an_object',
      'record_too_long',
      'unsafe_question_type',
    ]);
    expect(result.unknown_fields).toMatchObject({ model: expect.any(Number), session: expect.any(Number) });
    expect(
      Object.values(result.redactions as Record<string, number>).reduce((a, b) => a + b, 0),
    ).toBeGreaterThanOrEqual(expected.identifiers);

    const keys = productionOutputKeys(RAW_KEY, put.etag);
    const staged = (await readText(store, keys.staged))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(staged).toHaveLength(expected.records_out);
    expect(staged[0]).toMatchObject({
      record_id: expect.any(String),
      question_type_source: 'inferred',
      source_key: RAW_KEY,
      source_etag: put.etag,
      source_line: expect.any(Number),
    });
    expect(new Set(staged.map((r) => r.record_id)).size).toBe(staged.length);
    expect(staged.every((r) => typeof r.timestamp === 'string' && !('model' in r) && !('session' in r))).toBe(true);

    const quarantined = (await readText(store, keys.quarantine))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(quarantined).toHaveLength(expected.records_in - expected.records_out);
    expect(quarantined.every((q) => q.source_key === RAW_KEY && Number.isInteger(q.line) && q.reason)).toBe(true);

    // PII-reduced downstream of transform: none of the generated identifiers survive.
    for (const text of [
      ...(await everything(store, PRODUCTION_STAGED_PREFIX)).values(),
      ...(await everything(store, 'data/production/quarantine/')).values(),
    ]) {
      for (const value of IDENTIFIER_VALUES) expect(text).not.toContain(value);
    }
    expect(await listAll(store, PRODUCTION_RAW_PREFIX)).toEqual([]);
    expect(await readText(store, `${PRODUCTION_ARCHIVE_PREFIX}2026/05/01/requests.jsonl`)).toBe(content.toString());
  });

  it('drops every repeat of a popular question and answer as a duplicate, with exact counts', async () => {
    const store = await newStore();
    const { content, expected } = productionLogFile({ records: 1500, seed: 8, repeats: 0.4 });
    const put = await store.put(RAW_KEY, content);
    const result = await run(store, { key: RAW_KEY, etag: put.etag });
    expect(expected.dropped.duplicate).toBeGreaterThan(400);
    expect(result).toMatchObject({
      records_in: expected.records_in,
      records_out: expected.records_out,
      dropped: expected.dropped,
    });
    const staged = await readText(store, productionOutputKeys(RAW_KEY, put.etag).staged);
    expect(staged.trim().split('\n')).toHaveLength(expected.records_out);
  });

  it('reads a gzip JSON array as well', async () => {
    const store = await newStore();
    const records = [
      { ts: 1_777_000_000, question: 'what are the symptoms of tarrow fever', answer: 'Fever and chills.' },
      { timestamp: '2026-05-01T10:00:03Z', question: 'how much tylenol can i take', answer: 'Ask your pharmacist.' },
      'not an object',
    ];
    const key = `${PRODUCTION_RAW_PREFIX}batch.json.gz`;
    await store.put(key, gzipSync(JSON.stringify(records)));
    const result = await run(store, { key });
    expect(result).toMatchObject({
      records_in: 3,
      records_out: 1,
      dropped: { unsafe_question_type: 1, not_an_object: 1 },
    });
    const [row] = (await readText(store, result.keys_written[0]))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(row).toMatchObject({ question_type: 'symptoms', timestamp: '2026-04-24T03:06:40.000Z', source_line: 1 });
  });

  it.each([
    ['requests.log', '[INFO] chatbot log started 2026-05-01\n'],
    ['requests.jsonl', '[2026-05-01 10:00:00] writer v3\n'],
    ['requests.json', '[INFO] started\n'],
    ['requests.json', '["worker-1"] service started\n'],
    ['requests.json', '[1] boot\n'],
    ['requests.json', '[{"level":"info"}] started\n'],
  ])(
    'reads %s that opens with a banner line as JSON Lines, the banner dropped as invalid_json',
    async (name, banner) => {
      const store = await newStore();
      const key = `${PRODUCTION_RAW_PREFIX}${name}`;
      const lines = [
        { question: 'what are the symptoms of gout', answer: 'Joint pain.' },
        { question: 'what causes gout', answer: 'Uric acid.' },
      ];
      await store.put(key, banner + lines.map((line) => JSON.stringify(line)).join('\n'));
      const result = await run(store, { key });
      expect(result).toMatchObject({ status: 'staged', records_in: 3, records_out: 2, dropped: { invalid_json: 1 } });
    },
  );

  it('drops a record nested thousands of levels deep as too_deep, and stages the rest of its file', async () => {
    const store = await newStore();
    const key = `${PRODUCTION_RAW_PREFIX}deep.jsonl`;
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const good = JSON.stringify({ question: 'what causes gout', answer: 'Uric acid.' });
    await store.put(key, [good, deep].join('\n'));
    const result = await run(store, { key, max_record_bytes: 1_000_000 });
    expect(result).toMatchObject({ status: 'staged', records_in: 2, records_out: 1, dropped: { too_deep: 1 } });
    const quarantine = (await readText(store, productionOutputKeys(key, result.etag).quarantine)).trim();
    expect(JSON.parse(quarantine)).toMatchObject({
      reason: 'too_deep',
      line: 2,
      detail: 'nested too deeply to process',
    });
  });

  it('keeps nothing of a file that grew while it was read: no partial copy for a batch to take', async () => {
    const store = await newStore();
    const key = `${PRODUCTION_RAW_PREFIX}growing.jsonl`;
    const line = (n: number) => JSON.stringify({ question: `what causes gout ${n}`, answer: `Uric acid ${n}.` });
    const first = Array.from({ length: 3 }, (_, i) => line(i)).join('\n');
    const full = Array.from({ length: 6 }, (_, i) => line(i)).join('\n');
    await store.put(key, first);
    // The upload goes on while transform reads: its read sees the first part, the store then holds all of it.
    let grown = false;
    const growing = new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'get' || typeof value !== 'function')
          return typeof value === 'function' ? value.bind(target) : value;
        return async (k: string) => {
          const stream = await value.call(target, k);
          if (k === key && !grown) {
            grown = true;
            const chunks: Buffer[] = [];
            for await (const chunk of stream) chunks.push(Buffer.from(chunk));
            await target.put(key, full);
            return Readable.from(chunks);
          }
          return stream;
        };
      },
    }) as ObjectStore;
    const partial = await run(growing, { key });
    expect(partial.error).toMatchObject({
      code: 'CHANGED',
      message: expect.stringMatching(/changed while it was read/),
    });
    expect(await listAll(store, PRODUCTION_STAGED_PREFIX)).toEqual([]);

    const whole = await run(store, { key });
    expect(whole).toMatchObject({ status: 'staged', records_in: 6, records_out: 6 });
    expect(
      (await listAll(store, PRODUCTION_STAGED_PREFIX)).filter((o) => o.key.endsWith('.summary.json')),
    ).toHaveLength(1);
  });

  it('gives the same result for an event delivered three times', async () => {
    const store = await newStore();
    const { content } = productionLogFile({ records: 500, seed: 9 });
    const put = await store.put(RAW_KEY, content);
    const first = await run(store, { key: RAW_KEY, etag: put.etag });
    const outputs = await everything(store, 'data/production/');
    const again = [
      await run(store, { key: RAW_KEY, etag: put.etag }),
      await run(store, { key: RAW_KEY, etag: put.etag }),
    ];
    expect(first.status).toBe('staged');
    expect(again.map((r) => r.status)).toEqual(['already_processed', 'already_processed']);
    expect(await everything(store, 'data/production/')).toEqual(outputs);
  });

  it('processes a re-upload of the same key with new content as new data, keeping both archived', async () => {
    const store = await newStore();
    const v1 = await store.put(RAW_KEY, productionLogFile({ records: 50, seed: 1 }).content);
    await run(store, { key: RAW_KEY, etag: v1.etag });
    const v2 = await store.put(RAW_KEY, productionLogFile({ records: 80, seed: 2 }).content);
    const second = await run(store, { key: RAW_KEY, etag: v2.etag });
    expect(second.status).toBe('staged');
    expect(second.records_in).toBe(80);
    const archived = (await listAll(store, PRODUCTION_ARCHIVE_PREFIX)).map((o) => o.key).sort();
    expect(archived).toEqual([
      `${PRODUCTION_ARCHIVE_PREFIX}2026/05/01/requests.jsonl`,
      `${PRODUCTION_ARCHIVE_PREFIX}2026/05/01/requests.jsonl.${v2.etag}`,
    ]);
    expect(
      (await listAll(store, PRODUCTION_STAGED_PREFIX)).filter((o) => o.key.endsWith('.summary.json')),
    ).toHaveLength(2);
  });

  it('archives a file that is not a log, with its reason quarantined and nothing staged', async () => {
    const store = await newStore();
    const key = `${PRODUCTION_RAW_PREFIX}photo.jpg`;
    await store.put(key, Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
    const result = await run(store, { key });
    expect(result).toMatchObject({
      records_in: 0,
      records_out: 0,
      dropped: { unreadable_file: 1 },
      archived_to: `${PRODUCTION_ARCHIVE_PREFIX}photo.jpg`,
    });
    const [reason] = await quarantineLines(store, result.keys_written[1]);
    expect(reason).toMatchObject({
      reason: 'unreadable_file',
      detail: expect.stringMatching(/unknown format: expected JSON Lines or a JSON array/),
    });
  });

  it('quarantines a gzip that inflates past max_decompressed_bytes, with its reason', async () => {
    const store = await newStore();
    const key = `${PRODUCTION_RAW_PREFIX}bomb.jsonl.gz`;
    // 16 MB of blank lines and one record at the end: about 16 KB compressed.
    const blank = Buffer.alloc(16 * 1024 * 1024, 0x0a);
    await store.put(key, gzipSync(Buffer.concat([blank, Buffer.from('{"question":"q","answer":"a"}\n')])));
    const result = await run(store, { key, max_decompressed_bytes: 1024 * 1024 });
    expect(result).toMatchObject({ records_out: 0, dropped: { unreadable_file: 1 } });
    const [reason] = await quarantineLines(store, result.keys_written[1]);
    expect(reason).toMatchObject({
      reason: 'unreadable_file',
      detail: expect.stringContaining('max_decompressed_bytes (1048576 bytes)'),
    });
  });

  it('answers with clear errors for keys it does not handle', async () => {
    const store = await newStore();
    expect((await run(store, { key: 'data/offline/raw/x.jsonl' })).error.code).toBe('WRONG_PREFIX');
    expect((await run(store, { key: `${PRODUCTION_RAW_PREFIX}missing.jsonl` })).error).toEqual({
      code: 'NOT_FOUND',
      message: expect.stringContaining('no object at data/production/retraining_data_raw/missing.jsonl'),
    });
    expect((await run(store, {})).error.code).toBe('BAD_PARAMS');
  });
});

describe('transform after a crash between any two writes', () => {
  it('finishes on the rerun with byte-identical outputs, no duplicates, and the raw file archived', async () => {
    const { content, expected } = productionLogFile({ records: 400, seed: 21, noise: 0.03 });
    // A clean run gives the reference outputs and the number of writes a run makes.
    const reference = new FolderStore(await tempDir());
    const counted = crashingStore(reference, Number.POSITIVE_INFINITY);
    const put = await reference.put(RAW_KEY, content);
    await run(counted, { key: RAW_KEY, etag: put.etag });
    const referenceOutputs = await everything(reference, 'data/production/');
    const withoutTimes = (outputs: Map<string, string>) =>
      new Map([...outputs].map(([k, v]) => [k, v.replace(/"created_at": "[^"]+"/, '')]));
    expect(counted.mutations).toBeGreaterThanOrEqual(4); // staged, quarantine, summary, the archive's rename

    for (let crashAt = 1; crashAt <= counted.mutations; crashAt += 1) {
      const store = new FolderStore(await tempDir());
      await store.put(RAW_KEY, content);
      const crashed = await run(crashingStore(store, crashAt), { key: RAW_KEY, etag: put.etag });
      expect(crashed.error?.message, `crash at ${crashAt}`).toMatch(/injected crash/);
      // Nothing is lost: the raw file is still in raw or already in the archive.
      const rawLeft = await store.head(RAW_KEY);
      const archivedCopy = await store.head(`${PRODUCTION_ARCHIVE_PREFIX}2026/05/01/requests.jsonl`);
      expect(rawLeft ?? archivedCopy, `crash at ${crashAt}`).toBeDefined();

      const rerun = await run(store, { key: RAW_KEY, etag: put.etag });
      expect(rerun.error, `rerun after crash at ${crashAt}`).toBeUndefined();
      expect(withoutTimes(await everything(store, 'data/production/')), `outputs after crash at ${crashAt}`).toEqual(
        withoutTimes(referenceOutputs),
      );
      const staged = (await readText(store, productionOutputKeys(RAW_KEY, put.etag).staged)).trim().split('\n');
      expect(staged).toHaveLength(expected.records_out);
    }
  });
});
