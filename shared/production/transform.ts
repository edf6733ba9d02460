import { z } from 'zod';
import { PRODUCTION_RAW_PREFIX } from '../layout';
import { SafeQuestionTypesParam } from '../offline/safe-question-types';
import type { RedactionCounts } from '../pii/redact';
import { openRecordFile, UnreadableFileError } from '../readers';
import { LOG_FORMATS } from '../readers/log-formats';
import { defineAction, optionalText, PipelineError, positiveInt, text, type Logger } from '../runtime';
import { JsonlWriter, readJsonIfExists, type ObjectStore } from '../store';
import { emptyHistogram } from '../summary/histogram';
import { refreshSummaryAfterStage } from '../summary/summarize';
import { archiveRawObject } from './archive';
import { PRODUCTION_RULES_VERSION, productionOutputKeys } from './keys';
import type { ProductionDropReason } from './production-record';
import { outcomeBatch } from './outcome-batch';
import type { OutcomeContext } from './record-outcome';
import { StagedOutput } from './staged-output';
import { StageWorkerPool, stageWorkerCount } from './stage-workers';

/** A record (line) over this many bytes is dropped as `record_too_long` (transform and replay). */
export const MaxRecordBytesParam = positiveInt(64 * 1024);

/** Records decided together on this thread: large enough to amortise a batch, small enough to stay light. */
const RECORDS_PER_BATCH = 1024;

const TransformParams = z.object({
  key: text(),
  etag: optionalText(),
  safe_question_types: SafeQuestionTypesParam,
  max_record_bytes: MaxRecordBytesParam,
  /** Worker threads for a large JSON Lines file; 0 stages on the action's own thread. Default: see stageWorkerCount. */
  workers: z.coerce.number().int().min(0).max(4).optional(),
});

/** The partial summary written beside each staged file; retrain-batch and summarize read it. */
export interface StagedSummary {
  schema_version: 1;
  source_key: string;
  source_etag: string;
  source_size: number;
  format: string;
  rules_version: number;
  records_in: number;
  records_out: number;
  dropped: Partial<Record<ProductionDropReason | 'unreadable_file', number>>;
  /** Why the file could not be read at all, when it could not. */
  unreadable?: string;
  redactions: RedactionCounts;
  question_types: Record<string, number>;
  /** Kept questions by length (see summary/histogram.ts) and by day of their timestamp: for the dashboard. */
  question_length_histogram: number[];
  records_by_day: Record<string, number>;
  unknown_fields: Record<string, number>;
  staged_key: string;
  quarantine_key: string | null;
  created_at: string;
}

/**
 * transform: one raw production log file → PII-reduced, typed, de-duplicated records staged
 * at keys derived from the file's key and ETag, every dropped record quarantined with its
 * reason and line, then the raw file archived. Reruns and redelivered events change nothing.
 */
export const transform = defineAction({
  name: 'transform',
  description: 'Validate, PII-reduce, type, de-duplicate and stage one raw production log file, then archive it',
  params: TransformParams,
  async run(params, { store, log }) {
    if (!params.key.startsWith(PRODUCTION_RAW_PREFIX)) {
      throw new PipelineError('WRONG_PREFIX', `transform reads objects under ${PRODUCTION_RAW_PREFIX}; got key ${JSON.stringify(params.key)}`);
    }
    const raw = await store.head(params.key);
    if (!raw) {
      // A redelivered event for a file already moved to the archive.
      if (params.etag && (await store.head(productionOutputKeys(params.key, params.etag).summary))) {
        const archived = await archiveRawObject(store, params.key, params.etag);
        return { ...archived, status: 'already_processed', key: params.key, etag: params.etag };
      }
      throw new PipelineError('NOT_FOUND', `no object at ${params.key} (already processed under another ETag, or never uploaded)`);
    }
    const keys = productionOutputKeys(params.key, raw.etag);
    let summary = await readJsonIfExists<StagedSummary>(store, keys.summary);
    const status = summary ? 'already_staged' : 'staged';
    if (!summary) {
      summary = await stageProductionFile(store, raw, keys, {
        safeTypes: new Set(params.safe_question_types),
        maxRecordBytes: params.max_record_bytes,
        workers: params.workers,
        log,
      });
    } else {
      log.info('already_staged', { summary: keys.summary });
    }
    // Archive only once the outputs are written: a crash before this line leaves the raw file for a retry.
    const archived = await archiveRawObject(store, params.key, raw.etag);
    log.info('archived', { ...archived });
    await refreshSummaryAfterStage(store, log, keys.summary);
    return {
      status,
      key: params.key,
      etag: raw.etag,
      records_in: summary.records_in,
      records_out: summary.records_out,
      dropped: summary.dropped,
      redactions: summary.redactions,
      question_types: summary.question_types,
      unknown_fields: summary.unknown_fields,
      keys_written: [summary.staged_key, ...(summary.quarantine_key ? [summary.quarantine_key] : []), keys.summary],
      archived_to: archived.archived_to,
    };
  },
});

