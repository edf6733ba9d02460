import { postcodeAfterAddress } from './address-rules';
import { cuedAddressSpans } from './cued-address';
import { knownNameSpans } from './known-name-spans';
import { FAMILY_GATES, PII_RULES, PII_TYPES, type PiiRule, type PiiType, type TextHints, textHints } from './rules';

export type RedactionCounts = Partial<Record<PiiType, number>>;

interface Span {
  start: number;
  end: number;
  type: PiiType;
  priority: number;
}

interface CompiledRule {
  type: PiiType;
  applies: PiiRule['applies'];
  accept: PiiRule['accept'];
  priority: number;
  groups: number[];
  build: PiiRule['pattern'];
  /** The rule's regex with match indices on, built on first use. */
  pattern?: RegExp;
}

/** The rules ready to run: capture groups as a list, priority by position, the regex built when first needed. */
const COMPILED: CompiledRule[] = PII_RULES.map((rule, priority) => ({
  type: rule.type,
  applies: rule.applies,
  accept: rule.accept,
  priority,
  groups: Array.isArray(rule.group) ? rule.group : [rule.group ?? 0],
  build: rule.pattern,
}));

/**
 * A rule's regex with match indices on. Rules written with the `d` flag are used as they are:
 * building a regex again parses it again, and the large patterns take milliseconds each.
 */
function patternOf(rule: CompiledRule): RegExp {
  if (rule.pattern) return rule.pattern;
  const built = rule.build();
  rule.pattern = built.flags.includes('d') ? built : new RegExp(built.source, `${built.flags}d`);
  return rule.pattern;
}

/** The compiled rules by type, each type behind its family gate (spans are ordered by priority afterwards). */
const FAMILIES: { gate?: (hints: TextHints) => boolean; rules: typeof COMPILED }[] = PII_TYPES.map((type) => ({
  gate: FAMILY_GATES[type],
  rules: COMPILED.filter((rule) => rule.type === type),
}));

/**
 * What every rule needs one of: a digit, "@", ":" or "." (addresses, numbers, URLs), an ASCII
 * capital (most name patterns start with one), the words "name" and "localhost", a spelled-out
 * "at", a greeting or sign-off or "here" (names next to them come in lower case too: "amber here"). Short fields
 * such as "web" or "fatigue, headache" have none, and skip the rules.
 */
const MAY_HOLD_PII =
  /[0-9@:.A-Z]|name|localhost|\b(?:dr|doc|nurse)\b|\sat\s|\[at\]|\(at\)|\b(?:hi+|hey+|hello+|dear)\b|\bhere\b|thank|thx|cheers|regards|sincerely|\blove\b|\bxo\b|ttyl/;

/**
 * Found after a cue word or around a street, and so more specific than a number found by its
 * shape alone: "policy number PL-634156-21" is one ID, "2-27-15 Kitazawa" one address, not a date.
 */
const CUED_TYPES = new Set<PiiType>(['ID', 'MRN', 'ADDRESS']);
const SHAPE_TYPES = new Set<PiiType>(['PHONE', 'ZIP', 'DATE']);
/**
 * Types whose overlapping spans are one identifier found in parts ("Thursday 9th January" and
 * "9th January", "+91 7352122806" and "7352122806").
 */
const JOINING_TYPES = new Set<PiiType>(['NAME', 'ADDRESS', 'DATE', 'PHONE']);

/** The value after a list's joining word: letters and digits with dashes or slashes, not a dose or a count. */
const NEXT_IN_LIST =
  /^\s*(?:,|and|or|&)\s*((?=[A-Za-z]{0,3}[-/]?\d)[A-Za-z0-9][A-Za-z0-9/-]{3,20}[A-Za-z0-9])\b(?!\s*(?:mg|mcg|ml|units?|%|times|days?|weeks?|years?)\b)/i;

/** What follows a number as often as another number does: a year ("and 2019"), a blood pressure ("or 120/80"). */
const YEAR_OR_PRESSURE = /^(?:(?:19|20)\d\d|\d{2,3}\/\d{2,3})$/;

/** An extension written after a phone number, in English, French, German, Spanish or Portuguese. */
const PHONE_EXTENSION = /^,?\s*(?:ext|extn|extension|x|poste|durchwahl|anexo|interno|ramal)\.?\s*\d{1,5}\b/i;

