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
const PREFIX_BYTES = 1024;

const NEWLINE = 0x0a;
const CR = 0x0d;

/**
 * Splits a byte stream into lines without ever holding more than one line (at most
 * `maxLineBytes`) plus one chunk in memory. Empty lines are numbered but not yielded.
 */
export async function* splitLines(stream: Readable, maxLineBytes: number): AsyncGenerator<Line> {
  let number = 0;
  let parts: Buffer[] = [];
  let partBytes = 0;
  let skipped = 0; // bytes dropped from the current over-long line
  let prefix: Buffer | undefined;

  function* finish(): Generator<Line> {
    number += 1;
    if (skipped > 0) {
      yield { number, overLimit: skipped + partBytes, prefix };
    } else if (partBytes > 0) {
      let bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, partBytes);
      if (bytes[bytes.length - 1] === CR) bytes = bytes.subarray(0, -1);
      if (bytes.length > 0) yield { number, bytes };
    }
    parts = [];
    partBytes = 0;
    skipped = 0;
    prefix = undefined;
  }

  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    let start = 0;
    while (start < buffer.length) {
      const end = buffer.indexOf(NEWLINE, start);
      const piece = buffer.subarray(start, end === -1 ? buffer.length : end);
      if (skipped > 0 || partBytes + piece.length > maxLineBytes) {
        prefix ??= Buffer.concat([...parts, piece]).subarray(0, PREFIX_BYTES);
        skipped += partBytes + piece.length;
        parts = [];
        partBytes = 0;
      } else if (piece.length > 0) {
        parts.push(piece);
        partBytes += piece.length;
      }
      if (end === -1) break;
      yield* finish();
      start = end + 1;
    }
  }
  if (partBytes > 0 || skipped > 0) yield* finish();
}

/** Strips a UTF-8 byte-order mark, which spreadsheet tools put at the start of text exports. */
export function stripBom(bytes: Buffer): Buffer {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}
