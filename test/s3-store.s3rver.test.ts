import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listObjects } from '../shared/store';
import { type RunningS3rver, startS3rver } from './helpers/s3rver';
import { describeStoreContract } from './store-contract';

let s3rver: RunningS3rver;
beforeAll(async () => {
  s3rver = await startS3rver();
});
afterAll(async () => {
  await s3rver?.stop();
});

describeStoreContract('S3Store on s3rver', () => s3rver.newStore());

describe('S3Store on s3rver: listings beyond one page', () => {
  it('lists 1,205 keys across pages of 1,000, each key once, in order', async () => {
    const store = await s3rver.newStore();
    const keys = Array.from({ length: 1205 }, (_, i) => `many/${String(i).padStart(5, '0')}`);
    for (let i = 0; i < keys.length; i += 50)
      await Promise.all(keys.slice(i, i + 50).map((key) => store.put(key, 'x')));
    const listed: string[] = [];
    for await (const object of listObjects(store, 'many/')) listed.push(object.key);
    expect(listed).toEqual(keys);
  });
});
