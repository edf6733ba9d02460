import * as z from 'zod';
import { count, counts } from './counts';
import { LineIndexRefSchema } from './line-index';

/** Why transform leaves a production record out of the staged file (each dropped record is quarantined). */
export const PRODUCTION_DROP_REASONS = [
  'invalid_json',
  'invalid_utf8',
  'record_too_long',
  'too_deep',
  'not_an_object',
  'invalid_field',
  'missing_question',
  'missing_answer',
  'unsafe_question_type',
  'duplicate',
] as const;
export type ProductionDropReason = (typeof PRODUCTION_DROP_REASONS)[number];

/** One line of a staged file: a PII-reduced, typed production record with its provenance. */
export interface StagedRecord {
  record_id: string;
  question: string;
  answer: string;
  question_type: string;
  question_type_source: 'given' | 'inferred';
  timestamp: string | null;
  slice: string | null;
  symptoms: string[] | null;
  latency_ms: number | null;
  source_key: string;
  source_etag: string;
  source_line: number;
}

/**
 * One line of the production quarantine: why a record was left out, where it came from, and what
 * of it was kept, PII-reduced (the record's fields when it parsed, a bounded snippet when not).
 */
export interface ProductionQuarantineEntry {
  reason: ProductionDropReason;
  source_key: string;
  source_etag: string;
  line: number;
  /** Why, in a few words: `dose: medicine + amount`, the field that failed validation. */
  detail?: string;
  record?: Record<string, unknown> | null;
  raw_text?: string | null;
}

/** The partial summary written beside each staged file, last: retrain-batch, summarize and status read it. */
export const StagedSummarySchema = z.looseObject({
  schema_version: z.literal(1),
  source_key: z.string(),
  source_etag: z.string(),
  source_size: count,
  format: z.string(),
  rules_version: z.number().int(),
  records_in: count,
  records_out: count,
  dropped: z.partialRecord(z.enum([...PRODUCTION_DROP_REASONS, 'unreadable_file']), count),
  /** Why the file could not be read at all, when it could not. */
  unreadable: z.string().optional(),
  redactions: counts,
  question_types: counts,
  /** Kept questions by length (see summary/histogram.ts) and by day of their timestamp: for the dashboard. */
  question_length_histogram: z.array(count),
  /** Kept questions counted by exact length (summary/length-counts.ts); absent in files staged before. */
  question_length_counts: counts.optional(),
  records_by_day: counts,
  unknown_fields: counts,
  /** Records kept out as unsafe, by the type that decided it (`unclassified` included); absent before rules v2. */
  unsafe_question_types: counts.optional(),
  staged_key: z.string(),
  /**
   * The staged file's line index (line-index.ts); absent in files staged before it existed, and for unreadable files.
   */
  line_index: LineIndexRefSchema.optional(),
  quarantine_key: z.string().nullable(),
  /** How many parts the file was staged in (part-plan.ts), when more than one. */
  parts: count.optional(),
  created_at: z.string(),
});
export type StagedSummary = z.infer<typeof StagedSummarySchema>;
