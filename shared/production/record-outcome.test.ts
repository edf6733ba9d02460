import { describe, expect, it } from 'vitest';
import { SAFE_QUESTION_TYPES } from '../question-type/safe-types';
import { type OutcomeContext, recordOutcome } from './record-outcome';

const context: OutcomeContext = {
  safeTypes: new Set(SAFE_QUESTION_TYPES),
  maxRecordBytes: 65536,
  format: 'jsonl',
  source: { key: 'data/production/retraining_data_raw/a.jsonl', etag: 'e1' },
};

describe('record outcomes', () => {
  it('counts unknown fields under a PII-reduced name: a field named like an address never leaves as is', () => {
    const counts = { redactions: {}, unknownFields: {}, unsafeTypes: {} };
    const value = { question: 'what causes gout', answer: 'Uric acid.', 'jane.roe@example.org': true, model: 'v3' };
    expect(recordOutcome({ position: 1, value }, context, counts)).toMatchObject({ kind: 'keep' });
    expect(counts.unknownFields).toEqual({ '[EMAIL]': 1, model: 1 });
    expect(JSON.stringify(counts)).not.toContain('jane');
  });

  it('counts a question kept out by the type that decided it', () => {
    const counts = { redactions: {}, unknownFields: {}, unsafeTypes: {} };
    const value = { question: 'can i take 3 tylenol at once', answer: 'Ask.' };
    const outcome = recordOutcome({ position: 7, value }, context, counts);
    expect(outcome).toMatchObject({ kind: 'drop', reason: 'unsafe_question_type', line: 7 });
    expect(counts.unsafeTypes).toEqual({ dose: 1 });
    expect(JSON.parse((outcome as { quarantine: string }).quarantine)).toMatchObject({
      detail: 'dose: medicine + amount or timing',
      line: 7,
    });
  });
});
