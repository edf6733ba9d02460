/**
 * The cue words that gate the number rules (street words, ID and record cues, postcode and
 * phone words, month names), found in one walk over the lower-cased text: at each word start
 * a trie of every family's cues is followed as far as the text goes. Most texts have none, and
 * a regex of all the cues costs a try at every character. The rules these cues gate all start
 * their cue at a word boundary, so a cue is only looked for at one: "insur" counts in
 * "insurance", not in "reinsurance".
 */
import { trieAlternation } from './alternation-trie';
import {
  COLOMBIAN_STREET_TYPES,
  COMPOUND_STREET_ENDINGS,
  FRENCH_STREET_TYPES,
  KOREAN_ROAD_ENDINGS,
  STREET_ABBREVIATIONS,
  STREET_FIRST_AMBIGUOUS,
  STREET_FIRST_WORDS,
  STREET_WORDS,
  TYPES_AFTER_NAME,
} from './street-words';

/**
 * Words a phone number follows, in the languages patients write in: "call", "mi número es",
 * "Festnetz", "llamarme al", "rappelez moi au", "meu zap", "mob", "Ring".
 */
export const PHONE_CUE_WORDS =
  'call|phone|cell|mobile|mob|tel|telephone|text|number|reach me at|fax|whatsapp|zap|ring|número|numero|nummer|teléfono|telefono|telefone|telefon|téléphone|celular|cel|móvil|movil|handy|festnetz|portable|llamar|llámame|llamarme|ligar|joindre|appeler|rappelez|rufen|chiamare|chiamami';

export const CUE_FAMILIES = ['street', 'id', 'mrn', 'postcode', 'phone', 'month'] as const;
export type CueFamily = (typeof CUE_FAMILIES)[number];

/**
 * Each family's cues, `|`-separated, in a little regex syntax: `\b` at either end (a word must
 * end there; every cue starts at one), `?` after a character, `[..]` of single characters,
 * `\.`, `\/`, `\s` and `\uXXXX` (the bundles write every character above U+007F as one,
 * raw templates included). Street words are whole words; month names take the letters after them.
 */
const CUES: Record<CueFamily, string> = {
  street: `${STREET_WORDS}|${STREET_ABBREVIATIONS.toLowerCase()}|${STREET_FIRST_WORDS}|${STREET_FIRST_AMBIGUOUS}|${FRENCH_STREET_TYPES}|${KOREAN_ROAD_ENDINGS}|${COLOMBIAN_STREET_TYPES}|${TYPES_AFTER_NAME}|box|psc|county|route|sector|h\\.?\\s?no|jl`,
  id: String.raw`\bpp\s?no|burgerservicenummer|\bcnp\b|\bic\s?no|licen[cs]e|\blic\b|\bdl\b|insur|\bins\b|member|\bmbr|policy|\bpol\b|group|\bgrp|subscriber|account|\bacct|\bacc\b|a\/c|passport|medicare|medicaid|mbi|nhs|health card|aadha|abha|national insurance|\bni\b|identification|\bid\b|benefit|plan|card|beneficiary|claim|\bclm|\bref|confirmation|\bconf|authori[sz]ation|\bauth|\brx|prescription|script|loyalty|rewards|employee|\bemp\b|staff|badge|student|voter|\btax|\btin\b|\bpan\b|\bsin\b|\bbsn|curp|\brfc\b|pps|kvnr|philhealth|ending|versicher|payroll|codice|tessera|\bdni\b|\bnie\b|\bnif\b|\bcpf\b|\bcns\b|\bnss\b|\bcin\b|cnic|pesel|\bnin\b|nhis|enrollee|\bsha\b|ayushman|sehat|ohip|\bihi\b|\bnhi\b|ssnit|medical aid|krankenvers|tarjeta|s[ée]cu|vitale|pasaporte|passeport|reisepass|personnummer|nric|mykad|\bnik\b|\bktp\b`,
  mrn: String.raw`\bpt\s?no|\bpt\s?#|\bcr\s?no|prontu|mrn|empi|rec|chart|patient|hosp|uhid|pid|crn|urn|\bmr\b|visit|encounter|\benc|\bfin\b|\bcsn\b|\bopd|\bipd|\bip\b|\bop\b|\breg|admission`,
  postcode: String.raw`zip|postal|post ?code|pin|plz|\bcp\b|c\.p\.|\bcap\b|\bcep\b|eircode|código|codigo`,
  phone: `${PHONE_CUE_WORDS}|reach`,
  month: 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec',
};
const MONTHS = CUES.month;

