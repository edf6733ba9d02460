import { z } from 'zod';
import { FolderStore, S3Store, type ObjectStore } from '../store';
import { flag, optionalText, text } from './params';

/** Where the bucket lives. Same names as action parameters and as `MEDQA_<NAME>` variables. */
export const StoreSettingsSchema = z.object({
  /** `folder` (the embedded default) or `s3`; `s3` is implied by an `s3_endpoint`. */
  store: z.enum(['folder', 's3']).optional(),
  /** The folder that is the bucket, for the folder store. */
  data_dir: text().default('.medqa/bucket'),
  s3_endpoint: optionalText(),
  s3_region: text().default('us-east-1'),
  s3_bucket: text().default('medqa'),
  s3_access_key_id: optionalText(),
  s3_secret_access_key: optionalText(),
  s3_force_path_style: flag().optional(),
  /** Set false for servers that ignore If-None-Match (s3rver): create-if-absent is then check-then-write. */
  s3_atomic_create: flag().default(true),
});

export type StoreSettings = z.infer<typeof StoreSettingsSchema>;

export function storeKind(settings: StoreSettings): 'folder' | 's3' {
  return settings.store ?? (settings.s3_endpoint ? 's3' : 'folder');
}

/** Warm OpenWhisk containers reuse clients: one store per distinct configuration. */
const cache = new Map<string, ObjectStore>();

export function storeFromSettings(settings: StoreSettings): ObjectStore {
  const kind = storeKind(settings);
  const cacheKey = JSON.stringify([kind, settings]);
  let store = cache.get(cacheKey);
  if (!store) {
    store =
      kind === 'folder'
        ? new FolderStore(settings.data_dir)
        : new S3Store({
            bucket: settings.s3_bucket,
            endpoint: settings.s3_endpoint,
            region: settings.s3_region,
            accessKeyId: settings.s3_access_key_id,
            secretAccessKey: settings.s3_secret_access_key,
            forcePathStyle: settings.s3_force_path_style,
            capabilities: { atomicCreateIfAbsent: settings.s3_atomic_create },
          });
    cache.set(cacheKey, store);
  }
  return store;
}
