import { type AST, RegExpParser } from '@eslint-community/regexpp';

/**
 * Literal strings one of which every match of a pattern contains (/^what causes\b/ needs
 * "what causes"; /\bsigns?\b|\bsymptoms?\b/ needs "sign" or "symptom"), or null when the
 * pattern guarantees none of at least three characters (/\d+ mg/ has only " mg"). A text
 * containing none of them cannot match, so the pattern need not be run on it.
 */
export function requiredText(pattern: RegExp): string[] | null {
  if (pattern.flags.includes('i')) return null; // literals would have to be compared caseless
  const ast = new RegExpParser().parsePattern(pattern.source, 0, pattern.source.length, {
    unicode: pattern.flags.includes('u'),
  });
  return ofAlternatives(ast.alternatives);
}

/** Shorter strings than this filter too little to be worth looking for. */
const MIN_LENGTH = 3;

function ofAlternatives(alternatives: AST.Alternative[]): string[] | null {
  const all: string[] = [];
  for (const alternative of alternatives) {
    const strings = ofSequence(alternative.elements);
    if (!strings) return null;
    all.push(...strings);
  }
  return [...new Set(all)];
}

/** The best choice among a sequence's literal runs and its mandatory groups. */
function ofSequence(elements: AST.Element[]): string[] | null {
  let best: string[] | null = null;
  let run = '';
  const consider = (strings: string[] | null) => {
    if (strings?.every((s) => s.length >= MIN_LENGTH) && (!best || score(strings) > score(best))) best = strings;
  };
  for (const element of elements) {
    if (element.type === 'Character') {
      run += String.fromCodePoint(element.value);
      continue;
    }
    // Assertions (\b, ^, lookarounds) match no characters: the literal run goes on across them.
    if (element.type === 'Assertion') continue;
    consider(run ? [run] : null);
    run = '';
    if (element.type === 'Group' || element.type === 'CapturingGroup') consider(ofAlternatives(element.alternatives));
    else if (element.type === 'Quantifier' && element.min >= 1) consider(ofSequence([element.element]));
    // Classes, sets, back-references and optional parts guarantee no literal.
  }
  consider(run ? [run] : null);
  return best;
}

/** Longer and fewer strings filter better. */
function score(strings: string[]): number {
  return Math.min(...strings.map((s) => s.length)) - strings.length / 100;
}
