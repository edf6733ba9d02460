import { Readable } from 'node:stream';
import { PRODUCTION_RULES_VERSION } from '../bucket/keys';
import { LINE_INDEX_ENTRY_BYTES } from '../bucket/line-index';
import type { PartSummary } from '../bucket/part-plan';
import type { StagedSummary } from '../bucket/staged';
import { type OpenedFile, openRecordFile, UnreadableFileError } from '../readers';
import { jsonlReader } from '../readers/jsonl';
import { LOG_FORMATS } from '../readers/log-formats';
import { DEFAULT_MAX_DECOMPRESSED_BYTES, DEFAULT_MAX_SPILL_BYTES } from '../readers/types';
import { type Logger, PipelineError, ProgressLog, positiveInt } from '../runtime';
import { type ByteRange, BytesWriter, JsonlWriter, type ObjectStore } from '../store';
import { emptyHistogram } from '../summary/histogram';
import { KeptEarlier, outcomeBatch } from './outcome-batch';
import type { OutcomeContext } from './record-outcome';
import { StageWorkerPool, stageWorkerCount } from './stage-workers';
import { MAX_UNKNOWN_FIELD_NAMES, MAX_UNKNOWN_FIELD_NAMES_OF_A_PART, StagedOutput } from './staged-output';

/** A record (line) over this many bytes is dropped as `record_too_long` (transform and replay). */
export const MaxRecordBytesParam = positiveInt(64 * 1024).describe(
  'a longer line or array element is dropped as record_too_long',
);
export const MaxDecompressedBytesParam = positiveInt(DEFAULT_MAX_DECOMPRESSED_BYTES).describe(
  'a compressed file that inflates past this is quarantined',
);
export const MaxSpillBytesParam = positiveInt(DEFAULT_MAX_SPILL_BYTES).describe(
  'a file that must be copied to /tmp to be read (gzipped parquet) may take this much there',
);

/** Records decided together on this thread: large enough to amortise a batch, small enough to stay light. */
const RECORDS_PER_BATCH = 1024;

/** The raw object a staged file comes from; `readKey` when its bytes are elsewhere now (the archive). */
export interface SourceObject {
  key: string;
  etag: string;
  size: number;
  readKey?: string;
}

/** Where a staged file's outputs go: a whole file's keys (productionOutputKeys) or one part's (productionPartKeys). */
export interface StageKeys {
  staged: string;
  lineIndex: string;
  quarantine: string;
  summary: string;
}

/** One part of a file staged in parts: a byte range that starts a line and ends after one. */
export interface StagePart {
  index: number;
  of: number;
  range: ByteRange;
}

export interface StageOptions {
  safeTypes: Set<string>;
  maxRecordBytes: number;
  maxDecompressedBytes?: number;
  maxSpillBytes?: number;
  /** Worker threads; undefined lets stageWorkerCount decide. */
  workers?: number;
  /** Stage only this part of the file (a JSON Lines file; line numbers count from the range's start). */
  part?: StagePart;
  log: Logger;
}

/** Streams one raw file into its staged and quarantine files, then writes the summary that marks them complete. */
export async function stageProductionFile(
  store: ObjectStore,
  raw: SourceObject,
  keys: StageKeys,
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
    await store.put(
      keys.quarantine,
      `${JSON.stringify({ reason: 'unreadable_file', source_key: raw.key, source_etag: raw.etag, line: null, detail: err.reason })}\n`,
    );
    const summary: StagedSummary = {
      ...emptyStagedSummary(raw, keys),
      unreadable: err.reason,
      dropped: { unreadable_file: 1 },
      quarantine_key: keys.quarantine,
    };
    await keepOnlyIfUnchanged(store, raw, keys);
    await store.put(keys.summary, JSON.stringify(summary, null, 2), { contentType: 'application/json' });
    return summary;
  }
}

/** A staged summary with nothing counted yet. */
export function emptyStagedSummary(raw: SourceObject, keys: StageKeys): StagedSummary {
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
    unsafe_question_types: {},
    staged_key: keys.staged,
    quarantine_key: null,
    created_at: new Date().toISOString(),
  };
}

