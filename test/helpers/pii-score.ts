import { readFileSync } from 'node:fs';
import { findPii, PII_TYPES, type PiiType } from '../../shared/pii/redact';

export interface LabelledSentence {
  id: string;
  text: string;
  spans: { type: PiiType; text: string }[];
}

export interface TypeScore {
  gold: number;
  predicted: number;
  found: number; // gold spans overlapped by a prediction of the same type
  correct: number; // predictions overlapping a gold span of the same type
  recall: number;
  precision: number;
}

export function loadLabelled(path: string): LabelledSentence[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledSentence);
}

/** Locates each gold span's text in the sentence (the n-th occurrence for the n-th repeat). */
function goldPositions(sentence: LabelledSentence) {
  const used = new Map<string, number>();
  return sentence.spans.map((span) => {
    let from = used.get(span.text) ?? 0;
    const start = sentence.text.indexOf(span.text, from);
    if (start < 0) throw new Error(`${sentence.id}: span ${JSON.stringify(span.text)} is not in the text`);
    used.set(span.text, start + span.text.length);
    from = start;
    return { type: span.type, start, end: start + span.text.length };
  });
}

/** Recall and precision per type and overall: a prediction counts when it overlaps a gold span of its type. */
export function scorePii(sentences: LabelledSentence[]) {
  const byType = Object.fromEntries(
    PII_TYPES.map((t) => [t, { gold: 0, predicted: 0, found: 0, correct: 0 }]),
  ) as Record<PiiType, Omit<TypeScore, 'recall' | 'precision'>>;
  const misses: { id: string; type: string; text: string }[] = [];
  const falseAlarms: { id: string; type: string; text: string }[] = [];
  for (const sentence of sentences) {
    const gold = goldPositions(sentence);
    const predicted = findPii(sentence.text);
    const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
      a.start < b.end && b.start < a.end;
    for (const g of gold) {
      byType[g.type].gold += 1;
      if (predicted.some((p) => p.type === g.type && overlaps(p, g))) byType[g.type].found += 1;
      else misses.push({ id: sentence.id, type: g.type, text: sentence.text.slice(g.start, g.end) });
    }
    for (const p of predicted) {
      byType[p.type].predicted += 1;
      if (gold.some((g) => g.type === p.type && overlaps(p, g))) byType[p.type].correct += 1;
      else falseAlarms.push({ id: sentence.id, type: p.type, text: sentence.text.slice(p.start, p.end) });
    }
  }
  const withRates = (s: Omit<TypeScore, 'recall' | 'precision'>): TypeScore => ({
    ...s,
    recall: s.gold ? s.found / s.gold : 1,
    precision: s.predicted ? s.correct / s.predicted : 1,
  });
  const total = Object.values(byType).reduce(
    (acc, s) => ({
      gold: acc.gold + s.gold,
      predicted: acc.predicted + s.predicted,
      found: acc.found + s.found,
      correct: acc.correct + s.correct,
    }),
    { gold: 0, predicted: 0, found: 0, correct: 0 },
  );
  return {
    perType: Object.fromEntries(Object.entries(byType).map(([t, s]) => [t, withRates(s)])) as Record<
      PiiType,
      TypeScore
    >,
    overall: withRates(total),
    misses,
    falseAlarms,
  };
}
