import { firstSignificantByte, lineToRecord, MAX_LINE_BYTES, startsWithJsonLine } from './jsonl';
import { type Line, LineInProgress } from './lines';
import type { RecordReader, SourceRecord } from './types';

/**
 * A JSON array of objects (pandas `to_json(orient='records')`, `datasets` exports), read
 * element by element: a byte scanner finds where each top-level element ends (tracking strings
 * and nesting), and each element is then parsed on its own. So one element at a time is in
 * memory, an element over `max_record_bytes` is counted and skipped while it streams past, and
 * a malformed element costs that element, not the file.
 */
export const jsonArrayReader: RecordReader = {
  format: 'json-array',
  extensions: ['.json'],
  sniff: (head) =>
    firstSignificantByte(head) === '[' && !startsWithJsonLine(head) && opensJsonArray(head) && !closesOnBanner(head),
  // A `.json` log whose first line is a banner ("[INFO] started", `["worker-1"] up`) is JSON Lines, not an array.
  rulesOut: (head) => firstSignificantByte(head) === '[' && (!opensJsonArray(head) || closesOnBanner(head)),
  async *read(input): AsyncGenerator<SourceRecord> {
    const limit = input.options?.maxRecordBytes ?? MAX_LINE_BYTES;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const scanner = new ArrayScanner(limit);
    let first = true;
    for await (const chunk of await input.open()) {
      let bytes = chunk as Buffer;
      if (first && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      first = false;
      for (const element of scanner.scan(bytes)) {
        const record = lineToRecord(element, limit, decoder, 'element');
        if (record) yield record;
      }
    }
    scanner.end();
  },
};

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Where the top-level elements of a JSON array start and end, chunk by chunk. */
class ArrayScanner {
  /** 0 before the array opens and after it closes; 1 between its elements; deeper inside one. */
  private depth = 0;
  private opened = false;
  private closed = false;
  private inString = false;
  private escaped = false;
  private elements = 0;
  private readonly element: LineInProgress;

  constructor(limit: number) {
    this.element = new LineInProgress(limit);
  }

  *scan(bytes: Buffer): Generator<Line> {
    let from = 0;
    for (let i = 0; i < bytes.length; i += 1) {
      const b = bytes[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
        continue;
      }
      if (!this.opened || this.closed) {
        if (isSpace(b)) continue;
        if (this.closed) throw new Error(`unexpected content after the array's closing bracket`);
        if (b !== OPEN_BRACKET) throw new Error('the file does not start with a JSON array');
        this.opened = true;
        this.depth = 1;
        from = i + 1;
        continue;
      }
      if (b === QUOTE) this.inString = true;
      else if (b === OPEN_BRACE || b === OPEN_BRACKET) this.depth += 1;
      else if (b === CLOSE_BRACE || (b === CLOSE_BRACKET && this.depth > 1)) this.depth -= 1;
      else if (this.depth === 1 && (b === COMMA || b === CLOSE_BRACKET)) {
        this.element.add(bytes.subarray(from, i));
        const element = this.take();
        if (element) yield element;
        from = i + 1;
        if (b === CLOSE_BRACKET) {
          this.closed = true;
          this.depth = 0;
        }
      }
    }
    if (this.opened && !this.closed) this.element.add(bytes.subarray(from));
  }

  end(): void {
    if (!this.opened) throw new Error('the file does not start with a JSON array');
    if (!this.closed) throw new Error('unexpected end of file: the array is not closed');
  }

  /** The element just ended, numbered; nothing for the empty space of "[]" or "[ ]". */
  private take(): Line | undefined {
    const whole = this.element.take();
    if ('bytes' in whole && whole.bytes.every(isSpace)) return undefined;
    this.elements += 1;
    return 'bytes' in whole ? { number: this.elements, bytes: whole.bytes } : { number: this.elements, ...whole };
  }
}

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

/**
 * Whether the first line opens a bracket, closes it, and goes on with text (`["worker-1"] service
 * started`, `[1] boot`): a banner, as no JSON array has anything after its closing bracket.
 */
export function closesOnBanner(head: Uint8Array): boolean {
  const text = Buffer.from(head)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  const end = text.indexOf('\n');
  const line = end < 0 ? text : text.slice(0, end);
  let depth = 0;
  let inString = false;
  for (let i = line.indexOf('['); i >= 0 && i < line.length; i += 1) {
    const c = line[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '[' || c === '{') depth += 1;
    else if (c === ']' || c === '}') {
      depth -= 1;
      if (depth === 0) return line.slice(i + 1).trim() !== '' && !/^\s*,/.test(line.slice(i + 1));
    }
  }
  return false;
}
