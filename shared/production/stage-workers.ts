import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { splitLines, type ReadInput } from '../readers';
import type { OutcomeContext, OutcomeCounts, RecordOutcome } from './record-outcome';

/** The worker's source, bundled by build.mjs; absent when running from TypeScript (tests). */
declare const MEDQA_STAGE_WORKER: string | undefined;

const LINES_PER_BATCH = 2000;
/** Below this a file is done before threads would have started. */
const MIN_BYTES_FOR_WORKERS = 4 * 1024 * 1024;

/** Lines sent to a worker: one buffer (transferred, not copied) cut by offsets. */
export interface LineBatch {
  buffer: ArrayBuffer;
  offsets: Int32Array;
  numbers: Int32Array;
  /** Lines over the limit, by index: only their size and first bytes travel. */
  overLimit: Record<number, { bytes: number; prefix: Uint8Array }>;
}

/** A worker's answer, in line order; kept records' digests packed 8 bytes each, by outcome index. */
export interface OutcomeBatch {
  outcomes: RecordOutcome[];
  digests: Uint8Array;
  counts: OutcomeCounts;
}

/**
 * How many worker threads transform uses for a JSON Lines file of `size` bytes: one when the
 * file is large enough and the machine has a core to spare (a second thread would cost more
 * memory than a 256 MB action has); none when running unbundled. `requested` overrides.
 */
export function stageWorkerCount(size: number, requested?: number): number {
  if (typeof MEDQA_STAGE_WORKER !== 'string') return 0;
  if (requested !== undefined) return requested;
  return size >= MIN_BYTES_FOR_WORKERS && availableParallelism() > 1 ? 1 : 0;
}

/**
 * Reads the file's lines on this thread and hands them out in batches; applies the outcomes in
 * file order as they come back, so the staged output is the same bytes as in one thread.
 */
export async function stageInWorkers(
  input: ReadInput,
  context: OutcomeContext,
  count: number,
  apply: (outcome: RecordOutcome) => Promise<void> | undefined,
  mergeCounts: (counts: OutcomeCounts) => void,
): Promise<void> {
  const workerData = { safeTypes: [...context.safeTypes], maxRecordBytes: context.maxRecordBytes, format: context.format, source: context.source };
  const workers = Array.from({ length: count }, () => new Worker(MEDQA_STAGE_WORKER!, { eval: true, workerData }));
  const waiting = workers.map(() => [] as { resolve(batch: OutcomeBatch): void; reject(err: Error): void }[]);
  workers.forEach((worker, i) => {
    worker.on('message', (batch: OutcomeBatch) => waiting[i]!.shift()?.resolve(batch));
    worker.on('error', (err) => waiting[i]!.splice(0).forEach((w) => w.reject(err)));
  });
  const inFlight: Promise<OutcomeBatch>[] = [];
  let sent = 0;
  const send = (batch: LineBatch) => {
    const index = sent++ % count;
    inFlight.push(new Promise((resolve, reject) => waiting[index]!.push({ resolve, reject })));
    workers[index]!.postMessage(batch, [batch.buffer]);
  };
  const applyNext = async () => {
    const result = await inFlight.shift()!;
    mergeCounts(result.counts);
    for (let i = 0; i < result.outcomes.length; i += 1) {
      const outcome = result.outcomes[i]!;
      const written = apply(outcome.kind === 'keep' ? { ...outcome, digest: result.digests.subarray(i * 8, i * 8 + 8) } : outcome);
      if (written) await written;
    }
  };

  try {
    let lines: Buffer[] = [];
    let numbers: number[] = [];
    let overLimit: LineBatch['overLimit'] = {};
    const flush = () => {
      const size = lines.reduce((n, line) => n + line.length, 0);
      const buffer = new ArrayBuffer(size);
      const view = new Uint8Array(buffer);
      const offsets = new Int32Array(lines.length + 1);
      let at = 0;
      lines.forEach((line, i) => {
        offsets[i] = at;
        view.set(line, at);
        at += line.length;
      });
      offsets[lines.length] = at;
      send({ buffer, offsets, numbers: Int32Array.from(numbers), overLimit });
      lines = [];
      numbers = [];
      overLimit = {};
    };
    for await (const line of splitLines(await input.open(), context.maxRecordBytes)) {
      if (line.overLimit !== undefined) overLimit[lines.length] = { bytes: line.overLimit, prefix: new Uint8Array(line.prefix ?? []) };
      lines.push(line.bytes ?? Buffer.alloc(0));
      numbers.push(line.number);
      if (lines.length === LINES_PER_BATCH) {
        flush();
        if (inFlight.length > count * 2) await applyNext(); // bounded read-ahead
      }
    }
    if (lines.length) flush();
    while (inFlight.length) await applyNext();
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
