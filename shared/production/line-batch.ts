import type { Readable } from 'node:stream';
import { type Line, LineInProgress, PREFIX_BYTES } from '../readers/lines';

/** Lines travel in batches of about this many bytes, or this many lines. */
const BATCH_BYTES = 64 * 1024;
const BATCH_LINES = 4096;
const NEWLINE = 0x0a;
const CR = 0x0d;

/** Consecutive lines in one buffer (transferred to a worker thread, not copied). */
export interface LineBatch {
  buffer: ArrayBuffer;
  /** Line i is buffer[starts[i], ends[i]), without its line ending. */
  starts: Int32Array;
  ends: Int32Array;
  numbers: Int32Array;
  /** Lines over the size limit, by index: only their size and first bytes travel. */
  overLimit: Record<number, { bytes: number; prefix: Uint8Array }>;
}

/**
 * Cuts a byte stream into batches of whole lines, the lines splitLines gives (numbered from 1,
 * a CR before the LF dropped, empty lines counted but left out, a line over `maxLineBytes`
 * kept as its size and first bytes only) but without an object per line: the lines of a chunk
 * are copied into the batch in one piece. Memory: one batch, one chunk and one line.
 */
export async function* lineBatches(stream: Readable, maxLineBytes: number): AsyncGenerator<LineBatch> {
  const batch = new BatchBuilder();
  let number = 0;
  // The line in progress when a chunk ends, finished by the next chunk.
  const carried = new LineInProgress(maxLineBytes);
  const finishCarried = (tail: Buffer) => {
    carried.add(tail);
    number += 1;
    const line = carried.take();
    if ('overLimit' in line) {
      batch.addOverLimit(number, line.overLimit, line.prefix);
    } else {
      batch.addRun(line.bytes, 0);
      batch.addLine(number, 0, line.bytes.length);
      batch.endRun(line.bytes.length);
    }
  };

  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    let start = 0;
    let end = buffer.indexOf(NEWLINE);
    if (end !== -1 && carried.started) {
      finishCarried(buffer.subarray(0, end));
      start = end + 1;
      end = buffer.indexOf(NEWLINE, start);
    }
    batch.addRun(buffer, start);
    for (; end !== -1; start = end + 1, end = buffer.indexOf(NEWLINE, start)) {
      number += 1;
      if (end - start > maxLineBytes) {
        batch.endRun(start);
        batch.addOverLimit(number, end - start, buffer.subarray(start, Math.min(end, start + PREFIX_BYTES)));
        batch.addRun(buffer, end + 1);
      } else {
        batch.addLine(number, start, end);
      }
      if (batch.full) {
        batch.endRun(end + 1);
        yield batch.take();
        batch.addRun(buffer, end + 1);
      }
    }
    batch.endRun(start);
    // The rest of the chunk starts a line that ends in a later chunk.
    if (start < buffer.length) carried.add(buffer.subarray(start));
  }
  if (carried.started) finishCarried(Buffer.alloc(0));
  if (batch.lines > 0) yield batch.take();
}

/** Builds one LineBatch: lines are noted against a run of the current chunk, copied when the run ends. */
class BatchBuilder {
  private buffer = new Uint8Array(BATCH_BYTES * 2);
  private used = 0;
  private starts: number[] = [];
  private ends: number[] = [];
  private numbers: number[] = [];
  private overLimit: LineBatch['overLimit'] = {};
  private run: Buffer | undefined;
  private runFrom = 0;

  get lines(): number {
    return this.numbers.length;
  }

  get full(): boolean {
    return (this.ends[this.ends.length - 1] ?? 0) >= BATCH_BYTES || this.numbers.length >= BATCH_LINES;
  }

  /** Lines noted next lie in `chunk` from `from` on. */
  addRun(chunk: Buffer, from: number): void {
    this.run = chunk;
    this.runFrom = from;
  }

  /** Line `number` is run[start, end) less a trailing CR; an empty line is only counted. */
  addLine(number: number, start: number, end: number): void {
    const run = this.run!;
    if (end > start && run[end - 1] === CR) end -= 1;
    if (end === start) return;
    this.starts.push(this.used + start - this.runFrom);
    this.ends.push(this.used + end - this.runFrom);
    this.numbers.push(number);
  }

  addOverLimit(number: number, bytes: number, prefix: Buffer): void {
    this.overLimit[this.numbers.length] = { bytes, prefix: new Uint8Array(prefix) };
    this.starts.push(this.used);
    this.ends.push(this.used);
    this.numbers.push(number);
  }

  /** Copies the run up to `to` (the end of its last line) into the batch. */
  endRun(to: number): void {
    if (!this.run || to <= this.runFrom) return;
    const length = to - this.runFrom;
    if (this.used + length > this.buffer.length) this.grow(this.used + length);
    this.buffer.set(this.run.subarray(this.runFrom, to), this.used);
    this.used += length;
    this.runFrom = to;
  }

  take(): LineBatch {
    const batch: LineBatch = {
      buffer: this.buffer.buffer.slice(0, this.used) as ArrayBuffer,
      starts: Int32Array.from(this.starts),
      ends: Int32Array.from(this.ends),
      numbers: Int32Array.from(this.numbers),
      overLimit: this.overLimit,
    };
    this.used = 0;
    this.starts = [];
    this.ends = [];
    this.numbers = [];
    this.overLimit = {};
    return batch;
  }

  private grow(needed: number): void {
    const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
    grown.set(this.buffer.subarray(0, this.used));
    this.buffer = grown;
  }
}

/** The lines of a batch again, as splitLines gives them. */
export function* batchLines(batch: LineBatch): Generator<Line> {
  const bytes = Buffer.from(batch.buffer);
  for (let i = 0; i < batch.numbers.length; i += 1) {
    const special = batch.overLimit[i];
    yield special
      ? { number: batch.numbers[i]!, overLimit: special.bytes, prefix: Buffer.from(special.prefix) }
      : { number: batch.numbers[i]!, bytes: bytes.subarray(batch.starts[i], batch.ends[i]) };
  }
}
