import { describe, expect, it } from 'vitest';
import { LINE_INDEX_ENTRY_BYTES, readLineIndexEntry, writeLineIndexEntry } from './line-index';

describe('line index entries', () => {
  it('read back what was written, at any offset', () => {
    const bytes = Buffer.alloc(3 * LINE_INDEX_ENTRY_BYTES);
    for (let i = 0; i < 3; i += 1) {
      const digest = Uint8Array.from({ length: 8 }, (_, j) => i * 16 + j);
      const question = Uint8Array.from({ length: 8 }, (_, j) => 200 - i * 16 - j);
      writeLineIndexEntry(bytes, i * LINE_INDEX_ENTRY_BYTES, digest, question, 1000 + i, 70_000 + i, i);
    }
    const entries = [0, 1, 2].map((i) => readLineIndexEntry(bytes, i * LINE_INDEX_ENTRY_BYTES));
    expect(entries.map((e) => [e.digest[0], e.lineBytes, e.questionLength, e.typeIndex])).toEqual([
      [0, 1000, 70_000, 0],
      [16, 1001, 70_001, 1],
      [32, 1002, 70_002, 2],
    ]);
    expect([...entries[1]!.questionDigest]).toEqual([184, 183, 182, 181, 180, 179, 178, 177]);
  });
});
