import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assignSplit, SplitRatiosSchema } from './split';

const ratios = SplitRatiosSchema.parse([60, 20, 20]);

describe('seeded split', () => {
  it('accepts shares as fractions, percentages or "60/20/20", and refuses nonsense', () => {
    expect(SplitRatiosSchema.parse('60/20/20')).toEqual(ratios);
    expect(SplitRatiosSchema.parse([0.6, 0.2, 0.2]).training).toBeCloseTo(0.6);
    expect(SplitRatiosSchema.safeParse([1, 2]).success).toBe(false);
    expect(SplitRatiosSchema.safeParse([0, 0, 0]).success).toBe(false);
    expect(SplitRatiosSchema.safeParse([-1, 1, 1]).success).toBe(false);
  });

  it('lands within one percentage point of the shares on 20,000 questions', () => {
    const counts = { training: 0, validation: 0, evaluation: 0 };
    for (let i = 0; i < 20_000; i += 1) counts[assignSplit(`question number ${i}`, '42', ratios)] += 1;
    expect(Math.abs(counts.training / 20_000 - 0.6)).toBeLessThan(0.01);
    expect(Math.abs(counts.validation / 20_000 - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(counts.evaluation / 20_000 - 0.2)).toBeLessThan(0.01);
  });

  it('places a question by the first 48 bits of SHA-256 over seed, NUL and question, as earlier versions did', () => {
    // Splits written before stay valid only if this never changes: checked against a plain Hash.
    const position = (q: string) =>
      createHash('sha256').update('42').update('\u0000').update(q).digest().readUIntBE(0, 6) / 2 ** 48;
    const expected = (q: string) => (position(q) < 0.6 ? 'training' : position(q) < 0.8 ? 'validation' : 'evaluation');
    const questions = Array.from({ length: 2_000 }, (_, i) => `¿qué es la enfermedad ${i}? what is ${i}`);
    expect(questions.map((q) => assignSplit(q, '42', ratios))).toEqual(questions.map(expected));
  });

  it('depends on the seed and on nothing else', () => {
    const questions = Array.from({ length: 200 }, (_, i) => `q${i}`);
    const a = questions.map((q) => assignSplit(q, '42', ratios));
    expect(questions.map((q) => assignSplit(q, '42', ratios))).toEqual(a);
    expect(questions.map((q) => assignSplit(q, '43', ratios))).not.toEqual(a);
  });

  it('puts everything in training when the other shares are 0', () => {
    const all = SplitRatiosSchema.parse([1, 0, 0]);
    expect(new Set(Array.from({ length: 100 }, (_, i) => assignSplit(`q${i}`, 's', all)))).toEqual(
      new Set(['training']),
    );
  });
});
