import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { FolderStore } from '../store';
import { SPLIT_METADATA_KEY } from './keys';
import { InvalidObjectError, readObject } from './read';
import { SplitMetadataSchema } from './split-metadata';

describe('objects read back from the bucket', () => {
  it('come back validated, or undefined when missing', async () => {
    const store = new FolderStore(await tempDir());
    expect(await readObject(store, SPLIT_METADATA_KEY, SplitMetadataSchema)).toBeUndefined();
  });

  it('that no longer match their schema fail with INVALID_OBJECT naming the key and the field', async () => {
    const store = new FolderStore(await tempDir());
    await store.put(SPLIT_METADATA_KEY, JSON.stringify({ schema_version: 1, seed: 42 }));
    const error = await readObject(store, SPLIT_METADATA_KEY, SplitMetadataSchema).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(InvalidObjectError);
    expect(error).toMatchObject({ code: 'INVALID_OBJECT' });
    expect((error as Error).message).toMatch(/^data\/dataset-split\/metadata\.json does not hold .*seed: /);

    await store.put(SPLIT_METADATA_KEY, '{"schema_version": 1, ');
    await expect(readObject(store, SPLIT_METADATA_KEY, SplitMetadataSchema)).rejects.toThrow(
      /metadata\.json .*not JSON/,
    );
  });
});
