/**
 * The cue words that gate the number rules (street words, ID and record cues, postcode and
 * phone words, month names), and the trie cue-scan.ts walks to find them. build.mjs builds the
 * trie once and the bundles carry it as a literal (cue-trie.ts): built at every cold start, it
 * took about 15 ms.
 */
import {
  COLOMBIAN_STREET_TYPES,
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

/** A month name's first three letters: the rest of the name is checked where one is found. */
export const MONTH_CUES = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';

export const CUE_FAMILIES = ['street', 'id', 'mrn', 'postcode', 'phone', 'month'] as const;
export type CueFamily = (typeof CUE_FAMILIES)[number];

/**
 * Each family's cues, `|`-separated, in a little regex syntax: `\b` at either end (a word must
 * end there; every cue starts at one), `?` after a character, `[..]` of single characters,
 * `\.`, `\/`, `\s` and `\uXXXX`. Street words are whole words; month names take the letters after them.
 */
const CUES: Record<CueFamily, string> = {
  street: `${STREET_WORDS}|${STREET_ABBREVIATIONS.toLowerCase()}|${STREET_FIRST_WORDS}|${STREET_FIRST_AMBIGUOUS}|${FRENCH_STREET_TYPES}|${KOREAN_ROAD_ENDINGS}|${COLOMBIAN_STREET_TYPES}|${TYPES_AFTER_NAME}|box|psc|county|route|sector|h\\.?\\s?no|jl`,
  id: String.raw`\bpp\s?no|burgerservicenummer|\bcnp\b|\bic\s?no|licen[cs]e|\blic\b|\bdl\b|insur|\bins\b|member|\bmbr|policy|\bpol\b|group|\bgrp|subscriber|account|\bacct|\bacc\b|a\/c|passport|medicare|medicaid|mbi|nhs|health card|aadha|abha|national insurance|\bni\b|identification|\bid\b|benefit|plan|card|beneficiary|claim|\bclm|\bref|confirmation|\bconf|authori[sz]ation|\bauth|\brx|prescription|script|loyalty|rewards|employee|\bemp\b|staff|badge|student|voter|\btax|\btin\b|\bpan\b|\bsin\b|\bbsn|curp|\brfc\b|pps|kvnr|philhealth|ending|versicher|payroll|codice|tessera|\bdni\b|\bnie\b|\bnif\b|\bcpf\b|\bcns\b|\bnss\b|\bcin\b|cnic|pesel|\bnin\b|nhis|enrollee|\bsha\b|ayushman|sehat|ohip|\bihi\b|\bnhi\b|ssnit|medical aid|krankenvers|tarjeta|s[ée]cu|vitale|pasaporte|passeport|reisepass|personnummer|nric|mykad|\bnik\b|\bktp\b`,
  mrn: String.raw`\bpt\s?no|\bpt\s?#|\bcr\s?no|prontu|mrn|empi|rec|chart|patient|hosp|uhid|pid|crn|urn|\bmr\b|visit|encounter|\benc|\bfin\b|\bcsn\b|\bopd|\bipd|\bip\b|\bop\b|\breg|admission|dossier|\bpat\.?-?nr`,
  postcode: String.raw`zip|postal|post ?code|pin|plz|\bcp\b|c\.p\.|\bcap\b|\bcep\b|eircode|código|codigo`,
  phone: `${PHONE_CUE_WORDS}|reach`,
  month: MONTH_CUES,
};

/** What ends at a trie node: families whose cue ends here, and families whose cue must end a word here. */
interface CueNode {
  next: Map<number, CueNode>;
  anywhere: number;
  atWordEnd: number;
  /** A month name's first three letters (the rest is checked by MONTH_REST). */
  month: number;
}

const WHITESPACE = [0x20, 0x09, 0x0a, 0x0d, 0x0c, 0x0b, 0xa0];

/**
 * The trie of every family's cues in a form a bundle carries as a short literal. Node 0 is the
 * root and the others are numbered breadth first, so the children of each node in turn take
 * the next numbers.
 */
export interface CueTrie {
  /** For each node, its children's character codes as characters; nodes are separated by "|", which no cue holds. */
  children: string;
  /** For each node, three characters: its anywhere, atWordEnd and month family bits, each plus 0x30. */
  ends: string;
}

const node = (): CueNode => ({ next: new Map(), anywhere: 0, atWordEnd: 0, month: 0 });

export function buildCueTrie(): CueTrie {
  const root = node();
  CUE_FAMILIES.forEach((family, i) => {
    for (const cue of CUES[family].split('|')) {
      const wholeWord = family === 'street' || cue.endsWith('\\b');
      for (const spelling of spellings(cue.replace(/^\\b|\\b$/g, ''))) {
        let at = root;
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
  const nodes: CueNode[] = [root];
  for (let i = 0; i < nodes.length; i += 1) nodes.push(...nodes[i]!.next.values());
  return {
    children: nodes.map((n) => String.fromCharCode(...n.next.keys())).join('|'),
    ends: nodes.map((n) => String.fromCharCode(0x30 + n.anywhere, 0x30 + n.atWordEnd, 0x30 + n.month)).join(''),
  };
}

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
