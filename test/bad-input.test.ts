import { describe, expect, it } from 'vitest';
import { OFFLINE_RAW_PREFIX, PRODUCTION_ARCHIVE_PREFIX, PRODUCTION_RAW_PREFIX } from '../shared/bucket/keys';
import { offlineEtl } from '../shared/stages/offline-etl';
import { transform } from '../shared/stages/transform';
import { type ObjectStore, readText } from '../shared/store';
import { BAD_INPUT_CASES, type BadInputCase } from './fixtures/bad-input';
import { generateRows, toJsonl } from './fixtures/medquad-fixtures';
import { runAction as run } from './helpers/run-action';
import { storesUnderTest } from './helpers/stores-under-test';

const GOOD_LOG = ['what is gout', 'how is lupus diagnosed', 'what causes anemia']
  .map((question) => JSON.stringify({ question, answer: `About ${question}.` }))
  .join('\n');

const quarantineLines = async (store: ObjectStore, key: string) =>
  (await readText(store, key))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { reason: string; detail?: string });

/**
 * A bad production file: its reason quarantined, the file archived (never retried forever), a good file after it whole.
 */
async function productionCase(store: ObjectStore, c: BadInputCase) {
  const key = `${PRODUCTION_RAW_PREFIX}${c.file}`;
  await store.put(key, c.content());
  const result = await run(transform, store, { key, ...c.params });
  expect(result.error, c.name).toBeUndefined();
  expect(result.archived_to, c.name).toBe(`${PRODUCTION_ARCHIVE_PREFIX}${c.file}`);
  if ('unreadable' in c.expect) {
    expect(result.dropped, c.name).toEqual({ unreadable_file: 1 });
    const [line] = await quarantineLines(store, result.keys_written[1]);
    expect(line, c.name).toMatchObject({
      reason: 'unreadable_file',
      detail: expect.stringMatching(c.expect.unreadable),
    });
  } else {
    expect(result.dropped, c.name).toEqual(c.expect.dropped);
    expect(result.records_out, c.name).toBe(c.expect.kept);
  }
  const good = `${PRODUCTION_RAW_PREFIX}after-${c.file.replace(/\W/g, '-')}.jsonl`;
  await store.put(good, GOOD_LOG);
  expect(await run(transform, store, { key: good }), `${c.name}: the next file`).toMatchObject({ records_out: 3 });
}

/** A bad offline export: quarantined with its reason, the good export beside it split as usual. */
async function offlineCase(store: ObjectStore, c: BadInputCase) {
  await store.put(`${OFFLINE_RAW_PREFIX}good.jsonl`, toJsonl(generateRows(50, 5)));
  await store.put(`${OFFLINE_RAW_PREFIX}${c.file}`, c.content());
  const result = await run(offlineEtl, store, c.params);
  expect(result.error, c.name).toBeUndefined();
  expect(result.status, c.name).toBe('built');
  expect(result.final_records, c.name).toBeGreaterThan(0);
  if (!('unreadable' in c.expect)) throw new Error(`offline case ${c.name} must be unreadable`);
  expect(result.quarantined, c.name).toEqual([
    expect.objectContaining({
      key: `${OFFLINE_RAW_PREFIX}${c.file}`,
      reason: expect.stringMatching(c.expect.unreadable),
    }),
  ]);
}

describe.each(storesUnderTest())('the bad-input corpus through the %s', (_, newStore) => {
  it.each(BAD_INPUT_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const store = await newStore();
    if (c.target === 'production') await productionCase(store, c);
    else await offlineCase(store, c);
  });
});
