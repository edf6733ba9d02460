import { ObjectWriter } from './object-writer';
import type { ObjectStore } from './types';

const BLOCK_BYTES = 64 * 1024;

/** Streams binary records into one object, in blocks of 64 KiB (see ObjectWriter). */
export class BytesWriter extends ObjectWriter {
  private block = Buffer.allocUnsafe(BLOCK_BYTES);
  private used = 0;
  bytes = 0;

  constructor(store: ObjectStore, key: string, contentType = 'application/octet-stream') {
    super(store, key, contentType);
  }

  /** Adds `bytes`. Same contract as JsonlWriter.write(): a promise only when the caller must wait. */
  write(bytes: Uint8Array): Promise<void> | undefined {
    if (this.used + bytes.length <= this.block.length) {
      this.append(bytes);
      return undefined;
    }
    return this.flush().then(() => {
      if (bytes.length > this.block.length) this.block = Buffer.allocUnsafe(bytes.length);
      this.append(bytes);
    });
  }

  /** Adds ASCII text (digits, say) without a buffer of its own. Same contract as write(). */
  writeAscii(text: string): Promise<void> | undefined {
    if (this.used + text.length > this.block.length) return this.write(Buffer.from(text, 'latin1'));
    this.block.write(text, this.used, 'latin1');
    this.used += text.length;
    this.bytes += text.length;
    return undefined;
  }

  private append(bytes: Uint8Array): void {
    this.block.set(bytes, this.used);
    this.used += bytes.length;
    this.bytes += bytes.length;
  }

  protected override takeBlock(): Uint8Array {
    const full = this.block.subarray(0, this.used);
    this.block = Buffer.allocUnsafe(BLOCK_BYTES);
    this.used = 0;
    return full;
  }
}
