import {
  PRODUCTION_ARCHIVE_PREFIX,
  PRODUCTION_QUARANTINE_PREFIX,
  PRODUCTION_RAW_PREFIX,
  PRODUCTION_STAGED_PREFIX,
} from '../layout';

/**
 * Bumped whenever the cleaning, redaction or typing rules change: staged keys carry it, so
 * output made under other rules is told apart (and a replay can replace it).
 */
export const PRODUCTION_RULES_VERSION = 1;

/** The path of a raw object below the raw prefix: what every derived key is built from. */
export function relativeRawKey(rawKey: string): string {
  return rawKey.slice(PRODUCTION_RAW_PREFIX.length);
}

/** Outputs of one raw object's content (key + ETag) under one rules version: deterministic, so reruns overwrite. */
export function productionOutputKeys(rawKey: string, etag: string, rulesVersion = PRODUCTION_RULES_VERSION) {
  const base = `${relativeRawKey(rawKey)}/${etag}-r${rulesVersion}`;
  return {
    staged: `${PRODUCTION_STAGED_PREFIX}${base}.jsonl`,
    /** Written last: its presence means the staged and quarantine outputs are complete. */
    summary: `${PRODUCTION_STAGED_PREFIX}${base}.summary.json`,
    quarantine: `${PRODUCTION_QUARANTINE_PREFIX}${base}.jsonl`,
  };
}

/** Where a raw object is archived: its own path, or with its ETag when another version already sits there. */
export function archiveKeyCandidates(rawKey: string, etag: string): [string, string] {
  const path = PRODUCTION_ARCHIVE_PREFIX + relativeRawKey(rawKey);
  return [path, `${path}.${etag}`];
}
