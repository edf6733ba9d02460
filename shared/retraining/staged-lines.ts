/**
 * The lines of one staged file with what retrain-batch decides each by, in batches. A file with
 * a line index (bucket/line-index.ts) is cut into lines by the lengths the index gives, and no
 * line is parsed or decoded; one staged before the index existed is parsed. Both give the same
 * lines and fingerprints.
 */
import { LINE_INDEX_ENTRY_BYTES, readLineIndexEntry } from '../bucket/line-index';
import type { StagedSummary } from '../bucket/staged';
import { splitLines } from '../readers';
import { fingerprintDigest, questionKey } from '../records/normalize';
import { PipelineError } from '../runtime';
import type { ObjectStore } from '../store';

const MAX_STAGED_LINE_BYTES = 16 * 1024 * 1024;
/** Lines handed over at a time by the parsing path (the index path hands over what one chunk holds). */
const PARSED_BATCH = 256;
const NEWLINE = 0x0a;

export interface StagedLine {
  /** The line as staged, without its newline. */
  bytes: Buffer;
  /** Fingerprint of question and answer (8 bytes or more). */
  digest: Uint8Array;
  /** Fingerprint of questionKey(question): what the evaluation split is checked by. */
  questionDigest: Uint8Array;
  questionType: string;
  questionLength: number;
}

/** A line that is no staged record (hand-edited, cut short): counted and skipped. */
export const INVALID_LINE = Symbol('invalid staged line');

/** A staged file as a version's claim lists it. */
export interface StagedInput {
  staged_key: string;
  summary_key: string;
}

export async function* stagedLineBatches(
  store: ObjectStore,
  input: StagedInput,
  summary: StagedSummary | undefined,
  onBytes: (bytes: number) => void,
): AsyncGenerator<(StagedLine | typeof INVALID_LINE)[]> {
  if (summary?.line_index) yield* indexedLines(store, input, summary, onBytes);
  else yield* parsedLines(store, input.staged_key, onBytes);
}

/**
 * The fingerprints of consecutive staged lines, packed: line i's record fingerprint at
 * bytes[i * stride, +8), its question's fingerprint at the 8 bytes after it.
 */
export interface FingerprintBatch {
  bytes: Uint8Array;
  count: number;
  stride: number;
  /** 1 for a line that is not a staged record (files staged without an index only). */
  invalid?: Uint8Array;
}

/**
 * Each staged line's fingerprints, in line order: from the line index alone when the file has
 * one (the staged lines are not read; the index's entries start with the two fingerprints), else
 * from the parsed lines. Checked against the staged file only by stagedLineBatches, which reads
 * both.
 */
export async function* stagedLineFingerprints(
  store: ObjectStore,
  input: StagedInput,
  summary: StagedSummary | undefined,
): AsyncGenerator<FingerprintBatch> {
  if (!summary?.line_index) {
    for await (const lines of parsedLines(store, input.staged_key, () => undefined)) {
      const bytes = new Uint8Array(lines.length * 16);
      const invalid = new Uint8Array(lines.length);
      lines.forEach((line, i) => {
        if (line === INVALID_LINE) invalid[i] = 1;
        else {
          bytes.set(line.digest.subarray(0, 8), i * 16);
          bytes.set(line.questionDigest.subarray(0, 8), i * 16 + 8);
        }
      });
      yield { bytes, count: lines.length, stride: 16, invalid };
    }
    return;
  }
  const { ref } = await checkedLineIndex(store, input, summary);
  const index = new ChunkQueue(await store.get(ref.key));
  while (await index.fill(LINE_INDEX_ENTRY_BYTES)) {
    const count = Math.floor(index.available / LINE_INDEX_ENTRY_BYTES);
    yield { bytes: index.take(count * LINE_INDEX_ENTRY_BYTES), count, stride: LINE_INDEX_ENTRY_BYTES };
  }
}

/**
 * The summary's line index, once the staged file is the one it was written with and the index
 * has an entry per staged record; `mismatch` words the refusal for what is found later.
 */
