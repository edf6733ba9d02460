import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { NAME_TABLE } from '../pii/name-table';
import { type LineBatch, lineBatches } from './line-batch';
import { KeptEarlier, type OutcomeBatch, outcomeBatchOfLines } from './outcome-batch';
import type { OutcomeContext } from './record-outcome';
import { type LearnedTexts, learn, noteWhatIsLearned, takeLearned } from './remembered-rules';
import type { StagedOutput } from './staged-output';

/** The worker's source (stage-worker.ts, bundled by build.mjs); absent when running from TypeScript. */
declare const MEDQA_STAGE_WORKER: string | undefined;

/** Unbundled (the CLI, the local runtime): a worker that loads stage-worker.ts through a TypeScript require hook. */
let workerFile: string | undefined;

/**
 * The bundled worker's code, read once at load: a literal this long inside a function would be
 * scanned again when the function is first compiled.
 */
const BUNDLED_WORKER = typeof MEDQA_STAGE_WORKER === 'string' ? MEDQA_STAGE_WORKER : undefined;

/** The worker's code: bundled, or loading its file; none when unbundled without useStageWorkerFile. */
function workerSource(): string | undefined {
  return BUNDLED_WORKER ?? workerFile;
}

/**
 * Lets unbundled runs stage in worker threads too: `file` is the path of stage-worker.ts,
 * `requireHook` that of a module that teaches require TypeScript (tsx/cjs).
 */
export function useStageWorkerFile(file: string, requireHook: string): void {
  workerFile = `require(${JSON.stringify(requireHook)}); require(${JSON.stringify(file)});`;
}

/** Below this a file is done before threads would have started. */
const MIN_BYTES_FOR_WORKERS = 4 * 1024 * 1024;
/** Batches waiting or in work per worker: enough to keep it busy, few enough to bound memory. */
const IN_FLIGHT_PER_WORKER = 2;
/**
 * A worker holds one batch at a time: a small young generation is enough, and an old generation
 * of 48 MB holds its rules and tables with room to spare. The defaults, sized for the whole
 * machine, let garbage pile up: 30 MB more at a million records for the young generation, 27 MB
 * for the old.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 48 };
/** What other threads learned, kept for a worker's next batch: at most this many batches' worth. */
const MAX_UNTOLD = 64;
/** Batches decided and not yet applied, at most: this thread works on while a worker is behind. */
const MAX_BATCHES_AHEAD = 16;

/** A message to a worker: the file's context first, then its batches of lines. */
export type StageWorkerMessage = { context: StageWorkerContext } | { lines: LineBatch; learned: LearnedTexts[] };
/** The outcome context in a form that survives postMessage. */
export type StageWorkerContext = Omit<OutcomeContext, 'safeTypes'> & { safeTypes: string[] };

/**
 * How many worker threads help stage a JSON Lines file of `size` bytes: `requested` when given,
 * otherwise one when the file is large and the machine has a second core (this thread works
 * too, so one worker uses two cores; another would cost its heap for little), none when
 * running unbundled without a worker file (see useStageWorkerFile).
 */
export function stageWorkerCount(size: number, requested?: number): number {
  if (!workerSource()) return 0;
  if (requested !== undefined) return requested;
  return size >= MIN_BYTES_FOR_WORKERS && availableParallelism() > 1 ? 1 : 0;
}

/** Worker threads that stage one file together with this thread. */
export class StageWorkerPool {
  private readonly workers: StageWorker[];

  /**
   * `source` is the worker's code: the bundled stage-worker.ts (or its file, unbundled) unless a test gives another.
   */
  constructor(count: number, source = workerSource()!) {
    this.workers = Array.from({ length: count }, () => new StageWorker(source, this.learnedBy.bind(this)));
  }

