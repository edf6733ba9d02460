import { JSONParser } from '@streamparser/json';
import { firstSignificantByte, startsWithJsonLine } from './jsonl';
import type { RecordReader, SourceRecord } from './types';

/**
 * A JSON array of objects (pandas `to_json(orient='records')`, `datasets` exports), parsed
 * incrementally: one element at a time is in memory, never the whole array.
 */
export const jsonArrayReader: RecordReader = {
  format: 'json-array',
  extensions: ['.json'],
  sniff: (head) => firstSignificantByte(head) === '[' && !startsWithJsonLine(head) && opensJsonArray(head),
  // A `.json` log whose first line is a banner ("[INFO] started") is JSON Lines, not an array.
  rulesOut: (head) => firstSignificantByte(head) === '[' && !opensJsonArray(head),
  async *read(input): AsyncGenerator<SourceRecord> {
    const parser = new JSONParser({ paths: ['$.*'], keepStack: false, separator: undefined });
    const ready: unknown[] = [];
    parser.onValue = ({ value }) => {
      ready.push(value);
    };
    let position = 0;
    let first = true;
    for await (const chunk of await input.open()) {
      let bytes = chunk as Buffer;
      if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      first = false;
      parser.write(bytes); // throws on malformed JSON: the whole file is then unreadable
      for (const value of ready.splice(0)) yield { position: ++position, value };
    }
    if (!parser.isEnded) parser.end();
    for (const value of ready.splice(0)) yield { position: ++position, value };
  },
};

/**
 * Whether the head begins like a JSON array: "[" then an element's first token (an object,
 * array, string, number, true, false, null) or "]". "[INFO] started" or "[2026-12-01 10:00]"
 * is a banner line, not an array.
 */
export function opensJsonArray(head: Uint8Array): boolean {
  const text = Buffer.from(head)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  const after = text.slice(1).trimStart();
  if (after === '' || /^[{["\]]/.test(after)) return true;
  return /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*(?:[,\]]|$)/.test(after);
}
