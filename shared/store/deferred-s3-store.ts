/**
 * An S3 store whose SDK loads on first use. The SDK's modules take about 40 ms to load: an
 * action that opens the folder store, answers a health check or refuses its parameters never
 * pays for them, and one that talks to S3 pays once per container, on its first request.
 */
import type { Readable } from 'node:stream';
import { s3Capabilities } from './s3-capabilities';
import type { S3Store, S3StoreOptions } from './s3-store';
import type {
  ByteRange,
  ListPage,
  ListPageOptions,
  ObjectBody,
  ObjectInfo,
  ObjectStore,
  PutOptions,
  PutResult,
  StoreCapabilities,
} from './types';

export class DeferredS3Store implements ObjectStore {
  readonly kind = 's3' as const;
  readonly bucket: string;
  readonly capabilities: StoreCapabilities;
  private loading: Promise<S3Store> | undefined;

  constructor(private readonly options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.capabilities = s3Capabilities(options.capabilities);
  }

  /** The S3 store itself, made on first use. */
  store(): Promise<S3Store> {
    this.loading ??= import('./s3-store').then(({ S3Store }) => new S3Store(this.options));
    return this.loading;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    return (await this.store()).head(key);
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    return (await this.store()).get(key, range);
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array> {
    return (await this.store()).getRange(key, start, end);
  }

  async put(key: string, body: ObjectBody, options?: PutOptions): Promise<PutResult> {
    return (await this.store()).put(key, body, options);
  }

  async listPage(prefix: string, options?: ListPageOptions): Promise<ListPage> {
    return (await this.store()).listPage(prefix, options);
  }

  async copy(sourceKey: string, targetKey: string): Promise<PutResult> {
    return (await this.store()).copy(sourceKey, targetKey);
  }

  async delete(key: string): Promise<void> {
    return (await this.store()).delete(key);
  }

  async presignUpload(key: string, size: number, expiresInSeconds: number): Promise<string> {
    return (await this.store()).presignUpload(key, size, expiresInSeconds);
  }

  async sweepLeftovers(olderThanMs: number): Promise<number> {
    return (await this.store()).sweepLeftovers(olderThanMs);
  }
}
