import { ObjectWriter } from './object-writer';
import type { ObjectStore } from './types';

/** Lines are handed to the stream in blocks of about this size: fewer, larger writes. */
const BLOCK_CHARS = 64 * 1024;

/** Streams JSON Lines into one object, a block at a time (see ObjectWriter). */
export class JsonlWriter extends ObjectWriter {
  private block = '';
  records = 0;

  constructor(store: ObjectStore, key: string) {
    super(store, key, 'application/x-ndjson');
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
    return this.block.length >= BLOCK_CHARS ? this.flush() : undefined;
  }

  protected override takeBlock(): string {
    const block = this.block;
    this.block = '';
    return block;
  }
}
