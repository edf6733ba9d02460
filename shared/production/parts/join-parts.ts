import { productionPartKeys } from '../../bucket/keys';
import { LINE_INDEX_ENTRY_BYTES } from '../../bucket/line-index';
import { type PartPlan, type PartSummary, PartSummarySchema } from '../../bucket/part-plan';
import { readRequiredObject } from '../../bucket/read';
import type { StagedRecord, StagedSummary } from '../../bucket/staged';
import { FINGERPRINTS_PER_PASS, FingerprintSet, inShare } from '../../records/fingerprint-set';
import type { Logger } from '../../runtime';
import { BytesWriter, type ObjectStore } from '../../store';
import { addLength, emptyHistogram, mergeHistograms } from '../../summary/histogram';
import { type LengthCounts, LONGEST_COUNTED, mergeLengthCounts } from '../../summary/length-counts';
import { Numbering } from '../numbering';
import { dayOf } from '../outcome-batch';
import { duplicateQuarantine } from '../record-outcome';
import { emptyStagedSummary, keepOnlyIfUnchanged, type SourceObject, type StageKeys } from '../stage-file';
import { MAX_UNKNOWN_FIELD_NAMES, sortedByKey } from '../staged-output';
import { ChunkReader } from './chunk-reader';

const NDJSON = 'application/x-ndjson';
const NEWLINE = Buffer.from('\n');
const QUARANTINE_LINE_FIELD = Buffer.from(',"line":');

/** What the join takes out of the parts' counts: records that repeat one of an earlier part. */
interface CrossPartDuplicates {
  count: number;
  byType: Record<string, number>;
  byDay: Record<string, number>;
  lengths: number[];
  lengthCounts: LengthCounts;
}

/**
 * Joins the staged parts of one file into the file's staged output, line index, quarantine and
 * summary, as one pass over the file would have written them: lines numbered from the file's
 * start, a record that repeats one of an earlier part moved to the quarantine as a duplicate (each
 * part already dropped its own repeats), the quarantine in line order, the counts added up. Reads
 * the parts' outputs as streams and their line indexes one part at a time, and parses no line:
 * repeats are found from the indexes, line numbers and duplicates' quarantine lines are spliced.
 * The summary is written last, then the parts' outputs and the plan are removed.
 */
export async function joinParts(
  store: ObjectStore,
  raw: SourceObject,
  keys: StageKeys & { plan: string; joinClaim: string },
  plan: PartPlan,
  log: Logger,
): Promise<StagedSummary> {
  const parts = await Promise.all(
    plan.parts.map((_, index) =>
      readRequiredObject(store, productionPartKeys(raw.key, raw.etag, index).summary, PartSummarySchema),
    ),
  );
  const staged = new BytesWriter(store, keys.staged, NDJSON);
  const lineIndex = new BytesWriter(store, keys.lineIndex);
  const quarantine = new BytesWriter(store, keys.quarantine, NDJSON);
  const join = new Join(staged, lineIndex, quarantine, { key: raw.key, etag: raw.etag });
  try {
    const repeats = await repeatsAcrossParts(store, parts);
    let linesBefore = 0;
    for (const [k, part] of parts.entries()) {
      await join.addPart(store, part, linesBefore, repeats[k]!);
      linesBefore += part.part.newlines;
    }
  } catch (err) {
    await Promise.all([staged.abort(err as Error), lineIndex.abort(err as Error), quarantine.abort(err as Error)]);
    throw err;
  }
  const stagedPut = await staged.close();
  await lineIndex.close();
  const counts = addedUp(parts, join.duplicates);
  const droppedTotal = Object.values(counts.dropped).reduce((a, b) => a + (b ?? 0), 0);
  if (droppedTotal > 0) await quarantine.close();
  else await quarantine.abort(new Error('nothing to quarantine'));

  const summary: StagedSummary = {
    ...emptyStagedSummary(raw, keys),
    format: 'jsonl',
    ...counts,
    records_out: join.recordsOut,
    line_index: {
      ...parts[0]!.line_index!,
      key: keys.lineIndex,
      staged_etag: stagedPut.etag,
      types: join.types.values,
    },
    quarantine_key: droppedTotal > 0 ? keys.quarantine : null,
    parts: parts.length,
  };
  await keepOnlyIfUnchanged(store, raw, keys);
  await store.put(keys.summary, JSON.stringify(summary, null, 2), { contentType: 'application/json' });
  await removePartOutputs(store, raw, plan, [keys.plan, keys.joinClaim]);
  log.info('parts_joined', {
    parts: parts.length,
    records_in: summary.records_in,
    records_out: summary.records_out,
    duplicates_across_parts: join.duplicates.count,
  });
  return summary;
}