/** The raw object a staged file comes from; `readKey` when its bytes are elsewhere now (the archive). */
export interface SourceObject {
  key: string;
  etag: string;
  size: number;
  readKey?: string;
}

export interface StageOptions {
  safeTypes: Set<string>;
  maxRecordBytes: number;
  /** Worker threads; undefined lets stageWorkerCount decide. */
  workers?: number;
  log: Logger;
}

/** Streams one raw file into its staged and quarantine files, then writes the summary that marks them complete. */
export async function stageProductionFile(
  store: ObjectStore,
  raw: SourceObject,
  keys: ReturnType<typeof productionOutputKeys>,
  options: StageOptions,
): Promise<StagedSummary> {
  const { log } = options;
  try {
    return await stageRecords(store, raw, keys, options);
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    // Not a log file, or a broken one: nothing of it is staged, the reason is quarantined, and the
    // raw file still goes to the archive, where it is kept as it arrived.
    log.warn('unreadable_file', { key: raw.key, reason: err.reason });
    await store.put(keys.staged, '');
    await store.put(keys.quarantine, `${JSON.stringify({ reason: 'unreadable_file', source_key: raw.key, source_etag: raw.etag, line: null, detail: err.reason })}\n`);
    const summary: StagedSummary = {
      ...emptySummary(raw, keys),
      unreadable: err.reason,
      dropped: { unreadable_file: 1 },
      quarantine_key: keys.quarantine,
    };
    await store.put(keys.summary, JSON.stringify(summary, null, 2), { contentType: 'application/json' });
    return summary;
  }
}

function emptySummary(raw: SourceObject, keys: ReturnType<typeof productionOutputKeys>): StagedSummary {
  return {
    schema_version: 1,
    source_key: raw.key,
    source_etag: raw.etag,
    source_size: raw.size,
    format: 'unknown',
    rules_version: PRODUCTION_RULES_VERSION,
    records_in: 0,
    records_out: 0,
    dropped: {},
    redactions: {},
    question_types: {},
    question_length_histogram: emptyHistogram(),
    records_by_day: {},
    unknown_fields: {},
    staged_key: keys.staged,
    quarantine_key: null,
    created_at: new Date().toISOString(),
  };
}

async function stageRecords(
  store: ObjectStore,
  raw: SourceObject,
  keys: ReturnType<typeof productionOutputKeys>,
  { safeTypes, maxRecordBytes, workers: requestedWorkers, log }: StageOptions,
): Promise<StagedSummary> {
  const opened = await openRecordFile(store, { key: raw.readKey ?? raw.key, size: raw.size }, LOG_FORMATS, { maxRecordBytes });
  const context: OutcomeContext = { safeTypes, maxRecordBytes, format: opened.reader.format, source: { key: raw.key, etag: raw.etag } };
  const staged = new JsonlWriter(store, keys.staged);
  const quarantine = new JsonlWriter(store, keys.quarantine);
  const output = new StagedOutput(staged, quarantine, context.source);
  const workers = opened.reader.format === 'jsonl' ? stageWorkerCount(raw.size, requestedWorkers) : 0;

  try {
    if (workers > 0) {
      log.info('staging_in_threads', { workers });
      const pool = new StageWorkerPool(workers);
      try {
        await pool.stage(await opened.input.open(), context, output);
      } finally {
        await pool.stop();
      }
    } else {
      for await (const records of inBatches(opened.records, RECORDS_PER_BATCH)) await output.apply(outcomeBatch(records, context));
    }
  } catch (err) {
    await Promise.all([staged.abort(err as Error), quarantine.abort(err as Error)]);
    throw err;
  }
  await staged.close();
  const droppedTotal = output.droppedTotal;
  if (droppedTotal > 0) await quarantine.close();
  else await quarantine.abort(new Error('nothing to quarantine'));

  const summary: StagedSummary = {
    ...emptySummary(raw, keys),
    format: opened.reader.format,
    ...output.summaryCounts(),
    records_out: staged.records,
    quarantine_key: droppedTotal > 0 ? keys.quarantine : null,
  };
  await store.put(keys.summary, JSON.stringify(summary, null, 2), { contentType: 'application/json' });
  log.info('staged', { records_in: summary.records_in, records_out: summary.records_out, dropped: summary.dropped, redactions: summary.redactions });
  return summary;
}

/** Records in arrays of up to `size`, in order. */
async function* inBatches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
