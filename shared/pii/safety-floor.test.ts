import { describe, expect, it } from 'vitest';
import { type LabelledText, readJsonl, scoreIdentifiers } from '../../bench/lib/safety-score';

/**
 * PII reduction on the held-out texts with identifiers (written apart from the rules and never
 * tuned on), through transform's normalisation. The floors are today's level, so a change that
 * loses ground fails; `npm run bench:safety` prints every figure.
 */
describe('identifiers on held-out texts', () => {
  const score = scoreIdentifiers(readJsonl<LabelledText>('test/fixtures/safety/identifiers-heldout.jsonl'));

  it('removes at least 92 % of identifiers of all kinds, names at least 90 %, each kind at least 80 %', () => {
    expect(score.all.gold).toBeGreaterThan(2000);
    expect(score.all.removed / score.all.gold).toBeGreaterThanOrEqual(0.92);
    expect(score.perKind.get('NAME')!.removed / score.perKind.get('NAME')!.gold).toBeGreaterThanOrEqual(0.9);
    for (const [kind, counts] of score.perKind) expect(counts.removed / counts.gold, kind).toBeGreaterThanOrEqual(0.8);
  });

  it('keeps at least 98 % of medical substrings, and tags at most 5 % of texts without identifiers', () => {
    expect(score.keep.kept / score.keep.n).toBeGreaterThanOrEqual(0.98);
    expect(score.clean.n).toBeGreaterThan(100);
    expect(score.clean.tagged / score.clean.n).toBeLessThanOrEqual(0.05);
  });
});
