import { splitLines, stripBom } from './lines';
import type { RecordReader, SourceRecord } from './types';

/** One line far beyond any QA record is a corrupt or non-JSONL file, not a record to keep in memory. */
export const MAX_LINE_BYTES = 8 * 1024 * 1024;

/** JSON Lines: one JSON object per line (pandas `to_json(orient='records', lines=True)`). */
export const jsonlReader: RecordReader = {
  format: 'jsonl',
  extensions: ['.jsonl', '.ndjson', '.json'],
  sniff: (head) => firstSignificantByte(head) === '{',
  async *read(input): AsyncGenerator<SourceRecord> {
    for await (const line of splitLines(await input.open(), MAX_LINE_BYTES)) {
      if (line.overLimit !== undefined) {
        yield { position: line.number, error: `line of ${line.overLimit} bytes is over the ${MAX_LINE_BYTES}-byte limit` };
        continue;
      }
      const text = (line.number === 1 ? stripBom(line.bytes!) : line.bytes!).toString('utf8');
      if (text.trim() === '') continue;
      try {
        yield { position: line.number, value: JSON.parse(text) };
      } catch (err) {
        yield { position: line.number, error: `invalid JSON: ${(err as Error).message}` };
      }
    }
  },
};

/** The first character after a BOM and whitespace, or undefined for an empty head. */
export function firstSignificantByte(head: Uint8Array): string | undefined {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && [0x20, 0x09, 0x0a, 0x0d].includes(head[i]!)) i += 1;
  return i < head.length ? String.fromCharCode(head[i]!) : undefined;
}
