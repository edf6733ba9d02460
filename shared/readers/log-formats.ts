import { jsonArrayReader } from './json-array';
import { jsonlReader } from './jsonl';
import type { FormatSet } from './registry';

/** What the chatbot's request logs are written as (transform). */
export const LOG_FORMATS: FormatSet = {
  readers: [jsonArrayReader, jsonlReader],
  description: 'JSON Lines or a JSON array',
};
