import { foldName, nameHash } from './name-fold';
import { NAME_TABLE } from './name-table';
import { decodeNameTable, type HashTables } from './name-table-format';

/** First parts of hyphenated surnames that are no name alone: "Fitz-Simmons", "Abdel-Rahman". */
const NAME_PREFIXES = new Set(['fitz', 'abdel', 'abdul', 'abu', 'ben', 'bin', 'mac', 'del', 'van', 'von']);

let tables: HashTables | undefined;

/** Decoded at first use: a few milliseconds, against a hundred for Sets of the words. */
function wordTables(): HashTables {
  tables ??= decodeNameTable(NAME_TABLE);
  return tables;
}

/**
 * Whether a word is a first name or surname that is not also an English word or a medicine
 * ("Sunita", "Nwosu", "José"; not "Grace", not "Tylenol"). The table holds 32-bit hashes, so a
 * word that is no name passes for one about once in 20,000 lookups: rare, and only ever over-redacts.
 */
export function isKnownName(word: string): boolean {
  const folded = foldName(word);
  // "Abdel-Rahman", "Jean-Luc": a name when each part is; "Epstein-Barr", "Cedars-Sinai" are not.
  if (folded.includes('-')) {
    const parts = folded.split('-').filter((part) => part.length >= 3);
    return parts.length > 0 && parts.every((part) => inTable(part) || NAME_PREFIXES.has(part));
  }
  return inTable(folded) || (folded.includes("'") && inTable(folded.replace("'", '')));
}

/**
 * Whether a word is a common English word (SCOWL sizes up to 50: "nothing", "surgery", "grace").
 * A capitalised word that is not one, nor a medicine, and stands where a person does is a name.
 */
export function isCommonWord(word: string): boolean {
  return inTable(foldName(word).replace("'", ''), wordTables().words);
}

function inTable(folded: string, hashes = wordTables().names): boolean {
  const hash = nameHash(folded);
  let low = 0;
  let high = hashes.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = hashes[mid]!;
    if (value === hash) return true;
    if (value < hash) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
