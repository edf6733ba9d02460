/**
 * How a word is compared with the name lists: lower case, accents and a few letters that have
 * no decomposition folded to ASCII ("José" and "jose", "Søren" and "soren", "Łukasz" and
 * "lukasz"), a possessive "'s" dropped. The lists are ASCII; patients type names both ways.
 */
const MARKS = /[\u0300-\u036f]/g;
const LETTERS: Record<string, string> = { ø: 'o', ł: 'l', ı: 'i', ß: 'ss', æ: 'ae', œ: 'oe', đ: 'd', ð: 'd', þ: 'th' };
const UNDECOMPOSED = /[øłıßæœđðþ]/g;
const POSSESSIVE = /['’]s$/;
const NON_ASCII = /[^ -~]/;

export function foldName(word: string): string {
  let folded = word.toLowerCase().replace(POSSESSIVE, '');
  // Only words outside ASCII need the Unicode passes.
  if (NON_ASCII.test(folded)) {
    folded = folded
      .normalize('NFD')
      .replace(MARKS, '')
      .replace(UNDECOMPOSED, (c) => LETTERS[c]!);
  }
  return folded.replace(/’/g, "'");
}

/** 32-bit FNV-1a of a folded name: the name table stores these, sorted, instead of the names. */
export function nameHash(folded: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < folded.length; i += 1) {
    hash ^= folded.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
