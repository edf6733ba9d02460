/**
 * Parse options for a value checked once per activation (parameters, settings, a metadata
 * file). By default zod compiles a fast path for each object schema on its first parse; at a
 * cold start that compilation costs more than it could ever save on one value.
 */
export const ONE_OFF_PARSE = { jitless: true } as const;
