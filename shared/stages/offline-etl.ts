import * as z from 'zod';
import { droppedFiles } from '../bucket/drops';
import {
  OFFLINE_QUARANTINE_PREFIX,
  OFFLINE_RAW_PREFIX,
  SPLIT_KEYS,
  SPLIT_METADATA_KEY,
  SPLIT_NAMES,
  type SplitName,
  versionKeys,
} from '../bucket/keys';
import { readObject } from '../bucket/read';
import {
  type InputSummary,
  OFFLINE_DROP_REASONS,
  OFFLINE_RULES_VERSION,
  type OfflineDropReason,
  type SplitMetadata,
  SplitMetadataSchema,
  type SplitRecord,
  splitIdentity,
} from '../bucket/split-metadata';
import { VersionMetadataSchema } from '../bucket/version-metadata';
import { type QuarantinedFile, quarantineFile } from '../offline/quarantine-file';
import { assignSplit, SplitRatiosSchema } from '../offline/split';
import { SafeQuestionTypesParam } from '../question-type/safe-types';
import { openRecordFile, UnreadableFileError } from '../readers';
import { MEDQUAD_FORMATS } from '../readers/medquad-formats';
import { DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_SPILL_BYTES } from '../readers/types';
import { FingerprintSet } from '../records/fingerprint-set';
import { medQuadRow } from '../records/medquad';
import {
  fingerprintDigest,
  fingerprintId,
  normalizeQuestion,
  normalizeQuestionType,
  normalizeText,
  questionKey,
} from '../records/normalize';
import { versionsOnOtherSplit } from '../retraining/evaluation-questions';
import { latestVersion } from '../retraining/training-job-reader';
import {
  type ActionContext,
  defineAction,
  flag,
  optionalText,
  PipelineError,
  ProgressLog,
  positiveInt,
  text,
} from '../runtime';
import { compareKeys, JsonlWriter, type ObjectInfo, type ObjectStore } from '../store';
import { keepOfflinePartial, refreshSummaryAfterStage } from '../summary/refresh';
import { SplitFileStats } from '../summary/split-file-stats';

const OfflineEtlParams = z.object({
  /** The object event that fired the run (informational: every run rebuilds from the whole raw prefix). */
  key: optionalText().describe('the object event that fired the run (every run rebuilds from the whole raw prefix)'),
  etag: optionalText().describe("the event's ETag (informational)"),
  safe_question_types: SafeQuestionTypesParam,
  split_ratios: SplitRatiosSchema.prefault([0.6, 0.2, 0.2]).describe('training, validation and evaluation shares'),
  split_seed: text().default('42').describe('which records go to which split'),
  /** Rebuild even when inputs and settings are unchanged. */
  force: flag().default(false).describe('rebuild even when inputs and settings are unchanged'),
  /**
   * Accept a new seed or new ratios although retraining versions exist: their records may then
   * hold questions of the new evaluation split (the metadata and `medqa status` name them).
   */
  confirm_resplit: flag().default(false).describe('accept a new seed or ratios although retraining versions exist'),
  max_decompressed_bytes: positiveInt(DEFAULT_MAX_DECOMPRESSED_BYTES).describe(
    'a compressed export that inflates past this is quarantined',
  ),
  max_spill_bytes: positiveInt(DEFAULT_MAX_SPILL_BYTES).describe(
    'an export that must be copied to /tmp to be read may take this much there',
  ),
});

/** The settings a split is built under: a change of any of them rebuilds it. */
type SplitSettings = Pick<SplitMetadata, 'seed' | 'ratios' | 'safe_question_types' | 'rules_version'> & {
  /** Read caps: not part of the split's identity, so not written to its metadata. */
  maxDecompressedBytes?: number;
  maxSpillBytes?: number;
};

/**
 * offline-etl: rebuilds the leakage-free training/validation/evaluation split from every
 * readable MedQuAD export under data/offline/raw/. Does nothing when the inputs, their
 * ETags and the settings are those of the current split and its files are intact.
 */
