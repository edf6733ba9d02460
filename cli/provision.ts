import { readFileSync } from 'node:fs';
import {
  GetBucketLifecycleConfigurationCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
} from '@aws-sdk/client-s3';
import { parseManifest } from '../shared/manifest';
import { parseStoreSettings, s3StoreOptions } from '../shared/runtime';
import { S3Store } from '../shared/store/s3-store';

export interface ProvisionOptions {
  manifestPath: string;
  params: Record<string, unknown>;
  flags: Record<string, string | true>;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
  /** A ready store (tests); otherwise built from the MEDQA_S3_* settings. */
  store?: S3Store;
}

/**
 * `medqa provision`: creates the bucket and points its object-created notifications for each
 * raw prefix of manifest.yaml at the MinIO webhook target that calls on-object-created. The
 * target itself (endpoint, auth token) is MinIO admin configuration, outside the S3 API: the
 * exact `mc` commands are printed for it, and for everything when the server refuses.
 */
export async function provision({ manifestPath, params, flags, env, out, store }: ProvisionOptions): Promise<number> {
  // The same settings (and errors) as openStore, but the S3 store itself: provisioning configures
  // the bucket, its notifications and lifecycle, which no ObjectStore exposes.
  const settings = parseStoreSettings(params);
  const s3 = store ?? new S3Store(s3StoreOptions(settings));
  const prefixes = parseManifest(readFileSync(manifestPath, 'utf8')).objectRoutes.map((route) => route.prefix);
  const targetId = typeof flags['target-id'] === 'string' ? flags['target-id'] : 'MEDQA';
  const arn = `arn:minio:sqs::${targetId}:webhook`;
  const webhookUrl = typeof flags['webhook-url'] === 'string' ? flags['webhook-url'] : webhookUrlFrom(env);

  await s3.ensureBucket();
  out(`bucket ${s3.bucket}: ready`);
  await abortIncompleteUploads(s3.client, s3.bucket, out);

  const commands = [
    `mc alias set medqa ${settings.s3_endpoint ?? '<endpoint>'} "$MEDQA_S3_ACCESS_KEY_ID" "$MEDQA_S3_SECRET_ACCESS_KEY"`,
    `mc admin config set medqa notify_webhook:${targetId} endpoint="${webhookUrl}" auth_token="$MEDQA_WEBHOOK_SECRET" queue_dir="/data/.minio-events" queue_limit="100000"`,
    // MinIO ignores the lifecycle rule above and aborts stale uploads itself, after this long.
    `mc admin config set medqa api stale_uploads_expiry=${ABORT_INCOMPLETE_UPLOADS_DAYS * 24}h`,
    'mc admin service restart medqa',
  ];
  try {
    await s3.client.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: s3.bucket,
        NotificationConfiguration: {
          QueueConfigurations: prefixes.map((prefix) => ({
            Id: `medqa-${prefix.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}`,
            QueueArn: arn,
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: prefix }] } },
          })),
        },
      }),
    );
    out(`bucket notifications: object-created events under ${prefixes.join(', ')} go to ${arn}`);
    out('Configure that webhook target on the MinIO server once (admin API, not reachable through S3):');
  } catch (err) {
    out(
      `bucket notifications could not be set through the S3 API (${(err as Error).name}: ${(err as Error).message}).`,
    );
    out('Run these mc commands to wire the bucket to on-object-created:');
    commands.push(...prefixes.map((prefix) => `mc event add medqa/${s3.bucket} ${arn} --event put --prefix ${prefix}`));
  }
  for (const command of commands) out(`  ${command}`);
  return 0;
}

/** Days after which the server itself aborts a multipart upload that a crashed writer left open. */
const ABORT_INCOMPLETE_UPLOADS_DAYS = 1;

/**
 * A lifecycle rule that aborts incomplete multipart uploads: their parts are billed and
 * invisible to listings. reconcile sweeps them too; the rule also covers a bucket no one
 * reconciles. MinIO accepts the rule but drops it (minio/minio#19115): there the server's own
 * stale-upload sweep does the job, so its setting is printed with the other mc commands.
 */
const ABORT_RULE_ID = 'medqa-abort-incomplete-uploads';

async function abortIncompleteUploads(client: S3Store['client'], bucket: string, out: (line: string) => void) {
  try {
    // The bucket's own rules stay: a PUT replaces the whole configuration, so ours is added to them.
    const existing = await client
      .send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))
      .then((answer) => answer.Rules ?? [])
      .catch((err: { name?: string }) => {
        if (err.name === 'NoSuchLifecycleConfiguration') return [];
        throw err;
      });
    await client.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: bucket,
        LifecycleConfiguration: {
          Rules: [
            ...existing.filter((rule) => rule.ID !== ABORT_RULE_ID),
            {
              ID: ABORT_RULE_ID,
              Status: 'Enabled',
              Filter: { Prefix: '' },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: ABORT_INCOMPLETE_UPLOADS_DAYS },
            },
          ],
        },
      }),
    );
    out(`lifecycle: incomplete multipart uploads are aborted after ${ABORT_INCOMPLETE_UPLOADS_DAYS} day`);
  } catch (err) {
    out(
      `lifecycle rule for incomplete multipart uploads could not be set (${(err as Error).name}); reconcile sweeps them`,
    );
  }
}

/** The web action URL of on-object-created (`.http`, so status codes reach MinIO). */
function webhookUrlFrom(env: NodeJS.ProcessEnv): string {
  const host = env.WSK_APIHOST ?? '<openwhisk-apihost>';
  const base = /^https?:\/\//.test(host) ? host : `https://${host}`;
  return `${base}/api/v1/web/${env.WSK_NAMESPACE ?? '<namespace>'}/medqa/on-object-created.http`;
}
