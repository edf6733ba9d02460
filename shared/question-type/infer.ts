/**
 * Question-type inference for production questions, which carry no type: the rules of
 * rules.ts in order (the medication-aware rules for unsafe questions first), the first that
 * matches wins. A question nothing places is `unclassified`, which is not on the default safe
 * list: the filter fails closed.
 */

import { mentionedMedicines } from './medicines';
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
function casualForm(question: string): string {
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

/**
 * Which rules a text can match (1 at each rule's place), found in one scan: each rule's required strings (see
 * rule-text.ts) are looked for at every position at once. Most questions contain the strings
 * of a handful of rules, and only those are run, in order.
 */
export const candidateRules = prefilterOf(RULE_PREFILTER);

function prefilterOf({ always, scan: alternation, rulesFound }: RulePrefilter): (text: string) => Uint8Array {
  const base = new Uint8Array(RULES.length);
  for (const rule of always) base[rule] = 1;
  const found = new Map(Object.entries(rulesFound));
  const scan = new RegExp(alternation, 'g');
  return (text: string): Uint8Array => {
    const candidates = base.slice();
    scan.lastIndex = 0;
    for (let match = scan.exec(text); match; match = scan.exec(text)) {
      scan.lastIndex = match.index + 1; // overlapping strings count too
      for (const rule of found.get(match[0])!) candidates[rule] = 1;
    }
    return candidates;
  };
}

/** The inferred MedQuAD question type of a (normalised) question, and why. */
export function classifyQuestion(question: string): QuestionTyping {
  const text = casualForm(question);
  const candidates = candidateRules(text);
  let medicines: number | undefined; // counted once, and only when a candidate rule asks
  for (let i = 0; i < RULES.length; i += 1) {
    if (!candidates[i]) continue;
    const rule = RULES[i]!;
    if (rule.medicines && (medicines ??= mentionedMedicines(text).length) < rule.medicines) continue;
    if (rule.pattern.test(text)) return { type: rule.type, why: rule.why ?? 'question pattern' };
  }
  return { type: UNCLASSIFIED, why: 'no rule places the question' };
}

/** The inferred MedQuAD question type of a (normalised) question. */
export function inferQuestionType(question: string): string {
  return classifyQuestion(question).type;
}
