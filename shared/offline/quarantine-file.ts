import { QUARANTINE_REASON_SUFFIX, quarantineReasonKey } from '../bucket/keys';
import { type QuarantineReason, QuarantineReasonSchema } from '../bucket/quarantine-reason';
import { readObject } from '../bucket/read';
import { listObjects, moveObject, ObjectNotFoundError, type ObjectStore, placeBesideEarlier } from '../store';

export interface QuarantinedFile {
  key: string;
  quarantine_key: string;
  reason: string;
}

/**
 * Moves an unreadable input out of the way, with its reason beside it: the copy and the
 * reason are written before the original is deleted (a verified move), so nothing is lost if this fails half-way.
 */
export async function quarantineFile(
  store: ObjectStore,
  key: string,
  fromPrefix: string,
  toPrefix: string,
  reason: string,
): Promise<QuarantinedFile> {
  const info = await store.head(key);
  if (!info) throw new ObjectNotFoundError(key);
  // An earlier file of the same name with other content stays: this one goes beside it, its ETag in the name.
  const { key: quarantineKey, present } = await placeBesideEarlier(
    store,
    info,
    toPrefix + key.slice(fromPrefix.length),
  );
  const written: QuarantineReason = {
    key,
    etag: info.etag,
    size: info.size,
    reason,
    quarantined_at: new Date().toISOString(),
  };
  await store.put(quarantineReasonKey(quarantineKey), JSON.stringify(written, null, 2), {
    contentType: 'application/json',
  });
  await moveObject(store, info, quarantineKey, { target: present });
  return { key, quarantine_key: quarantineKey, reason };
}

/** Quarantined files under `prefix` by kind of reason (the part before the first colon: "unknown format"). */
export async function quarantinedFileCounts(store: ObjectStore, prefix: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for await (const object of listObjects(store, prefix)) {
    if (!object.key.endsWith(QUARANTINE_REASON_SUFFIX)) continue;
    const written = await readObject(store, object.key, QuarantineReasonSchema);
    const kind = (written?.reason ?? 'unknown').split(':')[0]!.trim();
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}
