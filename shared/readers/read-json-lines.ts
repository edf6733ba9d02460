import type { ObjectStore } from '../store';
import { splitLines } from './lines';

/** Lines of the pipeline's own JSONL outputs stay far below this; a longer one is a corrupt file. */
const MAX_OUTPUT_LINE_BYTES = 16 * 1024 * 1024;

/**
 * The records of a JSON Lines object the pipeline wrote itself (a split, a version, a staged
 * file), streamed one at a time. Unlike the input readers it trusts the format: a line that is
 * not JSON is an error, not a record to quarantine.
 */
export async function* readJsonLines<T = Record<string, unknown>>(store: ObjectStore, key: string): AsyncGenerator<T> {
  for await (const line of splitLines(await store.get(key), MAX_OUTPUT_LINE_BYTES)) {
    if (line.overLimit !== undefined)
      throw new Error(`${key}: line ${line.number} is over ${MAX_OUTPUT_LINE_BYTES} bytes`);
    if (line.bytes) yield JSON.parse(line.bytes.toString('utf8')) as T;
  }
}
