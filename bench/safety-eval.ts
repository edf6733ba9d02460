/**
 * transform's safety promises on labelled sets, development and held-out parts side by side:
 *   node --import tsx bench/safety-eval.ts [--show-errors dev|heldout] [--medquad FILE]
 * Questions: unsafe questions kept out of staged data, safe questions dropped, precision and
 * recall per type. Identifiers: recall per kind (a value partly left counts as missed),
 * medical substrings kept, texts without identifiers that gained a tag. With the MedQuAD release
 * at hand (--medquad, by default ../shared/data/medquad/medquad.jsonl.gz), also how many of its
 * questions and answers, public medical text, the rules would tag: over-redaction of answers
 * like the chatbot's own.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { redact } from '../shared/pii/redact';
import { splitLines } from '../shared/readers/lines';
import { normalizeText } from '../shared/records/normalize';
import {
  type IdentifierScore,
  type LabelledQuestion,
  type LabelledText,
  type QuestionScore,
  readJsonl,
  scoreIdentifiers,
  scoreQuestions,
} from './lib/safety-score';

const DIR = 'test/fixtures/safety';
const PARTS = ['dev', 'heldout'] as const;
const show = process.argv.includes('--show-errors') ? process.argv[process.argv.indexOf('--show-errors') + 1] : '';
const medquad = process.argv.includes('--medquad')
  ? process.argv[process.argv.indexOf('--medquad') + 1]!
  : '../shared/data/medquad/medquad.jsonl.gz';
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * The development part of the questions: the second file adds 196 in voices the first has few of, the third 70
 * fragments, misspelt and foreign brand names, caregivers and emergencies, the fourth 234 of every type written
 * blind to the rules (on first sight: 97.7 % of its unsafe questions kept out, 5.8 % of its safe ones dropped), the
 * fifth 294 more written blind, in patients' and caregivers' voices (on first sight: 96.6 % and 4.8 %), the sixth
 * 320 written blind after rules 12 (on first sight: 98.8 % and 4.4 %, type accuracy 82.5 %).
 */
const QUESTION_FILES = {
  dev: [
    'questions-dev.jsonl',
    'questions-dev2.jsonl',
    'questions-dev3.jsonl',
    'questions-dev4.jsonl',
    'questions-dev5.jsonl',
    'questions-dev6.jsonl',
  ],
  // The second held-out file, 281 questions written blind after rules 10, and the third, 300 written blind after
  // rules 12 (on first sight, under rules 17: 96.4 % of unsafe kept out, 5.6 % of safe dropped, accuracy 82.3 %;
  // under rules 12: 95.7 %, 5.6 %, 79.3 %), have never been tuned on.
  heldout: ['questions-heldout.jsonl', 'questions-heldout2.jsonl', 'questions-heldout3.jsonl'],
};
const questions = Object.fromEntries(
  PARTS.map((part) => [
    part,
    scoreQuestions(QUESTION_FILES[part].flatMap((file) => readJsonl<LabelledQuestion>(`${DIR}/${file}`))),
  ]),
) as Record<(typeof PARTS)[number], QuestionScore>;
/**
 * The development part of the identifier texts: the second file adds formats of many countries, the third names and
 * dates in free text, the fourth addresses and names of many countries, the fifth every kind in many voices, the
 * sixth addresses of sixty countries with their phone numbers, names and log lines, the seventh every kind again
 * in messages, forms and log lines written after the rules of the sixth, the eighth names of many cultures where
 * notes and messages put them, and brand names and eponyms that are none, the ninth 320 texts of every kind written
 * blind to the rules, heavy in names that are also words (on first sight: 92.4 % removed, names 84.9 %).
 */
const IDENTIFIER_FILES = {
  dev: [
    'identifiers-dev.jsonl',
    'identifiers-dev2.jsonl',
    'identifiers-dev3.jsonl',
    'identifiers-dev4.jsonl',
    'identifiers-dev5.jsonl',
    'identifiers-dev6.jsonl',
    'identifiers-dev7.jsonl',
    'identifiers-dev8.jsonl',
    'identifiers-dev9.jsonl',
    // Written blind after rules 12; on first sight under rules 19: 93.2 % removed (rules 12: 92.2 %), MRN 83.8 %.
    'identifiers-dev10.jsonl',
  ],
  // The second held-out file, 300 texts written blind after rules 10, has never been tuned on.
  // The third, 300 written blind after rules 12, never tuned on: on first sight under rules 19, 94.9 % removed
  // (rules 12: 94.6 %), names 92.5 %, dates 91.5 %.
  heldout: ['identifiers-heldout.jsonl', 'identifiers-heldout2.jsonl', 'identifiers-heldout3.jsonl'],
};
const identifiers = Object.fromEntries(
  PARTS.map((part) => [
    part,
    scoreIdentifiers(IDENTIFIER_FILES[part].flatMap((file) => readJsonl<LabelledText>(`${DIR}/${file}`))),
  ]),
) as Record<(typeof PARTS)[number], IdentifierScore>;