export const offlineEtl = defineAction({
  name: 'offline-etl',
  description: `Clean, filter, de-duplicate and split the MedQuAD exports under ${OFFLINE_RAW_PREFIX}`,
  params: OfflineEtlParams,
  async run(params, context) {
    const { store, log } = context;
    if (params.key !== undefined && !params.key.startsWith(OFFLINE_RAW_PREFIX)) {
      throw new PipelineError(
        'WRONG_PREFIX',
        `offline-etl reads objects under ${OFFLINE_RAW_PREFIX}; got key ${JSON.stringify(params.key)}`,
      );
    }
    const settings: SplitSettings = {
      seed: params.split_seed,
      ratios: params.split_ratios,
      safe_question_types: params.safe_question_types,
      rules_version: OFFLINE_RULES_VERSION,
    };
    const caps = { maxDecompressedBytes: params.max_decompressed_bytes, maxSpillBytes: params.max_spill_bytes };
    const quarantined: QuarantinedFile[] = [];
    const MAX_REBUILDS = 3;
    for (let rebuild = 1; rebuild <= MAX_REBUILDS; rebuild += 1) {
      const inputs = await listInputs(store);
      log.info('inputs_listed', { inputs: inputs.length, bytes: inputs.reduce((n, i) => n + i.size, 0) });
      if (inputs.length === 0) {
        return { status: 'skipped', reason: `no input files under ${OFFLINE_RAW_PREFIX}`, quarantined };
      }
      const previous = await readObject(store, SPLIT_METADATA_KEY, SplitMetadataSchema).catch(() => undefined);
      if (
        !params.force &&
        previous &&
        sameInputs(previous.inputs, inputs) &&
        sameSettings(previous, settings) &&
        (await splitFilesIntact(store, previous))
      ) {
        log.info('unchanged', { final_records: previous.final_records });
        return {
          status: 'unchanged',
          final_records: previous.final_records,
          split_counts: previous.split_counts,
          quarantined,
        };
      }

      if (!params.confirm_resplit) {
        // Without the split's metadata (deleted, or lost), the latest version still says which split it was built on.
        const earlier = previous ?? (await splitOfLatestVersion(store));
        if (earlier) await refuseUnconfirmedResplit(store, earlier, settings);
      }
      const started = performance.now();
      const { stats, ...built } = await buildSplit(store, inputs, { ...settings, ...caps }, context, quarantined);
      if (built.inputs.length === 0) {
        return { status: 'skipped', reason: `no readable input files under ${OFFLINE_RAW_PREFIX}`, quarantined };
      }
      const metadata: SplitMetadata = {
        schema_version: 1,
        source: built.inputs.map((i) => i.key).join(', '),
        ...built,
        ...settings,
        created_at: new Date().toISOString(),
        duration_ms: Math.round(performance.now() - started),
      };
      const leaked = await versionsOnOtherSplit(store, splitIdentity(metadata));
      if (leaked.length > 0) {
        metadata.versions_on_other_split = leaked;
        log.warn('versions_on_other_split', {
          versions: leaked.map((v) => v.version).join(', '),
          evaluation_questions: leaked.reduce((n, v) => n + v.evaluation_questions, 0),
        });
      }
      const written = await store.put(SPLIT_METADATA_KEY, JSON.stringify(metadata, null, 2), {
        contentType: 'application/json',
      });
      log.info('metadata_written', { key: SPLIT_METADATA_KEY });

      // Another run may have changed the inputs or rewritten the files meanwhile: the last run to finish checks.
      if (sameInputs(built.inputs, await listInputs(store)) && (await splitFilesIntact(store, metadata))) {
        // The dashboard's offline part from the rows just written: the refresh need not read the files back.
        await keepOfflinePartial(store, metadata, written.etag, stats).catch((err: Error) =>
          log.warn('summary_not_refreshed', { message: err.message }),
        );
        await refreshSummaryAfterStage(store, log);
        return {
          status: 'built',
          initial_records: metadata.initial_records,
          final_records: metadata.final_records,
          split_counts: metadata.split_counts,
          dropped: metadata.dropped,
          inputs: metadata.inputs.map(({ key, format, records }) => ({ key, format, records })),
          ...(metadata.versions_on_other_split && { versions_on_other_split: metadata.versions_on_other_split }),
          quarantined,
          keys_written: [...SPLIT_NAMES.map((name) => SPLIT_KEYS[name]), SPLIT_METADATA_KEY],
        };
      }
      log.warn('inputs_changed_during_run', { rebuild });
    }
    throw new PipelineError(
      'CONCURRENT_CHANGES',
      `the inputs under ${OFFLINE_RAW_PREFIX} kept changing during ${MAX_REBUILDS} rebuilds; run offline-etl again`,
    );
  },
});

async function listInputs(store: ObjectStore): Promise<ObjectInfo[]> {
  const inputs: ObjectInfo[] = [];
  for await (const object of droppedFiles(store, OFFLINE_RAW_PREFIX)) inputs.push(object);
  // Byte order whatever the backend lists in: the first of two duplicates is the same everywhere.
  return inputs.sort((a, b) => compareKeys(a.key, b.key));
}

