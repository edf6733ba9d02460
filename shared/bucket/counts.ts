import * as z from 'zod';

/** A count of records, files or matches, as every bucket contract writes it. */
export const count = z.number().int().nonnegative();

/** Counts by name (reason, type, day). */
export const counts = z.record(z.string(), count);
