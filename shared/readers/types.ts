import type { Readable } from 'node:stream';

/** Random access over an object's bytes, in the shape hyparquet reads (`AsyncBuffer`). */
export interface RandomAccess {
  byteLength: number;
  slice(start: number, end?: number): Promise<ArrayBuffer>;
}

/** One object, opened for reading: compression already undone. */
export interface ReadInput {
  key: string;
  /** The first bytes of the (decompressed) content, for sniffing. */
  head: Uint8Array;
  /** The (decompressed) content from the start; each call opens a new stream. */
  open(): Promise<Readable>;
  /** Present when the content can be read at any offset (uncompressed objects, spilled gzip). */
  randomAccess?: RandomAccess;
  options?: ReadOptions;
}

/**
 * What a reader yields: a parsed value, or a record it could not parse, with its position
 * (line or row, 1-based) and, inside an archive, the entry it came from.
 */
export type SourceRecord =
  | { position: number; entry?: string; value: unknown }
  | { position: number; entry?: string; error: string; reason?: RecordErrorReason; raw?: string };

/** Why a record could not be parsed, where the reader can tell. */
export type RecordErrorReason = 'invalid_json' | 'invalid_utf8' | 'too_long';

export interface ReadOptions {
  /** A record (line) longer than this is reported as `too_long` instead of parsed. */
  maxRecordBytes?: number;
  /** A gzip file that inflates past this many bytes is unreadable: a small bomb cannot run for hours. */
  maxDecompressedBytes?: number;
  /** A gzip-wrapped parquet file is unpacked to local disk; past this many bytes it is unreadable instead. */
  maxSpillBytes?: number;
  /** Told the bytes of the stored object as they are read (for progress lines). */
  onStoredBytes?: (bytes: number) => void;
}

/** Defaults for an action of 256 MB memory and a few hundred MB of /tmp. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 4 * 1024 ** 3;
export const DEFAULT_MAX_SPILL_BYTES = 512 * 1024 ** 2;

/**
 * One file format. Adding a format is adding one file that exports a RecordReader and
 * listing it in registry.ts.
 */
export interface RecordReader {
  /** Name shown in results and metadata (`parquet`, `jsonl`, …). */
  format: string;
  /** File name endings (without `.gz`) that suggest this format when the content does not tell. */
  extensions: string[];
  /** Extensions that say the format outright: such a file is read so whatever its first bytes look like. */
  claimsExtensions?: string[];
  /** True when the first bytes are this format's signature. */
  sniff(head: Uint8Array): boolean;
  /** True when the first bytes say the content is not this format, whatever the extension. */
  rulesOut?(head: Uint8Array): boolean;
  /** Needs `randomAccess` (parquet reads its footer first). */
  needsRandomAccess?: boolean;
  read(input: ReadInput): AsyncIterable<SourceRecord>;
}
