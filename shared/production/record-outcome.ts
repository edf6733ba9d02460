import type { ProductionDropReason, ProductionQuarantineEntry, StagedRecord } from '../bucket/staged';
import { type RedactionCounts, redact } from '../pii/redact';
import type { SourceRecord } from '../readers';
import { fingerprintHalves, fingerprintIdOfHalves } from '../records/normalize';
import { cleanProductionRecord, KNOWN_FIELDS } from './production-record';

/** Quarantine keeps this much of a line that could not be parsed (after PII reduction). */
const QUARANTINE_TEXT_CHARS = 2000;

export interface OutcomeContext {
  safeTypes: Set<string>;
  maxRecordBytes: number;
  /** JSON arrays have no lines to measure: their records are measured after parsing. */
  format: string;
  source: { key: string; etag: string };
}

/** What the file adds up to besides records: counted here, merged by the caller. */
export interface OutcomeCounts {
  redactions: RedactionCounts;
  /** Every unknown field name with its count, in order of first appearance (the caller caps the list). */
  unknownFields: Record<string, number>;
  /** Records kept out as unsafe, by the type that decided it (`unclassified` included). */
  unsafeTypes: Record<string, number>;
}

/**
 * One record's fate, decided without state shared between records (de-duplication is the
 * caller's, in file order): dropped with its quarantine entry, or kept as the staged record
 * with its fingerprint.
 */
export type RecordOutcome =
  | { kind: 'drop'; line: number; reason: ProductionDropReason; quarantine: string }
  | { kind: 'keep'; line: number; fingerprint: readonly [number, number]; record: StagedRecord };

export function recordOutcome(record: SourceRecord, ctx: OutcomeContext, counts: OutcomeCounts): RecordOutcome {
  try {
    return decide(record, ctx, counts);
  } catch (err) {
    // A value nested thousands of levels deep exhausts the stack in validation or serialisation:
    // that record is dropped, never the file it is in.
    if (!(err instanceof RangeError)) throw err;
    const quarantine = quarantineLine('too_deep', ctx.source, record.position, {
      detail: 'nested too deeply to process',
    });
    return { kind: 'drop', line: record.position, reason: 'too_deep', quarantine };
  }
}

function decide(record: SourceRecord, ctx: OutcomeContext, counts: OutcomeCounts): RecordOutcome {
  const drop = (
    reason: ProductionDropReason,
    content: Pick<ProductionQuarantineEntry, 'detail' | 'record' | 'raw_text'>,
  ): RecordOutcome => ({
    kind: 'drop',
    line: record.position,
    reason,
    quarantine: quarantineLine(reason, ctx.source, record.position, content),
  });
  if ('error' in record) {
    const reason =
      record.reason === 'too_long'
        ? 'record_too_long'
        : record.reason === 'invalid_utf8'
          ? 'invalid_utf8'
          : 'invalid_json';
    return drop(reason, { raw_text: reducedSnippet(record.raw, counts.redactions) });
  }
  const value = record.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return drop('not_an_object', { raw_text: reducedSnippet(JSON.stringify(value), counts.redactions) });
  }
  if (ctx.format === 'json-array' && Buffer.byteLength(JSON.stringify(value)) > ctx.maxRecordBytes) {
    return drop('record_too_long', { raw_text: reducedSnippet(JSON.stringify(value), counts.redactions) });
  }
  for (const name in value) {
    if (KNOWN_FIELDS.has(name)) continue;
    // A field's name is text from the writer too ("jane@example.org": true): counted reduced.
    const counted = reducedFieldName(name);
    counts.unknownFields[counted] = (counts.unknownFields[counted] ?? 0) + 1;
  }
  const cleaned = cleanProductionRecord(value as Record<string, unknown>, ctx.safeTypes, counts.redactions);
  if (!cleaned.ok) {
    if (cleaned.questionType)
      counts.unsafeTypes[cleaned.questionType] = (counts.unsafeTypes[cleaned.questionType] ?? 0) + 1;
    return drop(cleaned.reason, { ...(cleaned.detail ? { detail: cleaned.detail } : {}), record: cleaned.reduced });
  }
  const kept = cleaned.record;
  const fingerprint = cleaned.fingerprint ?? fingerprintOf(kept.question, kept.answer);
  // Field by field rather than spread: this runs once per record, and the order is the staged line's.
  const staged: StagedRecord = {
    record_id: fingerprintIdOfHalves(fingerprint[0], fingerprint[1]),
    question: kept.question,
    answer: kept.answer,
    question_type: kept.question_type,
    question_type_source: kept.question_type_source,
    timestamp: kept.timestamp,
    slice: kept.slice,
    symptoms: kept.symptoms,
    latency_ms: kept.latency_ms,
    source_key: ctx.source.key,
    source_etag: ctx.source.etag,
    source_line: record.position,
  };
  return { kind: 'keep', line: record.position, fingerprint, record: staged };
}

