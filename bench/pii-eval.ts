/**
 * Recall and precision of the PII rules per type on the frozen labelled set
 * (test/fixtures/pii-labelled.jsonl, written independently of the rules):
 *   node --import tsx bench/pii-eval.ts [--show-errors]
 */
import { loadLabelled, scorePii } from '../test/helpers/pii-score';

const file = process.argv.find((a) => a.endsWith('.jsonl')) ?? 'test/fixtures/pii-labelled.jsonl';
const sentences = loadLabelled(file);
const { perType, overall, misses, falseAlarms } = scorePii(sentences);
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
console.log(`PII rules on ${sentences.length} labelled sentences (${file})`);
console.log(['type', 'gold', 'found', 'predicted', 'correct', 'recall', 'precision'].join('\t'));
for (const [type, s] of Object.entries(perType))
  console.log([type, s.gold, s.found, s.predicted, s.correct, pct(s.recall), pct(s.precision)].join('\t'));
console.log(
  [
    'overall',
    overall.gold,
    overall.found,
    overall.predicted,
    overall.correct,
    pct(overall.recall),
    pct(overall.precision),
  ].join('\t'),
);
if (process.argv.includes('--show-errors')) {
  for (const m of misses) console.log(`missed      ${m.id} ${m.type}: ${JSON.stringify(m.text)}`);
  for (const f of falseAlarms) console.log(`false alarm ${f.id} ${f.type}: ${JSON.stringify(f.text)}`);
}
