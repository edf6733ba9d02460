import { LINE_INDEX_ENTRY_BYTES, writeLineIndexEntry } from '../bucket/line-index';
import type { ProductionDropReason } from '../bucket/staged';
import type { RedactionCounts } from '../pii/redact';
import { FingerprintSet } from '../records/fingerprint-set';
import type { BytesWriter, JsonlWriter } from '../store';
import { addLength, emptyHistogram } from '../summary/histogram';
import { countLength, denseLengthCounts, toLengthCounts } from '../summary/length-counts';
import { Numbering } from './numbering';
import type { OutcomeBatch } from './outcome-batch';
import { duplicateQuarantine, type OutcomeContext } from './record-outcome';

/** Unknown field names counted per file, at most: a result stays small whatever the input. */
export const MAX_UNKNOWN_FIELD_NAMES = 50;
/**
 * A part of a file keeps more: the join keeps the file's first MAX_UNKNOWN_FIELD_NAMES, whose
 * counts in a later part are then exact unless that part has this many other names first.
 */
export const MAX_UNKNOWN_FIELD_NAMES_OF_A_PART = 1000;

/**
 * One file's staged and quarantine output, fed batches in file order: drops records that repeat
 * an earlier one, writes the rest, and adds up what the summary reports. However the batches
 * were made (here or in worker threads), the same input gives the same bytes.
 */
export class StagedOutput {
  recordsIn = 0;
  readonly dropped: Partial<Record<ProductionDropReason, number>> = {};
  readonly redactions: RedactionCounts = {};
  readonly questionTypes: Record<string, number> = {};
  readonly questionLengths = emptyHistogram();
  private readonly exactLengths = denseLengthCounts();
  readonly recordsByDay: Record<string, number> = {};
  readonly unknownFields: Record<string, number> = {};
  readonly unsafeQuestionTypes: Record<string, number> = {};
  private readonly seen = new FingerprintSet();
  /** The question types the line index numbers, in order of first appearance. */
  private readonly indexTypeNumbers = new Numbering();

  constructor(
    private readonly staged: JsonlWriter,
    private readonly quarantine: JsonlWriter,
    private readonly source: OutcomeContext['source'],
    private readonly lineIndex?: BytesWriter,
    private readonly maxUnknownFieldNames = MAX_UNKNOWN_FIELD_NAMES,
  ) {}

  get droppedTotal(): number {
    return Object.values(this.dropped).reduce((a, b) => a + (b ?? 0), 0);
  }

  /**
   * The counts a staged file's summary reports. A batch adds a name where it first turns up in
   * that batch, so the count keys are sorted: the same file then gives the same summary however
   * its batches fell. Unknown field names keep file order, which decides the ones kept.
   */
  summaryCounts() {
    return {
      records_in: this.recordsIn,
      dropped: sortedByKey(this.dropped),
      redactions: sortedByKey(this.redactions),
      question_types: sortedByKey(this.questionTypes),
      question_length_histogram: this.questionLengths,
      question_length_counts: toLengthCounts(this.exactLengths),
      records_by_day: sortedByKey(this.recordsByDay),
      unknown_fields: this.unknownFields,
      unsafe_question_types: sortedByKey(this.unsafeQuestionTypes),
    };
  }

