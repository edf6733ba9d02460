import * as z from 'zod';

/** The last run of an action (`status/runs/<action>.json`): when, how it ended, how long it took. */
export const RunRecordSchema = z.looseObject({
  action: z.string(),
  at: z.string(),
  status: z.string(),
  duration_ms: z.number().nullable(),
  detail: z.string().nullable(),
});
export type RunRecord = z.infer<typeof RunRecordSchema>;

/** The last failure of an action on one object (`status/failures/<action>/<key>.json`), cleared by its next success. */
export const FailureRecordSchema = z.looseObject({
  action: z.string(),
  key: z.string(),
  etag: z.unknown(),
  error: z.object({ code: z.string(), message: z.string() }),
  at: z.string(),
});
export type FailureRecord = z.infer<typeof FailureRecordSchema>;
