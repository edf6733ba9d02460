import { type Line, splitLines, stripBom } from './lines';
import type { RecordReader, SourceRecord } from './types';

/** One line far beyond any QA record is a corrupt or non-JSONL file, not a record to keep in memory. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/** JSON Lines: one JSON object per line (pandas `to_json(orient='records', lines=True)`). */
export const jsonlReader: RecordReader = {
  format: 'jsonl',
  extensions: ['.jsonl', '.ndjson', '.json', '.log'],
  // A log whose first line is a banner ("[INFO] started") is still JSON Lines.
  claimsExtensions: ['.jsonl', '.ndjson', '.log'],
  sniff: (head) => firstSignificantByte(head) === '{' || startsWithJsonLine(head),
  async *read(input): AsyncGenerator<SourceRecord> {
    const limit = input.options?.maxRecordBytes ?? MAX_LINE_BYTES;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for await (const line of splitLines(await input.open(), limit)) {
      const record = lineToRecord(line, limit, decoder);
      if (record) yield record;
    }
  },
};

/**
 * One line of a JSON Lines file as a record, or the reason it is not one (over the limit,
 * invalid UTF-8, invalid JSON); undefined for a blank line.
 */
export function lineToRecord(
  line: Line,
  limit: number,
  decoder: TextDecoder,
  unit: 'line' | 'element' = 'line',
): SourceRecord | undefined {
  if (line.overLimit !== undefined) {
    return {
      position: line.number,
      reason: 'too_long',
      error: `${unit} of ${line.overLimit} bytes is over the ${limit}-byte limit`,
      raw: line.prefix?.toString('utf8'),
    };
  }
  const bytes = line.number === 1 ? stripBom(line.bytes!) : line.bytes!;
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return {
      position: line.number,
      reason: 'invalid_utf8',
      error: `the ${unit} is not valid UTF-8`,
      raw: bytes.toString('utf8'),
    };
  }
  if (text.trim() === '') return undefined;
  try {
    return { position: line.number, value: JSON.parse(text) };
  } catch (err) {
    return {
      position: line.number,
      reason: 'invalid_json',
      error: `invalid JSON: ${(err as Error).message}`,
      raw: text,
    };
  }
}

/**
 * True when the first line is a complete JSON value and more lines follow: JSON Lines, even if
 * its first record is an array (`[1, 2]`), not one JSON array spread over the file.
 */
export function startsWithJsonLine(head: Uint8Array): boolean {
  const lines = Buffer.from(head)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split('\n');
  if (lines.length < 2 || !lines.slice(1).some((line) => line.trim())) return false;
  try {
    JSON.parse(lines[0]!);
    return true;
  } catch {
    return false;
  }
}

/** The first character after a BOM and whitespace, or undefined for an empty head. */
export function firstSignificantByte(head: Uint8Array): string | undefined {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && [0x20, 0x09, 0x0a, 0x0d].includes(head[i]!)) i += 1;
  return i < head.length ? String.fromCharCode(head[i]!) : undefined;
}
