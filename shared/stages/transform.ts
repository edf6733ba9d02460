import * as z from 'zod';
import { isTemporaryName, PRODUCTION_RAW_PREFIX, productionOutputKeys } from '../bucket/keys';
import { PartPlanSchema } from '../bucket/part-plan';
import { readObject } from '../bucket/read';
import { type StagedSummary, StagedSummarySchema } from '../bucket/staged';
import { archiveRawObject } from '../production/archive-raw';
import {
  chooseStaging,
  joinIfComplete,
  PART_RESTART_AFTER_MS,
  type PartsOutcome,
  stagePart,
  startMissingParts,
} from '../production/parts/staged-in-parts';
import {
  MaxDecompressedBytesParam,
  MaxRecordBytesParam,
  MaxSpillBytesParam,
  type StageOptions,
  stageProductionFile,
} from '../production/stage-file';
import { SafeQuestionTypesParam } from '../question-type/safe-types';
import {
  type ActionContext,
  defineAction,
  type Logger,
  optionalText,
  PipelineError,
  positiveInt,
  text,
} from '../runtime';
import type { ObjectInfo } from '../store';
import { refreshSummaryAfterStage } from '../summary/refresh';

const TransformParams = z.object({
  key: text().describe(`the raw object's key, e.g. ${PRODUCTION_RAW_PREFIX}x.jsonl`),
  etag: optionalText().describe('the content the event announced; another ETag now means the file changed'),
  safe_question_types: SafeQuestionTypesParam,
  max_record_bytes: MaxRecordBytesParam,
  max_decompressed_bytes: MaxDecompressedBytesParam,
  max_spill_bytes: MaxSpillBytesParam,
  /** Worker threads for a large JSON Lines file; 0 stages on the action's own thread. Default: see stageWorkerCount. */
  workers: z.coerce
    .number()
    .int()
    .min(0)
    .max(4)
    .optional()
    .describe("worker threads for a large JSON Lines file (0: the action's own thread; default by cores)"),
  /** A JSON Lines file larger than this is staged in parts of about this size, each by its own run. */
  part_bytes: positiveInt(64 * 1024 * 1024).describe(
    'a JSON Lines file larger than this is staged in parts of about this size',
  ),
  /** Set by the run that planned the parts: the part this run stages. */
  part: z.coerce
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('set by the run that planned the parts: the part this run stages'),
});
type TransformSettings = z.infer<typeof TransformParams>;

/**
 * transform: one raw production log file → PII-reduced, typed, de-duplicated records staged
 * at keys derived from the file's key and ETag, every dropped record quarantined with its
 * reason and line, then the raw file archived. Reruns and redelivered events change nothing.
 *
 * A JSON Lines file larger than `part_bytes` is planned into parts, each staged by its own run
 * of transform (`part`); the run that finds the last part done joins them into the file's
 * output, as one pass would have written it, and archives the raw file.
 */
export const transform = defineAction({
  name: 'transform',
  description: 'Validate, PII-reduce, type, de-duplicate and stage one raw production log file, then archive it',
  params: TransformParams,
  async run(params, context) {
    const { store, log } = context;
    if (!params.key.startsWith(PRODUCTION_RAW_PREFIX)) {
      throw new PipelineError(
        'WRONG_PREFIX',
        `transform reads objects under ${PRODUCTION_RAW_PREFIX}; got key ${JSON.stringify(params.key)}`,
      );
    }
    if (isTemporaryName(params.key)) {
      return {
        status: 'skipped',
        reason: `${params.key} has a temporary name (still being written?): it is staged once renamed`,
      };
    }
    const raw = await store.head(params.key);
    if (!raw) {
      // A redelivered event for a file already moved to the archive.
      if (params.etag && (await store.head(productionOutputKeys(params.key, params.etag).summary))) {
        const archived = await archiveRawObject(store, params.key, params.etag);
        return { ...archived, status: 'already_processed', key: params.key, etag: params.etag };
      }
      throw new PipelineError(
        'NOT_FOUND',
        `no object at ${params.key} (already processed under another ETag, or never uploaded)`,
      );
    }
    if (params.part !== undefined && params.etag && params.etag !== raw.etag) {
      throw new PipelineError(
        'CHANGED',
        `${params.key} changed since its parts were planned (ETag ${raw.etag}, planned for ${params.etag}); its new content is processed on its own`,
      );
    }
    const keys = productionOutputKeys(params.key, raw.etag);
    const staged = await readObject(store, keys.summary, StagedSummarySchema);
    if (staged) {
      log.info('already_staged', { summary: keys.summary });
      return finish(context, raw, staged, 'already_staged');
    }
    const options = stageOptions(params, context);
    if (params.part !== undefined) return runPart(context, raw, params.part, options);

    const choice = await chooseStaging(store, raw, keys, params.part_bytes, context.activations);
    if ('whole' in choice) {
      const summary = await stageProductionFile(store, raw, keys, options);
      return {
        ...(await finish(context, raw, summary, 'staged')),
        ...(choice.whole ? { staged_whole: choice.whole } : {}),
      };
    }
    const outcome = await startMissingParts(
      store,
      raw,
      keys,
      choice,
      context.activations,
      settingsForParts(params, log),
    );
    // Detached parts finish on their own, and the last of them joins; otherwise the file can be joined now.
    const joined =
      outcome.kind === 'complete' || context.activations?.mode === 'awaited'
        ? await joinIfComplete(store, raw, keys, choice.plan, log)
        : undefined;
    if (joined) return finish(context, raw, joined, 'staged');
    return partsResult(raw, choice.plan.parts.length, outcome, keys.plan);
  },
});

