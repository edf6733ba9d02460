import * as z from 'zod';
import { count } from './counts';
import { StagedSummarySchema } from './staged';

/**
 * How a large JSON Lines file is staged in parts: byte ranges cut at line boundaries, each
 * staged by its own activation, then joined into the file's one staged output. Written by the
 * activation that planned it, before any part starts; read by every part and by the join.
 */
export const PartPlanSchema = z.object({
  schema_version: z.literal(1),
  source_key: z.string(),
  source_etag: z.string(),
  source_size: count,
  rules_version: z.number().int(),
  part_bytes: count,
  /**
   * Part k reads bytes [start, end) of the raw file; the ranges cover it, in order, each ending after a newline (the
   * last at the end of the file).
   */
  parts: z.array(z.object({ start: count, end: count })).min(2),
  /** When the parts were last started: a part missing long after this never finished. */
  started_at: z.string(),
});
export type PartPlan = z.infer<typeof PartPlanSchema>;

/**
 * One part's summary, written when the part is done: a staged summary of its range (line
 * numbers counted from the range's first line) plus where the range lies and how many lines it
 * holds, so the join can number the lines as one pass over the file would.
 */
export const PartSummarySchema = StagedSummarySchema.extend({
  part: z.object({
    index: count,
    of: count,
    start: count,
    end: count,
    /** Newlines in the range: the lines before the next part. */
    newlines: count,
  }),
});
export type PartSummary = z.infer<typeof PartSummarySchema>;
