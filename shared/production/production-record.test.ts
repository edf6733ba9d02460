import { describe, expect, it } from 'vitest';
import { SAFE_QUESTION_TYPES } from '../question-type/safe-types';
import { cleanProductionRecord, hasValidFields, ProductionRecordSchema, toIsoTime } from './production-record';

const safe = new Set(SAFE_QUESTION_TYPES);

describe('production records', () => {
  it('accepts by hand exactly the records the schema accepts', () => {
    // Every kind of value JSON.parse can give, in every known field, alone and in pairs.
    const values: unknown[] = [
      ...[undefined, null, '', 'text', 0, -0, 12.5, -1, JSON.parse('1e400'), JSON.parse('-1e400')],
      ...[true, false, [], ['a'], ['a', 'b'], ['a', 2], [null], {}, { a: 1 }, '2026-01-01T00:00:00Z'],
    ];
    const fields = [...Object.keys(ProductionRecordSchema.shape), 'extra'];
    const records: Record<string, unknown>[] = [];
    for (const field of fields) for (const value of values) records.push({ [field]: value });
    for (const [i, first] of fields.entries())
      for (const second of fields.slice(i + 1))
        for (const a of values) for (const b of values.slice(0, 8)) records.push({ [first]: a, [second]: b });
    let rejected = 0;
    for (const record of records) {
      const accepted = ProductionRecordSchema.safeParse(record).success;
      expect(hasValidFields(record), JSON.stringify(record)).toBe(accepted);
      if (!accepted) rejected += 1;
    }
    expect(rejected).toBeGreaterThan(1000);
  });

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

  it('drops a question no rule places as unclassified, reduced for the quarantine, with the reason', () => {
    expect(
      cleanProductionRecord(
        { question: 'hmm ok so, mail me at dana@example.org, the thing from before', answer: 'Sure.' },
        safe,
        {},
      ),
    ).toEqual({
      ok: false,
      reason: 'unsafe_question_type',
      detail: 'unclassified: no rule places the question',
      questionType: 'unclassified',
      reduced: expect.objectContaining({ question: 'hmm ok so, mail me at [EMAIL], the thing from before' }),
    });
    // A team that accepts the risk lists the type as safe.
    expect(
      cleanProductionRecord(
        { question: 'hmm ok so the thing', answer: 'Sure.' },
        new Set([...safe, 'unclassified']),
        {},
      ).ok,
    ).toBe(true);
  });

  it("lets a record's own label only make the decision stricter", () => {
    const labelledSafe = {
      question: 'how many advil can i take at once',
      answer: 'Ask.',
      question_type: 'information',
    };
    expect(cleanProductionRecord(labelledSafe, safe, {})).toMatchObject({
      ok: false,
      detail: 'dose: medicine + amount or timing',
    });
    const labelledUnsafe = { question: 'what are the symptoms of gout', answer: 'Pain.', question_type: 'Dose' };
    expect(cleanProductionRecord(labelledUnsafe, safe, {})).toMatchObject({
      ok: false,
      detail: "own label: the record's own label",
      questionType: 'own label',
    });
    const placedOnlyByLabel = { question: 'hmm the thing from before', answer: 'Ok.', question_type: 'outlook' };
    expect(cleanProductionRecord(placedOnlyByLabel, safe, {})).toMatchObject({
      ok: true,
      record: { question_type: 'outlook', question_type_source: 'given' },
    });
  });

  it("reduces a record's own label before it is quarantined", () => {
    const result = cleanProductionRecord(
      { question: 'q?', answer: 'a', question_type: 'call me at 555-201-3344' },
      safe,
      {},
    );
    expect(result).toMatchObject({ ok: false, reduced: { question_type: 'call me at [PHONE]' } });
  });
});
