import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderStore } from '../../store/folder-store';
import { cutAtLines } from './cut-at-lines';

async function storeWith(text: string) {
  const store = new FolderStore(await mkdtemp(path.join(tmpdir(), 'cut-')));
  await store.put('raw/x.jsonl', text);
  return store;
}

/** Every range ends after a newline (or at the end) and together they cover the file in order. */
function expectLineAligned(text: string, ranges: { start: number; end: number }[]) {
  expect(ranges[0]!.start).toBe(0);
  expect(ranges[ranges.length - 1]!.end).toBe(text.length);
  for (const [i, range] of ranges.entries()) {
    expect(range.end).toBeGreaterThan(range.start);
    if (i > 0) expect(range.start).toBe(ranges[i - 1]!.end);
    if (range.end < text.length) expect(text[range.end - 1]).toBe('\n');
  }
}

describe('cutAtLines', () => {
  it('cuts after the first newline at or past each multiple of the part size', async () => {
    const text = Array.from({ length: 100 }, (_, i) => `{"n":${i}}\n`).join('');
    const ranges = await cutAtLines(await storeWith(text), 'raw/x.jsonl', text.length, 100);
    expectLineAligned(text, ranges);
    expect(ranges.length).toBeGreaterThanOrEqual(Math.floor(text.length / 100) - 1);
    for (const range of ranges.slice(0, -1)) expect(range.end - range.start).toBeLessThan(100 + 12);
  });

  it('starts a part exactly at the multiple when the byte before it is a newline', async () => {
    const text = `${'a'.repeat(9)}\n${'b'.repeat(9)}\n${'c'.repeat(9)}\n`;
    const ranges = await cutAtLines(await storeWith(text), 'raw/x.jsonl', text.length, 10);
    expect(ranges).toEqual([
      { start: 0, end: 10 },
      { start: 10, end: 20 },
      { start: 20, end: 30 },
    ]);
  });

  it('moves a cut past a line longer than a part and past the window it reads at a time', async () => {
    const long = 'x'.repeat(200_000);
    const text = `short\n${long}\nshort\n${long}`;
    const ranges = await cutAtLines(await storeWith(text), 'raw/x.jsonl', text.length, 1000);
    expectLineAligned(text, ranges);
    // The next cut is a part past the long line's end: no part but the last is shorter than a part.
    expect(ranges).toEqual([
      { start: 0, end: 200_007 },
      { start: 200_007, end: text.length },
    ]);
  });

  it('is one range when no newline follows the first part', async () => {
    const text = `${'x'.repeat(5000)}`;
    expect(await cutAtLines(await storeWith(text), 'raw/x.jsonl', text.length, 1000)).toEqual([
      { start: 0, end: 5000 },
    ]);
  });
});
