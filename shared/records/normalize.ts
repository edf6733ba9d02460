import { createHash } from 'node:crypto';

/**
 * The text normal form every stage compares and writes: Unicode NFC, whitespace runs
 * collapsed to one space, trimmed. Empty results become undefined (a missing value).
 */
export function normalizeText(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.normalize('NFC').replace(/\s+/gu, ' ').trim();
  return text === '' ? undefined : text;
}

/** Templated MedQuAD questions end in "? ?" ("Who is at risk for X? ?"); keep one mark. */
export function normalizeQuestion(value: string | null | undefined): string | undefined {
  const text = normalizeText(value);
  return text?.replace(/\?(\s*\?)+$/u, '?');
}

/** Question types compare case-insensitively ("Symptoms" is "symptoms"). */
export function normalizeQuestionType(value: string | null | undefined): string | undefined {
  return normalizeText(value)?.toLowerCase();
}

/**
 * The identity of a question for splitting and leakage checks: normalised and case-folded,
 * so "What is X?" and "what is x ?" cannot land in two splits.
 */
export function questionKey(question: string): string {
  return question.toLowerCase().replace(/\s+([?!.,;:])/gu, '$1');
}

/** The SHA-256 of normalised fields, field boundaries kept apart; the raw form of a fingerprint. */
export function fingerprintDigest(...fields: (string | undefined)[]): Buffer {
  const hash = createHash('sha256');
  for (const field of fields) hash.update(field ?? '\u0000').update('\u0001');
  return hash.digest();
}

/** A compact, stable record id: 16 bytes of the fields' digest as base64 (22 characters). */
export function fingerprint(...fields: (string | undefined)[]): string {
  return fingerprintId(fingerprintDigest(...fields));
}

export function fingerprintId(digest: Buffer): string {
  return digest.toString('base64').slice(0, 22);
}