const halves = new Uint32Array(2);

/** fingerprintHalves of a question and answer. */
function fingerprintOf(question: string, answer: string): readonly [number, number] {
  fingerprintHalves([question, answer], halves);
  return [halves[0]!, halves[1]!];
}

/** Field names seen once are reduced once: a file repeats the same few names on every line. */
const reducedNames = new Map<string, string>();
const MAX_REMEMBERED_NAMES = 1024;

function reducedFieldName(name: string): string {
  let reduced = reducedNames.get(name);
  if (reduced === undefined) {
    reduced = redact(name.slice(0, 200)).text;
    if (reducedNames.size < MAX_REMEMBERED_NAMES) reducedNames.set(name, reduced);
  }
  return reduced;
}

/**
 * The quarantine entry of a kept-looking record that repeats an earlier one of the file, its
 * newline included, cut from its staged line (JSON.stringify of the record, in UTF-8, without
 * its newline) rather than parsed from it: the line's fields stand in a fixed order,
 * `record_id` is hex and a quote inside a string is escaped, so `"question":` and
 * `,"question_type":` are found where the keys stand. The same as quarantineLine writes for
 * { question, answer }.
 */
export function duplicateQuarantine(stagedLine: Buffer, line: number, source: OutcomeContext['source']): Buffer {
  const pairStart = stagedLine.indexOf('"question":');
  const pairEnd = stagedLine.indexOf(',"question_type":', pairStart);
  return Buffer.concat([
    Buffer.from(duplicateQuarantineHead(source, line)),
    stagedLine.subarray(pairStart, pairEnd),
    CLOSE_DUPLICATE,
  ]);
}

const CLOSE_DUPLICATE = Buffer.from('}}\n');

/** The same entry as duplicateQuarantine cuts from the staged line, made from the record (no newline). */
export function duplicateQuarantineLine(
  record: Pick<StagedRecord, 'question' | 'answer'>,
  line: number,
  source: OutcomeContext['source'],
): string {
  return `${duplicateQuarantineHead(source, line)}"question":${JSON.stringify(record.question)},"answer":${JSON.stringify(record.answer)}}}`;
}

/** A duplicate's quarantine entry up to its record's first field: `{"reason":"duplicate",…,"record":{`. */
export function duplicateQuarantineHead(source: OutcomeContext['source'], line: number): string {
  return `{"reason":"duplicate","source_key":${JSON.stringify(source.key)},"source_etag":${JSON.stringify(source.etag)},"line":${line},"record":{`;
}

function quarantineLine(
  reason: ProductionDropReason,
  source: OutcomeContext['source'],
  line: number,
  content: Pick<ProductionQuarantineEntry, 'detail' | 'record' | 'raw_text'>,
): string {
  const entry: ProductionQuarantineEntry = {
    reason,
    source_key: source.key,
    source_etag: source.etag,
    line,
    ...content,
  };
  return JSON.stringify(entry);
}

/** What quarantine keeps of an unparsable line: PII-reduced, cut to a bounded length. */
function reducedSnippet(text: string | undefined, counts: RedactionCounts): string | null {
  if (text === undefined) return null;
  return redact(text.slice(0, QUARANTINE_TEXT_CHARS), counts).text;
}