async function stageRecords(
  store: ObjectStore,
  raw: SourceObject,
  keys: StageKeys,
  {
    safeTypes,
    maxRecordBytes,
    maxDecompressedBytes,
    maxSpillBytes,
    workers: requestedWorkers,
    part,
    log,
  }: StageOptions,
): Promise<StagedSummary> {
  let recordsSoFar = () => 0;
  /** The bytes this run reads: the part's range, or the whole file. */
  const size = part ? part.range.end - part.range.start : raw.size;
  const progress = new ProgressLog(log, { key: raw.key, size, ...(part ? { part: part.index } : {}) }, () =>
    recordsSoFar(),
  );
  const newlines = { count: 0 };
  const readOptions = { maxRecordBytes, maxDecompressedBytes, maxSpillBytes, onStoredBytes: progress.addBytes };
  const opened = part
    ? openPart(store, raw.readKey ?? raw.key, part.range, readOptions, newlines)
    : await openRecordFile(store, { key: raw.readKey ?? raw.key, size: raw.size }, LOG_FORMATS, readOptions);
  const context: OutcomeContext = {
    safeTypes,
    maxRecordBytes,
    format: opened.reader.format,
    source: { key: raw.key, etag: raw.etag },
  };
  const staged = new JsonlWriter(store, keys.staged);
  const quarantine = new JsonlWriter(store, keys.quarantine);
  const lineIndex = new BytesWriter(store, keys.lineIndex);
  const output = new StagedOutput(
    staged,
    quarantine,
    context.source,
    lineIndex,
    part ? MAX_UNKNOWN_FIELD_NAMES_OF_A_PART : MAX_UNKNOWN_FIELD_NAMES,
  );
  recordsSoFar = () => output.recordsIn;
  const workers = opened.reader.format === 'jsonl' ? stageWorkerCount(size, requestedWorkers) : 0;

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
      const earlier = new KeptEarlier();
      for await (const records of inBatches(opened.records, RECORDS_PER_BATCH))
        await output.apply(outcomeBatch(records, context, earlier));
    }
  } catch (err) {
    await Promise.all([staged.abort(err as Error), quarantine.abort(err as Error), lineIndex.abort(err as Error)]);
    throw err;
  }
  const stagedPut = await staged.close();
  await lineIndex.close();
  const droppedTotal = output.droppedTotal;
  if (droppedTotal > 0) await quarantine.close();
  else await quarantine.abort(new Error('nothing to quarantine'));

  const summary: StagedSummary = {
    ...emptyStagedSummary(raw, keys),
    format: opened.reader.format,
    ...output.summaryCounts(),
    records_out: staged.records,
    line_index: {
      key: keys.lineIndex,
      staged_etag: stagedPut.etag,
      entry_bytes: LINE_INDEX_ENTRY_BYTES,
      types: output.indexTypes,
    },
    quarantine_key: droppedTotal > 0 ? keys.quarantine : null,
    ...(part
      ? {
          part: {
            index: part.index,
            of: part.of,
            ...part.range,
            newlines: newlines.count,
          } satisfies PartSummary['part'],
        }
      : {}),
  };
  await keepOnlyIfUnchanged(store, raw, keys);
  await store.put(keys.summary, JSON.stringify(summary, null, 2), { contentType: 'application/json' });
  log.info('staged', {
    records_in: summary.records_in,
    records_out: summary.records_out,
    dropped: summary.dropped,
    redactions: summary.redactions,
  });
  return summary;
}

/**
 * A file still being written when it was read (a slow upload) has another ETag now: what was
 * staged from it is removed before the summary would mark it complete, so no batch takes a
 * partial copy. Its full content is staged on its own, by the event of its last write.
 */
export async function keepOnlyIfUnchanged(store: ObjectStore, raw: SourceObject, keys: StageKeys): Promise<void> {
  const now = await store.head(raw.readKey ?? raw.key);
  if (now && now.etag === raw.etag && now.size === raw.size) return;
  await Promise.all([store.delete(keys.staged), store.delete(keys.lineIndex), store.delete(keys.quarantine)]);
  throw new PipelineError(
    'CHANGED',
    `${raw.key} changed while it was read (ETag ${now?.etag ?? 'gone'}, read as ${raw.etag}): nothing of that read is kept; ` +
      'its new content is processed on its own',
  );
}

/**
 * A part of a JSON Lines file opened as the whole file would be, read with a ranged GET; its
 * newlines are counted as they pass, for the lines the parts after it start from.
 */
function openPart(
  store: ObjectStore,
  key: string,
  range: ByteRange,
  options: { maxRecordBytes: number; onStoredBytes(bytes: number): void },
  newlines: { count: number },
): OpenedFile {
  const input = {
    key,
    head: new Uint8Array(0),
    open: async () => Readable.from(countingNewlines(await store.get(key, range), newlines, options.onStoredBytes)),
    options,
  };
  return { reader: jsonlReader, compression: 'none', input, records: jsonlReader.read(input) };
}

async function* countingNewlines(
  chunks: AsyncIterable<Buffer>,
  newlines: { count: number },
  onBytes: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) newlines.count += 1;
    onBytes(chunk.length);
    yield chunk;
  }
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
