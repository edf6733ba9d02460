import type { Readable } from 'node:stream';

/** What a listing or a HEAD tells about one object. ETags are bare hex strings (no quotes). */
export interface ObjectInfo {
  key: string;
  size: number;
  etag: string;
  lastModified: Date;
}

/** Bytes [start, end) of an object. */
export interface ByteRange {
  start: number;
  end: number;
}

/** Anything a store can write: small bodies in memory, large ones as streams. */
export type ObjectBody = string | Uint8Array | Readable | AsyncIterable<Uint8Array>;

export interface PutOptions {
  /** Create the object only if no object has the key yet; otherwise throw ObjectExistsError. */
  ifNoneMatch?: '*';
  contentType?: string;
}

export interface PutResult {
  key: string;
  etag: string;
}

export interface ListPageOptions {
  /** Opaque token from the previous page. */
  continuationToken?: string;
  /** List keys strictly after this one (S3 StartAfter). */
  startAfter?: string;
  /** Page size, 1..1000. */
  maxKeys?: number;
}

export interface ListPage {
  objects: ObjectInfo[];
  nextContinuationToken?: string;
}

/**
 * What a backend honours. A capability a backend lacks is declared here so that
 * callers (and the contract tests) can tell, instead of the store faking it.
 */
export interface StoreCapabilities {
  /** `ifNoneMatch: '*'` is atomic on the server. Without it the store checks then writes (racy). */
  atomicCreateIfAbsent: boolean;
  /** CopyObject works for keys holding reserved URL characters such as `+`. */
  copyReservedCharacters: boolean;
  /** Listings come in ascending UTF-8 byte order, as on S3 (s3rver walks its folders instead). */
  byteOrderListing: boolean;
}

/**
 * The one interface every stage is written against. Keys are S3 keys: `/`-separated,
 * no leading `/`, no `..` segment, no NUL (see keys.ts).
 */
export interface ObjectStore {
  /** `folder` or `s3`, for logs and results. */
  readonly kind: 'folder' | 's3';
  /** The bucket name (for the folder store: the folder's absolute path). */
  readonly bucket: string;
  readonly capabilities: StoreCapabilities;
  /**
   * The folder of this machine whose files are the objects, on a store that has one (the folder
   * store): the local runtime watches it for new files instead of listing.
   */
  readonly localFolder?: string;

  head(key: string): Promise<ObjectInfo | undefined>;
  /** Streams the object, or only bytes [range.start, range.end) of it. Throws ObjectNotFoundError. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Bytes [start, end) of the object, for formats that need random access (parquet). */
  getRange(key: string, start: number, end: number): Promise<Uint8Array>;
  put(key: string, body: ObjectBody, options?: PutOptions): Promise<PutResult>;
  /** One page of keys under `prefix`, in S3 order (ascending UTF-8 bytes). */
  listPage(prefix: string, options?: ListPageOptions): Promise<ListPage>;
  copy(sourceKey: string, targetKey: string): Promise<PutResult>;
  /**
   * Moves `source` to `targetKey` in one atomic step, when `source` still is what the caller saw
   * (same size, time and ETag); throws MoveMismatchError when it is not. Absent on stores without
   * one (S3: moveObject copies, verifies and deletes instead).
   */
  rename?(source: ObjectInfo, targetKey: string): Promise<ObjectInfo>;
  /** Deleting a missing key is not an error (as on S3). */
  delete(key: string): Promise<void>;
  /**
   * A URL that accepts one PUT of exactly `size` bytes at `key` for `expiresInSeconds`, so an
   * upload's bytes go to the store directly. Absent on stores that cannot sign (the folder store).
   */
  presignUpload?(key: string, size: number, expiresInSeconds: number): Promise<string>;
  /**
   * Removes what writes that died left behind and nothing else: partial files (folder store),
   * incomplete multipart uploads (S3), each older than `olderThanMs` so that a write in progress
   * keeps its parts. Answers how many were removed.
   */
  sweepLeftovers?(olderThanMs: number): Promise<number>;
}
