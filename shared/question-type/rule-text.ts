import { requiredText } from './required-text';
import { QUESTION_TYPE_RULES } from './rules';

/**
 * Each rule's required strings (see required-text.ts), in rule order. build.mjs puts the
 * values themselves in the bundles, so that an action neither parses the patterns at every
 * cold start nor carries the regex parser. Rules that need a medicine are gated by that check
 * instead (one pass over the words): their long word lists would only slow the shared scan.
 */
export const RULE_TEXT: readonly (readonly string[] | null)[] = QUESTION_TYPE_RULES.map((rule) =>
  rule.medicines ? null : requiredText(rule.pattern),
);
