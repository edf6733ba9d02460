import { afterAll, beforeAll } from 'vitest';
import { FolderStore, type ObjectStore } from '../../shared/store';
import { type RunningS3rver, startS3rver } from './s3rver';
import { tempDir } from './temp-dir';

/**
 * The two stores every stage is tested through, for `describe.each`: the folder store, and the
 * S3 store on an s3rver started for the test file (a fresh bucket per call).
 */
export function storesUnderTest(): [string, () => Promise<ObjectStore>][] {
  let s3rver: RunningS3rver | undefined;
  beforeAll(async () => {
    s3rver = await startS3rver();
  });
  afterAll(async () => {
    await s3rver?.stop();
  });
  return [
    ['folder store', async () => new FolderStore(await tempDir())],
    ['S3 store on s3rver', () => s3rver!.newStore()],
  ];
}
