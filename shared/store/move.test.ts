import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { quarantineFile } from '../offline/quarantine-file';
import { FolderStore } from './folder-store';
import { readText } from './list';
import { MoveMismatchError, moveObject } from './move';
import type { ObjectStore } from './types';

/** A store whose copies come out truncated, as a broken server might write them; it cannot rename, as S3 cannot. */
class TruncatingStore extends FolderStore {
  override async copy(sourceKey: string, targetKey: string) {
    return this.put(targetKey, (await readText(this, sourceKey)).slice(0, 3));
  }
}
const withoutRename = (store: FolderStore): ObjectStore =>
  Object.assign(Object.create(store) as ObjectStore, { rename: undefined });

describe('verified move', () => {
  it('copies, checks the copy, then deletes the source', async () => {
    const store = new FolderStore(await tempDir());
    await store.put('raw/a.jsonl', 'hello world');
    const moved = await moveObject(store, (await store.head('raw/a.jsonl'))!, 'archive/a.jsonl');
    expect(moved.size).toBe(11);
    expect(await store.head('raw/a.jsonl')).toBeUndefined();
    expect(await readText(store, 'archive/a.jsonl')).toBe('hello world');
  });

  it('renames on a store that can, after checking the source is still what the caller saw', async () => {
    const store = new FolderStore(await tempDir());
    await store.put('raw/a.jsonl', 'hello world');
    const seen = (await store.head('raw/a.jsonl'))!;
    const moved = await moveObject(store, seen, 'archive/2026/a.jsonl');
    expect(moved).toMatchObject({ key: 'archive/2026/a.jsonl', size: 11, etag: seen.etag });
    expect(await store.head('raw/a.jsonl')).toBeUndefined();
    expect(await readText(store, 'archive/2026/a.jsonl')).toBe('hello world');

    // Written to after the caller's HEAD: not moved, and the newer content stays in raw.
    await store.put('raw/b.jsonl', 'first');
    const before = (await store.head('raw/b.jsonl'))!;
    await store.put('raw/b.jsonl', 'first and more');
    await expect(moveObject(store, before, 'archive/b.jsonl')).rejects.toBeInstanceOf(MoveMismatchError);
    expect(await readText(store, 'raw/b.jsonl')).toBe('first and more');
    expect(await store.head('archive/b.jsonl')).toBeUndefined();
  });

  it('leaves the source in place when the copy does not match it', async () => {
    const store = withoutRename(new TruncatingStore(await tempDir()));
    await store.put('raw/a.jsonl', 'hello world');
    await expect(moveObject(store, (await store.head('raw/a.jsonl'))!, 'archive/a.jsonl')).rejects.toBeInstanceOf(
      MoveMismatchError,
    );
    expect(await readText(store, 'raw/a.jsonl')).toBe('hello world');
  });

  it('is what offline quarantine uses: a bad copy keeps the unreadable file where it was', async () => {
    const store = withoutRename(new TruncatingStore(await tempDir()));
    await store.put('data/offline/raw/bad.bin', 'not an export at all');
    await expect(
      quarantineFile(
        store,
        'data/offline/raw/bad.bin',
        'data/offline/raw/',
        'data/offline/quarantine/',
        'unknown format',
      ),
    ).rejects.toMatchObject({ code: 'MOVE_MISMATCH' });
    expect(await store.head('data/offline/raw/bad.bin')).toBeDefined();
  });

  it('keeps an earlier quarantined file of the same name: the new one goes beside it with its ETag', async () => {
    const store = new FolderStore(await tempDir());
    const args = ['data/offline/raw/', 'data/offline/quarantine/', 'unknown format'] as const;
    await store.put('data/offline/raw/bad.bin', 'first bad file');
    await quarantineFile(store, 'data/offline/raw/bad.bin', ...args);
    const second = await store.put('data/offline/raw/bad.bin', 'second, other bad file');
    const moved = await quarantineFile(store, 'data/offline/raw/bad.bin', ...args);
    expect(moved.quarantine_key).toBe(`data/offline/quarantine/bad.bin.${second.etag}`);
    expect(await readText(store, 'data/offline/quarantine/bad.bin')).toBe('first bad file');
    expect(await readText(store, moved.quarantine_key)).toBe('second, other bad file');
  });
});
