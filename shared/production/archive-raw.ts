import { archiveKey, archiveKeyCandidates } from '../bucket/keys';
import { PipelineError } from '../runtime';
import { moveObject, type ObjectInfo, type ObjectStore, placeBesideEarlier, sameContent } from '../store';

export interface ArchiveOutcome {
  status: 'archived' | 'already_archived';
  archived_to: string;
}

/**
 * Moves a raw production file to the archive with a verified move. An earlier archived file with
 * the same name but other content is kept: this one then goes next to it with its ETag in the name.
 * `raw` is the raw object as the caller last saw it (its HEAD), or its key when the caller has
 * none; `expectedEtag` is the content the caller processed.
 */
export async function archiveRawObject(
  store: ObjectStore,
  raw: ObjectInfo | string,
  expectedEtag?: string,
): Promise<ArchiveOutcome> {
  const rawKey = typeof raw === 'string' ? raw : raw.key;
  const source = typeof raw === 'string' ? await store.head(raw) : raw;
  if (!source) {
    if (expectedEtag) {
      for (const candidate of archiveKeyCandidates(rawKey, expectedEtag)) {
        const archived = await store.head(candidate);
        if (archived && sameContent(archived, { etag: expectedEtag }))
          return { status: 'already_archived', archived_to: candidate };
      }
    }
    throw new PipelineError('NOT_FOUND', `no raw object at ${rawKey} and no archived copy of it`);
  }
  if (expectedEtag && source.etag !== expectedEtag) {
    throw new PipelineError(
      'CHANGED',
      `${rawKey} changed since it was processed (ETag ${source.etag}, expected ${expectedEtag}); its new content will be processed on its own`,
    );
  }
  const { key: target, present } = await placeBesideEarlier(store, source, archiveKey(rawKey));
  try {
    await moveObject(store, source, target, { target: present });
  } catch (err) {
    // Another run of the same content (a part that joined the file) archived it meanwhile.
    if (expectedEtag && typeof raw !== 'string' && !(await store.head(rawKey)))
      return archiveRawObject(store, rawKey, expectedEtag);
    if ((err as { code?: string }).code !== 'MOVE_MISMATCH') throw err;
    throw new PipelineError(
      'ARCHIVE_MISMATCH',
      `the archived copy at ${target} does not match ${rawKey}; the raw file was left in place`,
    );
  }
  return { status: 'archived', archived_to: target };
}
