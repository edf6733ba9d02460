import * as z from 'zod';

/**
 * The dashboard's data contract: dashboard/summary.json, read by the page and nothing else.
 *
 * - `schema_version` changes when a field changes meaning; the page refuses versions it does not know.
 * - Series are columnar arrays as uPlot takes them: x first, ascending; time in unix seconds;
 *   `null` for gaps. Categorical charts give their labels (`types`, `reasons`) beside the counts.
 * - Quartiles of question length are exact (pandas' linear interpolation; from version 2 on).
 * - Sizes are bounded whatever the data: histograms and quartiles, never rows, except a sample
 *   of at most SAMPLE_PER_SPLIT offline rows per split (answers cut to SAMPLE_ANSWER_CHARS) and
 *   the last MAX_VERSIONS retraining versions.
 */
export const SUMMARY_SCHEMA_VERSION = 2;
export const SAMPLE_PER_SPLIT = 80;
export const SAMPLE_ANSWER_CHARS = 240;
export const MAX_VERSIONS = 60;

const Counts = z.record(z.string(), z.number());
const Quartiles = z.tuple([z.number(), z.number(), z.number()]).nullable();

export const SummarySchema = z.object({
  schema_version: z.literal(SUMMARY_SCHEMA_VERSION),
  generated_at: z.string(),
  offline: z
    .object({
      source: z.string(),
      created_at: z.string(),
      initial_records: z.number(),
      final_records: z.number(),
      split_counts: Counts,
      dropped: Counts,
      /** types[i] has series[split][i] records. */
      question_types: z.object({ types: z.array(z.string()), series: z.record(z.string(), z.array(z.number())) }),
      /** bins[i] is the lower edge in characters; series[split][i] the count. */
      question_length: z.object({
        bins: z.array(z.number()),
        series: z.record(z.string(), z.array(z.number())),
        quartiles: z.record(z.string(), Quartiles),
      }),
      sample: z.array(
        z.object({ split: z.string(), question: z.string(), answer: z.string(), question_type: z.string() }),
      ),
      quarantined_files: Counts,
      /** Versions built against an earlier split, with how many of their questions this split evaluates on. */
      versions_on_other_split: z.array(z.object({ version: z.string(), evaluation_questions: z.number() })).default([]),
    })
    .nullable(),
  production: z.object({
    staged_files: z.number(),
    records_in: z.number(),
    records_out: z.number(),
    dropped: Counts,
    redactions: Counts,
    question_types: Counts,
    /** Records kept out as unsafe, by the type that decided it (`unclassified`: no rule placed them). */
    unsafe_question_types: Counts.default({}),
    question_length: z.object({ bins: z.array(z.number()), counts: z.array(z.number()), quartiles: Quartiles }),
    /** The transform rules records are staged under now: versions built under lower ones are named. */
    rules_version: z.number().default(1),
    /** [unix seconds of each day (UTC midnight)], [records kept that day]. */
    volume: z.tuple([z.array(z.number()), z.array(z.number())]),
  }),
  versions: z.array(
    z.object({
      version: z.string(),
      timestamp: z.string(),
      record_count: z.number(),
      dropped: Counts,
      question_type_counts: Counts,
      missing_types: z.array(z.string()),
      /** Transform rules the version's records were staged under (older ones: replay and build again). */
      rules_versions: z.array(z.number()).default([]),
      /**
       * Questions of its staged files kept out as unsafe, by type (absent for versions built before this was recorded).
       */
      unsafe_question_types: Counts.optional(),
      /**
       * The version against the offline training split: type mix (Jensen–Shannon) and question length (Wasserstein,
       * characters).
       */
      drift: z.object({ type_mix: z.number().nullable(), question_length: z.number().nullable() }),
    }),
  ),
  drift: z.object({
    question_type_mix: z.object({
      test: z.string(),
      value: z.number().nullable(),
      threshold: z.number(),
      drifted: z.boolean().nullable(),
    }),
    question_length: z.object({
      test: z.string(),
      value: z.number().nullable(),
      threshold: z.number(),
      drifted: z.boolean().nullable(),
    }),
  }),
  stages: z.array(
    z.object({
      action: z.string(),
      at: z.string(),
      status: z.string(),
      duration_ms: z.number().nullable(),
      detail: z.string().nullable(),
    }),
  ),
});

export type Summary = z.infer<typeof SummarySchema>;
