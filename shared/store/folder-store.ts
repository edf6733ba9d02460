import { createHash, randomUUID } from 'node:crypto';
import { constants, createWriteStream, type Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidKeyError, LinkRefusedError, ObjectExistsError, ObjectNotFoundError } from './errors';
import { assertValidKey, assertValidPrefix, compareKeys } from './keys';
import { MoveMismatchError } from './move';
import type {
  ByteRange,
  ListPage,
  ListPageOptions,
  ObjectBody,
  ObjectInfo,
  ObjectStore,
  PutOptions,
  PutResult,
} from './types';

/** Read size when hashing a whole file for its ETag. */
const HASH_READ_BYTES = 1024 * 1024;
/**
 * A file this large keeps its ETag in KEPT_ETAGS_DIR of the temp folder, so that the next
 * process (`medqa invoke`, a part of a large log) does not read it all again: 2 GB take 4 s.
 */
const KEEP_ETAG_BYTES = 16 * 1024 * 1024;
const KEPT_ETAGS_DIR = 'etags';

/** Partial writes live here until renamed into place; listings never show it. */
const TEMP_DIR = '.medqa-tmp';
const MAX_PAGE = 1000;
/** Opening a symbolic link for reading fails (ELOOP) instead of reading what it points at. */
const READ_NO_FOLLOW = constants.O_RDONLY | constants.O_NOFOLLOW;

/**
 * The embedded store: one folder is the bucket, a key is a relative path. Writes are atomic
 * (temp file + rename), ETags are the MD5 of the content as on S3 for single-part uploads.
 * It never reads, writes or deletes outside its folder: a key that is, or lies under, a
 * symbolic link is refused (LinkRefusedError), and listings leave links out.
 */
export class FolderStore implements ObjectStore {
  readonly kind = 'folder' as const;
  readonly capabilities = { atomicCreateIfAbsent: true, copyReservedCharacters: true, byteOrderListing: true };
  readonly bucket: string;
  /** The bucket is a folder of this machine: the same path. */
  get localFolder(): string {
    return this.bucket;
  }
  /** MD5s of files dropped in by hand, keyed by path and invalidated by size or mtime change. */
  private readonly etagCache = new Map<string, { size: number; mtimeMs: number; etag: string }>();

  /** Folders never removed when emptied: where people drop files ("data/production/retraining_data_raw/"). */
  private readonly keptFolders: Set<string>;
  private resolvedRoot: string | undefined;

  constructor(
    readonly root: string,
    options: { keepFolders?: readonly string[] } = {},
  ) {
    this.bucket = path.resolve(root);
    this.keptFolders = new Set(
      (options.keepFolders ?? []).map((prefix) => path.join(this.bucket, ...prefix.split('/'))),
    );
  }