/** Every identifier the rules find, overlaps resolved: earlier rules win, then longer spans. */
export function findPii(text: string): Span[] {
  if (!MAY_HOLD_PII.test(text)) return [];
  const hints = textHints(text);
  const spans: Span[] = [];
  for (const family of FAMILIES) {
    if (family.gate && !family.gate(hints)) continue;
    for (const rule of family.rules) if (!rule.applies || rule.applies(hints)) collectSpans(rule, text, spans);
  }
  // An address after its label, whatever its shape.
  // It goes first: a name inside it ("Résidence Les Tilleuls") is part of the address.
  if (hints.digits > 0)
    for (const span of cuedAddressSpans(text, hints.lower)) spans.push({ ...span, type: 'ADDRESS', priority: -1 });
  // The postcode after each address ("…, Zürich – 8001"), however its country writes it.
  for (let i = 0, found = spans.length; i < found; i += 1) {
    if (spans[i]!.type !== 'ADDRESS') continue;
    const postcode = postcodeAfterAddress(text, spans[i]!.end);
    if (postcode) spans.push({ ...postcode, type: 'ZIP', priority: COMPILED.length });
  }
  // A second number after a cued one, joined by "and", "or" or a comma ("charts 6795-83052 and 1960-80").
  for (let i = 0, found = spans.length; i < found; i += 1) {
    const span = spans[i]!;
    if (span.type !== 'ID' && span.type !== 'MRN') continue;
    const next = NEXT_IN_LIST.exec(text.slice(span.end, span.end + 40));
    if (next && (next[1]!.match(/\d/g)?.length ?? 0) >= 4 && !YEAR_OR_PRESSURE.test(next[1]!)) {
      const start = span.end + next[0].length - next[1]!.length;
      spans.push({ start, end: start + next[1]!.length, type: span.type, priority: span.priority });
    }
  }
  // The extension after each phone number ("555-0134 ext 22", "418 555-0123 poste 4410").
  for (const span of spans) {
    if (span.type !== 'PHONE') continue;
    const extension = PHONE_EXTENSION.exec(text.slice(span.end, span.end + 24));
    if (extension) span.end += extension[0].length;
  }
  // Names the table knows come last: where they meet a pattern rule's name, the two join.
  for (const { start, end } of knownNameSpans(text, hints.upper, hints.nameCue, hints.lower)) {
    spans.push({ start, end, type: 'NAME', priority: COMPILED.length });
  }
  if (spans.length < 2) return spans;
  spans.sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start));
  const kept: Span[] = [];
  for (const span of spans) {
    const overlapping = kept.filter((k) => span.start < k.end && k.start < span.end);
    if (overlapping.length === 0) kept.push(span);
    // A number after its cue (ID, MRN) or in an address is that, though part of it looks like a
    // phone number, postcode or date: "policy number PL-634156-21" is one ID, not "PL-" and a phone number.
    else if (
      CUED_TYPES.has(span.type) &&
      overlapping.every((k) => SHAPE_TYPES.has(k.type) && k.start >= span.start && k.end <= span.end)
    ) {
      for (const k of overlapping) kept.splice(kept.indexOf(k), 1);
      kept.push(span);
    }
    // Two rules that find parts of one name or address ("Murphy" and "Murphy, Darius", "74 TER"
    // and "74 ter rue de la Roquette") redact all of it.
    else if (JOINING_TYPES.has(span.type) && overlapping.every((k) => k.type === span.type)) {
      for (const k of overlapping) {
        k.start = Math.min(k.start, span.start);
        k.end = Math.max(k.end, span.end);
      }
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** Adds the spans of one rule's matches that its `accept` keeps. */
function collectSpans(rule: CompiledRule, text: string, spans: Span[]): void {
  // exec() with lastIndex instead of matchAll(), which clones the regex on every call.
  const pattern = patternOf(rule);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match[0] === '') pattern.lastIndex += 1;
    for (const group of rule.groups) {
      const indices = match.indices?.[group];
      if (!indices) continue;
      const [start, end] = indices;
      if (rule.accept && !rule.accept(text.slice(start, end), text, start)) continue;
      spans.push({ start, end, type: rule.type, priority: rule.priority });
    }
  }
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
