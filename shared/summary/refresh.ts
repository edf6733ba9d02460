import type * as z from 'zod';
import {
  MergedMarkerSchema,
  type OfflinePartial,
  OfflinePartialSchema,
  PARTIAL_LAYOUT,
  type ProductionPartial,
  ProductionPartialSchema,
  type VersionEntry,
  VersionsPartialSchema,
} from '../bucket/dashboard-partials';
import { MAX_VERSIONS, SUMMARY_SCHEMA_VERSION, type Summary, SummarySchema } from '../bucket/dashboard-summary';
import {
  isStagedSummaryKey,
  MERGED_MARKERS_PREFIX,
  OFFLINE_PARTIAL_KEY,
  OFFLINE_QUARANTINE_PREFIX,
  PRODUCTION_PARTIAL_KEY,
  PRODUCTION_RULES_VERSION,
  PRODUCTION_STAGED_PREFIX,
  SPLIT_KEYS,
  SPLIT_METADATA_KEY,
  SPLIT_NAMES,
  SUMMARY_KEY,
  VERSIONS_PARTIAL_KEY,
  versionKeys,
} from '../bucket/keys';
import { ONE_OFF_PARSE } from '../bucket/one-off-parse';
import { InvalidObjectError, readObject, readRequiredObject } from '../bucket/read';
import { type SplitMetadata, SplitMetadataSchema } from '../bucket/split-metadata';
import { StagedSummarySchema } from '../bucket/staged';
import { VersionMetadataSchema } from '../bucket/version-metadata';
import { quarantinedFileCounts } from '../offline/quarantine-file';
import { SAFE_QUESTION_TYPES } from '../question-type/safe-types';
import { readJsonLines } from '../readers';
import { latestVersion } from '../retraining/training-job-reader';
import { type Logger, lastRuns } from '../runtime';
import { listObjects, type ObjectStore } from '../store';
import {
  emptyHistogram,
  histogramQuartiles,
  jensenShannonDistance,
  LENGTH_BIN_WIDTH,
  LENGTH_BINS,
  mergeHistograms,
  wassersteinDistance,
} from './histogram';
import { type LengthCounts, lengthQuantiles, lengthWasserstein, mergeLengthCounts, QUARTILES } from './length-counts';
import { SplitFileStats } from './split-file-stats';

/** Drift thresholds: a Jensen–Shannon distance of 0.2 between type mixes, 15 characters of mean shift in length. */
const TYPE_MIX_THRESHOLD = 0.2;
const LENGTH_THRESHOLD = 15;

/** A kept partial, or undefined when there is none or it no longer validates (a cache: it is recomputed). */
async function readPartial<S extends z.ZodType>(store: ObjectStore, key: string, schema: S) {
  try {
    return await readObject(store, key, schema);
  } catch (err) {
    if (err instanceof InvalidObjectError) return undefined;
    throw err;
  }
}

/** Types every retraining version should hold some of; a version without one gets a warning on the page. */
const EXPECTED_VERSION_TYPES = ['information', 'symptoms', 'causes', 'exams and tests', 'outlook', 'prevention'].filter(
  (t) => SAFE_QUESTION_TYPES.includes(t),
);

const bins = () => Array.from({ length: LENGTH_BINS }, (_, i) => i * LENGTH_BIN_WIDTH);

/**
 * Refreshes dashboard/summary.json. With `partial` (a staged file's summary key) only that
 * output is merged into the kept production aggregate; the offline part is recomputed only
 * when the split changed. `rebuild` (or a missing aggregate) rescans every staged summary:
 * by hand, to repair.
 */