/**
 * Streams every input once, writing kept records straight into the three split files.
 * An input that turns out unreadable is quarantined; if it had already yielded records the
 * pass is discarded and redone without it, so no partial file ever reaches the split.
 */
async function buildSplit(
  store: ObjectStore,
  inputs: ObjectInfo[],
  settings: SplitSettings,
  { log }: ActionContext,
  quarantined: QuarantinedFile[],
) {
  const safeTypes = new Set(settings.safe_question_types);
  for (;;) {
    const writers = Object.fromEntries(
      SPLIT_NAMES.map((name) => [name, new JsonlWriter(store, SPLIT_KEYS[name])]),
    ) as Record<SplitName, JsonlWriter>;
    const seen = new FingerprintSet();
    const dropped = Object.fromEntries(OFFLINE_DROP_REASONS.map((reason) => [reason, 0])) as Record<
      OfflineDropReason,
      number
    >;
    const typeCounts = Object.fromEntries(SPLIT_NAMES.map((name) => [name, {} as Record<string, number>])) as Record<
      SplitName,
      Record<string, number>
    >;
    const read: InputSummary[] = [];
    const stats = new SplitFileStats();
    let initial = 0;
    let restart = false;

    try {
      for (const input of inputs) {
        if (quarantined.some((q) => q.key === input.key)) continue;
        let records = 0;
        let format = 'unknown';
        let compression = 'none';
        try {
          const progress = new ProgressLog(log, input, () => records);
          const opened = await openRecordFile(store, input, MEDQUAD_FORMATS, {
            maxDecompressedBytes: settings.maxDecompressedBytes,
            maxSpillBytes: settings.maxSpillBytes,
            onStoredBytes: progress.addBytes,
          });
          format = opened.reader.format;
          compression = opened.compression;
          for await (const record of opened.records) {
            records += 1;
            const kept =
              'error' in record
                ? { drop: 'invalid_record' as const }
                : cleanRecord(record.value, safeTypes, seen, {
                    source_key: input.key,
                    source_entry: record.entry ?? null,
                    source_position: record.position,
                  });
            if ('drop' in kept) {
              dropped[kept.drop] += 1;
              continue;
            }
            const split = assignSplit(questionKey(kept.row.question), settings.seed, settings.ratios);
            typeCounts[split][kept.row.question_type] = (typeCounts[split][kept.row.question_type] ?? 0) + 1;
            stats.add(split, kept.row);
            const written = writers[split].write(kept.row);
            if (written) await written;
          }
        } catch (err) {
          if (!(err instanceof UnreadableFileError)) throw err;
          log.warn('input_unreadable', { key: input.key, reason: err.reason, records_before_failure: records });
          quarantined.push(
            await quarantineFile(store, input.key, OFFLINE_RAW_PREFIX, OFFLINE_QUARANTINE_PREFIX, err.reason),
          );
          if (records > 0) {
            restart = true;
            break;
          }
          continue;
        }
        initial += records;
        read.push({ key: input.key, etag: input.etag, size: input.size, format, compression, records });
        log.info('input_read', { key: input.key, format, compression, records });
      }
    } catch (err) {
      await Promise.all(SPLIT_NAMES.map((name) => writers[name].abort(err as Error)));
      throw err;
    }
    if (restart) {
      await Promise.all(
        SPLIT_NAMES.map((name) => writers[name].abort(new Error('restarting without an unreadable input'))),
      );
      continue;
    }

    // Closed together: on S3 each close waits for its last part and the completion.
    const closed = await Promise.all(SPLIT_NAMES.map((name) => writers[name].close()));
    const files = Object.fromEntries(
      SPLIT_NAMES.map((name, i) => [
        name,
        { key: closed[i]!.key, etag: closed[i]!.etag, records: writers[name].records },
      ]),
    ) as Record<SplitName, { key: string; etag: string; records: number }>;
    const split_counts = Object.fromEntries(SPLIT_NAMES.map((name) => [name, files[name].records])) as Record<
      SplitName,
      number
    >;
    log.info('split_written', { ...split_counts });
    return {
      inputs: read,
      initial_records: initial,
      final_records: SPLIT_NAMES.reduce((n, name) => n + split_counts[name], 0),
      split_counts,
      dropped,
      question_type_counts: typeCounts,
      files,
      stats,
    };
  }
}

/**
 * Applies the drop rules in order; the first that matches is the counted reason. A kept row is
 * the line written to the split: the original columns, then where it came from.
 */
