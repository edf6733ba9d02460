import * as z from 'zod';
import { PRODUCTION_RAW_PREFIX, productionOutputKeys } from '../bucket/keys';
import { readObject } from '../bucket/read';
import { StagedSummarySchema } from '../bucket/staged';
import { archiveRawObject } from '../production/archive-raw';
import {
  MaxDecompressedBytesParam,
  MaxRecordBytesParam,
  MaxSpillBytesParam,
  stageProductionFile,
} from '../production/stage-file';
import { SafeQuestionTypesParam } from '../question-type/safe-types';
import { defineAction, optionalText, PipelineError, text } from '../runtime';
import { refreshSummaryAfterStage } from '../summary/refresh';

const TransformParams = z.object({
  key: text().describe("the raw object's key, e.g. data/production/retraining_data_raw/x.jsonl"),
  etag: optionalText(),
  safe_question_types: SafeQuestionTypesParam,
  max_record_bytes: MaxRecordBytesParam,
  max_decompressed_bytes: MaxDecompressedBytesParam,
  max_spill_bytes: MaxSpillBytesParam,
  /** Worker threads for a large JSON Lines file; 0 stages on the action's own thread. Default: see stageWorkerCount. */
  workers: z.coerce.number().int().min(0).max(4).optional(),
});

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
      throw new PipelineError(
        'WRONG_PREFIX',
        `transform reads objects under ${PRODUCTION_RAW_PREFIX}; got key ${JSON.stringify(params.key)}`,
      );
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
    const keys = productionOutputKeys(params.key, raw.etag);
    let summary = await readObject(store, keys.summary, StagedSummarySchema);
    const status = summary ? 'already_staged' : 'staged';
    if (!summary) {
      summary = await stageProductionFile(store, raw, keys, {
        safeTypes: new Set(params.safe_question_types),
        maxRecordBytes: params.max_record_bytes,
        maxDecompressedBytes: params.max_decompressed_bytes,
        maxSpillBytes: params.max_spill_bytes,
        workers: params.workers,
        log,
      });
    } else {
      log.info('already_staged', { summary: keys.summary });
    }
    // Archive only once the outputs are written: a crash before this line leaves the raw file for a retry.
    const archived = await archiveRawObject(store, raw, raw.etag);
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
      unsafe_question_types: summary.unsafe_question_types ?? {},
      unknown_fields: summary.unknown_fields,
      keys_written: [summary.staged_key, ...(summary.quarantine_key ? [summary.quarantine_key] : []), keys.summary],
      archived_to: archived.archived_to,
    };
  },
});
