/**
 * The cue words that gate the number rules (street words, ID and record cues, postcode and
 * phone words), found in one pass over the lower-cased text instead of one regex per family:
 * most texts have none, and each family's scan costs as much as all of them together.
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
} from './street-words';

export const CUE_FAMILIES = ['street', 'id', 'mrn', 'postcode', 'phone', 'month'] as const;
export type CueFamily = (typeof CUE_FAMILIES)[number];

const SOURCES: Record<CueFamily, string> = {
  street:
    `\\b${trieAlternation(`${STREET_WORDS}|${STREET_ABBREVIATIONS.toLowerCase()}|${STREET_FIRST_WORDS}|${STREET_FIRST_AMBIGUOUS}|${FRENCH_STREET_TYPES}|${KOREAN_ROAD_ENDINGS}|${COLOMBIAN_STREET_TYPES}|box|psc|county|route|sector|h\\.?\\s?no`)}\\b` +
    `|[a-zß-ÿ]${trieAlternation(COMPOUND_STREET_ENDINGS)}\\.?\\s+\\d|\\b\\d{1,2}-\\d{1,2}-\\d{1,3}\\s+[a-zß-ÿ]`,
  id: String.raw`licen[cs]e|\blic\b|\bdl\b|insur|\bins\b|member|\bmbr|policy|\bpol\b|group|\bgrp|subscriber|account|\bacct|\bacc\b|a\/c|passport|medicare|medicaid|mbi|nhs|health card|aadha|abha|national insurance|\bni\b|identification|\bid\b|benefit|plan|card|beneficiary|claim|\bclm|\bref|confirmation|\bconf|authori[sz]ation|\bauth|\brx|prescription|script|loyalty|rewards|employee|\bemp\b|staff|badge|student|voter|\btax|\btin\b|\bpan\b|\bsin\b|\bbsn|curp|\brfc\b|pps|kvnr|philhealth|ending|versicher|payroll|codice|tessera|\bdni\b|\bnie\b|\bnif\b|\bcpf\b|\bcns\b|\bnss\b|\bcin\b|cnic|pesel|\bnin\b|nhis|enrollee|\bsha\b|ayushman|sehat|ohip|\bihi\b|\bnhi\b|ssnit|medical aid|krankenvers|tarjeta|s[ée]cu|vitale|pasaporte|passeport|reisepass|personnummer|nric|mykad|\bnik\b|\bktp\b`,
  mrn: String.raw`mrn|empi|rec|chart|patient|hosp|uhid|pid|crn|urn|\bmr\b|visit|encounter|\benc|\bfin\b|\bcsn\b|\bopd|\bipd|\bip\b|\bop\b|\breg|admission`,
  postcode: String.raw`zip|postal|post ?code|pin|plz|\bcp\b|c\.p\.|\bcap\b|eircode|código|codigo`,
  phone: String.raw`call|phone|cell|mobile|tel|text|number|reach|fax|whatsapp`,
  month: String.raw`\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?=[\s\d'.,-])|\d(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)`,
};
const SCAN = new RegExp(
  CUE_FAMILIES.map((family) => `(${family === 'street' ? SOURCES[family] : trieAlternation(SOURCES[family])})`).join(
    '|',
  ),
  'g',
);
const ALL = (1 << CUE_FAMILIES.length) - 1;
const CUE_BITS = Object.fromEntries(CUE_FAMILIES.map((family, i) => [family, 1 << i])) as Record<CueFamily, number>;

/** The hints a cue check reads and keeps: the lower-cased text, and the families found in it. */
export interface CueHints {
  digits: number;
  lower: string;
  cues?: number;
}

/** Which cue families occur in the text: one scan, kept on the hints for every rule that asks. */
export function hasCue(h: CueHints, family: CueFamily): boolean {
  h.cues ??= scanCues(h.lower);
  return (h.cues & CUE_BITS[family]) !== 0;
}

function scanCues(lower: string): number {
  let found = 0;
  SCAN.lastIndex = 0;
  for (let match = SCAN.exec(lower); match && found !== ALL; match = SCAN.exec(lower)) {
    for (let i = 0; i < CUE_FAMILIES.length; i += 1) if (match[i + 1] !== undefined) found |= 1 << i;
    // A word may be the cue of two families ("calle", "call"): look again from its next letter.
    SCAN.lastIndex = match.index + 1;
  }
  return found;
}
