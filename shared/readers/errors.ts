/** The object cannot be read as a whole (unknown format, corrupt container). Records are never partly trusted. */
export class UnreadableFileError extends Error {
  readonly code = 'UNREADABLE_FILE';
  constructor(
    readonly key: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot read ${key}: ${reason}`, options);
    this.name = 'UnreadableFileError';
  }
}
