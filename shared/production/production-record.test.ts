import { describe, expect, it } from 'vitest';
import { SAFE_QUESTION_TYPES } from '../question-type/safe-types';
import { cleanProductionRecord, toIsoTime } from './production-record';

const safe = new Set(SAFE_QUESTION_TYPES);

describe('production records', () => {
  it.each([
    [{ question: 42, answer: 'a' }, 'question: expected a string'],
    [{ question: 'q', answer: 'a', latency_ms: -3 }, 'latency_ms: expected a non-negative number'],
    [{ question: 'q', answer: 'a', symptoms: ['cough', 7] }, 'symptoms: expected a string or a list of strings'],
    [
      { question: 'q', answer: 'a', ts: { when: 'today' } },
      'ts: expected an ISO 8601 string or epoch seconds/milliseconds',
    ],
  ])('drops a known field of the wrong kind as invalid_field: %j', (value, detail) => {
    expect(cleanProductionRecord(value as Record<string, unknown>, safe, {})).toMatchObject({
      ok: false,
      reason: 'invalid_field',
      detail,
    });
  });

  it("keeps a given safe question type and reads times in any of the writers' forms", () => {
    const result = cleanProductionRecord(
      {
        question: 'Is it contagious?',
        answer: 'No.',
        question_type: 'Information',
        timestamp: 1_777_000_000_000,
        symptoms: 'cough',
      },
      safe,
      {},
    );
    expect(result).toMatchObject({
      ok: true,
      record: {
        question_type: 'information',
        question_type_source: 'given',
        timestamp: '2026-04-24T03:06:40.000Z',
        symptoms: ['cough'],
      },
    });
    expect(toIsoTime('not a date')).toBeNull();
    expect(toIsoTime(1_777_000_000)).toBe('2026-04-24T03:06:40.000Z');
  });
});