  /**
   * Reads the lines of `content` on this thread and shares the batches with the workers: a
   * batch goes to a worker with room in its queue, else this thread decides it itself. Outcome
   * batches are applied in file order, so the output is byte for byte what one thread writes.
   * Memory stays bounded: IN_FLIGHT_PER_WORKER batches per worker, MAX_BATCHES_AHEAD in all.
   * What one thread learns about the file's texts reaches the others with their next batch.
   */
  async stage(content: Readable, context: OutcomeContext, output: StagedOutput): Promise<void> {
    const shared: StageWorkerContext = { ...context, safeTypes: [...context.safeTypes] };
    for (const worker of this.workers) worker.setContext(shared);
    const inFlight: PendingBatch[] = [];
    const applyNext = async () => output.apply(await inFlight.shift()!.result);
    noteWhatIsLearned(this.workers.length > 0);
    const earlier = new KeptEarlier();
    try {
      for await (const batch of lineBatches(content, context.maxRecordBytes)) {
        const idle = this.workers.find((worker) => worker.queued < IN_FLIGHT_PER_WORKER);
        inFlight.push(
          idle
            ? pending(idle.stage(batch))
            : { result: Promise.resolve(this.decideHere(batch, context, earlier)), ready: true },
        );
        // Apply what is done, in order; wait for a worker only when this thread is too far ahead.
        while (inFlight[0]?.ready) await applyNext();
        while (inFlight.length > MAX_BATCHES_AHEAD) await applyNext();
      }
      while (inFlight.length > 0) await applyNext();
    } finally {
      noteWhatIsLearned(false);
      // Settled or not, nothing more is applied: a failed batch must not surface as unhandled.
      for (const { result } of inFlight) result.catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
  }

  /** A batch decided on this thread; what it learned goes to every worker. */
  private decideHere(batch: LineBatch, context: OutcomeContext, earlier: KeptEarlier): OutcomeBatch {
    const outcome = outcomeBatchOfLines(batch, context, earlier);
    const learned = takeLearned();
    if (learned) for (const worker of this.workers) worker.tell(learned);
    return outcome;
  }

  /** A worker's batch came back: this thread and the other workers remember what it learned. */
  private learnedBy(from: StageWorker, learned: LearnedTexts): void {
    learn(learned);
    for (const worker of this.workers) if (worker !== from) worker.tell(learned);
  }
}

interface PendingBatch {
  result: Promise<OutcomeBatch>;
  ready: boolean;
}

function pending(result: Promise<OutcomeBatch>): PendingBatch {
  const entry: PendingBatch = { result, ready: false };
  result.then(
    () => (entry.ready = true),
    () => (entry.ready = true),
  );
  return entry;
}

/** One worker thread; its batches come back in the order they were sent. */
class StageWorker {
  private readonly thread: Worker;
  private readonly waiting: { resolve(batch: OutcomeBatch): void; reject(err: Error): void }[] = [];
  private failure: Error | undefined;
  /** What the other threads learned since this one's last batch: sent with the next. */
  private untold: LearnedTexts[] = [];

  constructor(source: string, onLearned: (from: StageWorker, learned: LearnedTexts) => void) {
    // The name table travels as data: the worker's source leaves it out, so the bundle holds it once.
    this.thread = new Worker(source, {
      eval: true,
      resourceLimits: WORKER_LIMITS,
      workerData: { nameTable: NAME_TABLE },
    });
    this.thread.on('message', (batch: OutcomeBatch) => {
      if (batch.learned) onLearned(this, batch.learned);
      this.waiting.shift()?.resolve(batch);
    });
    this.thread.on('error', (err) => this.fail(err));
    this.thread.on('exit', (code) => this.fail(new Error(`a transform worker thread stopped (exit code ${code})`)));
  }

  /** Batches sent and not yet back. */
  get queued(): number {
    return this.waiting.length;
  }

  setContext(context: StageWorkerContext): void {
    this.thread.postMessage({ context } satisfies StageWorkerMessage);
  }

  stage(lines: LineBatch): Promise<OutcomeBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const result = new Promise<OutcomeBatch>((resolve, reject) => this.waiting.push({ resolve, reject }));
    const learned = this.untold;
    this.untold = [];
    this.thread.postMessage({ lines, learned } satisfies StageWorkerMessage, [lines.buffer]);
    return result;
  }

  /** Passes on what another thread learned, with this worker's next batch. */
  tell(learned: LearnedTexts): void {
    // A worker that gets no batch for long would hoard: past a bound, the oldest go untold.
    if (this.untold.length >= MAX_UNTOLD) this.untold.shift();
    this.untold.push(learned);
  }

  async stop(): Promise<void> {
    this.failure ??= new Error('the transform worker threads were stopped');
    await this.thread.terminate();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
  }
}
