import type { ProductionDropReason } from '../bucket/staged';
import type { SourceRecord } from '../readers';
import { lineToRecord } from '../readers/jsonl';
import { FingerprintMemo } from '../records/fingerprint-memo';
import { fingerprintHalves, questionKey, writeFingerprint } from '../records/normalize';
import { batchLines, type LineBatch } from './line-batch';
import { LineBytes } from './line-bytes';
import { Numbering } from './numbering';
import { duplicateQuarantineLine, type OutcomeContext, type OutcomeCounts, recordOutcome } from './record-outcome';
import type { LearnedTexts } from './remembered-rules';

/**
 * The outcomes of consecutive records, already serialised: kept records as JSON lines with a
 * few columns beside them, dropped ones as quarantine lines. Compact enough to cross from a
 * worker thread as a handful of strings and typed arrays instead of thousands of objects.
 * De-duplication is not done here: it needs the whole file in order (see StagedOutput).
 */
export interface OutcomeBatch {
  /** Records read (blank lines are not records). */
  records: number;
  kept: {
    /** One JSON line per kept record in UTF-8, each ending in a newline. */
    bytes: Uint8Array;
    /** Where each record's line ends in `bytes` (so line i is ends[i - 1] to ends[i], its newline included). */
    ends: Int32Array;
    /** Each record's 64-bit fingerprint, 8 bytes apiece. */
    digests: Uint8Array;
    /** Each question's 64-bit fingerprint as the evaluation split is checked by (questionKey), 8 bytes apiece. */
    questionDigests: Uint8Array;
    lines: Int32Array;
    questionLengths: Int32Array;
    /** Each record's question type and day, as indexes into the two tables. */
    typeIndex: Uint16Array;
    dayIndex: Uint16Array;
    types: string[];
    days: string[];
  };
  dropped: {
    /** One quarantine line per dropped record in UTF-8, each ending in a newline, in file order. */
    bytes: Uint8Array;
    ends: Int32Array;
    lines: Int32Array;
    byReason: Partial<Record<ProductionDropReason, number>>;
  };
  counts: OutcomeCounts;
  /** What the deciding thread remembered while deciding, for the other threads (set by the worker). */
  learned?: LearnedTexts;
}

/** A record's outcome; an unexpected failure names the record's place, so a bug report can point at it. */
function recordOutcomeAt(record: SourceRecord, context: OutcomeContext, counts: OutcomeCounts) {
  try {
    return recordOutcome(record, context, counts);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const place = context.format === 'jsonl' ? 'line' : 'record';
    throw new Error(`${place} ${record.position}: ${message}`, { cause: err });
  }
}

/**
 * The fingerprints of records one thread kept lately, all from earlier in the file it stages:
 * a record found here repeats one that reached the staged output before it, so it is a
 * duplicate whatever the other threads decided, and it is quarantined as one without being
 * serialised first. The file's staged output still de-duplicates everything else. A new one
 * per file and thread; 24,576 records a generation (under 1 MB) catch a log's popular pairs.
 */
export class KeptEarlier {
  private readonly memo = new FingerprintMemo(24_576);

  /** Whether a record with this fingerprint was kept earlier; if not, it is noted as kept now. */
  repeats(high: number, low: number): boolean {
    if (this.memo.get(high, low) === KEPT) return true;
    this.memo.set(high, low, KEPT);
    return false;
  }
}

const KEPT = 1;

/**
 * Decides and serialises the outcome of each record; `records` are consecutive, in file order,
 * and follow every record `earlier` was told of.
 */
export function outcomeBatch(records: SourceRecord[], context: OutcomeContext, earlier?: KeptEarlier): OutcomeBatch {
  const counts: OutcomeCounts = { redactions: {}, unknownFields: {}, unsafeTypes: {} };
  const byReason: Partial<Record<ProductionDropReason, number>> = {};
  const keptLines: number[] = [];
  const keptText = new LineBytes();
  const droppedText = new LineBytes();
  const digests = new Uint8Array(records.length * 8);
  const questionDigests = new Uint8Array(records.length * 8);
  const digestView = new DataView(digests.buffer);
  const questionDigestView = new DataView(questionDigests.buffer);
  const questionLengths: number[] = [];
  const typeIndex: number[] = [];
  const dayIndex: number[] = [];
  const types = new Numbering();
  const days = new Numbering();
  const droppedLines: number[] = [];

  for (const record of records) {
    const outcome = recordOutcomeAt(record, context, counts);
    if (outcome.kind === 'drop') {
      byReason[outcome.reason] = (byReason[outcome.reason] ?? 0) + 1;
      droppedText.add(outcome.quarantine);
      droppedLines.push(outcome.line);
      continue;
    }
    const { question, question_type: type, timestamp } = outcome.record;
    const [high, low] = outcome.fingerprint;
    if (earlier?.repeats(high, low)) {
      byReason.duplicate = (byReason.duplicate ?? 0) + 1;
      droppedText.add(duplicateQuarantineLine(outcome.record, outcome.line, context.source));
      droppedLines.push(outcome.line);
      continue;
    }
    writeFingerprint(digestView, keptText.count * 8, high, low);
    fingerprintHalves([questionKey(question)], questionHalves);
    writeFingerprint(questionDigestView, keptText.count * 8, questionHalves[0]!, questionHalves[1]!);
    keptText.add(JSON.stringify(outcome.record));
    keptLines.push(outcome.line);
    questionLengths.push(question.length);
    typeIndex.push(types.index(type));
    dayIndex.push(days.index(dayOf(timestamp)));
  }

  const kept = keptText.take();
  const dropped = droppedText.take();
  return {
    records: records.length,
    kept: {
      ...kept,
      digests: digests.slice(0, kept.ends.length * 8),
      questionDigests: questionDigests.slice(0, kept.ends.length * 8),
      lines: Int32Array.from(keptLines),
      questionLengths: Int32Array.from(questionLengths),
      typeIndex: Uint16Array.from(typeIndex),
      dayIndex: Uint16Array.from(dayIndex),
      types: types.values,
      days: days.values,
    },
    dropped: { ...dropped, lines: Int32Array.from(droppedLines), byReason },
    counts,
  };
}

const questionHalves = new Uint32Array(2);

/** The day a kept record is counted under in `records_by_day`. */
export function dayOf(timestamp: string | null): string {
  return timestamp?.slice(0, 10) ?? 'unknown';
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The outcome batch of a batch of raw JSON Lines lines: each line parsed (or rejected), then decided. */
export function outcomeBatchOfLines(lines: LineBatch, context: OutcomeContext, earlier?: KeptEarlier): OutcomeBatch {
  const records: SourceRecord[] = [];
  for (const line of batchLines(lines)) {
    const record = lineToRecord(line, context.maxRecordBytes, decoder);
    if (record) records.push(record);
  }
  return outcomeBatch(records, context, earlier);
}
