/**
 * An error the caller can act on (bad parameter, wrong key, missing input). Its message is
 * shown as is; every other error is reported with the code INTERNAL_ERROR.
 */
export class PipelineError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PipelineError';
  }
}

/** The `{ error: { code, message } }` shape every action returns on failure: no stack trace. */
export interface ErrorResult {
  error: { code: string; message: string };
}

export function toErrorResult(err: unknown): ErrorResult {
  const code =
    typeof (err as { code?: unknown })?.code === 'string' ? (err as { code: string }).code : 'INTERNAL_ERROR';
  const message = err instanceof Error ? err.message : String(err);
  return { error: { code: /^[A-Z][A-Z0-9_]*$/.test(code) ? code : `INTERNAL_ERROR`, message: message || code } };
}
