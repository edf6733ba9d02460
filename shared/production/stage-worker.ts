/**
 * A worker thread of transform: turns batches of raw lines into record outcomes (parse,
 * validate, PII-reduce, type, serialise) while the main thread reads, de-duplicates and writes.
 * Bundled separately and started from its source text (see stage-workers.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { lineToRecord } from '../readers/jsonl';
import type { Line } from '../readers/lines';
import { recordOutcome, type OutcomeContext, type OutcomeCounts } from './record-outcome';
import type { LineBatch, OutcomeBatch } from './stage-workers';

const init = workerData as { safeTypes: string[]; maxRecordBytes: number; format: string; source: OutcomeContext['source'] };
const context: OutcomeContext = { ...init, safeTypes: new Set(init.safeTypes) };
const decoder = new TextDecoder('utf-8', { fatal: true });

parentPort!.on('message', (batch: LineBatch) => {
  const bytes = Buffer.from(batch.buffer);
  const counts: OutcomeCounts = { redactions: {}, unknownFields: {} };
  const result: OutcomeBatch = { outcomes: [], digests: new Uint8Array(batch.numbers.length * 8), counts };
  for (let i = 0; i < batch.numbers.length; i += 1) {
    const special = batch.overLimit[i];
    const line: Line = special ? { number: batch.numbers[i]!, overLimit: special.bytes, prefix: Buffer.from(special.prefix) } : { number: batch.numbers[i]!, bytes: bytes.subarray(batch.offsets[i], batch.offsets[i + 1]) };
    const record = lineToRecord(line, context.maxRecordBytes, decoder);
    if (!record) continue;
    const outcome = recordOutcome(record, context, counts);
    if (outcome.kind === 'keep') {
      result.digests.set(outcome.digest.subarray(0, 8), result.outcomes.length * 8);
      result.outcomes.push({ ...outcome, digest: new Uint8Array(0) });
    } else {
      result.outcomes.push(outcome);
    }
  }
  parentPort!.postMessage(result, [result.digests.buffer as ArrayBuffer]);
});
