import * as z from 'zod';

/** The 13 columns of the Hugging Face `lavita/MedQuAD` dataset, in its order. */
export const MEDQUAD_COLUMNS = [
  'document_id',
  'document_source',
  'document_url',
  'category',
  'umls_cui',
  'umls_semantic_types',
  'umls_semantic_group',
  'synonyms',
  'question_id',
  'question_focus',
  'question_type',
  'question',
  'answer',
] as const;

/** Cells arrive as strings, but CSV and spreadsheet exports turn ids into numbers; NaN/empty mean missing. */
const cell = z.preprocess((value) => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'boolean') return String(value);
  return value;
}, z.string().nullable());

/**
 * One row of a MedQuAD export. Every column is optional (a missing question or answer is
 * a counted drop reason, not a schema error); columns outside the layout are ignored.
 */
export const MedQuadRowSchema = z.object(
  Object.fromEntries(MEDQUAD_COLUMNS.map((name) => [name, cell.optional()])) as {
    [K in (typeof MEDQUAD_COLUMNS)[number]]: z.ZodOptional<typeof cell>;
  },
);

export type MedQuadRow = z.infer<typeof MedQuadRowSchema>;
