/**
 * transform's worker thread: turns batches of raw log lines into outcome batches (parse,
 * validate, PII-reduce, type, serialise) while the action's thread reads, decides batches of
 * its own, de-duplicates and writes. Bundled on its own by build.mjs and started from its
 * source text: an action is a single file, with no second file to point a Worker at.
 */
import { parentPort } from 'node:worker_threads';
import { KeptEarlier, type OutcomeBatch, outcomeBatchOfLines } from './outcome-batch';
import type { OutcomeContext } from './record-outcome';
import { learn, noteWhatIsLearned, takeLearned } from './remembered-rules';
import type { StageWorkerMessage } from './stage-workers';

let context: OutcomeContext | undefined;
let earlier = new KeptEarlier();
// This thread always stages with the action's thread: what it learns goes back with each batch.
noteWhatIsLearned(true);

parentPort!.on('message', (message: StageWorkerMessage) => {
  if ('context' in message) {
    context = { ...message.context, safeTypes: new Set(message.context.safeTypes) };
    earlier = new KeptEarlier();
    return;
  }
  if (!context) throw new Error('a batch of lines arrived before the file context');
  for (const learned of message.learned) learn(learned);
  const batch = outcomeBatchOfLines(message.lines, context, earlier);
  batch.learned = takeLearned();
  parentPort!.postMessage(batch, transferList(batch));
});

/** The typed arrays move to the action's thread instead of being copied. */
function transferList({ kept, dropped, learned }: OutcomeBatch): ArrayBuffer[] {
  return [
    ...(learned ? [learned.clean, learned.questions] : []),
    kept.bytes,
    kept.ends,
    kept.digests,
    kept.questionDigests,
    kept.lines,
    kept.questionLengths,
    kept.typeIndex,
    kept.dayIndex,
    dropped.bytes,
    dropped.ends,
    dropped.lines,
  ].map((array) => array.buffer as ArrayBuffer);
}
