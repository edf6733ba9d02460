import { requiredText } from './required-text';
import { QUESTION_TYPE_RULES } from './rules';

/**
 * Each rule's required strings (see required-text.ts), in rule order. build.mjs puts the
 * values themselves in the bundles, so that an action neither parses the patterns at every
 * cold start nor carries the regex parser.
 */
export const RULE_TEXT: readonly (readonly string[] | null)[] = QUESTION_TYPE_RULES.map((rule) =>
  requiredText(rule.pattern),
);
