import { RegExpParser } from '@eslint-community/regexpp';
import { requiredText } from './required-text';
import { branchSources } from './rule-branches';
import { QUESTION_TYPE_RULES } from './rules';

/**
 * What lets infer.ts run few patterns per question. Each rule's pattern is split into its
 * top-level alternatives ("branches"), tried one by one: a rule matches when one of them does,
 * a branch is compiled only when a question reaches it, and one scan over the question finds
 * which branches can match at all, from the literal strings each one requires
 * (required-text.ts). build.mjs puts the values themselves in the bundles, so that an action
 * neither parses the patterns at every cold start nor carries the regex parser. Rules that
 * need a medicine stay whole and are gated by that check instead (one pass over the words):
 * their long word lists would only slow the shared scan.
 */
export interface RulePrefilter {
  /** For each rule, where its pattern's source has a top-level "|": its branches lie between. */
  cuts: number[][];
  /** The branches (every rule's, numbered in rule order) without required strings: always candidates. */
  always: number[];
  /** Every required string, longest first, as one alternation. */
  scan: string;
  /**
   * For each string the scan can report, the branches it makes candidates: the scan reports the
   * longest string found at a position, and every string that is a prefix of it is there too.
   */
  branchesFound: Record<string, number[]>;
}

export const RULE_PREFILTER: RulePrefilter = rulePrefilter();

function rulePrefilter(): RulePrefilter {
  const cuts = QUESTION_TYPE_RULES.map((rule) => (rule.medicines ? [] : topLevelBars(rule.pattern)));
  const required = QUESTION_TYPE_RULES.flatMap((rule, i) =>
    rule.medicines
      ? [null]
      : branchSources(rule.pattern.source, cuts[i]!).map((source) =>
          requiredText(new RegExp(source, rule.pattern.flags)),
        ),
  );
  const always = required.flatMap((strings, branch) => (strings ? [] : [branch]));
  const strings = [...new Set(required.flatMap((list) => list ?? []))].sort((a, b) => b.length - a.length);
  const owners = new Map<string, number[]>();
  required.forEach((list, branch) => {
    for (const s of list ?? []) owners.set(s, [...(owners.get(s) ?? []), branch]);
  });
  return {
    cuts,
    always,
    scan: strings.map(escapeRegExp).join('|'),
    branchesFound: Object.fromEntries(strings.map((found) => [found, ownersOfPrefixes(found, owners)])),
  };
}

/** The places of the "|" that separate a pattern's top-level alternatives. */
function topLevelBars({ source, flags }: RegExp): number[] {
  const { alternatives } = new RegExpParser().parsePattern(source, 0, source.length, { unicode: flags.includes('u') });
  return alternatives.slice(1).map((alternative) => alternative.start - 1);
}

/** The branches that require `found` or one of its prefixes, each once. */
function ownersOfPrefixes(found: string, owners: ReadonlyMap<string, readonly number[]>): number[] {
  const branches = new Set<number>();
  for (let end = 1; end <= found.length; end += 1) {
    for (const branch of owners.get(found.slice(0, end)) ?? []) branches.add(branch);
  }
  return [...branches].sort((a, b) => a - b);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