  async apply(batch: OutcomeBatch): Promise<void> {
    this.recordsIn += batch.records;
    this.addCounts(batch);
    const { kept, dropped } = batch;
    // Lines that crossed from a worker thread arrive as plain Uint8Arrays: views, not copies.
    const keptBytes = asBuffer(kept.bytes);
    const duplicates: { line: number; entry: Buffer }[] = [];
    const keptParts: Uint8Array[] = [];
    // Kept records counted by type and day index first, added to the named counts once per batch.
    const byType = new Int32Array(kept.types.length);
    const byDay = new Int32Array(kept.days.length);
    const fileTypes = kept.types.map((type) => this.indexTypeNumbers.index(type));
    const entries = new Uint8Array(kept.lines.length * LINE_INDEX_ENTRY_BYTES);
    let entryCount = 0;
    let copiedFrom = 0;
    for (let i = 0, start = 0; i < kept.lines.length; start = kept.ends[i]!, i += 1) {
      const end = kept.ends[i]!;
      if (this.seen.addAt(kept.digests, i * 8)) {
        writeLineIndexEntry(
          entries,
          LINE_INDEX_ENTRY_BYTES * entryCount++,
          kept.digests.subarray(i * 8, i * 8 + 8),
          kept.questionDigests.subarray(i * 8, i * 8 + 8),
          end - start,
          kept.questionLengths[i]!,
          fileTypes[kept.typeIndex[i]!]!,
        );
        byType[kept.typeIndex[i]!]! += 1;
        byDay[kept.dayIndex[i]!]! += 1;
        addLength(this.questionLengths, kept.questionLengths[i]!);
        countLength(this.exactLengths, kept.questionLengths[i]!);
        continue;
      }
      // A repeat of an earlier record of the file: cut from the staged lines, quarantined instead.
      const line = kept.lines[i]!;
      duplicates.push({ line, entry: duplicateQuarantine(keptBytes.subarray(start, end - 1), line, this.source) });
      keptParts.push(keptBytes.subarray(copiedFrom, start));
      copiedFrom = end;
    }
    addNamed(this.questionTypes, kept.types, byType);
    addNamed(this.recordsByDay, kept.days, byDay);
    if (duplicates.length > 0) this.dropped.duplicate = (this.dropped.duplicate ?? 0) + duplicates.length;

    keptParts.push(keptBytes.subarray(copiedFrom));
    await writeEach(this.staged, keptParts, kept.lines.length - duplicates.length);
    const indexWritten = this.lineIndex?.write(entries.subarray(0, entryCount * LINE_INDEX_ENTRY_BYTES));
    if (indexWritten) await indexWritten;
    const quarantineParts = duplicates.length > 0 ? inLineOrder(dropped, duplicates) : [dropped.bytes];
    await writeEach(this.quarantine, quarantineParts, dropped.lines.length + duplicates.length);
  }

  get indexTypes(): string[] {
    return this.indexTypeNumbers.values;
  }

  private addCounts({ dropped, counts }: OutcomeBatch): void {
    for (const [reason, n] of Object.entries(dropped.byReason) as [ProductionDropReason, number][])
      this.dropped[reason] = (this.dropped[reason] ?? 0) + n;
    for (const [type, n] of Object.entries(counts.redactions) as [keyof RedactionCounts, number][])
      this.redactions[type] = (this.redactions[type] ?? 0) + n;
    for (const [type, n] of Object.entries(counts.unsafeTypes))
      this.unsafeQuestionTypes[type] = (this.unsafeQuestionTypes[type] ?? 0) + n;
    for (const [name, n] of Object.entries(counts.unknownFields)) {
      if (this.unknownFields[name] === undefined && Object.keys(this.unknownFields).length >= this.maxUnknownFieldNames)
        continue;
      this.unknownFields[name] = (this.unknownFields[name] ?? 0) + n;
    }
  }
}

/** The batch's quarantine lines and its duplicates' merged by line number, as one file would list them. */
function inLineOrder(dropped: OutcomeBatch['dropped'], duplicates: { line: number; entry: Buffer }[]): Uint8Array[] {
  const parts: Uint8Array[] = [];
  let d = 0;
  for (let i = 0, start = 0; i < dropped.lines.length; start = dropped.ends[i]!, i += 1) {
    while (d < duplicates.length && duplicates[d]!.line < dropped.lines[i]!) parts.push(duplicates[d++]!.entry);
    parts.push(dropped.bytes.subarray(start, dropped.ends[i]));
  }
  while (d < duplicates.length) parts.push(duplicates[d++]!.entry);
  return parts;
}

/** Writes the parts in order, `records` lines in all, waiting only where the writer asks to. */
async function writeEach(writer: JsonlWriter, parts: Uint8Array[], records: number): Promise<void> {
  for (let i = 0; i < parts.length; i += 1) {
    const written = writer.writeBytes(parts[i]!, i === 0 ? records : 0);
    if (written) await written;
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

function addNamed(counts: Record<string, number>, names: string[], byIndex: Int32Array): void {
  names.forEach((name, i) => {
    if (byIndex[i]! > 0) counts[name] = (counts[name] ?? 0) + byIndex[i]!;
  });
}

/** Counts with their keys sorted: the same counts give the same JSON however they were added up. */
export function sortedByKey<T extends Record<string, number | undefined>>(counts: T): T {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) as T;
}
