import * as z from 'zod';

/** The reason written beside a file the offline stages quarantined whole (`<file>.reason.json`). */
export const QuarantineReasonSchema = z.object({
  /** Where the file was dropped. */
  key: z.string(),
  etag: z.string(),
  size: z.number(),
  /** `kind: details`, e.g. `unknown format: …`; the dashboard counts files by the kind. */
  reason: z.string(),
  quarantined_at: z.string(),
});
export type QuarantineReason = z.infer<typeof QuarantineReasonSchema>;
