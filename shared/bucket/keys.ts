/**
 * Every key and prefix of the bucket (one bucket). Consumers of the old scripts read these
 * exact keys: the training job reads the split files and the retraining versions.
 */

import { keyBesideEarlier, withoutEtagTail } from '../store/move';

export const OFFLINE_RAW_PREFIX = 'data/offline/raw/';
export const OFFLINE_QUARANTINE_PREFIX = 'data/offline/quarantine/';

export const SPLIT_PREFIX = 'data/dataset-split/';
export const SPLIT_NAMES = ['training', 'validation', 'evaluation'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** Where each split is written (JSONL despite the `.json` name, as the old scripts wrote it). */
export const SPLIT_KEYS: Record<SplitName, string> = {
  training: `${SPLIT_PREFIX}training/training.json`,
  validation: `${SPLIT_PREFIX}validation/validation.json`,
  evaluation: `${SPLIT_PREFIX}evaluation/testing.json`,
};
export const SPLIT_METADATA_KEY = `${SPLIT_PREFIX}metadata.json`;

export const PRODUCTION_RAW_PREFIX = 'data/production/retraining_data_raw/';
export const PRODUCTION_STAGED_PREFIX = 'data/production/retraining_data_staged/';
export const PRODUCTION_ARCHIVE_PREFIX = 'data/production/production_data_archive/';
export const PRODUCTION_QUARANTINE_PREFIX = 'data/production/quarantine/';
export const RETRAINING_PREFIX = 'data/production/retraining_data_transformed/';
export const DASHBOARD_PREFIX = 'dashboard/';
export const STATUS_PREFIX = 'status/';
/** Run state: the last failure of each action on each key, cleared by its next success. */
export const FAILURES_PREFIX = `${STATUS_PREFIX}failures/`;
/** The last run of each action: when, how it ended, how long it took (for the dashboard). */
export const RUNS_PREFIX = `${STATUS_PREFIX}runs/`;

/** The prefixes a user drops files under: they are never removed, and only they fire actions. */
export const RAW_PREFIXES = [OFFLINE_RAW_PREFIX, PRODUCTION_RAW_PREFIX] as const;

/**
 * Names that copy tools and editors give a file while it is still being written (`x.part`,
 * `x.tmp`, `.~lock`, any dotfile): never processed until renamed to the final name.
 */
export function isTemporaryName(key: string): boolean {
  const name = key.slice(key.lastIndexOf('/') + 1);
  return name.startsWith('.') || /\.(?:part|tmp|crdownload|partial)$/i.test(name) || name.endsWith('~');
}

/** The pipeline's own outputs: never routed, so no function can fire itself through a broad notification. */
export const OUTPUT_PREFIXES = [
  SPLIT_PREFIX,
  OFFLINE_QUARANTINE_PREFIX,
  PRODUCTION_STAGED_PREFIX,
  PRODUCTION_ARCHIVE_PREFIX,
  PRODUCTION_QUARANTINE_PREFIX,
  RETRAINING_PREFIX,
  DASHBOARD_PREFIX,
  STATUS_PREFIX,
] as const;

/** The merged summary the dashboard page reads. */
export const SUMMARY_KEY = `${DASHBOARD_PREFIX}summary.json`;
/** Partial summaries, kept so a refresh merges one new output instead of rescanning the bucket. */
export const OFFLINE_PARTIAL_KEY = `${DASHBOARD_PREFIX}partials/offline.json`;
export const PRODUCTION_PARTIAL_KEY = `${DASHBOARD_PREFIX}partials/production.json`;
export const VERSIONS_PARTIAL_KEY = `${DASHBOARD_PREFIX}partials/versions.json`;
/** One small marker per merged staged file, so a repeated refresh merges nothing and no list grows. */
export const MERGED_MARKERS_PREFIX = `${DASHBOARD_PREFIX}partials/merged/`;

/** Where `simulate` drops the logs of its simulated traffic. */
export const SIMULATED_RAW_PREFIX = `${PRODUCTION_RAW_PREFIX}simulated/`;

/** Where the last failure of an action on an object is kept, for `medqa status`. */
export function failureKey(action: string, key: string): string {
  return `${FAILURES_PREFIX}${action}/${key}.json`;
}

export function runKey(action: string): string {
  return `${RUNS_PREFIX}${action}.json`;
}

// ── Offline quarantine ──────────────────────────────────────────────────────────────────

/** The reason written beside a quarantined file. */
export const QUARANTINE_REASON_SUFFIX = '.reason.json';

export function quarantineReasonKey(quarantineKey: string): string {
  return `${quarantineKey}${QUARANTINE_REASON_SUFFIX}`;
}

// ── Production staging ──────────────────────────────────────────────────────────────────

/**
 * Bumped whenever the cleaning, redaction or typing rules change: staged keys carry it, so
 * output made under other rules is told apart (and a replay can replace it).
 */
export const PRODUCTION_RULES_VERSION = 19;

/** A staged file's summary: its presence marks the staged output complete. */
export const STAGED_SUMMARY_SUFFIX = '.summary.json';

export function isStagedSummaryKey(key: string): boolean {
  return key.startsWith(PRODUCTION_STAGED_PREFIX) && key.endsWith(STAGED_SUMMARY_SUFFIX);
}

/** The path of a raw object below the raw prefix: what every derived key is built from. */
export function relativeRawKey(rawKey: string): string {
  return rawKey.slice(PRODUCTION_RAW_PREFIX.length);
}

/** A file being staged in parts has its plan here until the parts are joined. */
export const PART_PLAN_SUFFIX = '.parts.json';
/** The summary of one part, written when the part is done. */
export const PART_SUMMARY_PATTERN = /\.part-\d+\.json$/;

/** Outputs of one raw object's content (key + ETag) under one rules version: deterministic, so reruns overwrite. */
export function productionOutputKeys(rawKey: string, etag: string, rulesVersion = PRODUCTION_RULES_VERSION) {
  const base = `${relativeRawKey(rawKey)}/${etag}-r${rulesVersion}`;
  return {
    staged: `${PRODUCTION_STAGED_PREFIX}${base}.jsonl`,
    /** What retrain-batch takes the staged lines by (line-index.ts). */
    lineIndex: `${PRODUCTION_STAGED_PREFIX}${base}.index`,
    /** Written last: its presence means the staged and quarantine outputs are complete. */
    summary: `${PRODUCTION_STAGED_PREFIX}${base}${STAGED_SUMMARY_SUFFIX}`,
    quarantine: `${PRODUCTION_QUARANTINE_PREFIX}${base}.jsonl`,
    /** A file staged in parts: the byte ranges its parts read (part-plan.ts). */
    plan: `${PRODUCTION_STAGED_PREFIX}${base}${PART_PLAN_SUFFIX}`,
    /** What every part's outputs start with (productionPartKeys): one listing finds the parts done. */
    partsPrefix: `${PRODUCTION_STAGED_PREFIX}${base}.part-`,
    /** Created only if absent by the run that joins the parts. */
    joinClaim: `${PRODUCTION_STAGED_PREFIX}${base}.parts.join.json`,
  };
}

/**
 * The outputs of part `index` of a file staged in parts, all under the staged prefix with names
 * that no reader of staged files takes (none ends in `.summary.json`, none is in the quarantine
 * prefix): the join turns them into the file's own outputs and removes them.
 */
export function productionPartKeys(
  rawKey: string,
  etag: string,
  index: number,
  rulesVersion = PRODUCTION_RULES_VERSION,
) {
  const base = `${PRODUCTION_STAGED_PREFIX}${relativeRawKey(rawKey)}/${etag}-r${rulesVersion}.part-${index}`;
  return {
    staged: `${base}.jsonl`,
    lineIndex: `${base}.index`,
    quarantine: `${base}.quarantine.jsonl`,
    /** Written last: the part is done. */
    summary: `${base}.json`,
  };
}

/** Where a raw object is archived: its own path, or with its ETag when another version already sits there. */
export function archiveKeyCandidates(rawKey: string, etag: string): [string, string] {
  const path = archiveKey(rawKey);
  return [path, keyBesideEarlier(path, etag)];
}

/** Where a raw object is archived when no other content was archived under its name first. */
export function archiveKey(rawKey: string): string {
  return PRODUCTION_ARCHIVE_PREFIX + relativeRawKey(rawKey);
}

/** The raw key an archived object came from (its ETag tail, if any, taken off). */
export function rawKeyOfArchived(archivedKey: string): string {
  return PRODUCTION_RAW_PREFIX + withoutEtagTail(archivedKey.slice(PRODUCTION_ARCHIVE_PREFIX.length));
}

// ── Retraining versions ─────────────────────────────────────────────────────────────────

/** The latest committed version, as text ("7"): what the training job reads first. */
export const VERSION_TRACKER_KEY = `${RETRAINING_PREFIX}version_tracker.txt`;

export function versionKeys(version: number) {
  const base = `${RETRAINING_PREFIX}v${version}/`;
  return {
    /** Created only if absent: whoever creates it builds this version. */
    claim: `${base}claim.json`,
    data: `${base}retraining_data.json`,
    metadata: `${base}metadata.json`,
    /** 8 bytes per record of the version, so later versions can leave its records out. */
    fingerprints: `${base}fingerprints.bin`,
  };
}

/** Marks a staged file as taken by a version (one small object per staged file, not per record). */
export const INCLUDED_PREFIX = `${RETRAINING_PREFIX}included/`;
export function includedMarkerKey(summaryKey: string): string {
  return `${INCLUDED_PREFIX}${summaryKey}`;
}
