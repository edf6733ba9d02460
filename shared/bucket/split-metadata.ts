import { z } from 'zod';
import { count } from './counts';
import type { SplitName } from './keys';

/** Bumped when cleaning rules change, so an unchanged input set is still rebuilt once. */
export const OFFLINE_RULES_VERSION = 1;

/** Why offline-etl leaves a row out of the split, in the order the rules are applied. */
export const OFFLINE_DROP_REASONS = [
  'invalid_record',
  'missing_question',
  'missing_answer',
  'unsafe_question_type',
  'duplicate',
] as const;
export type OfflineDropReason = (typeof OFFLINE_DROP_REASONS)[number];

/** The same field for each of the three splits. */
function bySplit<T extends z.ZodType>(value: T) {
  return z.object({ training: value, validation: value, evaluation: value } satisfies Record<SplitName, T>);
}

const InputSummarySchema = z.looseObject({
  key: z.string(),
  etag: z.string(),
  size: count,
  format: z.string(),
  compression: z.string(),
  records: count,
});
export type InputSummary = z.infer<typeof InputSummarySchema>;

/** The contract of `data/dataset-split/metadata.json`, read by the dashboard, `medqa status` and the next run. */
export const SplitMetadataSchema = z.looseObject({
  schema_version: z.literal(1),
  seed: z.string(),
  ratios: bySplit(z.number()),
  safe_question_types: z.array(z.string()),
  rules_version: z.number().int(),
  source: z.string(),
  inputs: z.array(InputSummarySchema),
  initial_records: count,
  final_records: count,
  split_counts: bySplit(count),
  dropped: z.record(z.enum(OFFLINE_DROP_REASONS), count),
  question_type_counts: bySplit(z.record(z.string(), count)),
  /** The ETag of each split file as written: a reader that sees another ETag caught a rewrite half-way. */
  files: bySplit(z.object({ key: z.string(), etag: z.string(), records: count })),
  created_at: z.string(),
  duration_ms: z.number(),
});
export type SplitMetadata = z.infer<typeof SplitMetadataSchema>;

/** One line of a split file (`training.json` …): what the training job reads. */
export interface SplitRecord {
  record_id: string;
  question: string;
  answer: string;
  question_type: string;
  question_focus: string | null;
  synonyms: string | null;
  category: string | null;
  document_id: string | null;
  document_source: string | null;
  document_url: string | null;
  question_id: string | null;
}