async function checkedLineIndex(store: ObjectStore, input: StagedInput, summary: StagedSummary) {
  const { staged_key: stagedKey, summary_key: summaryKey } = input;
  const ref = summary.line_index!;
  // Changed after transform wrote it: its lines can no longer be taken by the index, nor trusted.
  const mismatch = (what: string) =>
    new PipelineError(
      'STAGED_MISMATCH',
      `${stagedKey} is not the file its summary and line index describe (${what}): delete ${summaryKey} ` +
        `and run replay, which stages ${summary.source_key} again from the archive`,
    );
  const staged = await store.head(stagedKey);
  if (staged?.etag !== ref.staged_etag)
    throw mismatch(`ETag ${staged?.etag ?? 'missing'}, written as ${ref.staged_etag}`);
  const indexInfo = await store.head(ref.key);
  const indexBytes = summary.records_out * LINE_INDEX_ENTRY_BYTES;
  if (indexInfo?.size !== indexBytes)
    throw mismatch(`line index ${ref.key} has ${indexInfo?.size ?? 'no'} bytes, not ${indexBytes}`);
  return { ref, mismatch };
}

/** Bytes of a stream taken from the front, a chunk at a time. */
class ChunkQueue {
  private buffer: Buffer = Buffer.alloc(0);
  private at = 0;
  private readonly chunks: AsyncIterator<Buffer>;

  constructor(stream: AsyncIterable<Buffer>) {
    this.chunks = stream[Symbol.asyncIterator]();
  }

  get available(): number {
    return this.buffer.length - this.at;
  }

  /** Reads until `bytes` are available; false at the end of the stream. */
  async fill(bytes: number): Promise<boolean> {
    while (this.available < bytes) {
      const next = await this.chunks.next();
      if (next.done) return false;
      this.buffer = this.available > 0 ? Buffer.concat([this.buffer.subarray(this.at), next.value]) : next.value;
      this.at = 0;
    }
    return true;
  }

  take(bytes: number): Buffer {
    const taken = this.buffer.subarray(this.at, this.at + bytes);
    this.at += bytes;
    return taken;
  }
}

async function* indexedLines(
  store: ObjectStore,
  input: StagedInput,
  summary: StagedSummary,
  onBytes: (bytes: number) => void,
): AsyncGenerator<StagedLine[]> {
  const { ref, mismatch } = await checkedLineIndex(store, input, summary);
  const stagedKey = input.staged_key;
  const index = new ChunkQueue(await store.get(ref.key));
  const lines = new ChunkQueue(await store.get(stagedKey));
  let number = 0;
  while (await index.fill(LINE_INDEX_ENTRY_BYTES)) {
    // The entries at hand, with their lines: one batch.
    const batch: StagedLine[] = [];
    const count = Math.floor(index.available / LINE_INDEX_ENTRY_BYTES);
    const entries = index.take(count * LINE_INDEX_ENTRY_BYTES);
    for (let at = 0; at < entries.length; at += LINE_INDEX_ENTRY_BYTES) {
      number += 1;
      const entry = readLineIndexEntry(entries, at);
      const lineBytes = entry.lineBytes;
      if (!(await lines.fill(lineBytes))) throw mismatch(`it ends before line ${number}`);
      const line = lines.take(lineBytes);
      if (line[lineBytes - 1] !== NEWLINE || line.indexOf(NEWLINE) !== lineBytes - 1)
        throw mismatch(`line ${number} is not the line its index entry describes`);
      batch.push({
        bytes: line.subarray(0, lineBytes - 1),
        digest: entry.digest,
        questionDigest: entry.questionDigest,
        questionLength: entry.questionLength,
        questionType: ref.types[entry.typeIndex] ?? 'unknown',
      });
      onBytes(lineBytes);
    }
    yield batch;
  }
  if (await lines.fill(1)) throw mismatch('it has more lines than its line index');
}

async function* parsedLines(
  store: ObjectStore,
  stagedKey: string,
  onBytes: (bytes: number) => void,
): AsyncGenerator<(StagedLine | typeof INVALID_LINE)[]> {
  let batch: (StagedLine | typeof INVALID_LINE)[] = [];
  for await (const line of splitLines(await store.get(stagedKey), MAX_STAGED_LINE_BYTES)) {
    if (!line.bytes) continue;
    onBytes(line.bytes.length + 1);
    batch.push(parsedLine(line.bytes));
    if (batch.length === PARSED_BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function parsedLine(bytes: Buffer): StagedLine | typeof INVALID_LINE {
  // biome-ignore lint/suspicious/noExplicitAny: a staged line as parsed; its fields are checked before use
  let record: Record<string, any>;
  try {
    record = JSON.parse(bytes.toString('utf8'));
  } catch {
    return INVALID_LINE;
  }
  if (typeof record?.question !== 'string' || typeof record.answer !== 'string') return INVALID_LINE;
  return {
    bytes,
    digest: fingerprintDigest(record.question, record.answer),
    questionDigest: fingerprintDigest(questionKey(record.question)),
    questionType: record.question_type,
    questionLength: record.question.length,
  };
}
