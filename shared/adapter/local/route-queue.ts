import type { ObjectEvent } from '../../bucket/object-event';

/**
 * Runs one route's events one at a time, in arrival order. A key queued again while it is
 * still waiting is queued once (with its latest ETag): a burst of writes makes one run. The
 * object being processed is not queued again by a listing that sees it meanwhile (same ETag).
 */
export class RouteQueue {
  private readonly pending = new Map<string, ObjectEvent>();
  private running: Promise<void> | undefined;
  private current: ObjectEvent | undefined;

  constructor(private readonly handle: (event: ObjectEvent) => Promise<void>) {}

  push(event: ObjectEvent): void {
    if (this.current?.key === event.key && this.current.etag === event.etag) return;
    this.pending.delete(event.key);
    this.pending.set(event.key, event);
    this.running ??= this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  get size(): number {
    return this.pending.size + (this.running ? 1 : 0);
  }

  private async drain(): Promise<void> {
    for (let next = this.shift(); next; next = this.shift()) {
      this.current = next;
      try {
        await this.handle(next);
      } finally {
        this.current = undefined;
      }
    }
  }

  private shift(): ObjectEvent | undefined {
    const first = this.pending.values().next();
    if (first.done) return undefined;
    this.pending.delete(first.value.key);
    return first.value;
  }
}
