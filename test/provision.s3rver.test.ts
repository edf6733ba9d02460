import {
  CreateBucketCommand,
  GetBucketLifecycleConfigurationCommand,
  HeadBucketCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provision } from '../cli/provision';
import { S3Store } from '../shared/store/s3-store';
import { type RunningS3rver, startS3rver } from './helpers/s3rver';

let s3rver: RunningS3rver;
beforeAll(async () => {
  s3rver = await startS3rver();
});
afterAll(async () => {
  await s3rver?.stop();
});

const ENV = { WSK_APIHOST: 'openwhisk.example.org', WSK_NAMESPACE: 'guest' };

describe('medqa provision', () => {
  it('creates the bucket on s3rver and, as s3rver has no notifications, prints every mc command', async () => {
    const store = new S3Store({
      bucket: 'fresh-bucket',
      endpoint: s3rver.endpoint,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
    });
    const lines: string[] = [];
    expect(
      await provision({
        manifestPath: 'manifest.yaml',
        params: {},
        flags: {},
        env: ENV,
        out: (l) => lines.push(l),
        store,
      }),
    ).toBe(0);
    expect(lines[0]).toBe('bucket fresh-bucket: ready');
    await store.put('probe', 'x'); // the bucket exists now
    expect(lines).toContain(
      '  mc admin config set medqa notify_webhook:MEDQA endpoint="https://openwhisk.example.org/api/v1/web/guest/medqa/on-object-created.http" auth_token="$MEDQA_WEBHOOK_SECRET" queue_dir="/data/.minio-events" queue_limit="100000"',
    );
    expect(lines).toContain(
      '  mc event add medqa/fresh-bucket arn:minio:sqs::MEDQA:webhook --event put --prefix data/offline/raw/',
    );
    expect(lines).toContain(
      '  mc event add medqa/fresh-bucket arn:minio:sqs::MEDQA:webhook --event put --prefix data/production/retraining_data_raw/',
    );
  });

  it('sets a queue notification per raw prefix where the server supports it', async () => {
    const client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const mock = mockClient(client);
    mock
      .on(HeadBucketCommand)
      .rejects(new S3ServiceException({ name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 } }));
    mock.on(CreateBucketCommand).resolves({});
    mock.on(PutBucketNotificationConfigurationCommand).resolves({});
    mock.on(PutBucketLifecycleConfigurationCommand).resolves({});
    // A rule the bucket already had: kept beside ours, not replaced.
    const theirs = {
      ID: 'expire-tmp',
      Status: 'Enabled' as const,
      Filter: { Prefix: 'tmp/' },
      Expiration: { Days: 7 },
    };
    mock.on(GetBucketLifecycleConfigurationCommand).resolves({ Rules: [theirs] });
    const lines: string[] = [];
    await provision({
      manifestPath: 'manifest.yaml',
      params: {},
      flags: { 'target-id': 'PIPE' },
      env: ENV,
      out: (l) => lines.push(l),
      store: new S3Store({ bucket: 'medqa', client }),
    });
    const config = mock.commandCalls(PutBucketNotificationConfigurationCommand)[0]!.args[0].input
      .NotificationConfiguration!;
    expect(
      config.QueueConfigurations!.map((q) => [q.QueueArn, q.Events, q.Filter!.Key!.FilterRules![0]!.Value]),
    ).toEqual([
      ['arn:minio:sqs::PIPE:webhook', ['s3:ObjectCreated:*'], 'data/offline/raw/'],
      ['arn:minio:sqs::PIPE:webhook', ['s3:ObjectCreated:*'], 'data/production/retraining_data_raw/'],
    ]);
    expect(lines.some((l) => l.includes('mc event add'))).toBe(false);
    const lifecycle = mock.commandCalls(PutBucketLifecycleConfigurationCommand)[0]!.args[0].input;
    expect(lifecycle.LifecycleConfiguration!.Rules).toEqual([
      theirs,
      expect.objectContaining({ Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    ]);
    expect(lines).toContain('lifecycle: incomplete multipart uploads are aborted after 1 day');
    expect(lines).toContain('  mc admin config set medqa api stale_uploads_expiry=24h');
  });
});
