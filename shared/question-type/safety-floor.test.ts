import { describe, expect, it } from 'vitest';
import { type LabelledQuestion, readJsonl, scoreQuestions } from '../../bench/lib/safety-score';

/**
 * The promise transform makes, checked on the held-out patient questions (written apart from
 * the rules and never tuned on): unsafe questions stay out of staged data, safe ones mostly stay in.
 * `npm run bench:safety` prints the full figures.
 */
describe('question safety on held-out patient questions', () => {
  const score = scoreQuestions(readJsonl<LabelledQuestion>('test/fixtures/safety/questions-heldout.jsonl'));

  it('keeps at least 95 % of unsafe questions out of staged data', () => {
    expect(score.unsafe.n).toBeGreaterThan(500);
    expect(score.unsafe.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('drops at most 15 % of safe questions', () => {
    expect(score.safe.n).toBeGreaterThan(300);
    expect(score.safe.rate).toBeLessThanOrEqual(0.15);
  });
});