export async function refreshSummary(
  store: ObjectStore,
  { partial, rebuild = false }: { partial?: string; rebuild?: boolean } = {},
  log?: Logger,
): Promise<Summary> {
  const offline = await offlinePartial(store);
  const production = await productionPartial(store, partial, rebuild);
  const versions = (await recentVersions(store)).map(({ question_length_counts, ...version }) => ({
    ...version,
    drift: {
      type_mix: round(offline ? jensenShannonDistance(offline.training_types, version.question_type_counts) : null),
      question_length: round(
        offline?.training_length_counts && question_length_counts
          ? lengthWasserstein(offline.training_length_counts, question_length_counts)
          : null,
      ),
    },
  }));
  const stages = await lastRuns(store);

  const p = production.aggregate;
  const typeDistance = offline ? jensenShannonDistance(offline.training_types, p.question_types) : null;
  const lengthDistance = offline ? wassersteinDistance(offline.training_length, p.question_length) : null;
  const days = Object.keys(p.by_day)
    .filter((d) => /^\d{4}-\d\d-\d\d$/.test(d))
    .sort();
  const summary: Summary = {
    schema_version: SUMMARY_SCHEMA_VERSION,
    generated_at: new Date().toISOString(),
    offline: offline ? stripPartial(offline) : null,
    production: {
      staged_files: p.staged_files,
      records_in: p.records_in,
      records_out: p.records_out,
      dropped: p.dropped,
      redactions: p.redactions,
      question_types: p.question_types,
      unsafe_question_types: p.unsafe_question_types ?? {},
      rules_version: PRODUCTION_RULES_VERSION,
      question_length: {
        bins: bins(),
        counts: p.question_length,
        quartiles: quartiles(p.question_length_counts) ?? histogramQuartiles(p.question_length),
      },
      volume: [days.map((d) => Date.parse(`${d}T00:00:00Z`) / 1000), days.map((d) => p.by_day[d]!)],
    },
    versions,
    drift: {
      question_type_mix: {
        test: 'Jensen–Shannon distance (production vs offline training split)',
        value: round(typeDistance),
        threshold: TYPE_MIX_THRESHOLD,
        drifted: typeDistance === null ? null : typeDistance > TYPE_MIX_THRESHOLD,
      },
      question_length: {
        test: 'Wasserstein distance of question length in characters',
        value: round(lengthDistance),
        threshold: LENGTH_THRESHOLD,
        drifted: lengthDistance === null ? null : lengthDistance > LENGTH_THRESHOLD,
      },
    },
    stages,
  };
  SummarySchema.parse(summary, ONE_OFF_PARSE);
  await store.put(SUMMARY_KEY, JSON.stringify(summary), { contentType: 'application/json' });
  log?.info('summary_written', { key: SUMMARY_KEY, bytes: JSON.stringify(summary).length });
  return summary;
}

/** Called at the end of each stage: a dashboard that fails to refresh must not fail the stage. */
export async function refreshSummaryAfterStage(store: ObjectStore, log: Logger, partial?: string): Promise<void> {
  await refreshSummary(store, { partial }, log).catch((err: Error) =>
    log.warn('summary_not_refreshed', { message: err.message }),
  );
}

async function offlinePartial(store: ObjectStore): Promise<OfflinePartial | undefined> {
  const head = await store.head(SPLIT_METADATA_KEY);
  if (!head) return undefined;
  const kept = await readPartial(store, OFFLINE_PARTIAL_KEY, OfflinePartialSchema);
  if (kept?.split_etag === head.etag) return kept;

  const metadata = await readRequiredObject(store, SPLIT_METADATA_KEY, SplitMetadataSchema);
  const stats = new SplitFileStats();
  for (const name of SPLIT_NAMES) {
    for await (const row of readJsonLines<{ question: string; answer: string; question_type: string }>(
      store,
      SPLIT_KEYS[name],
    )) {
      stats.add(name, row);
    }
  }
  return keepOfflinePartial(store, metadata, head.etag, stats);
}

/**
 * Keeps the offline part of the summary for the split whose metadata.json has `etag`, made from
 * the split files' `stats`: offline-etl gives the rows it has just written, so the next refresh
 * need not read the files back.
 */
export async function keepOfflinePartial(
  store: ObjectStore,
  metadata: SplitMetadata,
  etag: string,
  stats: SplitFileStats,
): Promise<OfflinePartial> {
  const types = [
    ...new Set(SPLIT_NAMES.flatMap((name) => Object.keys(metadata.question_type_counts[name] ?? {}))),
  ].sort();
  const partial: OfflinePartial = {
    layout: PARTIAL_LAYOUT,
    split_etag: etag,
    source: metadata.source,
    created_at: metadata.created_at,
    initial_records: metadata.initial_records,
    final_records: metadata.final_records,
    split_counts: metadata.split_counts,
    dropped: metadata.dropped,
    question_types: {
      types,
      series: Object.fromEntries(
        SPLIT_NAMES.map((name) => [name, types.map((t) => metadata.question_type_counts[name]?.[t] ?? 0)]),
      ),
    },
    question_length: {
      bins: bins(),
      series: stats.lengths,
      // Exact, as pandas computes them from the split file (the bins are for the chart).
      quartiles: Object.fromEntries(SPLIT_NAMES.map((name) => [name, quartiles(stats.exactLengths[name])])),
    },
    sample: stats.sample(),
    quarantined_files: await quarantinedFileCounts(store, OFFLINE_QUARANTINE_PREFIX),
    versions_on_other_split: (metadata.versions_on_other_split ?? []).map(({ version, evaluation_questions }) => ({
      version,
      evaluation_questions,
    })),
    training_length: stats.lengths.training,
    training_length_counts: stats.exactLengths.training,
    training_types: metadata.question_type_counts.training ?? {},
  };
  await store.put(OFFLINE_PARTIAL_KEY, JSON.stringify(partial));
  return partial;
}

function stripPartial({
  layout: _layout,
  split_etag: _etag,
  training_length: _lengths,
  training_length_counts: _exact,
  training_types: _types,
  ...offline
}: OfflinePartial): NonNullable<Summary['offline']> {
  return offline;
}

