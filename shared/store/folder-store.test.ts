import { createHash } from 'node:crypto';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { describeStoreContract } from '../../test/store-contract';
import { FolderStore } from './folder-store';
import { listAll } from './list';

describeStoreContract('FolderStore', async () => new FolderStore(await tempDir()));

describe('FolderStore specifics', () => {
  it('sees files copied into the folder by hand, with their MD5 as ETag', async () => {
    const root = await tempDir();
    await fs.mkdir(path.join(root, 'data/offline/raw'), { recursive: true });
    await fs.writeFile(path.join(root, 'data/offline/raw/export.jsonl'), '{"question":"q"}\n');
    const store = new FolderStore(root);
    const [object] = await listAll(store, 'data/offline/raw/');
    expect(object).toMatchObject({
      key: 'data/offline/raw/export.jsonl',
      size: 17,
      etag: createHash('md5').update('{"question":"q"}\n').digest('hex'),
    });
  });

  it('keeps the ETag of a large file for the next process, and hashes the file again once it changed', async () => {
    const root = await tempDir();
    const file = path.join(root, 'raw/big.jsonl');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, Buffer.alloc(17 * 1024 * 1024, 'a'));
    const md5 = async () =>
      createHash('md5')
        .update(await fs.readFile(file))
        .digest('hex');
    expect((await new FolderStore(root).head('raw/big.jsonl'))?.etag).toBe(await md5());

    // A new store (another process) takes the kept ETag as it is: shown by planting another one.
    const keptDir = path.join(root, '.medqa-tmp/etags');
    const [kept] = await fs.readdir(keptDir);
    const facts = JSON.parse(await fs.readFile(path.join(keptDir, kept!), 'utf8'));
    await fs.writeFile(path.join(keptDir, kept!), JSON.stringify({ ...facts, etag: 'planted' }));
    expect((await new FolderStore(root).head('raw/big.jsonl'))?.etag).toBe('planted');

    await fs.appendFile(file, 'b');
    expect((await new FolderStore(root).head('raw/big.jsonl'))?.etag).toBe(await md5());
    expect(await listAll(new FolderStore(root), '')).toHaveLength(1); // the kept ETags are not objects
  });

  it('never shows a half-written object: a failed stream leaves the old content and no temp file', async () => {
    const root = await tempDir();
    const store = new FolderStore(root);
    await store.put('k', 'old');
    const failing = new Readable({
      read() {
        this.push('partial');
        this.destroy(new Error('client went away'));
      },
    });
    await expect(store.put('k', failing)).rejects.toThrow('client went away');
    expect(await fs.readFile(path.join(root, 'k'), 'utf8')).toBe('old');
    expect(await fs.readdir(path.join(root, '.medqa-tmp'))).toEqual([]);
    expect((await listAll(store, '')).map((o) => o.key)).toEqual(['k']);
  });

  it('refuses its reserved temp folder and directory-marker keys', async () => {
    const store = new FolderStore(await tempDir());
    await expect(store.put('.medqa-tmp/x', 'x')).rejects.toThrow(/reserved/);
    await expect(store.put('folder/', 'x')).rejects.toThrow(/ends with "\/"/);
  });

  it('removes emptied folders on delete, as S3 has no folders', async () => {
    const root = await tempDir();
    const store = new FolderStore(root);
    await store.put('a/b/c.txt', 'x');
    await store.delete('a/b/c.txt');
    await expect(fs.stat(path.join(root, 'a'))).rejects.toThrow();
  });

  describe('symbolic links', () => {
    /** A bucket whose raw prefix holds a link to a folder outside it and a link to a file outside it. */
    async function bucketWithLinks() {
      const root = await tempDir();
      const outside = await tempDir();
      await fs.writeFile(path.join(outside, 'keep.jsonl'), '{"question":"q","answer":"a"}\n');
      await fs.mkdir(path.join(root, 'raw'), { recursive: true });
      await fs.symlink(outside, path.join(root, 'raw/folder-link'));
      await fs.symlink(path.join(outside, 'keep.jsonl'), path.join(root, 'raw/file-link.jsonl'));
      return { store: new FolderStore(root), outside };
    }

    it('are refused by every operation, with a reason, and the files outside stay untouched', async () => {
      const { store, outside } = await bucketWithLinks();
      const refused = {
        code: 'SYMLINK',
        message: expect.stringMatching(/symbolic link: the folder store never follows/),
      };
      await expect(store.head('raw/file-link.jsonl')).rejects.toMatchObject(refused);
      await expect(store.get('raw/file-link.jsonl')).rejects.toMatchObject(refused);
      await expect(store.getRange('raw/file-link.jsonl', 0, 4)).rejects.toMatchObject(refused);
      await expect(store.copy('raw/file-link.jsonl', 'archive/x.jsonl')).rejects.toMatchObject(refused);
      await expect(store.delete('raw/file-link.jsonl')).rejects.toMatchObject(refused);
      await expect(store.head('raw/folder-link/keep.jsonl')).rejects.toMatchObject(refused);
      await expect(store.get('raw/folder-link/keep.jsonl')).rejects.toMatchObject(refused);
      await expect(store.delete('raw/folder-link/keep.jsonl')).rejects.toMatchObject(refused);
      await expect(store.put('raw/folder-link/new.jsonl', 'x')).rejects.toMatchObject(refused);
      await expect(store.put('raw/folder-link/deeper/new.jsonl', 'x')).rejects.toMatchObject(refused);
      expect(await fs.readdir(outside)).toEqual(['keep.jsonl']);
      expect(await fs.lstat(path.join(store.bucket, 'raw/file-link.jsonl'))).toBeTruthy();
    });

    it('are left out of listings', async () => {
      const { store } = await bucketWithLinks();
      await store.put('raw/real.jsonl', 'x');
      expect((await listAll(store, 'raw/')).map((o) => o.key)).toEqual(['raw/real.jsonl']);
    });

    it('refuse a listing through a linked folder of the prefix, naming the prefix', async () => {
      const root = await tempDir();
      const outside = await tempDir();
      await fs.writeFile(path.join(outside, 'theirs.jsonl'), 'x');
      await fs.mkdir(path.join(root, 'data'), { recursive: true });
      await fs.symlink(outside, path.join(root, 'data/production'));
      const store = new FolderStore(root);
      for (const prefix of ['data/production/', 'data/production/raw/'])
        await expect(listAll(store, prefix)).rejects.toMatchObject({
          code: 'SYMLINK',
          message: expect.stringContaining(prefix),
        });
      expect(await fs.readdir(outside)).toEqual(['theirs.jsonl']);
    });

    it('never write or sweep through a link put where the partial-write folder goes', async () => {
      const root = await tempDir();
      const outside = await tempDir();
      const old = path.join(outside, 'precious');
      await fs.writeFile(old, 'not the bucket’s');
      await fs.utimes(old, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
      await fs.symlink(outside, path.join(root, '.medqa-tmp'));
      const store = new FolderStore(root);
      await expect(store.put('data/a.jsonl', 'x')).rejects.toMatchObject({ code: 'SYMLINK' });
      expect(await store.sweepLeftovers(60_000)).toBe(0);
      expect(await fs.readdir(outside)).toEqual(['precious']);
    });

    it('may be the bucket folder itself: that is where the user chose to keep it', async () => {
      const real = await tempDir();
      const link = path.join(await tempDir(), 'bucket');
      await fs.symlink(real, link);
      const store = new FolderStore(link);
      await store.put('a/b.txt', 'x');
      expect(await store.head('a/b.txt')).toMatchObject({ size: 1 });
    });
  });

  it('sweeps partial files older than the age given, leaving younger ones (a write in progress) and objects', async () => {
    const root = await tempDir();
    const store = new FolderStore(root);
    await store.put('data/kept.jsonl', 'x');
    await fs.mkdir(path.join(root, '.medqa-tmp'), { recursive: true });
    const old = path.join(root, '.medqa-tmp', 'old-part');
    await fs.writeFile(old, 'left by a crash');
    await fs.utimes(old, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    await fs.writeFile(path.join(root, '.medqa-tmp', 'young-part'), 'being written');
    expect(await store.sweepLeftovers(60_000)).toBe(1);
    expect(await fs.readdir(path.join(root, '.medqa-tmp'))).toEqual(['young-part']);
    expect(await store.head('data/kept.jsonl')).toBeDefined();
  });
});
