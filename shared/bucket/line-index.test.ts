import { describe, expect, it } from 'vitest';
import { LINE_INDEX_ENTRY_BYTES, lineIndexEntries, writeLineIndexEntry } from './line-index';

async function* inChunks(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('line index entries', () => {
  it('read back what was written, across any chunking', async () => {
    const bytes = new Uint8Array(3 * LINE_INDEX_ENTRY_BYTES);
    for (let i = 0; i < 3; i += 1) {
      const digest = Uint8Array.from({ length: 8 }, (_, j) => i * 16 + j);
      const question = Uint8Array.from({ length: 8 }, (_, j) => 200 - i * 16 - j);
      writeLineIndexEntry(bytes, i * LINE_INDEX_ENTRY_BYTES, digest, question, 1000 + i, 70_000 + i, i);
    }
    for (const size of [1, 5, LINE_INDEX_ENTRY_BYTES, 1000]) {
      const entries = [];
      for await (const e of lineIndexEntries(inChunks(bytes, size)))
        entries.push([[...e.digest], [...e.questionDigest], e.lineBytes, e.questionLength, e.typeIndex]);
      expect(entries.map(([d]) => (d as number[])[0])).toEqual([0, 16, 32]);
      expect(entries.map((e) => e.slice(2))).toEqual([
        [1000, 70_000, 0],
        [1001, 70_001, 1],
        [1002, 70_002, 2],
      ]);
      expect(entries[1]![1]).toEqual([184, 183, 182, 181, 180, 179, 178, 177]);
    }
  });

  it('refuses an index cut in the middle of an entry', async () => {
    const bytes = new Uint8Array(LINE_INDEX_ENTRY_BYTES + 5);
    await expect(async () => {
      for await (const _ of lineIndexEntries(inChunks(bytes, 7))) void _;
    }).rejects.toThrow(/partial entry of 5 bytes/);
  });
});
