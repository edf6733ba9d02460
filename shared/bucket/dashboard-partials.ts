import * as z from 'zod';
import { SummarySchema } from './dashboard-summary';

/**
 * The dashboard's partial summaries under dashboard/partials/: what a refresh keeps so it merges
 * one new output instead of rescanning the bucket. They are caches, so one of another layout,
 * or one that no longer validates, is recomputed rather than read.
 */
export const PARTIAL_LAYOUT = 4;

const Counts = z.record(z.string(), z.number());

/** The offline panel, with the training split's lengths and types kept for drift. */
export const OfflinePartialSchema = SummarySchema.shape.offline.unwrap().extend({
  layout: z.literal(PARTIAL_LAYOUT),
  split_etag: z.string(),
  training_length: z.array(z.number()),
  training_length_counts: Counts,
  training_types: Counts,
});
export type OfflinePartial = z.infer<typeof OfflinePartialSchema>;

/** The staged files merged so far. */
export const ProductionPartialSchema = z.object({
  /** Markers of another generation (from before a rebuild) do not count as merged. */
  generation: z.string(),
  layout: z.literal(PARTIAL_LAYOUT),
  aggregate: SummarySchema.shape.production.omit({ question_length: true, volume: true, rules_version: true }).extend({
    question_length: z.array(z.number()),
    question_length_counts: Counts,
    by_day: Counts,
  }),
});
export type ProductionPartial = z.infer<typeof ProductionPartialSchema>;

/** A version as the kept list holds it: what the summary shows, and its lengths for drift. */
const VersionEntrySchema = SummarySchema.shape.versions.element
  .omit({ drift: true })
  .extend({ question_length_counts: Counts.optional() });
export type VersionEntry = z.infer<typeof VersionEntrySchema>;

export const VersionsPartialSchema = z.object({ latest: z.number(), versions: z.array(VersionEntrySchema) });

/** The marker of one merged staged file. */
export const MergedMarkerSchema = z.object({ generation: z.string() });
