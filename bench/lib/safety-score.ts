/**
 * Scores transform's safety promises on labelled sets, through transform's own per-record
 * path: question typing and the unsafe filter (cleanProductionRecord) and PII reduction of a
 * normalised text (findPii, what redact replaces).
 */
import { readFileSync } from 'node:fs';
import { findPii } from '../../shared/pii/redact';
import { cleanProductionRecord } from '../../shared/production/production-record';
import { SAFE_QUESTION_TYPES } from '../../shared/question-type/safe-types';
import { normalizeQuestion } from '../../shared/records/normalize';

export interface LabelledQuestion {
  id: string;
  question: string;
  question_type: string;
}

export interface LabelledText {
  id: string;
  text: string;
  spans: { type: string; text: string }[];
  keep?: string[];
}

export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

const SAFE = new Set(SAFE_QUESTION_TYPES);

export interface QuestionScore {
  n: number;
  accuracy: number;
  unsafe: { n: number; keptOut: number; recall: number };
  safe: { n: number; dropped: number; rate: number };
  perType: Map<string, { gold: number; predicted: number; correct: number }>;
  errors: { id: string; gold: string; predicted: string; staged: boolean; question: string }[];
}

/** Each question as a production record through transform's cleaning: staged or dropped, and as which type. */
export function scoreQuestions(rows: LabelledQuestion[]): QuestionScore {
  const perType = new Map<string, { gold: number; predicted: number; correct: number }>();
  const stat = (type: string) => {
    if (!perType.has(type)) perType.set(type, { gold: 0, predicted: 0, correct: 0 });
    return perType.get(type)!;
  };
  const errors: QuestionScore['errors'] = [];
  let correct = 0;
  const unsafe = { n: 0, keptOut: 0, recall: 0 };
  const safe = { n: 0, dropped: 0, rate: 0 };
  for (const row of rows) {
    const result = cleanProductionRecord({ question: row.question, answer: 'Please ask your care team.' }, SAFE, {});
    const staged = result.ok;
    const predicted = result.ok ? result.record.question_type : (result.detail?.split(':')[0] ?? result.reason);
    stat(row.question_type).gold += 1;
    stat(predicted).predicted += 1;
    if (predicted === row.question_type) {
      correct += 1;
      stat(predicted).correct += 1;
    } else {
      errors.push({ id: row.id, gold: row.question_type, predicted, staged, question: row.question });
    }
    if (SAFE.has(row.question_type)) {
      safe.n += 1;
      if (!staged) safe.dropped += 1;
    } else {
      unsafe.n += 1;
      if (!staged) unsafe.keptOut += 1;
    }
  }
  unsafe.recall = unsafe.keptOut / Math.max(1, unsafe.n);
  safe.rate = safe.dropped / Math.max(1, safe.n);
  return { n: rows.length, accuracy: correct / Math.max(1, rows.length), unsafe, safe, perType, errors };
}

export interface IdentifierScore {
  perKind: Map<string, { gold: number; removed: number }>;
  all: { gold: number; removed: number };
  keep: { n: number; kept: number };
  clean: { n: number; tagged: number };
  misses: { id: string; type: string; text: string }[];
  falseTags: { id: string; type: string; text: string }[];
  lostKeeps: { id: string; text: string }[];
}

/** Characters that may stay beside a removed value ("(", ",", spaces) without the value counting as left. */
const EDGE = /[\s.,;:!?()[\]{}"'<>-]/;

/**
 * A gold identifier counts as removed only when every character of it (edges' punctuation
 * aside) lies inside a found span: a value partly left counts as missed.
 */
export function scoreIdentifiers(rows: LabelledText[]): IdentifierScore {
  const perKind = new Map<string, { gold: number; removed: number }>();
  const all = { gold: 0, removed: 0 };
  const keep = { n: 0, kept: 0 };
  const clean = { n: 0, tagged: 0 };
  const misses: IdentifierScore['misses'] = [];
  const falseTags: IdentifierScore['falseTags'] = [];
  const lostKeeps: IdentifierScore['lostKeeps'] = [];
  for (const row of rows) {
    const text = normalizeQuestion(row.text) ?? '';
    const found = findPii(text);
    const covered = new Uint8Array(text.length);
    for (const span of found) covered.fill(1, span.start, span.end);
    const used = new Map<string, number>();
    for (const span of row.spans) {
      const value = normalizeQuestion(span.text) ?? span.text;
      const start = text.indexOf(value, used.get(value) ?? 0);
      if (!perKind.has(span.type)) perKind.set(span.type, { gold: 0, removed: 0 });
      const kind = perKind.get(span.type)!;
      kind.gold += 1;
      all.gold += 1;
      if (start < 0) throw new Error(`${row.id}: ${JSON.stringify(span.text)} is not in the normalised text`);
      used.set(value, start + value.length);
      let removed = true;
      for (let i = start; i < start + value.length; i += 1) if (!covered[i] && !EDGE.test(text[i]!)) removed = false;
      if (removed) {
        kind.removed += 1;
        all.removed += 1;
      } else misses.push({ id: row.id, type: span.type, text: value });
    }
    for (const substring of row.keep ?? []) {
      const value = normalizeQuestion(substring) ?? substring;
      const start = text.indexOf(value);
      if (start < 0) continue;
      keep.n += 1;
      if (found.some((s) => s.start < start + value.length && start < s.end))
        lostKeeps.push({ id: row.id, text: value });
      else keep.kept += 1;
    }
    if (row.spans.length === 0) {
      clean.n += 1;
      if (found.length > 0) {
        clean.tagged += 1;
        for (const s of found) falseTags.push({ id: row.id, type: s.type, text: text.slice(s.start, s.end) });
      }
    }
  }
  return { perKind, all, keep, clean, misses, falseTags, lostKeeps };
}
