/**
 * Dates that the full-date rules of rules.ts do not take: a day and month without the year
 * ("3 Nov", "January 2nd", "the thirteenth of june"), compact and year-first forms ("04MAR1988", "1990-Sep-17",
 * "20230915"), and a day
 * and month in digits after a date cue ("seen on 17/09"). Every element of a date tied to a
 * person but the year is an identifier; a year alone, a month and year ("since March 1995", when
 * a condition began), an age or a duration is medical history and stays.
 */
import { type CueHints, hasCue } from './cue-scan';

export const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
/** Month names of other languages that English does not share ("april", "november" are in MONTH already). */
const FOREIGN_MONTH =
  '(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|mar[çc]o|maio|junho|julho|setembro|outubro|novembro|dezembro|januar|j[äa]nner|februar|m[äa]rz|juni|juli|oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|februari|maart|mei|augustus)';
/** Letters every one of FOREIGN_MONTH holds, looked for before the rule runs: most texts have none. */
const FOREIGN_MONTH_HINT =
  /vier|vrier|mars|avril|\bmai\b|juin|juil|ao[uû]t|embr|obre|enero|brero|marzo|abril|mayo|junio|julio|agosto|ubr|neiro|ereiro|mar[çc]o|maio|junho|julho|januar|j[äa]nner|februar|m[äa]rz|\bjun[ih]\b|\bjuli\b|oktober|dezember|gennaio|febbraio|aprile|maggio|giugno|luglio|maart|\bmei\b|augustus/;
/** Ordinals spelled out, as people dictate dates: "the twenty-first of August". */
const ORDINAL_WORD =
  '(?:(?:twenty|thirty)[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth';
const DAY = `(?:\\d{1,2}(?:st|nd|rd|th)?|${ORDINAL_WORD})`;
const YEAR = "(?:'\\d{2}|\\d{4}|\\d{2}(?![\\d:.]))";
/** Counts and doses that follow a day-like number: "May 2 tablets", "Mar 3 mg" are no dates. */
const NOT_AFTER = '(?!\\s*(?:mg|mcg|ml|%|units?|tabs?|tablets?|pills?|times|days?|hours?|weeks?|doses?|puffs?))';