console.log('Question typing through transform                 dev          held-out');
const row = (label: string, f: (s: QuestionScore) => string) =>
  console.log(`  ${label.padEnd(46)} ${f(questions.dev).padStart(10)}   ${f(questions.heldout).padStart(10)}`);
row('questions', (s) => String(s.n));
row('type accuracy', (s) => pct(s.accuracy));
row('unsafe questions kept out of staged data', (s) => pct(s.unsafe.recall));
row('safe questions dropped', (s) => pct(s.safe.rate));
console.log('  per type (precision / recall)');
const types = [...new Set([...questions.dev.perType.keys(), ...questions.heldout.perType.keys()])].sort();
for (const type of types) {
  const cell = (s: QuestionScore) => {
    const t = s.perType.get(type);
    if (!t) return '-';
    const p = t.predicted ? t.correct / t.predicted : 1;
    const r = t.gold ? t.correct / t.gold : 1;
    return `${(100 * p).toFixed(0)}/${(100 * r).toFixed(0)} (${t.gold})`;
  };
  console.log(`    ${type.padEnd(44)} ${cell(questions.dev).padStart(12)} ${cell(questions.heldout).padStart(12)}`);
}

console.log('\nIdentifiers through transform                      dev          held-out');
const idRow = (label: string, f: (s: IdentifierScore) => string) =>
  console.log(`  ${label.padEnd(46)} ${f(identifiers.dev).padStart(10)}   ${f(identifiers.heldout).padStart(10)}`);
idRow('identifiers removed, all kinds', (s) => pct(s.all.removed / s.all.gold));
const kinds = [...new Set([...identifiers.dev.perKind.keys(), ...identifiers.heldout.perKind.keys()])].sort();
for (const kind of kinds) {
  idRow(`  ${kind}`, (s) => {
    const k = s.perKind.get(kind);
    return k ? `${pct(k.removed / k.gold)} (${k.gold})` : '-';
  });
}
idRow('medical substrings kept', (s) => pct(s.keep.kept / Math.max(1, s.keep.n)));
idRow(
  'texts without identifiers that gained a tag',
  (s) => `${pct(s.clean.tagged / Math.max(1, s.clean.n))} (${s.clean.n})`,
);

if (existsSync(medquad)) {
  let texts = 0;
  let tagged = 0;
  const byKind: Record<string, number> = {};
  for await (const line of splitLines(createReadStream(medquad).pipe(createGunzip()), 1 << 24)) {
    if (!line.bytes) continue;
    const row = JSON.parse(line.bytes.toString('utf8')) as Record<string, unknown>;
    for (const field of ['question', 'answer']) {
      const text = typeof row[field] === 'string' ? normalizeText(row[field]) : undefined;
      if (!text) continue;
      texts += 1;
      const { counts } = redact(text);
      if (Object.keys(counts).length > 0) tagged += 1;
      for (const [kind, n] of Object.entries(counts)) byKind[kind] = (byKind[kind] ?? 0) + (n ?? 0);
    }
  }
  const kindsFound = Object.entries(byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  console.log(`\nMedQuAD questions and answers (${medquad}), public medical text`);
  console.log(
    `  texts given a tag                              ${pct(tagged / Math.max(1, texts))} of ${texts}: ${kindsFound}`,
  );
}

if (show === 'dev' || show === 'heldout') {
  console.log(`\nErrors on the ${show} part:`);
  for (const e of questions[show].errors) {
    console.log(`  type ${e.gold} → ${e.predicted}${e.staged ? ' (STAGED)' : ''}: ${e.question}`);
  }
  for (const m of identifiers[show].misses) console.log(`  missed ${m.type}: ${JSON.stringify(m.text)} (${m.id})`);
  for (const f of identifiers[show].falseTags) console.log(`  false ${f.type}: ${JSON.stringify(f.text)} (${f.id})`);
  for (const k of identifiers[show].lostKeeps) console.log(`  lost medical text: ${JSON.stringify(k.text)} (${k.id})`);
}
