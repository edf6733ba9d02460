import type { ObjectStore } from '../store';

export interface QuarantinedFile {
  key: string;
  quarantine_key: string;
  reason: string;
}

/**
 * Moves an unreadable input out of the way, with its reason beside it: the copy and the
 * reason are written before the original is deleted, so nothing is lost if this fails half-way.
 */
export async function quarantineFile(store: ObjectStore, key: string, fromPrefix: string, toPrefix: string, reason: string): Promise<QuarantinedFile> {
  const quarantineKey = toPrefix + key.slice(fromPrefix.length);
  const info = await store.head(key);
  await store.copy(key, quarantineKey);
  await store.put(
    `${quarantineKey}.reason.json`,
    JSON.stringify({ key, etag: info?.etag, size: info?.size, reason, quarantined_at: new Date().toISOString() }, null, 2),
    { contentType: 'application/json' },
  );
  await store.delete(key);
  return { key, quarantine_key: quarantineKey, reason };
}