  /** The file path for a key; refuses keys that would leave the folder. */
  pathOf(key: string): string {
    assertValidKey(key);
    if (key === TEMP_DIR || key.startsWith(`${TEMP_DIR}/`))
      throw new InvalidKeyError(key, `"${TEMP_DIR}/" is reserved by the folder store`);
    if (key.endsWith('/')) throw new InvalidKeyError(key, 'ends with "/" (the folder store has no directory markers)');
    return path.join(this.bucket, ...key.split('/'));
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    return this.headFile(key, await this.insidePath(key));
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    // Open first so a missing key fails here, not later inside the consumer's stream.
    const handle = await this.openForRead(key);
    if (!range) return handle.createReadStream();
    if (range.end <= range.start) {
      await handle.close();
      return Readable.from([]);
    }
    return handle.createReadStream({ start: range.start, end: range.end - 1 });
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array> {
    const handle = await this.openForRead(key);
    try {
      const length = Math.max(0, end - start);
      const buffer = Buffer.alloc(length);
      let filled = 0;
      while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    } finally {
      await handle.close();
    }
  }

  async put(key: string, body: ObjectBody, options: PutOptions = {}): Promise<PutResult> {
    const target = await this.insidePath(key);
    const temp = await this.tempPath();
    const md5 = createHash('md5');
    try {
      await pipeline(toReadable(body), hashing(md5), createWriteStream(temp));
      await fs.mkdir(path.dirname(target), { recursive: true });
      if (options.ifNoneMatch === '*') {
        // link() fails with EEXIST atomically: the create-only-if-absent primitive.
        await fs.link(temp, target).catch((err: NodeJS.ErrnoException) => {
          throw err.code === 'EEXIST' ? new ObjectExistsError(key) : err;
        });
        await fs.rm(temp, { force: true });
      } else {
        await fs.rename(temp, target);
      }
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw err;
    }
    const etag = md5.digest('hex');
    const stat = await fs.stat(target);
    this.etagCache.set(target, { size: stat.size, mtimeMs: stat.mtimeMs, etag });
    return { key, etag };
  }

  async listPage(prefix: string, options: ListPageOptions = {}): Promise<ListPage> {
    assertValidPrefix(prefix);
    const maxKeys = Math.min(Math.max(options.maxKeys ?? MAX_PAGE, 1), MAX_PAGE);
    const after = options.continuationToken ?? options.startAfter;
    const keys = (await this.keysUnder(prefix))
      .filter((key) => after === undefined || compareKeys(key, after) > 0)
      .sort(compareKeys);
    const pageKeys = keys.slice(0, maxKeys);
    const objects: ObjectInfo[] = [];
    for (const key of pageKeys) {
      // The walk enters no link, so these paths need no second check.
      const info = await this.headFile(key, this.pathOf(key));
      if (info) objects.push(info); // deleted between walk and stat: skip, as S3 would
    }
    const truncated = keys.length > maxKeys;
    return { objects, nextContinuationToken: truncated ? pageKeys[pageKeys.length - 1] : undefined };
  }

  async copy(sourceKey: string, targetKey: string): Promise<PutResult> {
    const source = await this.head(sourceKey);
    if (!source) throw new ObjectNotFoundError(sourceKey);
    const target = await this.insidePath(targetKey);
    const temp = await this.tempPath();
    try {
      // A file-system copy (reflink where the file system has it), atomic through the temp file.
      await fs.copyFile(this.pathOf(sourceKey), temp);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(temp, target);
    } catch (err) {
      await fs.rm(temp, { force: true });
      throw (err as NodeJS.ErrnoException).code === 'ENOENT' ? new ObjectNotFoundError(sourceKey) : err;
    }
    const stat = await fs.stat(target);
    this.etagCache.set(target, { size: stat.size, mtimeMs: stat.mtimeMs, etag: source.etag });
    return { key: targetKey, etag: source.etag };
  }

  async rename(source: ObjectInfo, targetKey: string): Promise<ObjectInfo> {
    const from = await this.insidePath(source.key);
    const to = await this.insidePath(targetKey);
    // Only the file the caller saw: one written to or replaced since is left where it is.
    const now = await this.headFile(source.key, from);
    if (
      !now ||
      now.size !== source.size ||
      now.etag !== source.etag ||
      now.lastModified.getTime() !== source.lastModified.getTime()
    )
      throw new MoveMismatchError(source.key, targetKey);
    await fs.mkdir(path.dirname(to), { recursive: true });
    await fs.rename(from, to);
    const cached = this.etagCache.get(from);
    this.etagCache.delete(from);
    if (cached) this.etagCache.set(to, cached);
    await this.pruneEmptyDirs(path.dirname(from));
    return { ...now, key: targetKey };
  }

  async delete(key: string): Promise<void> {
    const file = await this.insidePath(key);
    const stat = await fs.lstat(file).catch(() => undefined);
    if (stat?.isSymbolicLink()) throw new LinkRefusedError(key);
    await fs.rm(file, { force: true });
    this.etagCache.delete(file);
    await this.pruneEmptyDirs(path.dirname(file));
  }

  async sweepLeftovers(olderThanMs: number): Promise<number> {
    // A link in the temp folder's place is left alone: what it points at is not the bucket's.
    const dir = await this.ownTempDir().catch(() => undefined);
    if (!dir) return 0;
    const names = await fs.readdir(dir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const file = path.join(dir, name);
      const stat = await fs.lstat(file).catch(() => undefined);
      if (!stat?.isFile() || Date.now() - stat.mtimeMs < olderThanMs) continue;
      await fs.rm(file, { force: true });
      removed += 1;
    }
    // Kept ETags are a cache: old ones (of files long gone, or to be hashed again) go too, uncounted.
    const kept = path.join(dir, KEPT_ETAGS_DIR);
    for (const name of await fs.readdir(kept).catch(() => [] as string[])) {
      const stat = await fs.lstat(path.join(kept, name)).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs >= olderThanMs) await fs.rm(path.join(kept, name), { force: true });
    }
    return removed;
  }

