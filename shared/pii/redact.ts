import { PII_RULES, PII_TYPES, type PiiType } from './rules';

export type RedactionCounts = Partial<Record<PiiType, number>>;

interface Span {
  start: number;
  end: number;
  type: PiiType;
  priority: number;
}

/** Every identifier the rules find, overlaps resolved: earlier rules win, then longer spans. */
export function findPii(text: string): Span[] {
  const spans: Span[] = [];
  PII_RULES.forEach((rule, priority) => {
    const pattern = new RegExp(rule.pattern.source, rule.pattern.flags.includes('d') ? rule.pattern.flags : `${rule.pattern.flags}d`);
    const groups = Array.isArray(rule.group) ? rule.group : [rule.group ?? 0];
    for (const match of text.matchAll(pattern)) {
      for (const group of groups) {
        const indices = match.indices?.[group];
        if (!indices) continue;
        const [start, end] = indices;
        if (rule.accept && !rule.accept(text.slice(start, end), text, start)) continue;
        spans.push({ start, end, type: rule.type, priority });
      }
    }
  });
  spans.sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start));
  const kept: Span[] = [];
  for (const span of spans) {
    if (!kept.some((k) => span.start < k.end && k.start < span.end)) kept.push(span);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Replaces personal identifiers with typed placeholders (`[EMAIL]`, `[NAME]`, …) and counts
 * them by type. The result is PII-reduced, not de-identified: rules miss what they do not
 * know. Values found are never returned, logged or counted by value.
 */
export function redact(text: string, counts: RedactionCounts = {}): { text: string; counts: RedactionCounts } {
  const spans = findPii(text);
  if (spans.length === 0) return { text, counts };
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += `${text.slice(at, span.start)}[${span.type}]`;
    at = span.end;
    counts[span.type] = (counts[span.type] ?? 0) + 1;
  }
  return { text: out + text.slice(at), counts };
}

export { PII_TYPES, type PiiType };
