import { MAX_VERSIONS } from '../bucket/dashboard-summary';
import { droppedFiles, misplacedDrops } from '../bucket/drops';
import {
  FAILURES_PREFIX,
  isStagedSummaryKey,
  OFFLINE_QUARANTINE_PREFIX,
  OFFLINE_RAW_PREFIX,
  PART_PLAN_SUFFIX,
  PART_SUMMARY_PATTERN,
  PRODUCTION_RAW_PREFIX,
  PRODUCTION_RULES_VERSION,
  PRODUCTION_STAGED_PREFIX,
  SPLIT_METADATA_KEY,
  versionKeys,
} from '../bucket/keys';
import { PartPlanSchema } from '../bucket/part-plan';
import { readObject, readRequiredObject } from '../bucket/read';
import { FailureRecordSchema, type RunRecord } from '../bucket/run-records';
import { SplitMetadataSchema } from '../bucket/split-metadata';
import { StagedSummarySchema } from '../bucket/staged';
import { VersionMetadataSchema } from '../bucket/version-metadata';
import { quarantinedFileCounts } from '../offline/quarantine-file';
import { includedSummaryKeys } from '../retraining/included';
import { latestVersion } from '../retraining/training-job-reader';
import { lastRuns } from '../runtime/action';
import { listObjects, type ObjectStore } from '../store';

export interface PipelineStatus {
  offline: {
    raw_files: number;
    not_in_split: string[];
    split: { final_records: number; split_counts: Record<string, number>; created_at: string } | null;
    quarantined: Record<string, number>;
  };
  production: {
    pending_raw: number;
    oldest_pending_minutes: number | null;
    staged_files: number;
    /** Large files being staged in parts: how many of their parts are done. */
    staging_in_parts: { key: string; parts_done: number; parts: number }[];
    waiting_for_batch: number;
    quarantined: Record<string, number>;
    /** Records kept out as unsafe questions, by the type that decided it (`unclassified`: no rule placed them). */
    kept_out_by_type: Record<string, number>;
    latest_version: { version: string; record_count: number; timestamp: string } | null;
    /**
     * Versions whose records were staged under older transform rules (replay re-stages; the next version has the new).
     */
    versions_under_older_rules: { version: string; rules_versions: number[] }[];
    /** Versions built against an earlier split, with how many of their questions the current split evaluates on. */
    versions_on_other_split: { version: string; evaluation_questions: number }[];
  };
  failures: { action: string; key: string; error: { code: string; message: string }; at: string }[];
  /**
   * Objects named like a raw prefix without its slash (`cp x data/production/retraining_data_raw`):
   * nothing ever processes them.
   */
  misplaced: string[];
  /** The last run of each action: the dashboard's Stages table, row for row. */
  stages: RunRecord[];
}

/**
 * What is pending, failed and quarantined per stage, and the latest split and version: read
 * from the bucket alone (it is the only state), so it works against any deployment.
 */
export async function collectStatus(store: ObjectStore, now = Date.now()): Promise<PipelineStatus> {
  const split = await readObject(store, SPLIT_METADATA_KEY, SplitMetadataSchema);
  const inSplit = new Set((split?.inputs ?? []).map((i) => `${i.key}\u0000${i.etag}`));
  let rawFiles = 0;
  const notInSplit: string[] = [];
  for await (const object of droppedFiles(store, OFFLINE_RAW_PREFIX)) {
    rawFiles += 1;
    if (!inSplit.has(`${object.key}\u0000${object.etag}`)) notInSplit.push(object.key);
  }
  const offlineQuarantine = await quarantinedFileCounts(store, OFFLINE_QUARANTINE_PREFIX);

  let pending = 0;
  let oldest: number | null = null;
  for await (const object of droppedFiles(store, PRODUCTION_RAW_PREFIX)) {
    pending += 1;
    oldest = Math.min(oldest ?? Infinity, object.lastModified.getTime());
  }
  const included = await includedSummaryKeys(store);
  let staged = 0;
  let waiting = 0;
  const productionQuarantine: Record<string, number> = {};
  const unsafeTypes: Record<string, number> = {};
  const plans = new Map<string, string>();
  const partsDone = new Map<string, number>();
  for await (const object of listObjects(store, PRODUCTION_STAGED_PREFIX)) {
    if (object.key.endsWith(PART_PLAN_SUFFIX)) plans.set(object.key.slice(0, -PART_PLAN_SUFFIX.length), object.key);
    const part = PART_SUMMARY_PATTERN.exec(object.key);
    if (part) {
      const base = object.key.slice(0, part.index);
      partsDone.set(base, (partsDone.get(base) ?? 0) + 1);
    }
    if (!isStagedSummaryKey(object.key)) continue;
    staged += 1;
    if (!included.has(object.key)) waiting += 1;
    const summary = await readRequiredObject(store, object.key, StagedSummarySchema);
    for (const [reason, n] of Object.entries(summary.dropped))
      productionQuarantine[reason] = (productionQuarantine[reason] ?? 0) + (n ?? 0);
    for (const [type, n] of Object.entries(summary.unsafe_question_types ?? {}))
      unsafeTypes[type] = (unsafeTypes[type] ?? 0) + n;
  }
  const inParts: PipelineStatus['production']['staging_in_parts'] = [];
  for (const [base, key] of plans) {
    const plan = await readObject(store, key, PartPlanSchema);
    if (plan) inParts.push({ key: plan.source_key, parts_done: partsDone.get(base) ?? 0, parts: plan.parts.length });
  }
  const version = await latestVersion(store);
  const versionMetadata = version
    ? await readObject(store, versionKeys(version).metadata, VersionMetadataSchema)
    : undefined;

  const olderRules: PipelineStatus['production']['versions_under_older_rules'] = [];
  for (let n = version ?? 0; n > Math.max(0, (version ?? 0) - MAX_VERSIONS); n -= 1) {
    const metadata =
      n === version ? versionMetadata : await readObject(store, versionKeys(n).metadata, VersionMetadataSchema);
    const rules = metadata?.rules_versions ?? [];
    if (metadata && rules.some((r) => r < PRODUCTION_RULES_VERSION))
      olderRules.push({ version: metadata.version, rules_versions: rules });
  }

  const failures: PipelineStatus['failures'] = [];
  for await (const object of listObjects(store, FAILURES_PREFIX))
    failures.push(await readRequiredObject(store, object.key, FailureRecordSchema));

  return {
    misplaced: await misplacedDrops(store),
    offline: {
      raw_files: rawFiles,
      not_in_split: notInSplit,
      split: split
        ? { final_records: split.final_records, split_counts: split.split_counts, created_at: split.created_at }
        : null,
      quarantined: offlineQuarantine,
    },
    production: {
      pending_raw: pending,
      oldest_pending_minutes: oldest === null ? null : Math.round((now - oldest) / 60_000),
      staged_files: staged,
      staging_in_parts: inParts,
      waiting_for_batch: waiting,
      quarantined: productionQuarantine,
      kept_out_by_type: unsafeTypes,
      latest_version: versionMetadata
        ? {
            version: versionMetadata.version,
            record_count: versionMetadata.record_count,
            timestamp: versionMetadata.timestamp,
          }
        : null,
      versions_under_older_rules: olderRules,
      versions_on_other_split: (split?.versions_on_other_split ?? []).map(({ version, evaluation_questions }) => ({
        version,
        evaluation_questions,
      })),
    },
    failures,
    stages: await lastRuns(store),
  };
}