  /**
   * The file path for a key, once no folder between the bucket and the file is a link: the real
   * path of the deepest folder that exists must be where the key says, inside the bucket.
   */
  private async insidePath(key: string): Promise<string> {
    const file = this.pathOf(key);
    const root = await this.realRoot();
    for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
      const real = await fs.realpath(dir).catch((err: NodeJS.ErrnoException) => {
        if (isMissing(err) || err.code === 'ENOTDIR') return undefined;
        throw err;
      });
      if (real === undefined) {
        if (dir === this.bucket) return file; // an empty bucket: nothing on the way can be a link
        continue; // not created yet: look one level up
      }
      if (real !== path.join(root, path.relative(this.bucket, dir))) throw new LinkRefusedError(key);
      return file;
    }
  }

  /** The bucket folder's own real path (the folder itself may be a link: that is the user's choice). */
  private async realRoot(): Promise<string> {
    // Resolved once the folder exists: every operation needs it, and it does not move.
    this.resolvedRoot ??= await fs.realpath(this.bucket).catch(() => undefined);
    return this.resolvedRoot ?? this.bucket;
  }

  private async headFile(key: string, file: string): Promise<ObjectInfo | undefined> {
    const stat = await statFile(file);
    if (stat === 'link') throw new LinkRefusedError(key);
    if (!stat) return undefined;
    return { key, size: stat.size, etag: await this.etagOf(file, stat), lastModified: stat.mtime };
  }

  private async openForRead(key: string): Promise<fs.FileHandle> {
    return fs.open(await this.insidePath(key), READ_NO_FOLLOW).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ELOOP') throw new LinkRefusedError(key);
      throw isMissing(err) ? new ObjectNotFoundError(key) : err;
    });
  }

  /** Keys whose path starts with `prefix`, walking only the deepest folder the prefix names. */
  private async keysUnder(prefix: string): Promise<string[]> {
    const dirPart = prefix.includes('/') ? prefix.slice(0, prefix.lastIndexOf('/')) : '';
    const start = dirPart ? path.join(this.bucket, ...dirPart.split('/')) : this.bucket;
    // The walk enters no link below `start`; `start` itself, or a folder above it, may be one.
    if (dirPart)
      await this.insidePath(`${dirPart}/_`).catch((err: unknown) => {
        throw err instanceof LinkRefusedError ? new LinkRefusedError(prefix) : err;
      });
    const keys: string[] = [];
    const walk = async (dir: string, keyPrefix: string): Promise<void> => {
      const entries = await fs.readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        if (isMissing(err) || err.code === 'ENOTDIR') return [];
        throw err;
      });
      for (const entry of entries) {
        const key = keyPrefix + entry.name;
        if (!keyPrefix && entry.name === TEMP_DIR) continue;
        if (entry.isDirectory()) {
          if (key.startsWith(prefix) || prefix.startsWith(`${key}/`)) await walk(path.join(dir, entry.name), `${key}/`);
        } else if (entry.isFile() && key.startsWith(prefix)) {
          keys.push(key);
        }
      }
    };
    await walk(start, dirPart ? `${dirPart}/` : '');
    return keys;
  }

  private async etagOf(file: string, stat: Stats): Promise<string> {
    const cached = this.etagCache.get(file);
    if (cached && cached.size === stat.size && cached.mtimeMs === stat.mtimeMs) return cached.etag;
    const kept = stat.size >= KEEP_ETAG_BYTES ? await this.keptEtag(file, stat) : undefined;
    if (kept) {
      this.etagCache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, etag: kept });
      return kept;
    }
    const etag = await md5OfFile(file);
    this.etagCache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, etag });
    if (stat.size >= KEEP_ETAG_BYTES) await this.keepEtag(file, stat, etag);
    return etag;
  }

  /** Where the ETag of a large file is kept between processes: beside the partial writes, named by the file's path. */
  private keptEtagFile(file: string): string {
    const name = createHash('sha1').update(path.relative(this.bucket, file)).digest('hex');
    return path.join(this.bucket, TEMP_DIR, KEPT_ETAGS_DIR, `${name}.json`);
  }

  /** A kept ETag, when the file is still the one it was computed from (same inode, size and times). */
  private async keptEtag(file: string, stat: Stats): Promise<string | undefined> {
    // Read only from the bucket's own partial-write folder, never through a link in its place.
    const temp = await fs.lstat(path.join(this.bucket, TEMP_DIR)).catch(() => undefined);
    if (!temp?.isDirectory()) return undefined;
    const kept = await fs
      .readFile(this.keptEtagFile(file), 'utf8')
      .then((text) => JSON.parse(text) as Record<string, unknown>)
      .catch(() => undefined);
    const same =
      kept?.ino === stat.ino &&
      kept.size === stat.size &&
      kept.mtimeMs === stat.mtimeMs &&
      kept.ctimeMs === stat.ctimeMs;
    return same && typeof kept.etag === 'string' ? kept.etag : undefined;
  }

  /** Best effort: without it the next process hashes the file again. */
  private async keepEtag(file: string, stat: Stats, etag: string): Promise<void> {
    const target = this.keptEtagFile(file);
    const facts = { ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, etag };
    const temp = `${target}.${randomUUID()}`;
    try {
      await this.ownTempDir();
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(temp, JSON.stringify(facts));
      await fs.rename(temp, target);
    } catch {
      await fs.rm(temp, { force: true });
    }
  }

  private async tempPath(): Promise<string> {
    return path.join(await this.ownTempDir(), randomUUID());
  }

  /**
   * The folder of partial writes, created if missing; refused when something put a link (or a
   * file) in its place, so no write or sweep ever lands outside the bucket through it.
   */
  private async ownTempDir(): Promise<string> {
    const dir = path.join(this.bucket, TEMP_DIR);
    await fs.mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EEXIST') throw err;
    });
    const stat = await fs.lstat(dir);
    if (!stat.isDirectory()) throw new LinkRefusedError(TEMP_DIR);
    return dir;
  }

  /**
   * S3 has no folders: once the last key under one goes, so does the folder — but for the kept
   * folders, so that a user's next `cp file folder/` still finds its folder.
   */
  private async pruneEmptyDirs(dir: string): Promise<void> {
    while (dir.startsWith(this.bucket + path.sep) && !this.keptFolders.has(dir)) {
      try {
        await fs.rmdir(dir);
      } catch {
        return; // not empty, or already gone
      }
      dir = path.dirname(dir);
    }
  }
}

function toReadable(body: ObjectBody): Readable {
  if (typeof body === 'string' || body instanceof Uint8Array) return Readable.from([Buffer.from(body)]);
  return body instanceof Readable ? body : Readable.from(body);
}

/**
 * The MD5 of a file's content, read in large pieces into one buffer: hashing a 40 MB file in
 * 64 KiB pieces spent a third of its time on the pieces, and a new megabyte per piece made V8
 * run a full GC every few dozen of them.
 */
async function md5OfFile(file: string): Promise<string> {
  const md5 = createHash('md5');
  const buffer = Buffer.allocUnsafe(HASH_READ_BYTES);
  const handle = await fs.open(file, 'r');
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      md5.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return md5.digest('hex');
}

function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
}

/** The file's own status (a link is not followed): undefined when there is no file, 'link' for a link. */
async function statFile(file: string) {
  try {
    const stat = await fs.lstat(file);
    if (stat.isSymbolicLink()) return 'link';
    return stat.isFile() ? stat : undefined;
  } catch (err) {
    if (isMissing(err as NodeJS.ErrnoException) || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}

function isMissing(err: NodeJS.ErrnoException): boolean {
  return err.code === 'ENOENT';
}