/** What ends at a trie node: families whose cue ends here, and families whose cue must end a word here. */
interface CueNode {
  next: Map<number, CueNode>;
  anywhere: number;
  atWordEnd: number;
  /** A month name's first three letters (the rest is checked by MONTH_REST). */
  month: number;
}

const WHITESPACE = [0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x0b, 0xa0];

const node = (): CueNode => ({ next: new Map(), anywhere: 0, atWordEnd: 0, month: 0 });
const ROOT = node();
CUE_FAMILIES.forEach((family, i) => {
  for (const cue of CUES[family].split('|')) {
    const wholeWord = family === 'street' || cue.endsWith('\\b');
    for (const spelling of spellings(cue.replace(/^\\b|\\b$/g, ''))) {
      let at = ROOT;
      for (const code of spelling) {
        let child = at.next.get(code);
        if (!child) at.next.set(code, (child = node()));
        at = child;
      }
      if (family === 'month') at.month |= 1 << i;
      else if (wholeWord) at.atWordEnd |= 1 << i;
      else at.anywhere |= 1 << i;
    }
  }
});

/** Every spelling of a cue, as character codes: "licen[cs]e" is two, "h\\.?\\s?no" fourteen. */
function spellings(escapedCue: string): number[][] {
  const cue = escapedCue.replace(/\\u([\da-fA-F]{4})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  let out: number[][] = [[]];
  for (let i = 0; i < cue.length; i += 1) {
    let choices: number[];
    const c = cue[i]!;
    if (c === '\\') {
      const escaped = cue[(i += 1)]!;
      if (escaped === 's') choices = WHITESPACE;
      else if (escaped === '.' || escaped === '/') choices = [escaped.charCodeAt(0)];
      else throw new Error(`cue-scan: unsupported escape \\${escaped} in ${cue}`);
    } else if (c === '[') {
      const close = cue.indexOf(']', i);
      choices = [...cue.slice(i + 1, close)].map((ch) => ch.charCodeAt(0));
      i = close;
    } else if ('()*+{}^$'.includes(c)) {
      throw new Error(`cue-scan: unsupported syntax ${c} in ${cue}`);
    } else {
      choices = [c.charCodeAt(0)];
    }
    const optional = cue[i + 1] === '?';
    if (optional) i += 1;
    out = out.flatMap((prefix) => [...(optional ? [prefix] : []), ...choices.map((code) => [...prefix, code])]);
  }
  return out;
}

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
const DIGIT_MONTH = new RegExp(`\\d(?:${MONTHS})`);
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
const nodes: CueNode[] = [ROOT];
for (let i = 0; i < nodes.length; i += 1) for (const child of nodes[i]!.next.values()) nodes.push(child);
const numberOf = new Map(nodes.map((n, i) => [n, i]));
const NEXT = new Uint16Array(nodes.length * 128);
const OTHER_NEXT = new Map<number, number>();
const ANYWHERE = new Uint8Array(nodes.length);
const AT_WORD_END = new Uint8Array(nodes.length);
const MONTH_AT = new Uint8Array(nodes.length);
if (nodes.length > 0xffff) throw new Error('cue-scan: the cue trie outgrew its 16-bit node numbers');
nodes.forEach((n, i) => {
  ANYWHERE[i] = n.anywhere;
  AT_WORD_END[i] = n.atWordEnd;
  MONTH_AT[i] = n.month;
  for (const [code, child] of n.next) {
    if (code < 128) NEXT[i * 128 + code] = numberOf.get(child)!;
    else OTHER_NEXT.set(i * 0x10000 + code, numberOf.get(child)!);
  }
});
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
