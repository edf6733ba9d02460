import type { ByteRange, ObjectStore } from '../../store';

/** Bytes read at a time while looking for the newline a part ends after. */
const WINDOW_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * Cuts [0, size) of a JSON Lines object into ranges of about `partBytes`, each ending just after
 * a newline (the last at the end of the object), so every line lies whole in one range. Only a
 * window around each cut is read. A line longer than a part moves the next cut past it; a
 * file with no newline near the end is fewer ranges.
 */
export async function cutAtLines(
  store: ObjectStore,
  key: string,
  size: number,
  partBytes: number,
): Promise<ByteRange[]> {
  const starts = [0];
  for (let nominal = partBytes; nominal < size; nominal += partBytes) {
    // After a line longer than a part, the next cut is looked for a part past the last one.
    const last = starts[starts.length - 1]!;
    if (nominal <= last) nominal = last + partBytes;
    if (nominal >= size) break;
    const start = await lineStartFrom(store, key, nominal, size);
    if (start >= size) break;
    starts.push(start);
  }
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? size }));
}

/** The first offset ≥ `from` that starts a line (follows a newline); `size` when none does. */
async function lineStartFrom(store: ObjectStore, key: string, from: number, size: number): Promise<number> {
  // The byte before `from` may itself be the newline: then `from` starts a line.
  for (let at = from - 1; at < size; at += WINDOW_BYTES) {
    const window = await store.getRange(key, at, Math.min(size, at + WINDOW_BYTES));
    const newline = window.indexOf(NEWLINE);
    if (newline !== -1) return at + newline + 1;
    if (window.length === 0) break;
  }
  return size;
}
