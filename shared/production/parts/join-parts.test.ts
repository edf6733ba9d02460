import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { LINE_INDEX_ENTRY_BYTES, writeLineIndexEntry } from '../../bucket/line-index';
import { FolderStore } from '../../store';
import { repeatsAcrossParts } from './join-parts';

const digest = (text: string) => createHash('sha256').update(text).digest().subarray(0, 8);

/** Parts whose line indexes hold the fingerprints of `records` (each part free of its own repeats). */
async function partsOf(records: string[][]) {
  const store = new FolderStore(await tempDir());
  const parts = [];
  for (const [k, texts] of records.entries()) {
    const index = new Uint8Array(texts.length * LINE_INDEX_ENTRY_BYTES);
    for (const [i, text] of texts.entries())
      writeLineIndexEntry(index, i * LINE_INDEX_ENTRY_BYTES, digest(text), digest(`q ${text}`), 10, 5, 0);
    await store.put(`staged/part-${k}.index`, index);
    parts.push({
      records_out: texts.length,
      line_index: {
        key: `staged/part-${k}.index`,
        staged_etag: 'e',
        entry_bytes: LINE_INDEX_ENTRY_BYTES as typeof LINE_INDEX_ENTRY_BYTES,
        types: ['x'],
      },
    });
  }
  return { store, parts };
}

const marked = (bitmap: Uint8Array, lines: number) =>
  Array.from({ length: lines }, (_, i) => i).filter((i) => bitmap[i >> 3]! & (1 << (i & 7)));

describe('repeatsAcrossParts', () => {
  it('marks each line that repeats a line of an earlier part, the same in one pass as in many', async () => {
    const texts = [
      Array.from({ length: 40 }, (_, i) => `a${i}`),
      [...Array.from({ length: 30 }, (_, i) => `b${i}`), 'a3', 'a17', 'a39'],
      ['b0', 'c1', 'a3', 'c2', 'b29'],
    ];
    const { store, parts } = await partsOf(texts);
    const expected = [[], [30, 31, 32], [0, 2, 4]];
    for (const perPass of [1_000_000, 10, 1]) {
      const repeats = await repeatsAcrossParts(store, parts, perPass);
      expect(repeats.map((bitmap, k) => marked(bitmap, texts[k]!.length))).toEqual(expected);
    }
  });
});