/** One part's run: stages its range, then joins the file when it finds every part done. */
async function runPart(context: ActionContext, raw: ObjectInfo, index: number, options: StageOptions) {
  const { store, log } = context;
  const keys = productionOutputKeys(raw.key, raw.etag);
  const plan = await readObject(store, keys.plan, PartPlanSchema);
  if (!plan) {
    throw new PipelineError(
      'NOT_FOUND',
      `part ${index} of ${raw.key}: no plan at ${keys.plan} (the file was staged whole, or has changed since)`,
    );
  }
  const { summary, status } = await stagePart(store, raw, plan, index, options);
  const part = {
    status,
    key: raw.key,
    etag: raw.etag,
    part: index,
    parts: plan.parts.length,
    records_in: summary.records_in,
    records_out: summary.records_out,
  };
  const joinStarted = performance.now();
  const joined = await joinIfComplete(store, raw, keys, plan, log);
  if (!joined) return { ...part, joined: false };
  const join_ms = Math.round(performance.now() - joinStarted);
  const file = await finish(context, raw, joined, 'staged');
  return { ...part, joined: true, join_ms, archived_to: file.archived_to };
}

/** Archives the raw file once its outputs are complete, refreshes the dashboard, and reports the file. */
async function finish(context: ActionContext, raw: ObjectInfo, summary: StagedSummary, status: string) {
  const { store, log } = context;
  const keys = productionOutputKeys(raw.key, raw.etag);
  // Archive only once the outputs are written: a crash before this line leaves the raw file for a retry.
  const archived = await archiveRawObject(store, raw, raw.etag);
  log.info('archived', { ...archived });
  await refreshSummaryAfterStage(store, log, keys.summary);
  return {
    status,
    key: raw.key,
    etag: raw.etag,
    records_in: summary.records_in,
    records_out: summary.records_out,
    dropped: summary.dropped,
    redactions: summary.redactions,
    question_types: summary.question_types,
    unsafe_question_types: summary.unsafe_question_types ?? {},
    unknown_fields: summary.unknown_fields,
    ...(summary.parts ? { parts: summary.parts } : {}),
    keys_written: [summary.staged_key, ...(summary.quarantine_key ? [summary.quarantine_key] : []), keys.summary],
    archived_to: archived.archived_to,
  };
}

function partsResult(raw: ObjectInfo, parts: number, outcome: PartsOutcome, planKey: string) {
  const common = { key: raw.key, etag: raw.etag, parts, plan: planKey };
  if (outcome.kind === 'in_progress')
    return {
      ...common,
      status: 'parts_in_progress',
      missing: outcome.missing,
      reason: `${outcome.missing.length} of ${parts} parts not done yet; started less than ${PART_RESTART_AFTER_MS / 60_000} min ago`,
    };
  if (outcome.kind === 'started')
    return {
      ...common,
      status: 'parts_started',
      started: outcome.parts,
      activations: outcome.ids,
      // A rerun (reconcile) starts them once PART_RESTART_AFTER_MS have passed.
      ...(outcome.notStarted.length > 0
        ? {
            not_started: outcome.notStarted.map(({ part }) => part),
            reason: `${outcome.notStarted.length} part(s) not taken by the platform (${outcome.notStarted[0]!.reason}); reconcile starts them later`,
          }
        : {}),
    };
  return { ...common, status: 'parts_complete' };
}

function stageOptions(params: TransformSettings, { log }: ActionContext): StageOptions {
  return {
    safeTypes: new Set(params.safe_question_types),
    maxRecordBytes: params.max_record_bytes,
    maxDecompressedBytes: params.max_decompressed_bytes,
    maxSpillBytes: params.max_spill_bytes,
    workers: params.workers,
    log,
  };
}

/** The planning run's settings, which every part stages with (the part and the key are the parts' own). */
function settingsForParts(params: TransformSettings, log: Logger): Record<string, unknown> {
  const { key: _key, etag: _etag, part: _part, ...settings } = params;
  return { ...settings, log_level: log.level };
}
