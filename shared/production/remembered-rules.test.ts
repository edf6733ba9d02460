import { describe, expect, it, vi } from 'vitest';
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

  it('passes what one thread learned to another, which then uses it without working it out', async () => {
    vi.resetModules();
    const first = await import('./remembered-rules');
    first.noteWhatIsLearned(true);
    const question = 'what are the early signs of gout in the big toe';
    const answer = 'Gout often starts with sudden pain and swelling in the big toe joint.';
    const typed = first.reduceAndTypeQuestion(question, {});
    first.reduceAnswer(question, answer, {}, new Uint32Array(2));
    const learned = first.takeLearned()!;
    expect(learned.clean).toHaveLength(2);
    expect(learned.questions).toHaveLength(3);
    expect(learned.typings).toEqual([typed.typing]);
    expect(first.takeLearned()).toBeUndefined();
    first.noteWhatIsLearned(false);

    vi.resetModules();
    const second = await import('./remembered-rules');
    // A hand-made note that a text with an identifier is clean: only a remembered answer would keep it.
    const marked = 'My MRN is 44018327, what are the early signs of gout';
    const halves = new Uint32Array(2);
    fingerprintHalves([marked], halves);
    const markedAnswer = 'Call me at 617-555-0199 about the gout results.';
    const pair = new Uint32Array(2);
    fingerprintHalves([question, markedAnswer], pair);
    second.learn({
      clean: pair.slice(),
      questions: Uint32Array.of(halves[0]!, halves[1]!, 0),
      typings: learned.typings,
    });
    expect(second.reduceAndTypeQuestion(marked, {})).toEqual({ text: marked, typing: typed.typing });
    expect(second.reduceAnswer(question, markedAnswer, {}, pair)).toBe(markedAnswer);
    // Without the note, the same texts are reduced.
    expect(second.reduceAnswer('another question entirely', markedAnswer, {}, pair)).not.toContain('0199');
  });
});
