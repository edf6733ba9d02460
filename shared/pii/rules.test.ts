import { describe, expect, it } from 'vitest';
import { FAMILY_GATES, PII_RULES, type TextHints } from './rules';

/** A text's hints with every cue present: only the fact under test is missing. */
function everythingBut(missing: Partial<TextHints>): TextHints {
  const lower =
    'hi my name is: mrn mrns licence insurance member policy account passport id card street box 1 record chart patient hospital ssn social call phone text number zip postal postcode area near from live http www.x.com localhost + i am this is dr thanks regards here born dob - end';
  return {
    digits: 40,
    digitRuns: 8,
    longestRun: 12,
    yearLikeRun: true,
    zipLikeRun: true,
    ordinal: true,
    letterBeforeDigit: true,
    capitalBeforeDigit: true,
    at: true,
    dot: true,
    colons: 9,
    upper: true,
    nameCue: true,
    spelledAt: true,
    text: 'AB 12345 on 3/4-5',
    lower,
    ...missing,
  };
}

describe('PII rule families', () => {
  it.each(PII_RULES.map((rule, i) => [i, rule.type, rule] as const).filter(([, type]) => FAMILY_GATES[type]))(
    'rule %i (%s) cannot apply where its family gate says no, so skipping the family changes nothing',
    (_, type, rule) => {
      const gate = FAMILY_GATES[type]!;
      // Every text the gate closes on, as far as the hints go: no name cue and no capital, or each count of digits.
      const closed =
        type === 'NAME'
          ? [everythingBut({ nameCue: false, upper: false })]
          : Array.from({ length: 30 }, (_, d) =>
              everythingBut({ digits: d, digitRuns: d, longestRun: d, yearLikeRun: d >= 4, zipLikeRun: d >= 5 }),
            ).filter((h) => !gate(h));
      expect(closed.length).toBeGreaterThan(0);
      expect(rule.applies, 'a gated rule has its own applies').toBeDefined();
      for (const hints of closed) expect(rule.applies!(hints), `with ${hints.digits} digits`).toBe(false);
    },
  );
});
