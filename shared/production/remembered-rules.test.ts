import { describe, expect, it } from 'vitest';
import { redact } from '../pii/redact';
import { classifyQuestion } from '../question-type/infer';
import { fingerprintHalves } from '../records/normalize';
import { reduceAndTypeQuestion, reduceAnswer, reduceText } from './remembered-rules';

describe('remembered redaction and typing', () => {
  it('reduces and counts a text with identifiers every time it comes back', () => {
    const text = 'Hi, this is Maria Lopez, my MRN is 44018327 and my number is 617-555-0142';
    const counts = {};
    const first = reduceText(text, counts);
    expect(reduceText(text, counts)).toBe(first);
    const once = redact(text).counts;
    expect(counts).toEqual(Object.fromEntries(Object.entries(once).map(([type, n]) => [type, 2 * n!])));
    expect(first).not.toContain('44018327');
  });

  it('gives a text without identifiers back as it is, first time and later', () => {
    const text = 'Asthma is a chronic disease of the airways that makes breathing hard.';
    const counts = {};
    expect(reduceText(text, counts)).toBe(text);
    expect(reduceText(text, counts)).toBe(text);
    expect(counts).toEqual({});
  });

  it('reduces and types a question as redact and classifyQuestion do, when it is asked again too', () => {
    const questions = [
      'how much ibuprofen can i give my 4 year old',
      'what are the symptoms of gout',
      'i took 3 of my moms pills by accident what do i do',
      'hi im Dana Whitfield, can I take tylenol with my lisinopril',
      'blue widgets in the kitchen',
    ];
    for (let round = 0; round < 2; round += 1)
      for (const question of questions) {
        const counts = {};
        const reduced = redact(question, counts).text;
        const found = {};
        expect(reduceAndTypeQuestion(question, found)).toEqual({ text: reduced, typing: classifyQuestion(reduced) });
        expect(found).toEqual(counts);
      }
  });

  it('reduces an answer as redact does, asked again or after another question, and fingerprints the pair', () => {
    const answers = [
      'Gout is a form of arthritis caused by uric acid crystals in a joint.',
      'Call Dr. Priya Natarajan at 617-555-0199 to book the follow-up visit.',
      'ok',
    ];
    const pair = new Uint32Array(2);
    const expected = new Uint32Array(2);
    for (const question of ['what causes gout', 'what is gout', 'what causes gout'])
      for (const answer of answers) {
        const counts = {};
        const found = {};
        expect(reduceAnswer(question, answer, found, pair)).toBe(redact(answer, counts).text);
        expect(found).toEqual(counts);
        fingerprintHalves([question, answer], expected);
        expect(pair).toEqual(expected);
      }
  });
});
