import * as z from 'zod';
import { count } from './counts';
import { SplitIdentitySchema } from './split-metadata';

/** Why retrain-batch leaves a staged record out of a version. */
export const BATCH_DROP_REASONS = [
  'duplicate',
  'in_earlier_version',
  'evaluation_question',
  'invalid_staged_record',
] as const;
export type BatchDropReason = (typeof BATCH_DROP_REASONS)[number];

/** The contract of v{N}/metadata.json, which the training job, the dashboard and `medqa status` read. */
export const VersionMetadataSchema = z.looseObject({
  version: z.string(),
  timestamp: z.string(),
  record_count: count,
  archived_files: z.array(z.object({ raw_key: z.string(), etag: z.string() })),
  staged_inputs: z.array(z.object({ staged_key: z.string(), summary_key: z.string(), records_in: count })),
  dropped: z.record(z.string(), count),
  redactions: z.record(z.string(), count),
  question_type_counts: z.record(z.string(), count),
  /** Questions counted by exact length (summary/length-counts.ts), for drift per version; absent before. */
  question_length_counts: z.record(z.string(), count).optional(),
  rules_versions: z.array(z.number().int()),
  /**
   * Questions of the version's staged files kept out as unsafe while staging, by type (`unclassified` too); absent
   * before.
   */
  unsafe_question_types: z.record(z.string(), count).optional(),
  /**
   * The split whose evaluation questions were left out (absent: built before this was recorded, or without a split).
   */
  split: SplitIdentitySchema.optional(),
  duration_ms: z.number(),
});
export type VersionMetadata = z.infer<typeof VersionMetadataSchema>;

/** The claim of a version: which staged files it takes, fixed before any data is written. */
export const ClaimSchema = z.looseObject({
  version: z.number().int().positive(),
  claimed_at: z.string(),
  /** After this instant a run holding the claim cannot still be alive (its deadline or the timeout). */
  expires_at: z.string(),
  activation: z.string(),
  /** The process that holds the claim, so that one on the same machine can tell it is gone. */
  holder: z.object({ host: z.string(), pid: z.number().int() }).optional(),
  inputs: z.array(
    z.object({ summary_key: z.string(), staged_key: z.string(), source_key: z.string(), source_etag: z.string() }),
  ),
});
export type Claim = z.infer<typeof ClaimSchema>;
