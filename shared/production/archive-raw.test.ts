import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { PRODUCTION_ARCHIVE_PREFIX, PRODUCTION_RAW_PREFIX } from '../bucket/keys';
import { FolderStore, type ObjectStore, readText } from '../store';
import { archiveRawObject } from './archive-raw';

/** A store that cannot rename (as S3 cannot) and whose copies come out truncated, as a broken server might. */
class TruncatingCopies extends FolderStore {
  override async copy(sourceKey: string, targetKey: string) {
    return this.put(targetKey, (await readText(this, sourceKey)).slice(0, 3));
  }
}

const withoutRename = (store: FolderStore): ObjectStore =>
  Object.assign(Object.create(store) as ObjectStore, { rename: undefined });

const raw = `${PRODUCTION_RAW_PREFIX}day1.jsonl`;

async function withRaw(store: ObjectStore, content = '{"question":"q","answer":"a"}\n') {
  await store.put(raw, content);
  return (await store.head(raw))!;
}

describe('archiveRawObject', () => {
  it('leaves the raw file in place with ARCHIVE_MISMATCH when the archived copy differs', async () => {
    const store = withoutRename(new TruncatingCopies(await tempDir()));
    const seen = await withRaw(store);
    await expect(archiveRawObject(store, seen, seen.etag)).rejects.toMatchObject({
      code: 'ARCHIVE_MISMATCH',
      message: expect.stringContaining(raw),
    });
    expect(await store.head(raw)).toMatchObject({ etag: seen.etag });
  });

  it('puts a file beside an earlier archived one of the same name and other content, never over it', async () => {
    const store = new FolderStore(await tempDir());
    const first = await withRaw(store, 'first\n');
    expect(await archiveRawObject(store, first, first.etag)).toEqual({
      status: 'archived',
      archived_to: `${PRODUCTION_ARCHIVE_PREFIX}day1.jsonl`,
    });
    const second = await withRaw(store, 'second\n');
    expect(await archiveRawObject(store, second, second.etag)).toEqual({
      status: 'archived',
      archived_to: `${PRODUCTION_ARCHIVE_PREFIX}day1.jsonl.${second.etag}`,
    });
    expect(await readText(store, `${PRODUCTION_ARCHIVE_PREFIX}day1.jsonl`)).toBe('first\n');
    // The same content again (a redelivered event after the move): already there.
    expect(await archiveRawObject(store, raw, second.etag)).toMatchObject({ status: 'already_archived' });
  });

  it('refuses to archive content other than what was processed', async () => {
    const store = new FolderStore(await tempDir());
    const seen = await withRaw(store, 'old\n');
    await withRaw(store, 'new and longer\n');
    await expect(archiveRawObject(store, raw, seen.etag)).rejects.toMatchObject({ code: 'CHANGED' });
  });
});
