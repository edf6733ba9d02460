import { requiredText } from './required-text';
import { QUESTION_TYPE_RULES } from './rules';

/**
 * The scan that finds which rules a question can match (see infer.ts), worked out from each
 * rule's required strings (required-text.ts). build.mjs puts the values themselves in the
 * bundles, so that an action neither parses the patterns at every cold start nor carries the
 * regex parser. Rules that need a medicine are gated by that check instead (one pass over the
 * words): their long word lists would only slow the shared scan.
 */
export interface RulePrefilter {
  /** The rules without required strings: always candidates. */
  always: number[];
  /** Every required string, longest first, as one alternation. */
  scan: string;
  /**
   * For each string the scan can report, the rules it makes candidates: the scan reports the
   * longest string found at a position, and every string that is a prefix of it is there too.
   */
  rulesFound: Record<string, number[]>;
}

export const RULE_PREFILTER: RulePrefilter = rulePrefilter(
  QUESTION_TYPE_RULES.map((rule) => (rule.medicines ? null : requiredText(rule.pattern))),
);

function rulePrefilter(required: readonly (readonly string[] | null)[]): RulePrefilter {
  const always = required.flatMap((strings, rule) => (strings ? [] : [rule]));
  const strings = [...new Set(required.flatMap((list) => list ?? []))].sort((a, b) => b.length - a.length);
  const owners = new Map<string, number[]>();
  required.forEach((list, rule) => {
    for (const s of list ?? []) owners.set(s, [...(owners.get(s) ?? []), rule]);
  });
  return {
    always,
    scan: strings.map(escapeRegExp).join('|'),
    rulesFound: Object.fromEntries(strings.map((found) => [found, rulesOfPrefixes(found, owners)])),
  };
}

/** The rules that require `found` or one of its prefixes, each once. */
function rulesOfPrefixes(found: string, owners: ReadonlyMap<string, readonly number[]>): number[] {
  const rules = new Set<number>();
  for (let end = 1; end <= found.length; end += 1) {
    for (const rule of owners.get(found.slice(0, end)) ?? []) rules.add(rule);
  }
  return [...rules].sort((a, b) => a - b);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
