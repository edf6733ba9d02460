/**
 * The line index beside a staged file: one fixed-size entry per staged line, in line order, with
 * what retrain-batch decides a line by. A batch reads it next to the staged lines and takes,
 * counts and drops lines without parsing them; the summary names the index and the ETag of the
 * staged file it describes, so a staged file written again without its index is refused.
 *
 * Entry, little-endian: record fingerprint (8 bytes, question + answer), question fingerprint
 * (8, of questionKey(question): the evaluation check), the line's length in bytes with its
 * newline (u32), the question's length in characters (u32), the question type's index into the
 * summary's `types` (u32).
 */
import * as z from 'zod';

export const LINE_INDEX_ENTRY_BYTES = 28;

/** What a staged summary says of its line index (absent for files staged before it existed). */
export const LineIndexRefSchema = z.object({
  key: z.string(),
  /** The ETag of the staged file the index was written with. */
  staged_etag: z.string(),
  entry_bytes: z.literal(LINE_INDEX_ENTRY_BYTES),
  /** Question types, numbered as the entries refer to them. */
  types: z.array(z.string()),
});
export type LineIndexRef = z.infer<typeof LineIndexRefSchema>;

export interface LineIndexEntry {
  /** Views into the entry's bytes: copy them to keep them past the next entry. */
  digest: Uint8Array;
  questionDigest: Uint8Array;
  lineBytes: number;
  questionLength: number;
  typeIndex: number;
}

/** Writes one entry at `offset` of `out`. */
export function writeLineIndexEntry(
  out: Uint8Array,
  offset: number,
  digest: Uint8Array,
  questionDigest: Uint8Array,
  lineBytes: number,
  questionLength: number,
  typeIndex: number,
): void {
  out.set(digest.subarray(0, 8), offset);
  out.set(questionDigest.subarray(0, 8), offset + 8);
  const view = new DataView(out.buffer, out.byteOffset + offset + 16, 12);
  view.setUint32(0, lineBytes, true);
  view.setUint32(4, questionLength, true);
  view.setUint32(8, typeIndex, true);
}

/** The entries of an index read as a stream of chunks, in order. */
export async function* lineIndexEntries(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<LineIndexEntry> {
  let carry: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const whole = bytes.length - (bytes.length % LINE_INDEX_ENTRY_BYTES);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    for (let at = 0; at < whole; at += LINE_INDEX_ENTRY_BYTES) {
      yield {
        digest: bytes.subarray(at, at + 8),
        questionDigest: bytes.subarray(at + 8, at + 16),
        lineBytes: view.getUint32(at + 16, true),
        questionLength: view.getUint32(at + 20, true),
        typeIndex: view.getUint32(at + 24, true),
      };
    }
    carry = Uint8Array.from(bytes.subarray(whole));
  }
  if (carry.length > 0) throw new Error(`the line index ends in a partial entry of ${carry.length} bytes`);
}