function cleanRecord(
  value: unknown,
  safeTypes: Set<string>,
  seen: FingerprintSet,
  provenance: Provenance,
): { row: SplitRecord & Provenance } | { drop: OfflineDropReason } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { drop: 'invalid_record' };
  const source = medQuadRow(value as Record<string, unknown>);
  if (!source) return { drop: 'invalid_record' };
  const question = normalizeQuestion(source.question);
  if (!question) return { drop: 'missing_question' };
  const answer = normalizeText(source.answer);
  if (!answer) return { drop: 'missing_answer' };
  const questionType = normalizeQuestionType(source.question_type);
  if (!questionType || !safeTypes.has(questionType)) return { drop: 'unsafe_question_type' };
  const digest = fingerprintDigest(question, answer);
  if (!seen.add(digest)) return { drop: 'duplicate' };
  const id = fingerprintId(digest);
  return {
    row: {
      record_id: id,
      question,
      answer,
      question_type: questionType,
      question_focus: normalizeText(source.question_focus) ?? null,
      synonyms: normalizeText(source.synonyms) ?? null,
      category: normalizeText(source.category) ?? null,
      document_id: normalizeText(source.document_id) ?? null,
      document_source: normalizeText(source.document_source) ?? null,
      document_url: normalizeText(source.document_url) ?? null,
      question_id: normalizeText(source.question_id) ?? null,
      // Last in each line, as the split files always had them; set here, not spread in later.
      source_key: provenance.source_key,
      source_entry: provenance.source_entry,
      source_position: provenance.source_position,
    },
  };
}

/** Where a split line came from: the export's key, the archive entry, the line or row. */
interface Provenance {
  source_key: string;
  source_entry: string | null;
  source_position: number;
}

function sameInputs(
  recorded: Pick<ObjectInfo, 'key' | 'etag'>[],
  current: Pick<ObjectInfo, 'key' | 'etag'>[],
): boolean {
  const signature = (list: Pick<ObjectInfo, 'key' | 'etag'>[]) =>
    list
      .map((i) => `${i.key}\u0000${i.etag}`)
      .sort()
      .join('\n');
  return signature(recorded) === signature(current);
}

/**
 * A new seed or new ratios move questions between the splits: once retraining versions exist,
 * that needs `confirm_resplit`, since those versions may then train on evaluation questions.
 */
/** The seed and ratios the latest retraining version was built against, when it recorded them. */
async function splitOfLatestVersion(store: ObjectStore): Promise<Pick<SplitSettings, 'seed' | 'ratios'> | undefined> {
  const latest = await latestVersion(store);
  if (!latest) return undefined;
  return (await readObject(store, versionKeys(latest).metadata, VersionMetadataSchema))?.split;
}

async function refuseUnconfirmedResplit(
  store: ObjectStore,
  previous: Pick<SplitSettings, 'seed' | 'ratios'>,
  settings: SplitSettings,
) {
  const changed = [
    previous.seed !== settings.seed && `seed ${previous.seed} → ${settings.seed}`,
    JSON.stringify(previous.ratios) !== JSON.stringify(settings.ratios) &&
      `ratios ${JSON.stringify(previous.ratios)} → ${JSON.stringify(settings.ratios)}`,
  ].filter(Boolean);
  if (changed.length === 0) return;
  const versions = (await latestVersion(store)) ?? 0;
  if (versions === 0) return;
  throw new PipelineError(
    'RESPLIT_UNCONFIRMED',
    `the split's ${changed.join(' and ')} would move questions of the ${versions} retraining version(s) ` +
      'into the evaluation split; pass -p confirm_resplit true to resplit anyway (the versions on the old split are then listed in metadata.json and by medqa status)',
  );
}

function sameSettings(previous: SplitSettings, settings: SplitSettings): boolean {
  return (
    previous.seed === settings.seed &&
    previous.rules_version === settings.rules_version &&
    JSON.stringify(previous.ratios) === JSON.stringify(settings.ratios) &&
    JSON.stringify(previous.safe_question_types) === JSON.stringify(settings.safe_question_types)
  );
}

/** True when every split file still has the ETag the metadata recorded. */
async function splitFilesIntact(store: ObjectStore, metadata: Pick<SplitMetadata, 'files'>): Promise<boolean> {
  if (!metadata.files) return false;
  for (const name of SPLIT_NAMES) {
    const recorded = metadata.files[name];
    const current = recorded && (await store.head(recorded.key));
    if (!current || current.etag !== recorded.etag) return false;
  }
  return true;
}
