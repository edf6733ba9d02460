/** One question-type rule: the first rule in order whose pattern matches decides the type. */
export interface TypeRule {
  /** A MedQuAD `question_type` label. */
  type: string;
  /** Tried on the question's casual lower-case form (infer.ts). */
  pattern: RegExp;
  /** Why the rule decides, in a few words, for the quarantine record ("medicine + amount or timing"). */
  why?: string;
  /** The rule applies only to a question that mentions a medicine (2: at least two). */
  medicines?: 1 | 2;
}