/**
 * The parts' outputs, then the plan and the claim (`last`), once the file's own outputs are
 * complete: a crash before this leaves only objects no reader takes.
 */
async function removePartOutputs(store: ObjectStore, raw: SourceObject, plan: PartPlan, last: string[]): Promise<void> {
  const keys = plan.parts.flatMap((_, index) => Object.values(productionPartKeys(raw.key, raw.etag, index)));
  await Promise.all(keys.map((key) => store.delete(key)));
  for (const key of last) await store.delete(key);
}

/**
 * The join runs in the activation that staged the last part, its heap still grown from that:
 * it holds fewer fingerprints at once than FINGERPRINTS_PER_PASS. 750,000 fit in 16 tables of
 * 65,536 slots (9.4 MB). On a 2 GB log (2.9 million staged records) the joining activation
 * peaked at 203 to 208 MiB with two passes of 19 MB, at 168 MiB with four, in the same time:
 * a pass costs only one more read of the line indexes.
 */
const JOIN_FINGERPRINTS_PER_PASS = Math.min(FINGERPRINTS_PER_PASS, 750_000);

/**
 * For each part, a bitmap of its staged lines that repeat an earlier line of the file (each
 * part has already dropped its own repeats): found from the line indexes alone, in passes of
 * at most `perPass` fingerprints (28 bytes of index read per line and pass).
 */
export async function repeatsAcrossParts(
  store: ObjectStore,
  parts: Pick<PartSummary, 'records_out' | 'line_index'>[],
  perPass = JOIN_FINGERPRINTS_PER_PASS,
): Promise<Uint8Array[]> {
  const total = parts.reduce((sum, part) => sum + part.records_out, 0);
  const passes = Math.max(1, Math.ceil(total / perPass));
  const repeats = parts.map((part) => new Uint8Array(Math.ceil(part.records_out / 8)));
  for (let pass = 0; pass < passes; pass += 1) {
    // Sized for its share up front: growing would hold the old tables and the new ones at once.
    const seen = new FingerprintSet(Math.ceil((1.05 * total) / passes));
    for (const [k, part] of parts.entries()) {
      const index = await readPartIndex(store, part);
      for (let i = 0, offset = 0; i < part.records_out; i += 1, offset += LINE_INDEX_ENTRY_BYTES) {
        if (!inShare(index, offset, passes, pass)) continue;
        if (!seen.addAt(index, offset)) repeats[k]![i >> 3]! |= 1 << (i & 7);
      }
    }
  }
  return repeats;
}

/** A part's line index, read whole: 28 bytes a line of at most part_bytes. */
async function readPartIndex(
  store: ObjectStore,
  part: Pick<PartSummary, 'records_out' | 'line_index'>,
): Promise<Buffer> {
  return Buffer.from(await store.getRange(part.line_index!.key, 0, part.records_out * LINE_INDEX_ENTRY_BYTES));
}

/** The join's running state: what it has written. */
class Join {
  /** The line index entry being written, reused for every line. */
  private readonly entry = Buffer.alloc(LINE_INDEX_ENTRY_BYTES);
  /** The file's question types as its line index numbers them. */
  readonly types = new Numbering();
  recordsOut = 0;
  readonly duplicates: CrossPartDuplicates = {
    count: 0,
    byType: {},
    byDay: {},
    lengths: emptyHistogram(),
    lengthCounts: {},
  };

  constructor(
    private readonly staged: BytesWriter,
    private readonly lineIndex: BytesWriter,
    private readonly quarantine: BytesWriter,
    private readonly source: { key: string; etag: string },
  ) {}

  /** Adds one part, whose lines follow `linesBefore` lines of the file; `repeats` marks its lines to drop. */
  async addPart(store: ObjectStore, part: PartSummary, linesBefore: number, repeats: Uint8Array): Promise<void> {
    const index = await readPartIndex(store, part);
    const lines = new ChunkReader(await store.get(part.staged_key));
    const dropped = part.quarantine_key
      ? await QuarantineLines.open(new ChunkReader(await store.get(part.quarantine_key)))
      : undefined;

    try {
      await this.addLines(part, index, repeats, lines, dropped, linesBefore);
    } finally {
      await Promise.all([lines.close(), dropped?.close()]);
    }
  }

