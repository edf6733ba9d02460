/**
 * Lines encoded as UTF-8 into one growing buffer as they are made, each end noted. A string
 * built by appending thousands of lines costs several times more to encode (or slice, or
 * send to another thread) than the lines written one by one as they come.
 */
export class LineBytes {
  private buffer: Buffer;
  private used = 0;
  private readonly lineEnds: number[] = [];

  constructor(initialBytes = 64 * 1024) {
    this.buffer = Buffer.allocUnsafeSlow(initialBytes);
  }

  /** Adds `line` and a newline; returns the bytes it took, the newline included. */
  add(line: string): number {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8: room for that, and nothing measured.
    const most = 3 * line.length + 1;
    if (this.used + most > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, this.used + most));
      this.buffer.copy(grown, 0, 0, this.used);
      this.buffer = grown;
    }
    const start = this.used;
    this.used += this.buffer.write(line, this.used);
    this.buffer[this.used++] = 0x0a;
    this.lineEnds.push(this.used);
    return this.used - start;
  }

  get count(): number {
    return this.lineEnds.length;
  }

  /**
   * The lines' bytes and their ends. The buffers are never from Node's shared pool
   * (allocUnsafeSlow), so the bytes' ArrayBuffer can be moved to another thread whole.
   */
  take(): { bytes: Buffer; ends: Int32Array } {
    return { bytes: this.buffer.subarray(0, this.used), ends: Int32Array.from(this.lineEnds) };
  }
}
