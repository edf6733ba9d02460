/**
 * The baseline answerer on a real split: for each evaluation question, the top 5 training
 * questions by BM25. A hit is an answer for the same question_focus and question_type (exact
 * answers cannot match: the split keeps questions apart). Prints recall@1, recall@5 and the
 * latency per question.
 *   node --import tsx bench/answerer-eval.ts DATA_DIR      (a bucket where offline-etl has run)
 */
import { buildIndex } from '../shared/answerer/answerer';
import { SPLIT_KEYS } from '../shared/bucket/keys';
import { readJsonLines } from '../shared/readers';
import { openStore } from '../shared/runtime/open-store';

const store = openStore({ data_dir: process.argv[2] ?? '.medqa/bucket' });
const started = performance.now();
const index = await buildIndex(store);
const buildMs = performance.now() - started;
// What the split allows at best: an evaluation focus/type the training split has at all.
const trainingPairs = new Set<string>();
const trainingFoci = new Set<string>();
for await (const row of readJsonLines<{ question_focus: string | null; question_type: string }>(
  store,
  SPLIT_KEYS.training,
)) {
  const focus = (row.question_focus ?? '').toLowerCase();
  trainingFoci.add(focus);
  trainingPairs.add(`${focus}|${row.question_type}`);
}
let questions = 0;
let hit1 = 0;
let hit5 = 0;
let focus1 = 0;
let focus5 = 0;
let pairCeiling = 0;
let focusCeiling = 0;
const latencies: number[] = [];
for await (const row of readJsonLines<{ question: string; question_focus: string | null; question_type: string }>(
  store,
  SPLIT_KEYS.evaluation,
)) {
  const t = performance.now();
  const top = index.search(row.question, 5);
  latencies.push(performance.now() - t);
  const focus = (row.question_focus ?? '').toLowerCase();
  const sameFocus = top.map((r) => (r.doc.question_focus ?? '').toLowerCase() === focus);
  const hits = top.map((r, i) => sameFocus[i] && r.doc.question_type === row.question_type);
  questions += 1;
  if (hits[0]) hit1 += 1;
  if (hits.some(Boolean)) hit5 += 1;
  if (sameFocus[0]) focus1 += 1;
  if (sameFocus.some(Boolean)) focus5 += 1;
  if (trainingPairs.has(`${focus}|${row.question_type}`)) pairCeiling += 1;
  if (trainingFoci.has(focus)) focusCeiling += 1;
}
latencies.sort((a, b) => a - b);
const pct = (n: number) => `${((100 * n) / questions).toFixed(1)} %`;
console.log(
  `baseline answerer: ${index.size} training questions indexed in ${buildMs.toFixed(0)} ms; ${questions} evaluation questions`,
);
console.log(
  `recall@1 ${pct(hit1)}  recall@5 ${pct(hit5)}  (hit = same question_focus and question_type; ceiling ${pct(pairCeiling)}: the split keeps a focus/type pair's question on one side)`,
);
console.log(
  `focus recall@1 ${pct(focus1)}  focus recall@5 ${pct(focus5)}  (hit = same question_focus, any type; ceiling ${pct(focusCeiling)})`,
);
console.log(
  `latency per question: median ${latencies[Math.floor(latencies.length / 2)]!.toFixed(2)} ms, p95 ${latencies[Math.floor(latencies.length * 0.95)]!.toFixed(2)} ms, max ${latencies.at(-1)!.toFixed(2)} ms`,
);
