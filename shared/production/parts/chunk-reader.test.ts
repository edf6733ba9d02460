import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ChunkReader } from './chunk-reader';

const chunked = (text: string, size: number) =>
  Readable.from(
    Array.from({ length: Math.ceil(text.length / size) }, (_, i) => Buffer.from(text.slice(i * size, (i + 1) * size))),
  );

describe('ChunkReader', () => {
  it('gives the same pieces however the stream is chunked', async () => {
    const text = 'alpha\nbe\n\ngamma-delta\nlast';
    for (const size of [1, 2, 3, 7, 100]) {
      const reader = new ChunkReader(chunked(text, size));
      expect((await reader.bytes(6)).toString()).toBe('alpha\n');
      const lines: string[] = [];
      for (let line = await reader.line(); line !== undefined; line = await reader.line()) lines.push(line.toString());
      expect(lines).toEqual(['be', '', 'gamma-delta', 'last']);
    }
  });

  it('says so when the stream ends inside a piece it was asked for', async () => {
    const reader = new ChunkReader(chunked('short', 2));
    await expect(reader.bytes(10)).rejects.toThrow(/ended 5 bytes before/);
  });
});
