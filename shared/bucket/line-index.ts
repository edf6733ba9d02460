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

/** The entry at `offset` of `bytes`; its fingerprints are views into `bytes`. */
export function readLineIndexEntry(bytes: Buffer, offset: number) {
  return {
    digest: bytes.subarray(offset, offset + 8),
    questionDigest: bytes.subarray(offset + 8, offset + 16),
    lineBytes: bytes.readUInt32LE(offset + 16),
    questionLength: bytes.readUInt32LE(offset + 20),
    typeIndex: bytes.readUInt32LE(offset + 24),
  };
}
