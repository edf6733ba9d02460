import * as z from 'zod';
import {
  PRODUCTION_ARCHIVE_PREFIX,
  PRODUCTION_QUARANTINE_PREFIX,
  PRODUCTION_RULES_VERSION,
  PRODUCTION_STAGED_PREFIX,
  productionOutputKeys,
  rawKeyOfArchived,
} from '../bucket/keys';
import { MaxRecordBytesParam, stageProductionFile } from '../production/stage-file';
import { SafeQuestionTypesParam } from '../question-type/safe-types';
import { DEADLINE_MARGIN_MS, defineAction, optionalText, PipelineError } from '../runtime';
import { listObjects, type ObjectStore } from '../store';

const ReplayParams = z.object({
  from: z.enum(['archive']).default('archive').describe('where the raw files are taken from'),
  /** Only files archived at or after this time (ISO 8601). */
  since: optionalText().describe('only files archived at or after this time (ISO 8601)'),
  safe_question_types: SafeQuestionTypesParam,
  max_record_bytes: MaxRecordBytesParam,
});

/**
 * replay: after the redaction or validation rules change, re-runs transform's staging on the
 * archived raw files. Staged keys carry the rules version, so the new output replaces the
 * older one (which is then deleted) instead of adding to it; files already staged under the
 * current rules are skipped. retrain-batch takes the new output as new staged files, and its
 * cross-version de-duplication drops records whose text did not change.
 */
export const replay = defineAction({
  name: 'replay',
  description: 'Re-stage archived raw production files under the current rules',
  params: ReplayParams,
  async run(params, { store, log, timeLeftMs }) {
    const since = params.since ? Date.parse(params.since) : 0;
    if (Number.isNaN(since))
      throw new PipelineError('BAD_PARAMS', `since is not a date: ${JSON.stringify(params.since)}`);
    const safeTypes = new Set(params.safe_question_types);
    const replayed: string[] = [];
    const replaced: string[] = [];
    let current = 0;
    let remaining = 0;
    for await (const archived of listObjects(store, PRODUCTION_ARCHIVE_PREFIX)) {
      if (archived.lastModified.getTime() < since) continue;
      if (timeLeftMs() < DEADLINE_MARGIN_MS) {
        remaining += 1;
        continue;
      }
      const rawKey = rawKeyOfArchived(archived.key);
      const keys = productionOutputKeys(rawKey, archived.etag);
      if (await store.head(keys.summary)) {
        current += 1;
        continue;
      }
      await stageProductionFile(
        store,
        { key: rawKey, etag: archived.etag, size: archived.size, readKey: archived.key },
        keys,
        { safeTypes, maxRecordBytes: params.max_record_bytes, log },
      );
      replayed.push(rawKey);
      replaced.push(...(await deleteOlderRules(store, rawKey, archived.etag)));
    }
    log.info('replayed', { replayed: replayed.length, replaced: replaced.length, already_current: current, remaining });
    return {
      status: remaining ? 'stopped_before_deadline' : 'done',
      rules_version: PRODUCTION_RULES_VERSION,
      replayed,
      replaced_outputs: replaced,
      already_current: current,
      remaining,
    };
  },
});

/** Staged, summary and quarantine files of the same content made under other rules versions. */
async function deleteOlderRules(store: ObjectStore, rawKey: string, etag: string): Promise<string[]> {
  const current = productionOutputKeys(rawKey, etag);
  const deleted: string[] = [];
  for (const prefix of [PRODUCTION_STAGED_PREFIX, PRODUCTION_QUARANTINE_PREFIX]) {
    const folder = productionOutputKeys(rawKey, etag, 0)
      .staged.replace(PRODUCTION_STAGED_PREFIX, prefix)
      .replace(/[^/]*$/, '');
    for await (const object of listObjects(store, folder)) {
      const name = object.key.slice(folder.length);
      if (
        !name.startsWith(`${etag}-r`) ||
        [current.staged, current.lineIndex, current.summary, current.quarantine].includes(object.key)
      )
        continue;
      await store.delete(object.key);
      deleted.push(object.key);
    }
  }
  return deleted;
}
