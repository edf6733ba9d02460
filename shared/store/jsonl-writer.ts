import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ObjectStore, PutResult } from './types';

/** Lines are handed to the stream in blocks of about this size: fewer, larger writes. */
const BLOCK_BYTES = 64 * 1024;

/**
 * Streams JSON Lines into one object. Memory stays at one block plus what the store
 * buffers (a multipart part on S3): the object is never built in memory.
 */
export class JsonlWriter {
  private readonly stream = new PassThrough();
  private readonly done: Promise<PutResult>;
  private block = '';
  private failure: unknown;
  records = 0;

  constructor(
    store: ObjectStore,
    readonly key: string,
  ) {
    // Failures are reported through `done`; a stream the store never started reading must not
    // turn its destroy() into an uncaught 'error' event.
    this.stream.on('error', () => undefined);
    this.done = store.put(key, this.stream, { contentType: 'application/x-ndjson' });
    this.done.catch((err) => {
      this.failure = err;
    });
  }

  /**
   * Adds a record. Returns a promise only when a block went to the stream and the caller must
   * wait for it (backpressure); otherwise undefined, so the common case costs no await.
   */
  write(record: unknown): Promise<void> | undefined {
    return this.writeLine(JSON.stringify(record));
  }

  /** Adds a record already serialised as one line of JSON (no newline). Same contract as write(). */
  writeLine(json: string): Promise<void> | undefined {
    return this.writeLines(`${json}\n`, 1);
  }

  /** Adds `records` lines already serialised, each ending in a newline. Same contract as write(). */
  writeLines(text: string, records: number): Promise<void> | undefined {
    this.block += text;
    this.records += records;
    return this.block.length >= BLOCK_BYTES ? this.flush() : undefined;
  }

  /** Ends the object and resolves once it is stored. */
  async close(): Promise<PutResult> {
    await this.flush();
    this.stream.end();
    return this.done;
  }

  /** Gives up: the store discards the partial object (temp file removed, multipart upload aborted). */
  async abort(reason: Error): Promise<void> {
    this.stream.destroy(reason);
    await this.done.catch(() => undefined);
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const block = this.block;
    this.block = '';
    if (block && !this.stream.write(block)) {
      const drained = once(this.stream, 'drain');
      drained.catch(() => undefined); // rejects when the stream is destroyed after the race is settled
      await Promise.race([drained, this.done]);
    }
  }
}
