import { normalizeQuestionType } from '../records/normalize';
import { textList } from '../runtime/params';

/**
 * The question types the chatbot may learn to answer: the 20 the original pipeline kept.
 * Drug dosing, interactions, warnings and the like are left to a professional.
 */
export const SAFE_QUESTION_TYPES: readonly string[] = [
  'causes',
  'complications',
  'considerations',
  'dietary',
  'exams and tests',
  'genetic changes',
  'how can i learn more',
  'how does it work',
  'how effective is it',
  'information',
  'inheritance',
  'outlook',
  'prevention',
  'research',
  'stages',
  'storage and disposal',
  'support groups',
  'susceptibility',
  'symptoms',
  'why get vaccinated',
];

/**
 * The `safe_question_types` setting of every stage that filters by type: a JSON list or a
 * comma-separated string, compared case-insensitively; comes out normalised, sorted, unique.
 */
export const SafeQuestionTypesParam = textList()
  .transform((types) =>
    [...new Set(types.map((t) => normalizeQuestionType(t)).filter((t): t is string => Boolean(t)))].sort(),
  )
  .prefault([...SAFE_QUESTION_TYPES])
  .describe('question types kept; any other (unclassified included) is dropped as unsafe');
