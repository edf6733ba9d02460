import {
  AbortMultipartUploadCommand,
  CopyObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { ObjectExistsError, ObjectNotFoundError, StoreUnavailableError } from './errors';
import { S3Store } from './s3-store';

function serviceError(name: string, status: number) {
  return new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });
}

function mockedStore(capabilities?: { atomicCreateIfAbsent: boolean }) {
  const client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
  const mock = mockClient(client);
  return { mock, store: new S3Store({ bucket: 'medqa', client, capabilities }) };
}

describe('S3Store with a mocked S3 API', () => {
  it('sends If-None-Match: * for create-only-if-absent and maps 412 to ObjectExistsError', async () => {
    const { mock, store } = mockedStore();
    mock.on(PutObjectCommand).rejectsOnce(serviceError('PreconditionFailed', 412));
    await expect(store.put('data/lock', 'x', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ObjectExistsError);
    expect(mock.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({
      Bucket: 'medqa',
      Key: 'data/lock',
      IfNoneMatch: '*',
    });
  });

  it('maps 409 ConditionalRequestConflict (a concurrent conditional write) to ObjectExistsError', async () => {
    const { mock, store } = mockedStore();
    mock.on(PutObjectCommand).rejectsOnce(serviceError('ConditionalRequestConflict', 409));
    await expect(store.put('data/lock', 'x', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ObjectExistsError);
  });

  it('falls back to check-then-write where the server ignores If-None-Match', async () => {
    const { mock, store } = mockedStore({ atomicCreateIfAbsent: false });
    mock.on(HeadObjectCommand).resolves({ ContentLength: 1, ETag: '"abc"' });
    await expect(store.put('data/lock', 'x', { ifNoneMatch: '*' })).rejects.toBeInstanceOf(ObjectExistsError);
    expect(mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('returns bare ETags and maps NoSuchKey to ObjectNotFoundError', async () => {
    const { mock, store } = mockedStore();
    mock.on(PutObjectCommand).resolves({ ETag: '"0123abcd"' });
    mock.on(GetObjectCommand).rejects(serviceError('NoSuchKey', 404));
    expect(await store.put('k', 'v')).toEqual({ key: 'k', etag: '0123abcd' });
    await expect(store.get('k2')).rejects.toBeInstanceOf(ObjectNotFoundError);
  });

  it('URL-encodes CopySource per path segment', async () => {
    const { mock, store } = mockedStore();
    mock.on(CopyObjectCommand).resolves({ CopyObjectResult: { ETag: '"e"' } });
    await store.copy('raw/my file+1.json', 'archive/my file+1.json');
    expect(mock.commandCalls(CopyObjectCommand)[0]!.args[0].input.CopySource).toBe('medqa/raw/my%20file%2B1.json');
  });

  it('says the store is unreachable or refusing, rather than a bare SDK error', async () => {
    const { mock, store } = mockedStore();
    mock.on(HeadObjectCommand).rejects(serviceError('AccessDenied', 403));
    await expect(store.head('k')).rejects.toBeInstanceOf(StoreUnavailableError);
  });

  it('uses path-style addressing and checksums only when required for custom endpoints', async () => {
    const store = new S3Store({
      bucket: 'b',
      endpoint: 'http://127.0.0.1:9000',
      accessKeyId: 'a',
      secretAccessKey: 'b',
    });
    expect(await store.client.config.forcePathStyle).toBe(true);
    expect(await store.client.config.requestChecksumCalculation()).toBe('WHEN_REQUIRED');
    const aws = new S3Store({ bucket: 'b', region: 'eu-west-1' });
    expect(await aws.client.config.forcePathStyle).toBe(false);
  });

  it('aborts incomplete multipart uploads older than the age given, page after page', async () => {
    const { mock, store } = mockedStore();
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    mock
      .on(ListMultipartUploadsCommand)
      .resolvesOnce({
        IsTruncated: true,
        NextKeyMarker: 'b',
        NextUploadIdMarker: 'u2',
        Uploads: [
          { Key: 'data/a.jsonl', UploadId: 'u1', Initiated: hoursAgo(30) },
          { Key: 'data/b.jsonl', UploadId: 'u2', Initiated: hoursAgo(0) },
        ],
      })
      .resolvesOnce({ IsTruncated: false, Uploads: [{ Key: 'data/c.jsonl', UploadId: 'u3', Initiated: hoursAgo(7) }] });
    mock.on(AbortMultipartUploadCommand).resolves({});
    expect(await store.sweepLeftovers(6 * 3_600_000)).toBe(2);
    expect(mock.commandCalls(AbortMultipartUploadCommand).map((c) => c.args[0].input.UploadId)).toEqual(['u1', 'u3']);
    expect(mock.commandCalls(ListMultipartUploadsCommand)[1]!.args[0].input).toMatchObject({
      KeyMarker: 'b',
      UploadIdMarker: 'u2',
    });
  });
});
