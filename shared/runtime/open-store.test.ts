import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { FolderStore } from '../store';
import { DeferredS3Store } from '../store/deferred-s3-store';
import { openStore } from './open-store';

describe('openStore', () => {
  it('opens the folder store by default and the S3 store when an endpoint is set', async () => {
    const dir = await tempDir();
    expect(openStore({ data_dir: dir })).toBeInstanceOf(FolderStore);
    expect(openStore({ s3_endpoint: 'http://127.0.0.1:9', s3_bucket: 'b' })).toBeInstanceOf(DeferredS3Store);
    expect(openStore({ data_dir: dir })).toBe(openStore({ data_dir: dir })); // one client per configuration
  });

  it('answers BAD_PARAMS naming the setting and its MEDQA_* variable, not a raw zod error', () => {
    expect(() => openStore({ store: 'ftp' })).toThrow(
      expect.objectContaining({
        code: 'BAD_PARAMS',
        message: expect.stringMatching(/^invalid store setting: store \(MEDQA_STORE\): /),
      }),
    );
    expect(() => openStore({ s3_atomic_create: 'maybe' })).toThrow(/s3_atomic_create \(MEDQA_S3_ATOMIC_CREATE\)/);
  });

  it('only S3 stores offer presigned uploads', async () => {
    expect(openStore({ data_dir: await tempDir() }).presignUpload).toBeUndefined();
    const url = await openStore({
      s3_endpoint: 'http://127.0.0.1:9',
      s3_bucket: 'b',
      s3_access_key_id: 'k',
      s3_secret_access_key: 's',
    }).presignUpload?.('data/x.jsonl', 10, 60);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:9\/b\/data\/x\.jsonl\?.*X-Amz-Signature=/);
  });
});
