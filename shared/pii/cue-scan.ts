/**
 * The cue words of cue-trie-source.ts (street words, ID and record cues, postcode and phone
 * words, month names) that gate the number rules, found in one walk over the lower-cased text:
 * at each word start the trie of every family's cues is followed as far as the text goes. Most
 * texts have none, and a regex of all the cues costs a try at every character. The rules these
 * cues gate all start their cue at a word boundary, so a cue is only looked for at one: "insur"
 * counts in "insurance", not in "reinsurance".
 */
import { trieAlternation } from './alternation-trie';
import { CUE_TRIE } from './cue-trie';
import { CUE_FAMILIES, type CueFamily, MONTH_CUES } from './cue-trie-source';
import { COMPOUND_STREET_ENDINGS } from './street-words';

export { CUE_FAMILIES, type CueFamily, PHONE_CUE_WORDS } from './cue-trie-source';

/** \\b's word characters: ASCII letters, digits and the underscore. */
function isWordCode(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x5f || (code >= 0x41 && code <= 0x5a)
  );
}
const isWordAt = (text: string, at: number) => at >= 0 && at < text.length && isWordCode(text.charCodeAt(at));

/**
 * After a month's first three letters, the rest of its name ("uary", "tember", none), then no
 * further letter: "Nov", "nov.", "November)" and "04mar1988" name a month, "maybe", "sepsis" and
 * "decrease" do not. The month rules end every month name so (at a word boundary or a digit).
 */
const MONTH_REST = /^(?:uary|ruary|ch|il|e|y|ust|tember|t|ober|ember)?(?![a-z_])/;
/** A street word with its type inside, before its number: "schulgasse 12", "kerkstraat 395a". */
const COMPOUND_BEFORE_NUMBER = new RegExp(`[a-zß-ÿ]${trieAlternation(COMPOUND_STREET_ENDINGS)}\\.?$`);
const SPACE_THEN_DIGIT = /\s+\d/g;
/** Japanese block numbers before the district: "2-27-15 kitazawa". */
const BLOCK_NUMBER = /\b\d{1,2}-\d{1,2}-\d{1,3}\s+[a-zß-ÿ]/;
/** A month name right after a digit: "12jan2024". */
const DIGIT_MONTH = new RegExp(`\\d(?:${MONTH_CUES})`);
const CUE_BIT = Object.fromEntries(CUE_FAMILIES.map((family, i) => [family, 1 << i])) as Record<CueFamily, number>;
const ALL = (1 << CUE_FAMILIES.length) - 1;

/** The hints a cue check reads and keeps: the lower-cased text, and the families found in it. */
export interface CueHints {
  digits: number;
  lower: string;
  cues?: number;
}

/** Which cue families occur in the text: one scan, kept on the hints for every rule that asks. */
export function hasCue(h: CueHints, family: CueFamily): boolean {
  h.cues ??= scanCues(h.lower);
  return (h.cues & CUE_BIT[family]) !== 0;
}

/**
 * The trie as flat tables, walked once per character of every text: node 0 is the root, a
 * child's number is at NEXT[node * 128 + code] for ASCII (0: none) and in OTHER_NEXT for the
 * few cues with letters outside ASCII ("straße", "número").
 */
const NODES = CUE_TRIE.ends.length / 3;
if (NODES > 0xffff) throw new Error('cue-scan: the cue trie outgrew its 16-bit node numbers');
const NEXT = new Uint16Array(NODES * 128);
const OTHER_NEXT = new Map<number, number>();
const ANYWHERE = new Uint8Array(NODES);
const AT_WORD_END = new Uint8Array(NODES);
const MONTH_AT = new Uint8Array(NODES);
for (let i = 0, parent = 0, child = 1; i < CUE_TRIE.children.length; i += 1) {
  const code = CUE_TRIE.children.charCodeAt(i);
  if (code === 0x7c) parent += 1;
  else if (code < 128) NEXT[parent * 128 + code] = child++;
  else OTHER_NEXT.set(parent * 0x10000 + code, child++);
}
for (let n = 0; n < NODES; n += 1) {
  ANYWHERE[n] = CUE_TRIE.ends.charCodeAt(3 * n) - 0x30;
  AT_WORD_END[n] = CUE_TRIE.ends.charCodeAt(3 * n + 1) - 0x30;
  MONTH_AT[n] = CUE_TRIE.ends.charCodeAt(3 * n + 2) - 0x30;
}
const nextNode = (at: number, code: number) =>
  code < 128 ? NEXT[at * 128 + code]! : (OTHER_NEXT.get(at * 0x10000 + code) ?? 0);

function scanCues(lower: string): number {
  let found = 0;
  let afterWord = false;
  for (let start = 0; start < lower.length && found !== ALL; start += 1) {
    const code = lower.charCodeAt(start);
    const word = isWordCode(code);
    // A walk from each word start only (a letter outside ASCII starts one too: "út", "ulica").
    if (!afterWord && (word || code >= 128)) {
      for (let at = nextNode(0, code), i = start + 1; at !== 0; i += 1) {
        found |= ANYWHERE[at]!;
        if (AT_WORD_END[at] && isWordAt(lower, i - 1) !== isWordAt(lower, i)) found |= AT_WORD_END[at]!;
        if (MONTH_AT[at] && MONTH_REST.test(lower.slice(i, i + 8))) found |= MONTH_AT[at]!;
        at = i < lower.length ? nextNode(at, lower.charCodeAt(i)) : 0;
      }
    }
    afterWord = word;
  }
  if (!(found & CUE_BIT.street) && hasStreetByNumber(lower)) found |= CUE_BIT.street;
  if (!(found & CUE_BIT.month) && DIGIT_MONTH.test(lower)) found |= CUE_BIT.month;
  return found;
}

/** A street word that only shows with its number: the type inside the word, or Japanese blocks. */
function hasStreetByNumber(lower: string): boolean {
  SPACE_THEN_DIGIT.lastIndex = 0;
  for (let m = SPACE_THEN_DIGIT.exec(lower); m; m = SPACE_THEN_DIGIT.exec(lower))
    if (COMPOUND_BEFORE_NUMBER.test(lower.slice(Math.max(0, m.index - 16), m.index))) return true;
  return BLOCK_NUMBER.test(lower);
}
