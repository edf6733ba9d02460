import { describe, expect, it } from 'vitest';
import { PRODUCTION_RAW_PREFIX } from '../shared/bucket/keys';
import { reconcile } from '../shared/reconcile';
import { collectStatus, formatStatus } from '../shared/status/status';
import { productionLogFile } from './fixtures/production-logs';
import { runAction } from './helpers/run-action';
import { storesUnderTest } from './helpers/stores-under-test';

describe.each(storesUnderTest())('a file where a drop folder should be (%s)', (_name, newStore) => {
  it('is named by medqa status and by every reconcile, not silently left', async () => {
    const store = await newStore();
    const misplaced = PRODUCTION_RAW_PREFIX.slice(0, -1); // `cp x.jsonl data/production/retraining_data_raw`
    await store.put(misplaced, productionLogFile({ records: 3 }).content);
    const status = await collectStatus(store);
    expect(status.misplaced).toEqual([misplaced]);
    expect(formatStatus(status, 'b')).toContain(`WARNING: ${misplaced} is a file where the drop folder should be`);
    expect(await runAction(reconcile, store)).toMatchObject({ status: 'done', misplaced: [misplaced] });
  });
});
