import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { ObjectExistsError, ObjectNotFoundError, StoreUnavailableError } from './errors';
import { assertValidKey, assertValidPrefix } from './keys';
import { s3Capabilities } from './s3-capabilities';
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

export interface S3StoreOptions {
  bucket: string;
  /** Custom endpoint (MinIO, s3rver, OpenStack); empty for AWS S3. */
  endpoint?: string;
  region?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /** Defaults to true with a custom endpoint: MinIO and most S3 clones expect path-style URLs. */
  forcePathStyle?: boolean;
  /** What the server behind the endpoint honours; see StoreCapabilities. */
  capabilities?: Partial<StoreCapabilities>;
  /** Multipart part size for streamed writes (min 5 MiB); memory per writer is partSize × queueSize. */
  partSize?: number;
  /** A ready client (tests inject one wired to aws-sdk-client-mock). */
  client?: S3Client;
}

const MIB = 1024 * 1024;

/** The same interface on any S3-compatible store: AWS S3, MinIO, OpenStack Swift's S3 API. */
export class S3Store implements ObjectStore {
  readonly kind = 's3' as const;
  readonly bucket: string;
  readonly capabilities: StoreCapabilities;
  readonly client: S3Client;
  private readonly partSize: number;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    // Node 20 is the runtime on purpose (OpenWhisk's nodejs:20 image); the lock file holds SDK
    // releases that support it, so the SDK's eight-line notice about later ones is turned off.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.client = options.client ?? new S3Client(clientConfig(options));
    this.partSize = Math.max(options.partSize ?? 5 * MIB, 5 * MIB);
    this.capabilities = s3Capabilities(options.capabilities);
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    assertValidKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return {
        key,
        size: out.ContentLength ?? 0,
        etag: bareEtag(out.ETag),
        lastModified: out.LastModified ?? new Date(0),
      };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw translate(err, key);
    }
  }

  /** The signed Content-Length makes the server refuse a body of any other size. */
  async presignUpload(key: string, size: number, expiresInSeconds: number): Promise<string> {
    assertValidKey(key);
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: key, ContentLength: size });
    return getSignedUrl(this.client, command, { expiresIn: expiresInSeconds });
  }

  async sweepLeftovers(olderThanMs: number): Promise<number> {
    let removed = 0;
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListMultipartUploadsCommand({
            Bucket: this.bucket,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
        for (const upload of page.Uploads ?? []) {
          if (!upload.Key || !upload.UploadId) continue;
          if (Date.now() - (upload.Initiated?.getTime() ?? Date.now()) < olderThanMs) continue;
          await this.client.send(
            new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId }),
          );
          removed += 1;
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (keyMarker);
    } catch (err) {
      // A server without multipart listing (s3rver) has no uploads to sweep.
      if ((err as { name?: string }).name === 'NotImplemented') return removed;
      throw translate(err, this.bucket);
    }
    return removed;
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    assertValidKey(key);
    if (range && range.end <= range.start) return Readable.from([]);
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          ...(range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {}),
        }),
      );
      return out.Body as Readable;
    } catch (err) {
      throw translate(err, key);
    }
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array> {
    assertValidKey(key);
    if (end <= start) return new Uint8Array(0);
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end - 1}` }),
      );
      return await out.Body!.transformToByteArray();
    } catch (err) {
      throw translate(err, key);
    }
  }

  async put(key: string, body: ObjectBody, options: PutOptions = {}): Promise<PutResult> {
    assertValidKey(key);
    if (options.ifNoneMatch && !this.capabilities.atomicCreateIfAbsent && (await this.head(key))) {
      throw new ObjectExistsError(key); // best effort: the server would ignore If-None-Match
    }
    const params = {
      Bucket: this.bucket,
      Key: key,
      ContentType: options.contentType,
      ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
    };
    try {
      if (typeof body === 'string' || body instanceof Uint8Array) {
        const out = await this.client.send(new PutObjectCommand({ ...params, Body: body }));
        return { key, etag: bareEtag(out.ETag) };
      }
      // Streams go through lib-storage: parts of partSize, so memory stays bounded whatever the size.
      const upload = new Upload({
        client: this.client,
        params: { ...params, Body: body instanceof Readable ? body : Readable.from(body) },
        partSize: this.partSize,
        queueSize: 1, // one part in flight per writer: stages write several objects at once
      });
      const out = await upload.done();
      return { key, etag: bareEtag(out.ETag) };
    } catch (err) {
      throw translate(err, key);
    }
  }

  async listPage(prefix: string, options: ListPageOptions = {}): Promise<ListPage> {
    assertValidPrefix(prefix);
    try {
      const out = await this.client.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: prefix || undefined,
          ContinuationToken: options.continuationToken,
          StartAfter: options.continuationToken ? undefined : options.startAfter,
          MaxKeys: options.maxKeys,
        }),
      );
      const objects = (out.Contents ?? []).map((o) => ({
        key: o.Key!,
        size: o.Size ?? 0,
        etag: bareEtag(o.ETag),
        lastModified: o.LastModified ?? new Date(0),
      }));
      return { objects, nextContinuationToken: out.IsTruncated ? out.NextContinuationToken : undefined };
    } catch (err) {
      throw translate(err, prefix);
    }
  }

  async copy(sourceKey: string, targetKey: string): Promise<PutResult> {
    assertValidKey(sourceKey);
    assertValidKey(targetKey);
    try {
      const out = await this.client.send(
        new CopyObjectCommand({
          Bucket: this.bucket,
          Key: targetKey,
          CopySource: `${this.bucket}/${encodeKey(sourceKey)}`,
        }),
      );
      return { key: targetKey, etag: bareEtag(out.CopyObjectResult?.ETag) };
    } catch (err) {
      throw translate(err, sourceKey);
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (err) {
      if (statusOf(err) === 404) return;
      throw translate(err, key);
    }
  }

  /** For local set-ups and provisioning: creates the bucket unless it is already there. */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (err) {
      if (statusOf(err) !== 404) throw translate(err, this.bucket);
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket })).catch((e: unknown) => {
        if (!['BucketAlreadyOwnedByYou', 'BucketAlreadyExists'].includes((e as Error).name))
          throw translate(e, this.bucket);
      });
    }
  }
}

function clientConfig(options: S3StoreOptions): S3ClientConfig {
  const custom = Boolean(options.endpoint);
  return {
    region: options.region || 'us-east-1',
    ...(custom ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? custom,
    ...(options.accessKeyId && options.secretAccessKey
      ? { credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey } }
      : {}),
    // S3 clones mishandle aws-chunked streaming checksums (s3rver stores the chunk framing);
    // send checksums only where the API requires them.
    ...(custom ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  };
}

/** CopySource is a URL path: encode each segment, keep the slashes. */
function encodeKey(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}

function bareEtag(etag: string | undefined): string {
  return (etag ?? '').replace(/^W\//, '').replace(/"/g, '');
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

function translate(err: unknown, key: string): Error {
  const name = (err as Error)?.name;
  const status = statusOf(err);
  if (name === 'NoSuchKey' || name === 'NotFound' || status === 404) {
    if (name === 'NoSuchBucket')
      return new StoreUnavailableError(`bucket does not exist: ${(err as Error).message}`, err);
    return new ObjectNotFoundError(key);
  }
  // 412: If-None-Match lost; 409: a concurrent conditional write to the same key is in flight.
  if (name === 'PreconditionFailed' || status === 412 || name === 'ConditionalRequestConflict' || status === 409) {
    return new ObjectExistsError(key);
  }
  if (
    name === 'CredentialsProviderError' ||
    (err as NodeJS.ErrnoException)?.code === 'ECONNREFUSED' ||
    status === 403
  ) {
    return new StoreUnavailableError(`object store refused or unreachable: ${(err as Error).message}`, err);
  }
  return err instanceof Error ? err : new Error(String(err));
}
