/**
 * The bucket layout (one bucket). Consumers of the old scripts read these exact keys:
 * the training job reads the split files and, later, the retraining versions.
 */
export const OFFLINE_RAW_PREFIX = 'data/offline/raw/';
export const OFFLINE_QUARANTINE_PREFIX = 'data/offline/quarantine/';

export const SPLIT_NAMES = ['training', 'validation', 'evaluation'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];

/** Where each split is written (JSONL despite the `.json` name, as the old scripts wrote it). */
export const SPLIT_KEYS: Record<SplitName, string> = {
  training: 'data/dataset-split/training/training.json',
  validation: 'data/dataset-split/validation/validation.json',
  evaluation: 'data/dataset-split/evaluation/testing.json',
};
export const SPLIT_METADATA_KEY = 'data/dataset-split/metadata.json';

export const PRODUCTION_RAW_PREFIX = 'data/production/retraining_data_raw/';
export const PRODUCTION_STAGED_PREFIX = 'data/production/retraining_data_staged/';
export const PRODUCTION_ARCHIVE_PREFIX = 'data/production/production_data_archive/';
export const PRODUCTION_QUARANTINE_PREFIX = 'data/production/quarantine/';
export const RETRAINING_PREFIX = 'data/production/retraining_data_transformed/';
export const DASHBOARD_PREFIX = 'dashboard/';
/** Run state: the last failure of each action on each key, cleared by its next success. */
export const FAILURES_PREFIX = 'status/failures/';
/** The last run of each action: when, how it ended, how long it took (for the dashboard). */
export const RUNS_PREFIX = 'status/runs/';
