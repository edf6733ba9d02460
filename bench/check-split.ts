/**
 * Checks a built split the way its consumers rely on it, and prints the figures:
 *   node --import tsx bench/check-split.ts [DATA_DIR]      (default .medqa/bucket)
 * Every line of every split file must parse as a JSON object with a question and an answer;
 * no normalised question may appear in two splits; the counts must match metadata.json.
 */
import { SPLIT_KEYS, SPLIT_METADATA_KEY, SPLIT_NAMES } from '../shared/bucket/keys';
import type { SplitMetadata } from '../shared/bucket/split-metadata';
import { splitLines } from '../shared/readers';
import { questionKey } from '../shared/records/normalize';
import { openStore } from '../shared/runtime/open-store';
import { readText } from '../shared/store';

const store = openStore({ data_dir: process.argv[2] ?? '.medqa/bucket' });
const metadata = JSON.parse(await readText(store, SPLIT_METADATA_KEY)) as SplitMetadata;
const owner = new Map<string, string>();
let shared = 0;
let badLines = 0;
const counts: Record<string, number> = {};
for (const name of SPLIT_NAMES) {
  counts[name] = 0;
  for await (const line of splitLines(await store.get(SPLIT_KEYS[name]), 1 << 24)) {
    counts[name] += 1;
    // Parsed by hand, not with readJsonLines: a bad line is what this check exists to count.
    let row: { question?: unknown; answer?: unknown };
    try {
      row = JSON.parse(line.bytes!.toString('utf8'));
    } catch {
      badLines += 1;
      continue;
    }
    if (typeof row.question !== 'string' || typeof row.answer !== 'string') {
      badLines += 1;
      continue;
    }
    const key = questionKey(row.question);
    const first = owner.get(key);
    if (first === undefined) owner.set(key, name);
    else if (first !== name) shared += 1;
  }
}
const total = Object.values(counts).reduce((a, b) => a + b, 0);
console.log(`inputs: ${metadata.inputs.map((i) => `${i.key} (${i.format}, ${i.records} records)`).join(', ')}`);
console.log(
  `initial_records ${metadata.initial_records}, final_records ${metadata.final_records}, dropped ${JSON.stringify(metadata.dropped)}`,
);
for (const name of SPLIT_NAMES)
  console.log(
    `${name}: ${counts[name]} lines (${((100 * counts[name]!) / total).toFixed(2)} %), metadata says ${metadata.split_counts[name]}`,
  );
console.log(
  `distinct normalised questions: ${owner.size}; lines whose question is in another split: ${shared}; lines that are not a JSON QA object: ${badLines}`,
);
const ok = shared === 0 && badLines === 0 && SPLIT_NAMES.every((n) => counts[n] === metadata.split_counts[n]);
console.log(ok ? 'OK' : 'PROBLEMS FOUND');
process.exitCode = ok ? 0 : 1;