  private async addLines(
    part: PartSummary,
    index: Buffer,
    repeats: Uint8Array,
    lines: ChunkReader,
    dropped: QuarantineLines | undefined,
    linesBefore: number,
  ): Promise<void> {
    const partTypes = part.line_index!.types;
    const { entry } = this;
    // Once per line of a file of millions: fields read in place, an await only where a write must wait.
    for (let i = 0, offset = 0; offset < index.length; i += 1, offset += LINE_INDEX_ENTRY_BYTES) {
      const lineBytes = index.readUInt32LE(offset + 16);
      const line = lines.bytesAtHand(lineBytes) ?? (await lines.bytes(lineBytes));
      const number = sourceLineOf(line);
      const fileLine = linesBefore + number.value;
      // The quarantine and the staged lines interleave by line number, as one pass writes them.
      if (dropped?.precedes(fileLine, linesBefore)) await dropped.writeBefore(fileLine, linesBefore, this.quarantine);
      const questionLength = index.readUInt32LE(offset + 20);
      const type = partTypes[index.readUInt32LE(offset + 24)]!;
      if (repeats[i >> 3]! & (1 << (i & 7))) {
        await this.addDuplicate(line, fileLine, type, questionLength);
        continue;
      }
      const digits = String(fileLine);
      const staged = writeAll(this.staged, [line.subarray(0, number.at), digits, line.subarray(number.end)]);
      if (staged) await staged;
      index.copy(entry, 0, offset, offset + 16);
      entry.writeUInt32LE(lineBytes - (number.end - number.at) + digits.length, 16);
      entry.writeUInt32LE(questionLength, 20);
      entry.writeUInt32LE(this.types.index(type), 24);
      const indexed = this.lineIndex.write(entry);
      if (indexed) await indexed;
      this.recordsOut += 1;
    }
    if (dropped) await dropped.writeBefore(Number.POSITIVE_INFINITY, linesBefore, this.quarantine);
  }

  private async addDuplicate(line: Buffer, fileLine: number, type: string, questionLength: number): Promise<void> {
    const { text, day } = duplicateQuarantineLine(line, fileLine, this.source);
    const written = this.quarantine.write(text);
    if (written) await written;
    const { duplicates } = this;
    duplicates.count += 1;
    duplicates.byType[type] = (duplicates.byType[type] ?? 0) + 1;
    duplicates.byDay[day] = (duplicates.byDay[day] ?? 0) + 1;
    addLength(duplicates.lengths, questionLength);
    const counted = Math.min(questionLength, LONGEST_COUNTED);
    duplicates.lengthCounts[counted] = (duplicates.lengthCounts[counted] ?? 0) + 1;
  }
}

/**
 * Writes the pieces in order (text as ASCII digits); a promise only when the writer asks the
 * caller to wait (see BytesWriter.write), so the common case costs no await.
 */
function writeAll(writer: BytesWriter, pieces: (Uint8Array | string)[], from = 0): Promise<void> | undefined {
  for (let i = from; i < pieces.length; i += 1) {
    const piece = pieces[i]!;
    const waiting = typeof piece === 'string' ? writer.writeAscii(piece) : writer.write(piece);
    if (waiting) return waiting.then(() => writeAll(writer, pieces, i + 1));
  }
  return undefined;
}

/**
 * The quarantine line of a staged line that repeats an earlier one (duplicateQuarantine), and
 * the day it was counted under, read where the key stands as duplicateQuarantine finds its
 * fields. A timestamp with an escape in it is read by parsing the line.
 */
function duplicateQuarantineLine(line: Buffer, fileLine: number, source: { key: string; etag: string }) {
  const typeKey = line.indexOf(',"question_type":', line.indexOf(',"answer":'));
  const timestampAt = line.indexOf(',"timestamp":', typeKey) + ',"timestamp":'.length;
  let day = 'unknown';
  if (line[timestampAt] === 0x22) {
    day = line.toString('latin1', timestampAt + 1, Math.min(line.indexOf(0x22, timestampAt + 1), timestampAt + 11));
    if (day.includes('\\')) day = dayOf((JSON.parse(line.toString('utf8')) as StagedRecord).timestamp);
  }
  return { text: duplicateQuarantine(line, fileLine, source), day };
}

/** A part's quarantine lines, taken in line order with their line numbers moved to the file's. */
class QuarantineLines {
  private next: { line: Buffer; number: { value: number; at: number; end: number } } | undefined;

  private constructor(private readonly reader: ChunkReader) {}

  static async open(reader: ChunkReader): Promise<QuarantineLines> {
    const lines = new QuarantineLines(reader);
    await lines.advance();
    return lines;
  }

