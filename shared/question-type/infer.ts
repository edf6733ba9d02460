/**
 * Question-type inference for production questions, which carry no type: the rules of
 * rules.ts in order (the medication-aware rules for unsafe questions first), the first that
 * matches wins. A question nothing places is `unclassified`, which is not on the default safe
 * list: the filter fails closed.
 */

import { mentionedMedicines } from './medicines';
import { branchSources } from './rule-branches';
import { RULE_PREFILTER, type RulePrefilter } from './rule-text';
import { QUESTION_TYPE_RULES as RULES } from './rules';

/** The type of a question no rule places. */
export const UNCLASSIFIED = 'unclassified';

export interface QuestionTyping {
  type: string;
  /** Why, in a few words, for the quarantine record ("medicine + amount or timing"). */
  why: string;
}

const SHORTHAND = /[’‘]|\bw\/|\bur?\b|\bhw\b|\bwat\b|\b(what|how)['’‘]?s\b/g;

/** Chat shorthand spelled out, so one cue matches both ("u" → "you", "whats" → "what is", "hw" → "how"). */
export function casualForm(question: string): string {
  // One scan for every rewrite: the replacer runs only where something matched.
  return question
    .toLowerCase()
    .replace(SHORTHAND, (found: string, word?: string) => {
      if (word) return `${word} is`;
      if (found === 'w/') return 'with ';
      if (found === 'u') return 'you';
      if (found === 'ur') return 'your';
      if (found === 'hw') return 'how';
      if (found === 'wat') return 'what';
      return "'";
    })
    .trim();
}

/** One top-level alternative of a rule's pattern (see rule-text.ts), compiled when a question first reaches it. */
interface Branch {
  rule: number;
  source: string;
  pattern?: RegExp;
}

/** Every rule's branches, in rule order; a rule that is one branch keeps its own regex. */
const BRANCHES: Branch[] = RULES.flatMap((rule, i) => {
  const bars = RULE_PREFILTER.cuts[i]!;
  if (bars.length === 0) return [{ rule: i, source: rule.pattern.source, pattern: rule.pattern }];
  // Cut where the build found the "|": a pattern changed since would be cut anywhere.
  if (bars.some((at) => rule.pattern.source[at] !== '|'))
    throw new Error(`question-type rule ${i} (${rule.type}) does not match its prefilter: rebuild`);
  return branchSources(rule.pattern.source, bars).map((source) => ({ rule: i, source }));
});

/**
 * Which branches a text can match (1 at each branch's place), found in one scan: each branch's
 * required strings are looked for at every position at once. Most questions contain the
 * strings of a handful of branches, and only those are run, in order.
 */
export const candidateBranches = prefilterOf(RULE_PREFILTER);

function prefilterOf({ always, scan: alternation, branchesFound }: RulePrefilter): (text: string) => Uint8Array {
  const base = new Uint8Array(BRANCHES.length);
  for (const branch of always) base[branch] = 1;
  const found = new Map(Object.entries(branchesFound));
  const scan = new RegExp(alternation, 'g');
  return (text: string): Uint8Array => {
    const candidates = base.slice();
    scan.lastIndex = 0;
    for (let match = scan.exec(text); match; match = scan.exec(text)) {
      scan.lastIndex = match.index + 1; // overlapping strings count too
      for (const branch of found.get(match[0])!) candidates[branch] = 1;
    }
    return candidates;
  };
}

/**
 * The inferred MedQuAD question type of a (normalised) question, and why: the first rule with
 * a branch that matches, which is the first rule whose pattern matches.
 */
export function classifyQuestion(question: string): QuestionTyping {
  const text = casualForm(question);
  const candidates = candidateBranches(text);
  let medicines: number | undefined; // counted once, and only when a candidate rule asks
  for (let i = 0; i < BRANCHES.length; i += 1) {
    if (!candidates[i]) continue;
    const branch = BRANCHES[i]!;
    const rule = RULES[branch.rule]!;
    if (rule.medicines && (medicines ??= mentionedMedicines(text).length) < rule.medicines) continue;
    branch.pattern ??= new RegExp(branch.source, rule.pattern.flags);
    if (branch.pattern.test(text)) return { type: rule.type, why: rule.why ?? 'question pattern' };
  }
  return { type: UNCLASSIFIED, why: 'no rule places the question' };
}

/** The inferred MedQuAD question type of a (normalised) question. */
export function inferQuestionType(question: string): string {
  return classifyQuestion(question).type;
}
