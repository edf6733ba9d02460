import { describe, expect, it } from 'vitest';
import { PRODUCTION_ARCHIVE_PREFIX, PRODUCTION_RAW_PREFIX } from '../shared/bucket/keys';
import { invokeAction } from '../shared/runtime';
import { transform } from '../shared/stages/transform';
import { FolderStore } from '../shared/store';
import { productionLogFile } from './fixtures/production-logs';
import { tempDir } from './helpers/temp-dir';

describe('transform and its archive move', () => {
  it('look at the raw object twice (before reading, and that it did not change) and at the archive once', async () => {
    const store = new FolderStore(await tempDir());
    const key = `${PRODUCTION_RAW_PREFIX}day1.jsonl`;
    await store.put(key, productionLogFile({ records: 20 }).content);
    const heads: string[] = [];
    const head = store.head.bind(store);
    store.head = (k: string) => {
      heads.push(k);
      return head(k);
    };
    expect(await invokeAction(transform, { key, log_level: 'silent' }, { store })).toMatchObject({
      status: 'staged',
      archived_to: `${PRODUCTION_ARCHIVE_PREFIX}day1.jsonl`,
    });
    expect(heads.filter((k) => k === key)).toHaveLength(2);
    expect(heads.filter((k) => k.startsWith(PRODUCTION_ARCHIVE_PREFIX))).toHaveLength(1);
  });
});
