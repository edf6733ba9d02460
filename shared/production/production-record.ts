import * as z from 'zod/mini';
import type { ProductionDropReason, StagedRecord } from '../bucket/staged';
import { type RedactionCounts, redact } from '../pii/redact';
import { UNCLASSIFIED } from '../question-type/infer';
import { normalizeQuestion, normalizeQuestionType, normalizeText } from '../records/normalize';
import { reduceAndTypeQuestion, reduceAnswer, reduceText } from './remembered-rules';

const TEXT = { error: 'expected a string' };
const TIME = { error: 'expected an ISO 8601 string or epoch seconds/milliseconds' };
const optional = <T extends z.core.SomeType>(schema: T) => z.optional(z.nullable(schema));

/**
 * One request log record as the chatbot writes it (older writers use `timestamp` instead of
 * `ts` and add `symptoms`). Known fields are checked, null or absent always allowed; unknown
 * fields are not copied downstream — they may carry personal data no rule looks at — and are
 * only counted by name. Written with zod's mini build: it runs once per record and ships inside
 * transform's worker thread, where the full build would weigh half a megabyte.
 */
export const ProductionRecordSchema = z.object({
  question: optional(z.string(TEXT)),
  answer: optional(z.string(TEXT)),
  ts: optional(z.union([z.string(), z.number()], TIME)),
  timestamp: optional(z.union([z.string(), z.number()], TIME)),
  slice: optional(z.string(TEXT)),
  symptoms: optional(z.union([z.string(), z.array(z.string())], { error: 'expected a string or a list of strings' })),
  latency_ms: optional(
    z
      .number({ error: 'expected a non-negative number' })
      .check(z.nonnegative({ error: 'expected a non-negative number' })),
  ),
  question_type: optional(z.string(TEXT)),
});

export type ProductionRecord = z.infer<typeof ProductionRecordSchema>;
export const KNOWN_FIELDS = new Set(Object.keys(ProductionRecordSchema.shape));

/** The record as staged: PII-reduced text, a question type, provenance. */
export type CleanResult =
  | {
      ok: true;
      record: Omit<StagedRecord, 'record_id' | 'source_key' | 'source_etag' | 'source_line'>;
      /** fingerprintHalves of the staged question and answer, when already made on the way. */
      fingerprint: readonly [number, number] | undefined;
    }
  | {
      ok: false;
      reason: ProductionDropReason;
      detail?: string;
      /** For `unsafe_question_type`: the type that decided it. */
      questionType?: string;
      reduced: Record<string, unknown>;
    };

/**
 * Validates, normalises and PII-reduces one parsed record, then types it. Redaction counts
 * are added to `counts`. A dropped record comes back PII-reduced too (for quarantine).
 */
export function cleanProductionRecord(
  value: Record<string, unknown>,
  safeTypes: Set<string>,
  counts: RedactionCounts,
): CleanResult {
  if (!hasValidFields(value)) {
    const issue = ProductionRecordSchema.safeParse(value).error?.issues[0];
    return {
      ok: false,
      reason: 'invalid_field',
      detail: `${issue?.path[0]?.toString() ?? 'record'}: ${issue?.message ?? 'invalid'}`,
      reduced: reduceKnownFields(value, counts),
    };
  }
  const r = value as ProductionRecord; // only its known fields are read
  const asked = normalizeQuestion(r.question);
  const typed = asked === undefined ? undefined : reduceAndTypeQuestion(asked, counts);
  const question = typed?.text;
  const givenAnswer = normalizeText(r.answer);
  const answer =
    asked !== undefined && givenAnswer !== undefined
      ? reduceAnswer(asked, givenAnswer, counts, pair)
      : reduce(givenAnswer, counts);
  const slice = reduce(normalizeText(r.slice), counts) ?? null;
  const symptoms = reducedSymptoms(r.symptoms, counts);
  const given = normalizeQuestionType(r.question_type);
  if (!typed || !question)
    return { ok: false, reason: 'missing_question', reduced: { question, answer, slice, symptoms } };
  if (!answer) return { ok: false, reason: 'missing_answer', reduced: { question, answer, slice, symptoms } };
  // A record's own label can only make the decision stricter: an unsafe inferred type wins over it.
  const inferred = typed.typing;
  const useInferred = !given || (!safeTypes.has(inferred.type) && inferred.type !== UNCLASSIFIED);
  const questionType = useInferred ? inferred.type : given;
  if (!safeTypes.has(questionType)) {
    const why = useInferred ? inferred.why : "the record's own label";
    return {
      ok: false,
      reason: 'unsafe_question_type',
      detail: `${useInferred ? questionType : 'own label'}: ${why}`,
      questionType: useInferred ? questionType : OWN_LABEL,
      // A record's own label is text like any other: reduced before it is quarantined.
      reduced: { question, answer, slice, symptoms, question_type: reduce(questionType, counts) },
    };
  }
  // The pair was fingerprinted as given: that is the staged pair's fingerprint when redaction changed neither.
  const fingerprint = question === asked && answer === givenAnswer ? ([pair[0]!, pair[1]!] as const) : undefined;
  return {
    ok: true,
    fingerprint,
    record: {
      question,
      answer,
      question_type: questionType,
      question_type_source: useInferred ? 'inferred' : 'given',
      timestamp: toIsoTime(r.ts ?? r.timestamp),
      slice,
      symptoms: symptoms.length ? symptoms : null,
      latency_ms: r.latency_ms ?? null,
    },
  };
}

