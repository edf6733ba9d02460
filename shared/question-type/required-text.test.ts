import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { newExpectations, productionLogLines } from '../../test/fixtures/production-logs';
import { casualForm, classifyQuestion, UNCLASSIFIED } from './infer';
import { mentionedMedicines } from './medicines';
import { requiredText } from './required-text';
import { QUESTION_TYPE_RULES } from './rules';

describe('required text of a pattern', () => {
  it.each([
    [/^what causes\b/, ['what causes']],
    [/\bsigns?\b|\bsymptoms?\b/, ['sign', 'symptom']],
    [/\bis (?:it|this) normal\b/, [' normal']],
    [/\b(?:dominant|recessive)\b/, ['dominant', 'recessive']],
    // Either "how " or one of "take"/"give" would do: one longer-or-equal string beats two.
    [/\bhow (?:much|many)\b.{0,40}\b(?:take|give)/, ['how ']],
  ])('finds the strings every match of %s contains', (pattern, expected) => {
    expect(requiredText(pattern)?.sort()).toEqual(expected.sort());
  });

  it.each([[/\d+/], [/\bct\b|\bmri\b/], [/a(?:bcd)?e/], [/what/i]])('finds none in %s', (pattern) => {
    expect(requiredText(pattern)).toBeNull();
  });

  it('never rules out a question a type rule matches', () => {
    const questions = fixtureQuestions();
    let matches = 0;
    for (const rule of QUESTION_TYPE_RULES) {
      const required = requiredText(rule.pattern);
      for (const question of questions) {
        if (!rule.pattern.test(question)) continue;
        matches += 1;
        if (required)
          expect(
            required.some((text) => question.includes(text)),
            `${rule.type}: ${question}`,
          ).toBe(true);
      }
    }
    expect(matches).toBeGreaterThan(500);
  });

  it('types every question as the first rule whose whole pattern matches, branch by branch', () => {
    const everyRule = (question: string) => {
      const text = casualForm(question);
      const medicines = mentionedMedicines(text).length;
      const rule = QUESTION_TYPE_RULES.find((r) => (!r.medicines || medicines >= r.medicines) && r.pattern.test(text));
      return rule ? { type: rule.type, why: rule.why ?? 'question pattern' } : undefined;
    };
    let typed = 0;
    for (const question of fixtureQuestions()) {
      const expected = everyRule(question);
      if (expected) typed += 1;
      expect(classifyQuestion(question), question).toEqual(
        expected ?? { type: UNCLASSIFIED, why: 'no rule places the question' },
      );
    }
    expect(typed).toBeGreaterThan(2000);
  });
});

/** The labelled patient questions and a generated log's, lower-cased. */
function fixtureQuestions(): string[] {
  const questions = [
    'patient-questions.jsonl',
    'patient-questions-heldout.jsonl',
    'patient-questions-final.jsonl',
  ].flatMap((file) =>
    readFileSync(`test/fixtures/${file}`, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { question: string }).question.toLowerCase()),
  );
  for (const line of productionLogLines({ records: 2000, seed: 3 }, newExpectations())) {
    const question = parsedOrNull(line.toString('utf8'))?.question;
    if (typeof question === 'string') questions.push(question.toLowerCase());
  }
  return questions;
}

function parsedOrNull(line: string): { question?: unknown } | null {
  try {
    return JSON.parse(line) as { question?: unknown } | null;
  } catch {
    return null; // the generator's deliberately broken lines
  }
}