function emptyProduction(): ProductionPartial {
  return {
    generation: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    layout: PARTIAL_LAYOUT,
    aggregate: {
      staged_files: 0,
      records_in: 0,
      records_out: 0,
      dropped: {},
      redactions: {},
      question_types: {},
      unsafe_question_types: {},
      question_length: emptyHistogram(),
      question_length_counts: {},
      by_day: {},
    },
  };
}

async function productionPartial(
  store: ObjectStore,
  partial: string | undefined,
  rebuild: boolean,
): Promise<ProductionPartial> {
  // An aggregate of an older layout (bins only, no exact lengths) is rebuilt from the staged files.
  let state = rebuild ? undefined : await readPartial(store, PRODUCTION_PARTIAL_KEY, ProductionPartialSchema);
  const toMerge: string[] = [];
  if (state) {
    if (
      partial &&
      (await readPartial(store, MERGED_MARKERS_PREFIX + partial, MergedMarkerSchema))?.generation !== state.generation
    )
      toMerge.push(partial);
  } else {
    state = emptyProduction();
    for await (const object of listObjects(store, PRODUCTION_STAGED_PREFIX))
      if (isStagedSummaryKey(object.key)) toMerge.push(object.key);
  }
  for (const key of toMerge) {
    const summary = await readObject(store, key, StagedSummarySchema);
    if (!summary) continue;
    const a = state.aggregate;
    a.staged_files += 1;
    a.records_in += summary.records_in;
    a.records_out += summary.records_out;
    addCounts(a.dropped, summary.dropped);
    addCounts(a.redactions, summary.redactions);
    addCounts(a.question_types, summary.question_types);
    a.unsafe_question_types ??= {}; // aggregates kept from before the field existed
    addCounts(a.unsafe_question_types, summary.unsafe_question_types);
    mergeHistograms(a.question_length, summary.question_length_histogram);
    // Staged before exact lengths were counted: counted now from the staged file.
    mergeLengthCounts(
      a.question_length_counts,
      summary.question_length_counts ?? (await stagedQuestionLengths(store, summary.staged_key)),
    );
    addCounts(a.by_day, summary.records_by_day);
  }
  if (toMerge.length) {
    await store.put(PRODUCTION_PARTIAL_KEY, JSON.stringify(state));
    for (const key of toMerge)
      await store.put(MERGED_MARKERS_PREFIX + key, JSON.stringify({ generation: state.generation }));
  }
  return state;
}

/** The last MAX_VERSIONS versions, newest first; only versions newer than the kept list are read. */
async function recentVersions(store: ObjectStore): Promise<VersionEntry[]> {
  const latest = await latestVersion(store);
  if (!latest) return [];
  const kept = (await readPartial(store, VERSIONS_PARTIAL_KEY, VersionsPartialSchema)) ?? { latest: 0, versions: [] };
  if (kept.latest === latest) return kept.versions;
  const added: VersionEntry[] = [];
  for (let n = latest; n > Math.max(kept.latest, latest - MAX_VERSIONS); n -= 1) {
    const m = await readObject(store, versionKeys(n).metadata, VersionMetadataSchema);
    if (!m) continue;
    const missing = EXPECTED_VERSION_TYPES.filter((t) => !m.question_type_counts[t]);
    added.push({
      version: m.version,
      timestamp: m.timestamp,
      record_count: m.record_count,
      dropped: m.dropped,
      question_type_counts: m.question_type_counts,
      missing_types: missing,
      rules_versions: m.rules_versions,
      ...(m.unsafe_question_types && { unsafe_question_types: m.unsafe_question_types }),
      question_length_counts: m.question_length_counts,
    });
  }
  const versions = [...added, ...kept.versions].slice(0, MAX_VERSIONS);
  await store.put(VERSIONS_PARTIAL_KEY, JSON.stringify({ latest, versions }));
  return versions;
}

/** Exact quartiles of counted lengths (null with none): see length-counts.ts. */
function quartiles(counts: LengthCounts): [number, number, number] | null {
  return lengthQuantiles(counts, QUARTILES) as [number, number, number] | null;
}

/** The kept questions' lengths of a staged file that predates `question_length_counts`. */
async function stagedQuestionLengths(store: ObjectStore, stagedKey: string): Promise<LengthCounts> {
  const counts: LengthCounts = {};
  if (!(await store.head(stagedKey))) return counts;
  for await (const row of readJsonLines<{ question: string }>(store, stagedKey))
    counts[row.question.length] = (counts[row.question.length] ?? 0) + 1;
  return counts;
}

function addCounts(into: Record<string, number>, from: Record<string, number | undefined> | undefined): void {
  for (const [k, v] of Object.entries(from ?? {})) into[k] = (into[k] ?? 0) + (v ?? 0);
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}