  /** Whether a quarantine line comes before file line `fileLine`. */
  precedes(fileLine: number, linesBefore: number): boolean {
    return this.next !== undefined && this.next.number.value + linesBefore < fileLine;
  }

  /** Writes the lines (renumbered, each with its newline) before file line `fileLine`. */
  async writeBefore(fileLine: number, linesBefore: number, writer: BytesWriter): Promise<void> {
    while (this.next && this.next.number.value + linesBefore < fileLine) {
      const { line, number } = this.next;
      const digits = `${number.value + linesBefore}`;
      const written = writeAll(writer, [line.subarray(0, number.at), digits, line.subarray(number.end), NEWLINE]);
      if (written) await written;
      await this.advance();
    }
  }

  close(): Promise<void> {
    return this.reader.close();
  }

  private async advance(): Promise<void> {
    const line = await this.reader.line();
    this.next = line === undefined ? undefined : { line, number: quarantineLineOf(line) };
  }
}

/** Where the digits of `"source_line":N` lie: the last field of every staged line, just before its closing brace. */
function sourceLineOf(line: Buffer): { value: number; at: number; end: number } {
  const end = line.length - 2; // before `}\n`
  let at = end;
  while (at > 0 && line[at - 1]! >= 0x30 && line[at - 1]! <= 0x39) at -= 1;
  if (at === end || line[at - 1] !== 0x3a || line[end] !== 0x7d)
    throw new Error('a staged line of a part does not end with its source_line');
  return { value: Number(line.toString('latin1', at, end)), at, end };
}

/**
 * Where the digits of `,"line":N` lie in a quarantine line. It follows the source key and ETag,
 * which are JSON strings: a quote inside them is escaped, so the first match is the field.
 */
function quarantineLineOf(line: Buffer): { value: number; at: number; end: number } {
  const field = line.indexOf(QUARANTINE_LINE_FIELD);
  if (field === -1) throw new Error('a quarantine line of a part has no line number');
  const at = field + QUARANTINE_LINE_FIELD.length;
  let end = at;
  while (end < line.length && line[end]! >= 0x30 && line[end]! <= 0x39) end += 1;
  return { value: Number(line.toString('latin1', at, end)), at, end };
}

/** The parts' counts added up, less the records that turned out to repeat one of an earlier part. */
function addedUp(parts: PartSummary[], duplicates: CrossPartDuplicates) {
  const sum = (pick: (part: PartSummary) => Record<string, number | undefined> | undefined) => {
    const total: Record<string, number> = {};
    for (const part of parts)
      for (const [name, n] of Object.entries(pick(part) ?? {})) total[name] = (total[name] ?? 0) + (n ?? 0);
    return total;
  };
  const less = (total: Record<string, number>, taken: Record<string, number>) => {
    for (const [name, n] of Object.entries(taken)) {
      total[name] = (total[name] ?? 0) - n;
      if (total[name] === 0) delete total[name];
    }
    return sortedByKey(total);
  };
  const dropped = sum((part) => part.dropped);
  if (duplicates.count > 0) dropped.duplicate = (dropped.duplicate ?? 0) + duplicates.count;
  const histogram = emptyHistogram();
  for (const part of parts) mergeHistograms(histogram, part.question_length_histogram);
  duplicates.lengths.forEach((n, bin) => {
    histogram[bin] = histogram[bin]! - n;
  });
  const lengthCounts: LengthCounts = {};
  for (const part of parts) mergeLengthCounts(lengthCounts, part.question_length_counts);
  // Unknown field names in file order, capped as one pass caps them.
  const unknownFields: Record<string, number> = {};
  for (const part of parts)
    for (const [name, n] of Object.entries(part.unknown_fields)) {
      if (unknownFields[name] === undefined && Object.keys(unknownFields).length >= MAX_UNKNOWN_FIELD_NAMES) continue;
      unknownFields[name] = (unknownFields[name] ?? 0) + n;
    }
  return {
    records_in: parts.reduce((total, part) => total + part.records_in, 0),
    dropped: sortedByKey(dropped),
    redactions: sortedByKey(sum((part) => part.redactions)),
    question_types: less(
      sum((part) => part.question_types),
      duplicates.byType,
    ),
    question_length_histogram: histogram,
    question_length_counts: less(lengthCounts, duplicates.lengthCounts),
    records_by_day: less(
      sum((part) => part.records_by_day),
      duplicates.byDay,
    ),
    unknown_fields: unknownFields,
    unsafe_question_types: sortedByKey(sum((part) => part.unsafe_question_types)),
  };
}
