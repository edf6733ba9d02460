import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ObjectStore, PutResult } from './types';

/**
 * Streams blocks into one object. Memory stays at one block plus what the store buffers (a
 * multipart part on S3): the object is never built in memory. JsonlWriter and BytesWriter say
 * what a block is.
 */
export class ObjectWriter {
  private readonly stream = new PassThrough();
  private readonly done: Promise<PutResult>;
  private failure: unknown;

  constructor(
    store: ObjectStore,
    readonly key: string,
    contentType: string,
  ) {
    // Failures are reported through `done`; a stream the store never started reading must not
    // turn its destroy() into an uncaught 'error' event.
    this.stream.on('error', () => undefined);
    this.done = store.put(key, this.stream, { contentType });
    this.done.catch((err) => {
      this.failure = err;
    });
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

  /** The block waiting to be written, taken by flush(); none by default. */
  protected takeBlock(): string | Uint8Array | undefined {
    return undefined;
  }

  protected async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const block = this.takeBlock();
    if (block?.length && !this.stream.write(block)) {
      const drained = once(this.stream, 'drain');
      drained.catch(() => undefined); // rejects when the stream is destroyed after the race is settled
      await Promise.race([drained, this.done]);
    }
  }
}
