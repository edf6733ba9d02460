import type { Readable } from 'node:stream';

export interface Line {
  /** 1-based line number in the file. */
  number: number;
  /** The line's bytes without the line ending; absent when the line was over the limit. */
  bytes?: Buffer;
  /** Length in bytes of a line that was over the limit (only its first bytes were kept). */
  overLimit?: number;
  /** The first bytes of an over-limit line, for a quarantine record. */
  prefix?: Buffer;
}

/** How much of an over-long line is kept to show what it was. */
export const PREFIX_BYTES = 1024;

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines without ever holding more than one line (at most
 * `maxLineBytes`) plus one chunk in memory. Empty lines are numbered but not yielded.
 */
export async function* splitLines(stream: Readable, maxLineBytes: number): AsyncGenerator<Line> {
  let number = 0;
  const line = new LineInProgress(maxLineBytes);

  function* finish(): Generator<Line> {
    number += 1;
    const whole = line.take();
    if ('overLimit' in whole) {
      yield { number, ...whole };
      return;
    }
    const bytes = whole.bytes[whole.bytes.length - 1] === CR ? whole.bytes.subarray(0, -1) : whole.bytes;
    if (bytes.length > 0) yield { number, bytes };
  }

  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    let start = 0;
    while (start < buffer.length) {
      // Blank lines between records cost a byte comparison each, not a line's worth of work:
      // a small gzip of a gigabyte of newlines must not take minutes.
      if (!line.started) {
        while (start < buffer.length && buffer[start] === NEWLINE) {
          number += 1;
          start += 1;
        }
        if (start === buffer.length) break;
      }
      const end = buffer.indexOf(NEWLINE, start);
      line.add(buffer.subarray(start, end === -1 ? buffer.length : end));
      if (end === -1) break;
      yield* finish();
      start = end + 1;
    }
  }
  if (line.started) yield* finish();
}

/**
 * The bytes of one line as they arrive, chunk by chunk. Past `maxLineBytes` only its size and
 * first bytes are kept, so a line with no end in sight never fills memory.
 */
export class LineInProgress {
  private parts: Buffer[] = [];
  private partBytes = 0;
  private skipped = 0;
  private prefix: Buffer | undefined;

  constructor(private readonly maxLineBytes: number) {}

  get started(): boolean {
    return this.partBytes > 0 || this.skipped > 0;
  }

  add(piece: Buffer): void {
    if (this.skipped > 0 || this.partBytes + piece.length > this.maxLineBytes) {
      this.prefix ??= Buffer.concat([...this.parts, piece]).subarray(0, PREFIX_BYTES);
      this.skipped += this.partBytes + piece.length;
      this.parts = [];
      this.partBytes = 0;
    } else if (piece.length > 0) {
      this.parts.push(piece);
      this.partBytes += piece.length;
    }
  }

  /** The line so far (line ending not included, a CR before it still there), then an empty one. */
  take(): { bytes: Buffer } | { overLimit: number; prefix: Buffer } {
    const whole =
      this.skipped > 0
        ? { overLimit: this.skipped, prefix: this.prefix! }
        : { bytes: this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.partBytes) };
    this.parts = [];
    this.partBytes = 0;
    this.skipped = 0;
    this.prefix = undefined;
    return whole;
  }
}

/** Strips a UTF-8 byte-order mark, which spreadsheet tools put at the start of text exports. */
export function stripBom(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}
