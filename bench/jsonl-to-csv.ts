/**
 * Writes a CSV (pandas-style: header, an index column, quoted multi-line fields) from a
 * JSON Lines export, to check that the CSV path gives the same split as the original:
 *   node --import tsx bench/jsonl-to-csv.ts IN.jsonl[.gz] OUT.csv
 */

import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { stringify } from 'csv-stringify';
import { MEDQUAD_COLUMNS } from '../shared/records/medquad';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node --import tsx bench/jsonl-to-csv.ts IN.jsonl[.gz] OUT.csv');
  process.exit(2);
}
const source = createReadStream(input);
const lines = createInterface({
  input: input.endsWith('.gz') ? source.pipe(createGunzip()) : source,
  crlfDelay: Infinity,
});
const csv = stringify({ header: true, columns: ['', ...MEDQUAD_COLUMNS] });
const done = once(csv.pipe(createWriteStream(output)), 'finish');
let index = 0;
for await (const line of lines) {
  if (!line.trim()) continue;
  const row = JSON.parse(line) as Record<string, string | null>;
  if (!csv.write([String(index++), ...MEDQUAD_COLUMNS.map((name) => row[name] ?? '')])) await once(csv, 'drain');
}
csv.end();
await done;
console.log(`${index} rows written to ${output}`);
