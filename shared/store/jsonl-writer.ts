import { ObjectWriter } from './object-writer';
import type { ObjectStore } from './types';

/** Lines are handed to the stream in blocks of about this size: fewer, larger writes. */
const FLUSH_BYTES = 64 * 1024;
/**
 * Room for an unflushed block and then a text of FLUSH_BYTES characters at 3 bytes each (the
 * most a UTF-16 code unit takes in UTF-8): a batch's lines go in without being measured first.
 */
const BLOCK_BYTES = FLUSH_BYTES + 3 * FLUSH_BYTES;

/**
 * Streams JSON Lines into one object, a block at a time (see ObjectWriter). Text is encoded into
 * the block as it comes: encoding a string made of many appended pieces in one go costs
 * several times more than writing the pieces.
 */
export class JsonlWriter extends ObjectWriter {
  private block = Buffer.allocUnsafe(BLOCK_BYTES);
  private used = 0;
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
    this.records += records;
    if (this.used + 3 * text.length <= this.block.length) {
      this.used += this.block.write(text, this.used);
      return this.used >= FLUSH_BYTES ? this.flush() : undefined;
    }
    return this.flush().then(() => {
      // Room for the most the text can take: measuring it exactly costs more than the memory.
      if (3 * text.length > this.block.length) this.block = Buffer.allocUnsafe(3 * text.length);
      this.used = this.block.write(text, 0);
    });
  }

  /** Adds `records` lines already serialised in UTF-8, each ending in a newline. Same contract as write(). */
  writeBytes(bytes: Uint8Array, records: number): Promise<void> | undefined {
    this.records += records;
    if (this.used + bytes.length <= this.block.length) {
      this.block.set(bytes, this.used);
      this.used += bytes.length;
      return this.used >= FLUSH_BYTES ? this.flush() : undefined;
    }
    return this.flush().then(() => {
      if (bytes.length > this.block.length) this.block = Buffer.allocUnsafe(bytes.length);
      this.block.set(bytes, 0);
      this.used = bytes.length;
    });
  }

  /**
   * What the block holds. A block mostly empty (lines flushed at 64 KiB of its 256) is copied
   * out and used again: a view of it would keep all of it alive, and the S3 store gathers a
   * multipart part's worth of blocks before it sends them (5 MiB of lines held 20 MiB). A full
   * one, or one grown for a long text, is handed on whole.
   */
  protected override takeBlock(): Uint8Array {
    let lines: Buffer;
    if (2 * this.used < this.block.length) {
      lines = Buffer.allocUnsafe(this.used);
      this.block.copy(lines, 0, 0, this.used);
      if (this.block.length > BLOCK_BYTES) this.block = Buffer.allocUnsafe(BLOCK_BYTES);
    } else {
      lines = this.block.subarray(0, this.used);
      this.block = Buffer.allocUnsafe(BLOCK_BYTES);
    }
    this.used = 0;
    return lines;
  }
}