/** Numeric dates: the parts must be a plausible day, month and year in some order. */
export function plausibleNumericDate(match: string): boolean {
  const parts = match.split(/[/.-]/).map(Number);
  if (parts.length !== 3) return false;
  const [a, b, c] = parts as [number, number, number];
  if (String(match.split(/[/.-]/)[0]).length === 4) return b >= 1 && b <= 12 && c >= 1 && c <= 31; // yyyy-mm-dd
  const dayMonth = (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
  return dayMonth && (match.split(/[/.-]/)[2]!.length === 2 || (c >= 1900 && c <= 2100));
}

/** A day and month in digits, in either order. */
function plausibleDayMonth(match: string): boolean {
  const [a, b] = match.split(/[/.]/).map(Number) as [number, number];
  return (a >= 1 && a <= 31 && b >= 1 && b <= 12) || (a >= 1 && a <= 12 && b >= 1 && b <= 31);
}

/** Words a date follows: "seen on 17/09", "appt 4/30", "due by 2/3", "and 29/4". */
const DATE_CUE_BEFORE =
  /(?:\b(?:on|by|since|from|until|till|til|for|is|appt|appointment|visit|dob|born|due|scheduled|booked|booking|seen|last|next|before|after|date|dated)|\d{1,2}[/.]\d{1,2}\s*(?:and|or|,|&|-|to))\W{0,3}$/i;
/**
 * "1/2", "3/4": a fraction; "7/10": a score out of ten. No day and month ("06/10" is one: scores have no zero in
 * front).
 */
function fractionOrScore(match: string): boolean {
  const [a, b] = match.split('/').map(Number) as [number, number];
  return !match.startsWith('0') && ((b <= 4 && a < b) || (b === 10 && a <= 10));
}
const WEEKDAY =
  '(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs?(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)';
const spelledMonth = (h: CueHints) => hasCue(h, 'month');
/** What the date rules read besides the cues (rules.ts works them out once per text). */
interface DateHints extends CueHints {
  digitRuns: number;
  yearLikeRun: boolean;
  ordinal: boolean;
  text: string;
}
/** What an ordinal counts when it is no day: "the 4th floor", "the 3rd dose", "the 20th of my cycle". */
const NOT_AN_ORDINAL_DAY =
  '\\b(?!\\s+(?:floor|day|week|dose|time|grade|percentile|centile|cycle|visit|round|attempt|trimester|month|year|birthday|of\\s+(?:the|my|his|her)))';

export const DATE_RULES = [
  {
    // Day then month, the year optional: "3 Nov", "9th April", "1st of October", "23. october 2004", "4 March 88".
    type: 'DATE' as const,
    pattern: () => new RegExp(`\\b${DAY}\\.?(?:\\s+of)?\\s+${MONTH}\\b\\.?(?:,?\\s+${YEAR})?${NOT_AFTER}`, 'gid'),
    applies: spelledMonth,
    accept: (m: string) => !/^\d+\s+may\b/.test(m) || /^\d+(?:st|nd|rd|th)/.test(m),
  },
  {
    // Day then a month in French, Spanish, Portuguese, Italian, German or Dutch: "15 janvier 1970", "3 de abril",
    // "26 de diciembre de 1972", "10. Oktober 1962", "1er mai".
    type: 'DATE' as const,
    pattern: () =>
      new RegExp(
        `\\b\\d{1,2}(?:er|º|°|\\.)?\\s+(?:de\\s+)?${FOREIGN_MONTH}\\b(?:,?\\s+(?:de\\s+|del\\s+)?(?:\\d{4}|'\\d{2})\\b)?${NOT_AFTER}`,
        'giud',
      ),
    applies: (h: DateHints) => FOREIGN_MONTH_HINT.test(h.lower),
  },
  {
    // Month then day, the year optional: "Nov. 2", "January 2nd", "june 14", "March the fourth".
    type: 'DATE' as const,
    pattern: () => new RegExp(`\\b${MONTH}\\.?,?\\s+(?:the\\s+)?${DAY}\\b(?:,?\\s+${YEAR})?${NOT_AFTER}`, 'gid'),
    applies: spelledMonth,
    // "may" in lower case is mostly the verb: "you may 2x the dose".
    accept: (m: string) => !/^may\b/.test(m) && !/^(?:mar|march|jan|june?|july?|aug|sept?|oct|nov|dec)\s+the$/i.test(m),
  },
  {
    // Compact and year-first: "04MAR1988", "1990-Sep-17", "1999 Jul 04", "12 10 1985".
    type: 'DATE' as const,
    pattern: () =>
      new RegExp(
        `\\b\\d{1,2}${MONTH}\\d{2,4}\\b|\\b(?:19|20)\\d{2}[-/ ]${MONTH}\\.?[-/ ]\\d{1,2}\\b|\\b\\d{1,2}\\s\\d{1,2}\\s(?:19|20)\\d{2}\\b`,
        'gid',
      ),
    applies: (h: DateHints) => h.digits >= 4 && (spelledMonth(h) || (h.yearLikeRun && h.digitRuns >= 3)),
    accept: (m: string) => !/^\d{1,2}\s\d{1,2}\s/.test(m) || plausibleNumericDate(m.replace(/\s/g, '/')),
  },
  {
    // Eight digits that make a date, year first: "20230915".
    type: 'DATE' as const,
    pattern: () => /(?<![\w-])(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?![\w-])/dg,
    applies: (h: CueHints & { longestRun?: number }) => (h.longestRun ?? 8) >= 8,
  },
  {
    // Day and month in digits after a date cue: "seen on 17/09", "appt 4/30", "22/4 and 29/4"; with a
    // dot they are decimals ("PSA went from 4.1 to 6.3"), and "7/10 in" is a pain score.
    type: 'DATE' as const,
    pattern: () =>
      /(?<![\d/.,-])\d{1,2}\/\d{1,2}(?![\d/%]|[.,]\d|\s*(?:%|of|mg|mcg|ml|tabs?|tablets?|pills?|cups?|doses?|strength|mmhg|in\b))/dg,
    applies: (h: DateHints) => h.digits >= 2 && h.text.includes('/'),
    accept: (m: string, text: string, start: number) =>
      plausibleDayMonth(m) && !fractionOrScore(m) && DATE_CUE_BEFORE.test(text.slice(Math.max(0, start - 24), start)),
  },
  {
    // An ordinal day after a date word: "born on the 4th", "see you on the 13th".
    type: 'DATE' as const,
    pattern: () =>
      new RegExp(
        `\\b(?:on|by|since|until|till|before|after|from|for|around|about)\\s+the\\s+(\\d{1,2}(?:st|nd|rd|th))${NOT_AN_ORDINAL_DAY}(?:\\s+(?:or|and|to|-)\\s+(?:the\\s+)?(\\d{1,2}(?:st|nd|rd|th))${NOT_AN_ORDINAL_DAY})?`,
        'gid',
      ),
    group: [1, 2],
    applies: (h: DateHints) => h.digits >= 1 && h.ordinal,
  },
  {
    // A weekday and the date after it, all of it: "Friday the 13th", "Wednesday 27th", "Thursday 9th January",
    // "Monday, 6 January 2025", "thurs 23rd may".
    type: 'DATE' as const,
    pattern: () =>
      new RegExp(
        `\\b${WEEKDAY}\\.?,?\\s+(?:the\\s+)?(?:${DAY}(?:\\s+of)?\\s+${MONTH}\\b\\.?(?:,?\\s+${YEAR})?|${MONTH}\\.?\\s+${DAY}\\b(?:,?\\s+${YEAR})?|\\d{1,2}(?:st|nd|rd|th)\\b)${NOT_AFTER}`,
        'gid',
      ),
    applies: (h: DateHints) => h.digits >= 1 && (h.ordinal || spelledMonth(h)),
  },
];
