import type { Logger } from './logger';

/** How often long work says how far it is. */
export const PROGRESS_EVERY_MS = 5000;

/**
 * A `progress` log line about every five seconds while a stage reads an object: records so far,
 * MB of the stored object read and, when its size is known, the percent. Bytes are the stored
 * (perhaps compressed) bytes, so the percent is right for a gzip file too. Cheap to feed: the
 * clock is read once per chunk, not per record.
 */
export class ProgressLog {
  private bytes = 0;
  private next: number;

  constructor(
    private readonly log: Logger,
    private readonly object: { key: string; size?: number },
    /** Records handled so far, read when a line is due. */
    private readonly records: () => number,
    private readonly everyMs = PROGRESS_EVERY_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.next = now() + everyMs;
  }

  /** Bytes of the stored object read. */
  readonly addBytes = (n: number): void => {
    this.bytes += n;
    const now = this.now();
    if (now < this.next) return;
    this.next = now + this.everyMs;
    const { key, size } = this.object;
    this.log.info('progress', {
      key,
      records: this.records(),
      mb: Math.round(this.bytes / 1e5) / 10,
      ...(size ? { percent: Math.min(100, Math.floor((100 * this.bytes) / size)) } : {}),
    });
  };
}
