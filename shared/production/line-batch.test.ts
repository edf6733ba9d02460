import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/fixtures/medquad-fixtures';
import { type Line, splitLines } from '../readers/lines';
import { batchLines, lineBatches } from './line-batch';

const LIMIT = 64;

/** A stream that hands `content` over in chunks of the given sizes (the last one takes the rest). */
function chunked(content: Buffer, sizes: number[]): Readable {
  const chunks: Buffer[] = [];
  let at = 0;
  for (const size of sizes) {
    if (at >= content.length) break;
    chunks.push(content.subarray(at, at + size));
    at += size;
  }
  if (at < content.length) chunks.push(content.subarray(at));
  return Readable.from(chunks);
}

const describeLine = (line: Line) => ({
  number: line.number,
  text: line.bytes?.toString('latin1'),
  overLimit: line.overLimit,
  prefix: line.prefix?.toString('latin1'),
});

async function viaSplitLines(content: Buffer, sizes: number[]) {
  const lines = [];
  for await (const line of splitLines(chunked(content, sizes), LIMIT)) lines.push(describeLine(line));
  return lines;
}

async function viaBatches(content: Buffer, sizes: number[]) {
  const lines = [];
  for await (const batch of lineBatches(chunked(content, sizes), LIMIT))
    for (const line of batchLines(batch)) lines.push(describeLine(line));
  return lines;
}

describe('line batches', () => {
  it('give the lines splitLines gives: CRLF, empty lines, a last line without newline, over-long lines', async () => {
    const content = Buffer.from(
      `{"a":1}\r\n\n\r\n{"b":2}\n${'x'.repeat(200)}\n${'y'.repeat(LIMIT)}\n${'z'.repeat(LIMIT + 1)}\r\n{"c":3}`,
    );
    for (const sizes of [[content.length], [1, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89], [7, 100, 3, 300]]) {
      const expected = await viaSplitLines(content, sizes);
      expect(expected.map((line) => line.number)).toEqual([1, 4, 5, 6, 7, 8]);
      expect(await viaBatches(content, sizes)).toEqual(expected);
    }
  });

  it('agree with splitLines on random content cut into random chunks', async () => {
    const next = seededRandom(7);
    const pieces = ['{"q":"a"}', '', '\r', 'é€', 'w'.repeat(LIMIT - 1), 'v'.repeat(LIMIT + 3), 'u'.repeat(3 * LIMIT)];
    for (let round = 0; round < 200; round += 1) {
      const lines = Array.from(
        { length: 1 + Math.floor(next() * 30) },
        () => pieces[Math.floor(next() * pieces.length)]!,
      );
      const content = Buffer.from(lines.join('\n') + (next() < 0.5 ? '\n' : ''));
      const sizes = Array.from({ length: 40 }, () => 1 + Math.floor(next() * 90));
      expect(await viaBatches(content, sizes)).toEqual(await viaSplitLines(content, sizes));
    }
  });

  it('split a large file into several batches without losing a line', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `{"n":${i}}`);
    let count = 0;
    let batches = 0;
    for await (const batch of lineBatches(chunked(Buffer.from(lines.join('\n')), Array(400).fill(997)), 1024)) {
      batches += 1;
      for (const line of batchLines(batch)) expect(line.bytes!.toString()).toBe(lines[count++]);
    }
    expect(count).toBe(20_000);
    expect(batches).toBeGreaterThan(1);
  });
});
