import { RETRAINING_PREFIX } from '../layout';

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
