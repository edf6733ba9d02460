import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  InvalidKeyError,
  listObjects,
  ObjectExistsError,
  ObjectNotFoundError,
  type ObjectStore,
  readText,
} from '../shared/store';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const md5 = (data: string | Buffer) => createHash('md5').update(data).digest('hex');

/**
 * What every ObjectStore must do, run against each implementation. A capability the
 * backend declares missing has its test skipped with the reason, never faked.
 */
export function describeStoreContract(name: string, newStore: () => Promise<ObjectStore>) {
  describe(`${name}: object store contract`, () => {
    it('round-trips strings, buffers and streams byte for byte, with ETag = MD5 for single writes', async () => {
      const store = await newStore();
      const binary = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256));
      const a = await store.put('data/a.txt', 'hello ü');
      const b = await store.put('data/b.bin', binary);
      const c = await store.put('data/c.bin', Readable.from([binary.subarray(0, 1000), binary.subarray(1000)]));
      expect(a.etag).toBe(md5('hello ü'));
      expect(b.etag).toBe(md5(binary));
      expect(c.etag).toBe(md5(binary));
      expect(await readText(store, 'data/a.txt')).toBe('hello ü');
      expect((await bytesOf(await store.get('data/c.bin'))).equals(binary)).toBe(true);
      const head = await store.head('data/b.bin');
      expect(head).toMatchObject({ key: 'data/b.bin', size: binary.length, etag: md5(binary) });
      expect(head!.lastModified).toBeInstanceOf(Date);
    });

    it('streams a multi-megabyte body in and out without changing it', async () => {
      const store = await newStore();
      const part = Buffer.alloc(1024 * 1024, 'x');
      const chunks = Array.from({ length: 12 }, (_, i) => Buffer.concat([part, Buffer.from(String(i))]));
      const whole = Buffer.concat(chunks);
      await store.put('big/file.bin', Readable.from(chunks));
      const back = await bytesOf(await store.get('big/file.bin'));
      expect(back.length).toBe(whole.length);
      expect(md5(back)).toBe(md5(whole));
    });

    it('reads byte ranges', async () => {
      const store = await newStore();
      await store.put('r/x', '0123456789');
      expect(Buffer.from(await store.getRange('r/x', 2, 5)).toString()).toBe('234');
      expect(Buffer.from(await store.getRange('r/x', 8, 10)).toString()).toBe('89');
    });

    it('streams byte ranges', async () => {
      const store = await newStore();
      await store.put('r/x', '0123456789');
      expect((await bytesOf(await store.get('r/x', { start: 3, end: 7 }))).toString()).toBe('3456');
      expect((await bytesOf(await store.get('r/x', { start: 7, end: 10 }))).toString()).toBe('789');
      expect((await bytesOf(await store.get('r/x', { start: 4, end: 4 }))).length).toBe(0);
    });

    it('replaces an existing object on put', async () => {
      const store = await newStore();
      await store.put('k', 'one');
      await store.put('k', 'two');
      expect(await readText(store, 'k')).toBe('two');
    });

    it('reports missing keys: head undefined, get NOT_FOUND, delete silently', async () => {
      const store = await newStore();
      expect(await store.head('nope/x')).toBeUndefined();
      await expect(store.get('nope/x')).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(store.delete('nope/x')).resolves.toBeUndefined();
    });

    it('lists exactly the keys under a prefix, nested ones included', async () => {
      const store = await newStore();
      for (const key of ['p/b', 'p/a/z', 'p/a-c', 'q/x', 'pp/y']) await store.put(key, key);
      const listed = [];
      for await (const object of listObjects(store, 'p/')) listed.push(object.key);
      expect(listed.sort()).toEqual(['p/a-c', 'p/a/z', 'p/b']);
      const partial = [];
      for await (const object of listObjects(store, 'p/a')) partial.push(object.key);
      expect(partial.sort()).toEqual(['p/a-c', 'p/a/z']);
    });

    it('lists in S3 order (ascending UTF-8 bytes)', async (context) => {
      const store = await newStore();
      if (!store.capabilities.byteOrderListing) context.skip('this backend lists in folder-walk order (s3rver)');
      for (const key of ['p/b', 'p/a/z', 'p/a-c', 'p/ä', 'p/Z']) await store.put(key, key);
      const listed = [];
      for await (const object of listObjects(store, 'p/')) listed.push(object.key);
      // "-" (0x2d) sorts before "/" (0x2f); upper case before lower; "ä" (0xc3 0xa4) last.
      expect(listed).toEqual(['p/Z', 'p/a-c', 'p/a/z', 'p/b', 'p/ä']);
    });

    it('paginates with continuation tokens and StartAfter', async () => {
      const store = await newStore();
      const keys = Array.from({ length: 7 }, (_, i) => `page/k${i}`);
      for (const key of keys) await store.put(key, key);
      const first = await store.listPage('page/', { maxKeys: 3 });
      expect(first.objects.map((o) => o.key)).toEqual(keys.slice(0, 3));
      expect(first.nextContinuationToken).toBeTruthy();
      const all = [];
      for await (const object of listObjects(store, 'page/', 2)) all.push(object.key);
      expect(all).toEqual(keys);
      const after = await store.listPage('page/', { startAfter: 'page/k4' });
      expect(after.objects.map((o) => o.key)).toEqual(['page/k5', 'page/k6']);
      expect(after.nextContinuationToken).toBeUndefined();
    });

    it('copies and deletes', async () => {
      const store = await newStore();
      await store.put('src/file one.txt', 'payload');
      const copied = await store.copy('src/file one.txt', 'dst/file one.txt');
      expect(copied.etag).toBe(md5('payload'));
      expect(await readText(store, 'dst/file one.txt')).toBe('payload');
      await store.delete('src/file one.txt');
      expect(await store.head('src/file one.txt')).toBeUndefined();
      const remaining = [];
      for await (const object of listObjects(store, '')) remaining.push(object.key);
      expect(remaining).toEqual(['dst/file one.txt']);
    });

    it('copies keys holding reserved URL characters', async (context) => {
      const store = await newStore();
      if (!store.capabilities.copyReservedCharacters)
        context.skip('this backend cannot copy keys with "+" (s3rver decodes CopySource with decodeURI)');
      await store.put('src/a+b&c=d.txt', 'plus');
      await store.copy('src/a+b&c=d.txt', 'dst/a+b&c=d.txt');
      expect(await readText(store, 'dst/a+b&c=d.txt')).toBe('plus');
    });

    it('stores keys with spaces, "+" and non-ASCII characters as given', async () => {
      const store = await newStore();
      const key = 'data/offline/raw/my file+1 ü&x=y.json';
      await store.put(key, '[]');
      const listed = [];
      for await (const object of listObjects(store, 'data/offline/raw/')) listed.push(object.key);
      expect(listed).toEqual([key]);
      expect(await readText(store, key)).toBe('[]');
    });

    it('creates only if absent, atomically', async (context) => {
      const store = await newStore();
      if (!store.capabilities.atomicCreateIfAbsent)
        context.skip('this backend ignores If-None-Match (s3rver); the S3 mapping is unit-tested with a mocked client');
      await store.put('lock/v1', 'first', { ifNoneMatch: '*' });
      await expect(store.put('lock/v1', 'second', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ObjectExistsError);
      expect(await readText(store, 'lock/v1')).toBe('first');
      const racers = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => store.put('lock/v2', `racer ${i}`, { ifNoneMatch: '*' })),
      );
      expect(racers.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('refuses keys that could escape the bucket or that S3 cannot hold the same way', async () => {
      const store = await newStore();
      for (const key of ['../x', 'a/../../x', '/etc/passwd', 'a\u0000b', 'a/./b', '', 'a//b']) {
        await expect(store.put(key, 'x'), JSON.stringify(key)).rejects.toBeInstanceOf(InvalidKeyError);
      }
      await expect(store.get('../secret')).rejects.toThrow(
        /invalid object key "..\/secret": contains a "." or ".." path segment/,
      );
    });
  });
}
