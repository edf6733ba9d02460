import * as z from 'zod';
import { RAW_PREFIXES } from '../bucket/keys';
import { ONE_OFF_PARSE } from '../bucket/one-off-parse';
import { FolderStore, type ObjectStore } from '../store';
import { DeferredS3Store } from '../store/deferred-s3-store';
import type { S3StoreOptions } from '../store/s3-store';
import { PipelineError } from './errors';
import { flag, optionalText, text } from './params';

/** Where the bucket lives. Same names as action parameters and as `MEDQA_<NAME>` variables. */
export const StoreSettingsSchema = z.object({
  /** `folder` (the embedded default) or `s3`; `s3` is implied by an `s3_endpoint`. */
  store: z.enum(['folder', 's3']).optional(),
  /** The folder that is the bucket, for the folder store. */
  data_dir: text().default('.medqa/bucket'),
  s3_endpoint: text()
    .refine((url) => /^https?:\/\/[^/\s]/i.test(url) && URL.canParse(url), 'expected an http:// or https:// URL')
    .optional(),
  s3_region: text().default('us-east-1'),
  s3_bucket: text().default('medqa'),
  s3_access_key_id: optionalText(),
  s3_secret_access_key: optionalText(),
  s3_force_path_style: flag().optional(),
  /** Set false for servers that ignore If-None-Match (s3rver): create-if-absent is then check-then-write. */
  s3_atomic_create: flag().default(true),
});

export type StoreSettings = z.infer<typeof StoreSettingsSchema>;

/** The names of the store settings: what may only come from the deployment, never from a caller. */
export const STORE_SETTING_NAMES = Object.keys(StoreSettingsSchema.shape) as (keyof StoreSettings)[];

export function storeKind(settings: StoreSettings): 'folder' | 's3' {
  return settings.store ?? (settings.s3_endpoint ? 's3' : 'folder');
}

/**
 * The store settings among `params` (other parameters are ignored), or a `BAD_PARAMS` error
 * that names each wrong setting and the `MEDQA_*` variable it can come from.
 */
export function parseStoreSettings(params: Record<string, unknown>): StoreSettings {
  const parsed = StoreSettingsSchema.safeParse(params, ONE_OFF_PARSE);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'store');
    return `${name} (MEDQA_${name.toUpperCase()}): ${issue.message}`;
  });
  throw new PipelineError('BAD_PARAMS', `invalid store setting: ${problems.join('; ')}`);
}

/** Warm OpenWhisk containers reuse clients: one store per distinct configuration. */
const cache = new Map<string, ObjectStore>();

/** The one way to open the bucket from settings (action parameters, `MEDQA_*` variables). */
export function openStore(params: Record<string, unknown> | StoreSettings): ObjectStore {
  const settings = parseStoreSettings(params);
  const kind = storeKind(settings);
  const cacheKey = JSON.stringify([kind, settings]);
  let store = cache.get(cacheKey);
  if (!store) {
    store =
      kind === 'folder'
        ? new FolderStore(settings.data_dir, { keepFolders: RAW_PREFIXES })
        : new DeferredS3Store(s3StoreOptions(settings));
    cache.set(cacheKey, store);
  }
  return store;
}

/** The S3 client's options from the store settings. */
export function s3StoreOptions(settings: StoreSettings): S3StoreOptions {
  return {
    bucket: settings.s3_bucket,
    endpoint: settings.s3_endpoint,
    region: settings.s3_region,
    accessKeyId: settings.s3_access_key_id,
    secretAccessKey: settings.s3_secret_access_key,
    forcePathStyle: settings.s3_force_path_style,
    capabilities: { atomicCreateIfAbsent: settings.s3_atomic_create },
  };
}
