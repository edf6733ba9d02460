import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferQuestionType } from './infer';

describe('question-type inference', () => {
  it.each([
    ['What is (are) Autosomal recessive Glimmerfold disease ?', 'information'],
    ['What are the symptoms of Tarrow fever ?', 'symptoms'],
    ['Is Glimmerfold disease inherited ?', 'inheritance'],
    ['How many people are affected by Orlin palsy ?', 'frequency'],
    ['What are the treatments for Quenby syndrome ?', 'treatment'],
    ['Who is at risk for Tarrow fever? ?', 'susceptibility'],
  ])('reads the MedQuAD template of %s', (question, type) => {
    expect(inferQuestionType(question)).toBe(type);
  });

  it.each([
    ['can you die from shingles', 'outlook'],
    ['my dad was just told he has afib, what does that mean', 'information'],
    ['is it ok to take advil with my lisinopril', 'interactions with medications'],
    ['i missed my birth control pill yesterday', 'forget a dose'],
    ['does this run in families? my aunt had it', 'inheritance'],
    ['we both carry the sickle cell trait, will our kids have it', 'inheritance'],
    ['how do u know if ur kid has strep', 'symptoms'],
    ['she is on morphine drops, how much can she have for breakthrough pain', 'dose'],
    ['hw many drops of the vitamin d for a newborn', 'dose'],
    ['how can i lower my risk of a stroke', 'prevention'],
    ['what can i do so i dont get gout again', 'prevention'],
    ['how do I stop getting UTIs after sex', 'prevention'],
    ['what should i eat with high cholesterol', 'dietary'],
  ])('reads how patients ask: %s', (question, type) => {
    expect(inferQuestionType(question)).toBe(type);
  });

  it('is right on ≥85 % of a held-out set of patient-style questions written blind to the rules', () => {
    const rows = readFileSync('test/fixtures/patient-questions-final.jsonl', 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { question: string; question_type: string });
    const correct = rows.filter((row) => inferQuestionType(row.question) === row.question_type).length;
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(correct / rows.length).toBeGreaterThanOrEqual(0.85);
  });
});