/** The status as a person reads it in a terminal. */
export function formatStatus(status: PipelineStatus, bucket: string): string {
  const counts = (record: Record<string, number>) =>
    Object.entries(record)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ') || 'none';
  const { offline, production, failures } = status;
  const lines = [
    `medqa status — bucket ${bucket}`,
    ...status.misplaced.map(
      (key) => `WARNING: ${key} is a file where the drop folder should be: nothing processes it; move it to ${key}/`,
    ),
    'offline',
    `  raw exports: ${offline.raw_files}${offline.not_in_split.length ? `, not yet in the split: ${offline.not_in_split.join(', ')}` : ''}`,
    offline.split
      ? `  split: ${offline.split.final_records} records (${Object.entries(offline.split.split_counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}), built ${offline.split.created_at}`
      : `  split: none yet (drop a MedQuAD export into ${OFFLINE_RAW_PREFIX})`,
    `  quarantined files: ${counts(offline.quarantined)}`,
    'production',
    `  pending raw files: ${production.pending_raw}${production.oldest_pending_minutes !== null ? ` (oldest ${production.oldest_pending_minutes} min)` : ''}`,
    `  staged files: ${production.staged_files} (${production.waiting_for_batch} waiting for the next batch)`,
    ...production.staging_in_parts.map(
      ({ key, parts_done, parts }) => `  staging in parts: ${key}, ${parts_done} of ${parts} parts done`,
    ),
    `  quarantined records: ${counts(production.quarantined)}`,
    `  unsafe questions kept out, by type: ${counts(production.kept_out_by_type)}`,
    production.latest_version
      ? `  latest version: ${production.latest_version.version} (${production.latest_version.record_count} records, ${production.latest_version.timestamp})`
      : '  latest version: none yet',
    ...(production.versions_on_other_split.length
      ? [
          `  built against an earlier split: ${production.versions_on_other_split
            .map((v) => `${v.version} (${v.evaluation_questions} of its questions are now evaluation questions)`)
            .join(', ')}`,
        ]
      : []),
    ...(production.versions_under_older_rules.length
      ? [
          `  built under older rules (current v${PRODUCTION_RULES_VERSION}): ${production.versions_under_older_rules
            .map((v) => `${v.version} (rules ${v.rules_versions.map((r) => `v${r}`).join(', ')})`)
            .join(', ')}; medqa invoke replay re-stages the archive, the next version takes the new rules`,
        ]
      : []),
    `failures: ${failures.length ? '' : 'none'}`,
    ...failures.map((f) => `  ${f.action} ${f.key}: ${f.error.code}: ${f.error.message} (${f.at})`),
    `stages (last run of each): ${status.stages.length ? '' : 'none yet'}`,
    ...status.stages.map(
      (run) =>
        `  ${run.action.padEnd(16)} ${run.status.padEnd(16)} ${run.at}  ${run.duration_ms === null ? '–' : `${run.duration_ms} ms`}${run.detail ? `  ${run.detail}` : ''}`,
    ),
  ];
  return lines.join('\n');
}
