import { hash } from 'node:crypto';
import * as z from 'zod';
import { SPLIT_NAMES, type SplitName } from '../bucket/keys';

export type SplitRatios = Record<SplitName, number>;

/**
 * `[60, 20, 20]`, `[0.6, 0.2, 0.2]` or `"60/20/20"`: three non-negative shares, scaled to sum to 1.
 */
export const SplitRatiosSchema = z
  .preprocess(
    (value) => (typeof value === 'string' ? value.split(/[/,:]/).map((part) => Number(part.trim())) : value),
    z.array(z.number().nonnegative().finite()).length(3, 'expected 3 shares: training, validation, evaluation'),
  )
  .refine((shares) => shares.reduce((a, b) => a + b, 0) > 0, 'the shares must not all be 0')
  .transform((shares): SplitRatios => {
    const total = shares.reduce((a, b) => a + b, 0);
    return { training: shares[0]! / total, validation: shares[1]! / total, evaluation: shares[2]! / total };
  });

/**
 * The split of a question: a seeded hash of its identity mapped onto the cumulative shares.
 * It depends on nothing but the question and the seed, so the same input always gives the
 * same split, a question never lands in two splits, and adding records moves no one.
 */
export function assignSplit(questionIdentity: string, seed: string, ratios: SplitRatios): SplitName {
  // One-shot: a Hash object per question cost twice as much.
  const digest = hash('sha256', `${seed}\u0000${questionIdentity}`, 'buffer');
  const position = digest.readUIntBE(0, 6) / 2 ** 48; // uniform in [0, 1)
  let upper = 0;
  for (const name of SPLIT_NAMES) {
    upper += ratios[name];
    if (position < upper) return name;
  }
  return 'evaluation'; // rounding at the top end
}