const pair = new Uint32Array(2);

/**
 * Whether ProductionRecordSchema accepts the record, checked by hand: this runs on every record,
 * and zod took 0.5 µs a record where this takes 0.02. zod is asked only to say what is wrong
 * with a record that fails. A test holds the two to the same answers.
 */
export function hasValidFields(value: Record<string, unknown>): boolean {
  return (
    isAbsentOr(value.question, isString) &&
    isAbsentOr(value.answer, isString) &&
    isAbsentOr(value.ts, isTime) &&
    isAbsentOr(value.timestamp, isTime) &&
    isAbsentOr(value.slice, isString) &&
    isAbsentOr(value.symptoms, isSymptoms) &&
    isAbsentOr(value.latency_ms, (latency) => isNumber(latency) && latency >= 0) &&
    isAbsentOr(value.question_type, isString)
  );
}

const isAbsentOr = (field: unknown, check: (field: unknown) => boolean) =>
  field === undefined || field === null || check(field);
const isString = (field: unknown): field is string => typeof field === 'string';
/** As zod's z.number(): finite (JSON's 1e400 parses to Infinity). */
const isNumber = (field: unknown): field is number => typeof field === 'number' && Number.isFinite(field);
const isTime = (field: unknown) => isString(field) || isNumber(field);
const isSymptoms = (field: unknown) => isString(field) || (Array.isArray(field) && field.every(isString));

/** Symptoms as a list (older writers send one string), each normalised and reduced; empty ones left out. */
function reducedSymptoms(symptoms: ProductionRecord['symptoms'], counts: RedactionCounts): string[] {
  if (symptoms === null || symptoms === undefined) return [];
  const out: string[] = [];
  for (const symptom of typeof symptoms === 'string' ? [symptoms] : symptoms) {
    const reduced = reduce(normalizeText(symptom), counts);
    if (reduced) out.push(reduced);
  }
  return out;
}

function reduce(text: string | undefined, counts: RedactionCounts): string | undefined {
  return text === undefined ? undefined : reduceText(text, counts);
}

/** For a record that failed validation: the known text fields, reduced, and nothing else. */
function reduceKnownFields(value: Record<string, unknown>, counts: RedactionCounts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ['question', 'answer', 'slice'] as const) {
    const field = value[name];
    if (field !== undefined && field !== null)
      out[name] = redact(typeof field === 'string' ? field : JSON.stringify(field), counts).text;
  }
  return out;
}

/** How a drop decided by a record's own (unsafe) label is counted: the label itself is free text. */
export const OWN_LABEL = 'own label';

const CANONICAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** ISO 8601 from an ISO string or epoch seconds/milliseconds; null when it is neither. */
export function toIsoTime(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string' && CANONICAL_ISO.test(value)) return value;
  const ms = typeof value === 'number' ? (value < 1e11 ? value * 1000 : value) : Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
