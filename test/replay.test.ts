import { describe, expect, it } from 'vitest';
import {
  PRODUCTION_RAW_PREFIX,
  PRODUCTION_RULES_VERSION,
  PRODUCTION_STAGED_PREFIX,
  productionOutputKeys,
} from '../shared/bucket/keys';
import { replay } from '../shared/stages/replay';
import { transform } from '../shared/stages/transform';
import { FolderStore, listAll, readText } from '../shared/store';
import { productionLogFile } from './fixtures/production-logs';
import { runAction as run } from './helpers/run-action';
import { tempDir } from './helpers/temp-dir';

describe('replay', () => {
  it('re-stages archived files under the current rules, replacing the output of older rules', async () => {
    const store = new FolderStore(await tempDir());
    const key = `${PRODUCTION_RAW_PREFIX}2026/requests.jsonl`;
    const { etag } = await store.put(key, productionLogFile({ records: 120, seed: 4, noise: 0.05 }).content);
    await run(transform, store, { key });
    const current = productionOutputKeys(key, etag);
    const staged = await readText(store, current.staged);

    // As if the file had been staged under rules version 0: its outputs carry r0.
    const older = productionOutputKeys(key, etag, 0);
    for (const [from, to] of [
      [current.staged, older.staged],
      [current.lineIndex, older.lineIndex],
      [current.summary, older.summary],
      [current.quarantine, older.quarantine],
    ] as const) {
      await store.copy(from, to);
      await store.delete(from);
    }

    const result = await run(replay, store, { from: 'archive' });
    expect(result).toMatchObject({
      status: 'done',
      rules_version: PRODUCTION_RULES_VERSION,
      replayed: [key],
      already_current: 0,
    });
    expect(result.replaced_outputs.sort()).toEqual(
      [older.staged, older.lineIndex, older.summary, older.quarantine].sort(),
    );
    expect(await readText(store, current.staged)).toBe(staged);
    expect((await listAll(store, PRODUCTION_STAGED_PREFIX)).map((o) => o.key).sort()).toEqual(
      [current.staged, current.lineIndex, current.summary].sort(),
    );

    expect(await run(replay, store)).toMatchObject({ replayed: [], already_current: 1 });
    expect(await run(replay, store, { since: '2999-01-01' })).toMatchObject({ replayed: [], already_current: 0 });
    expect((await run(replay, store, { since: 'yesterday' })).error.code).toBe('BAD_PARAMS');
  });
});
