/**
 * Accuracy of the question-type rules, overall and per type:
 *   node --import tsx bench/question-type-eval.ts [--medquad ../shared/data/medquad/medquad.jsonl.gz] [--set
 * test/fixtures/patient-questions.jsonl]... [--show-errors]
 * MedQuAD: its answered rows, gold = question_type. Patient sets: hand-written questions.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { inferQuestionType } from '../shared/question-type/infer';
import { normalizeQuestion } from '../shared/records/normalize';

const args = process.argv.slice(2);
const flagValues = (flag: string) => args.flatMap((a, i) => (a === flag ? [args[i + 1]!] : []));
const showErrors = args.includes('--show-errors');

async function* rows(path: string): AsyncGenerator<{ question: string; gold: string }> {
  const input = createReadStream(path);
  for await (const line of createInterface({
    input: path.endsWith('.gz') ? input.pipe(createGunzip()) : input,
    crlfDelay: Infinity,
  })) {
    if (!line.trim()) continue;
    const row = JSON.parse(line);
    if (path.includes('medquad') && !row.answer) continue; // answered rows only
    yield { question: row.question, gold: row.question_type };
  }
}

async function evaluate(path: string) {
  const perType = new Map<string, { n: number; correct: number }>();
  const confusions = new Map<string, number>();
  let n = 0;
  let correct = 0;
  for await (const { question, gold } of rows(path)) {
    const predicted = inferQuestionType(normalizeQuestion(question) ?? '');
    const stats = perType.get(gold) ?? { n: 0, correct: 0 };
    stats.n += 1;
    n += 1;
    if (predicted === gold) {
      stats.correct += 1;
      correct += 1;
    } else {
      confusions.set(`${gold} → ${predicted}`, (confusions.get(`${gold} → ${predicted}`) ?? 0) + 1);
      if (showErrors) console.log(`  ${gold} → ${predicted}: ${question}`);
    }
    perType.set(gold, stats);
  }
  console.log(`\n${path}: ${correct}/${n} = ${((100 * correct) / n).toFixed(1)} %`);
  for (const [type, s] of [...perType].sort((a, b) => b[1].n - a[1].n))
    console.log(`  ${type.padEnd(40)} ${String(s.n).padStart(5)}  ${((100 * s.correct) / s.n).toFixed(1)} %`);
  const top = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, 8);
  if (top.length) console.log(`  most frequent confusions: ${top.map(([k, v]) => `${k} (${v})`).join(', ')}`);
}

for (const path of flagValues('--medquad')) await evaluate(path);
for (const path of flagValues('--set')) await evaluate(path);
