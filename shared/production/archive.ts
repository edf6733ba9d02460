import { z } from 'zod';
import { PRODUCTION_RAW_PREFIX } from '../layout';
import { defineAction, optionalText, PipelineError, text } from '../runtime';
import type { ObjectInfo, ObjectStore } from '../store';
import { archiveKeyCandidates } from './keys';

export interface ArchiveOutcome {
  status: 'archived' | 'already_archived';
  archived_to: string;
}

/**
 * Moves a raw production file to the archive: copy, verify the copy, then delete the raw
 * object — never the other order, so a crash at any point leaves the data in one place or
 * both, and a rerun finishes the move. An earlier archived file with the same name but other
 * content is kept: this one then goes next to it with its ETag in the name.
 */
export async function archiveRawObject(store: ObjectStore, rawKey: string, expectedEtag?: string): Promise<ArchiveOutcome> {
  const raw = await store.head(rawKey);
  if (!raw) {
    if (expectedEtag) {
      for (const candidate of archiveKeyCandidates(rawKey, expectedEtag)) {
        const archived = await store.head(candidate);
        if (archived && sameContent(archived, { etag: expectedEtag })) return { status: 'already_archived', archived_to: candidate };
      }
    }
    throw new PipelineError('NOT_FOUND', `no raw object at ${rawKey} and no archived copy of it`);
  }
  if (expectedEtag && raw.etag !== expectedEtag) {
    throw new PipelineError('CHANGED', `${rawKey} changed since it was processed (ETag ${raw.etag}, expected ${expectedEtag}); its new content will be processed on its own`);
  }
  const [plain, withEtag] = archiveKeyCandidates(rawKey, raw.etag);
  const existing = await store.head(plain);
  const target = !existing || sameContent(existing, raw) ? plain : withEtag;

  const copied = (await store.head(target)) ?? (await store.copy(rawKey, target), await store.head(target));
  if (!copied || copied.size !== raw.size || !sameContent(copied, raw)) {
    throw new PipelineError('ARCHIVE_MISMATCH', `the archived copy at ${target} does not match ${rawKey}; the raw file was left in place`);
  }
  await store.delete(rawKey);
  return { status: 'archived', archived_to: target };
}

/**
 * The same bytes, as far as ETags tell. A multipart ETag ("…-3") is not an MD5 and a server-side
 * copy may compute a plain one, so those compare by size only (checked by the caller).
 */
function sameContent(a: Pick<ObjectInfo, 'etag'>, b: Pick<ObjectInfo, 'etag'>): boolean {
  return a.etag === b.etag || a.etag.includes('-') || b.etag.includes('-');
}

/** archive, run by hand: `medqa invoke archive -p key data/production/retraining_data_raw/x.jsonl`. */
export const archive = defineAction({
  name: 'archive',
  description: 'Move a processed raw production file to data/production/production_data_archive/',
  params: z.object({ key: text(), etag: optionalText() }),
  async run(params, { store, log }) {
    if (!params.key.startsWith(PRODUCTION_RAW_PREFIX)) {
      throw new PipelineError('WRONG_PREFIX', `archive moves objects under ${PRODUCTION_RAW_PREFIX}; got key ${JSON.stringify(params.key)}`);
    }
    const outcome = await archiveRawObject(store, params.key, params.etag);
    log.info('archived', { key: params.key, ...outcome });
    return { key: params.key, ...outcome };
  },
});
