import * as z from 'zod';
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

/**
 * What decides which questions are evaluation questions: the seed, the ratios and the inputs
 * (by ETag). A retraining version records the identity it was built against; a version whose
 * identity is not the current split's may hold questions that are now evaluation questions.
 */
export const SplitIdentitySchema = z.object({
  seed: z.string(),
  ratios: bySplit(z.number()),
  inputs: z.array(z.object({ key: z.string(), etag: z.string() })),
});
export type SplitIdentity = z.infer<typeof SplitIdentitySchema>;

export function splitIdentity(split: SplitIdentity): SplitIdentity {
  return {
    seed: split.seed,
    ratios: split.ratios,
    inputs: split.inputs.map(({ key, etag }) => ({ key, etag })).sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
}

export function sameSplit(a: SplitIdentity, b: SplitIdentity): boolean {
  return JSON.stringify(splitIdentity(a)) === JSON.stringify(splitIdentity(b));
}

/** A retraining version built against another split, and how many of its questions this split evaluates on. */
export const VersionOnOtherSplitSchema = z.object({
  version: z.string(),
  /** The identity it was built against; absent for versions older than this record. */
  built_against: SplitIdentitySchema.nullable(),
  evaluation_questions: count,
});
export type VersionOnOtherSplit = z.infer<typeof VersionOnOtherSplitSchema>;

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
  /** Versions built before this split whose records now include evaluation questions (see SplitIdentity). */
  versions_on_other_split: z.array(VersionOnOtherSplitSchema).optional(),
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
