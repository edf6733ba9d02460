/**
 * The personal-identifier rules. Each finds spans in the original text; where spans overlap,
 * the rule listed first wins. A rule with a `group` redacts only that capture group (the
 * identifier after its cue: in "my name is Dana", only "Dana").
 */
import { isMedicineWord } from '../question-type/medicines';
import { ADDRESS_RULES, POSTCODE_AFTER_CUE } from './address-rules';
import { caseless } from './caseless';
import { hasCue, PHONE_CUE_WORDS } from './cue-scan';
import { DATE_RULES, MONTH, plausibleNumericDate } from './date-rules';
import { isKnownName } from './known-names';
import { NAME_CONTEXT_RULES } from './name-context-rules';
import { NOT_NAMES, namesAPerson, personLike } from './name-words';
import { STREET_ABBREVIATIONS, STREET_WORDS } from './street-words';

export const PII_TYPES = [
  'EMAIL',
  'URL',
  'IP',
  'CARD',
  'SSN',
  'MRN',
  'ID',
  'DATE',
  'PHONE',
  'ADDRESS',
  'ZIP',
  'NAME',
] as const;
export type PiiType = (typeof PII_TYPES)[number];

/** Cheap facts about a text that let most rules skip it without running their pattern. */
export interface TextHints {
  /** Digits in all. */
  digits: number;
  /** Runs of consecutive digits ("03/14/1985" has 3), the longest, and whether one is exactly 4 or 5 long. */
  digitRuns: number;
  longestRun: number;
  yearLikeRun: boolean;
  zipLikeRun: boolean;
  /** A number with an ordinal's ending ("9th", "23RD"). */
  ordinal: boolean;
  /** A letter right before a digit ("SW1A", "d02"), and an ASCII capital right before one. */
  letterBeforeDigit: boolean;
  capitalBeforeDigit: boolean;
  at: boolean;
  dot: boolean;
  colons: number;
  upper: boolean;
  /** Some word that can precede a name ("my name is", "Dr.", "Thanks,") occurs. */
  nameCue: boolean;
  text: string;
  lower: string;
  /** An e-mail address spelled out ("jane at gmail dot com", "bob[at]mail[dot]com") may be there. */
  spelledAt: boolean;
  /** Whether a web domain occurs: worked out by the first rule that asks, then kept. */
  domain?: boolean;
  /** The cue families found in the text (cue-scan.ts), looked for once. */
  cues?: number;
}

/** Greetings and sign-offs: people type the name after them in lower case too ("hey marcus"). */
const GREETING_OR_SIGN_OFF =
  /(?:^|[:.!?]\s+|\n)\s*(?:hi|hey|hello|dear|good (?:morning|afternoon|evening))\b|\b(?:thanks|thank you|regards|cheers|best|sincerely|love|xo|ttyl)\b[,!.]*\s*\S+\s*$/;
const SPELLED_AT = /\s(?:at|\[at\]|\(at\))\s|\[at\]|\(at\)|\{at\}/;

const NAME_CUES =
  /name|\b(?:hi|hey|hello|dear|good morning|good afternoon|good evening|xo)\b|\b(?:i am|i'?m|this is|it'?s|it is|call me|patient|pt|dr|doctor|mr|mrs|ms|miss|nurse|prof|my|thanks?|thank you|regards|best|cheers|sincerely|love|sent by|here|born|dob|d\.o\.b)\b|(?:^|\s)[-–—]/;

/**
 * Where a name typed in lower case may stand in a text without capitals: "kwame here", "its ngaire", "user rosa lee",
 * "-anil".
 */
const LOWER_CASE_NAME_CUES =
  /\bhere\b|\bi'?m\b|\bim\b|\bi am\b|\bit'?s\b|\bits\b|\buser\b|\bresident\b|\binsured\b|\bcontact\b|\bpt\b|\bpatient\b|[-–—]\s*\p{L}+\s*$|\bfrom\s+\S+\s*$/u;

const DIGIT_RUNS = /\d+/g;
const ORDINAL_ENDINGS = new Set(['st', 'nd', 'rd', 'th']);
const isAsciiLetter = (code: number) => (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
const ASCII_UPPER = /[A-Z]/;
const ANY_UPPER = /\p{Lu}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the range spans all of ASCII, control characters included
const NON_ASCII = /[^\x00-\x7f]/;

export function textHints(text: string): TextHints {
  // Regex scans rather than a loop over every character: most texts have few digits, and a
  // capital near the start ends the search for one.
  let digits = 0;
  let digitRuns = 0;
  let longestRun = 0;
  let yearLikeRun = false;
  let zipLikeRun = false;
  let ordinal = false;
  let letterBeforeDigit = false;
  let capitalBeforeDigit = false;
  DIGIT_RUNS.lastIndex = 0;
  for (let run = DIGIT_RUNS.exec(text); run; run = DIGIT_RUNS.exec(text)) {
    const length = run[0].length;
    digits += length;
    digitRuns += 1;
    if (length > longestRun) longestRun = length;
    if (length === 4) yearLikeRun = true;
    if (length === 5) zipLikeRun = true;
    const before = run.index > 0 ? text.charCodeAt(run.index - 1) : 0;
    if (isAsciiLetter(before)) {
      letterBeforeDigit = true;
      if (before <= 0x5a) capitalBeforeDigit = true;
    }
    if (!ordinal)
      ordinal = ORDINAL_ENDINGS.has(text.slice(DIGIT_RUNS.lastIndex, DIGIT_RUNS.lastIndex + 2).toLowerCase());
  }
  let colons = 0;
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) colons += 1;
  const upper = ASCII_UPPER.test(text) || (NON_ASCII.test(text) && ANY_UPPER.test(text));
  const lower = text.toLowerCase();
  return {
    digits,
    digitRuns,
    longestRun,
    yearLikeRun,
    zipLikeRun,
    ordinal,
    letterBeforeDigit,
    capitalBeforeDigit,
    at: text.includes('@'),
    dot: text.includes('.'),
    colons,
    upper,
    nameCue:
      upper || lower.includes('name') || GREETING_OR_SIGN_OFF.test(lower)
        ? NAME_CUES.test(lower)
        : LOWER_CASE_NAME_CUES.test(lower),
    spelledAt: SPELLED_AT.test(lower),
    text,
    lower,
  };
}

/** A street's name and its type, after a house number: " Elm Street" in "1187 Elm Street". */
const STREET_AFTER = new RegExp(`^\\s+(?:[\\p{L}'’-]+\\s+){1,2}(?:${STREET_WORDS}|${STREET_ABBREVIATIONS})\\b`, 'iu');

/** Whether a short number is the house number of the street after it. */
function houseNumber(number: string, text: string, end: number): boolean {
  return /^\d{1,5}[a-z]?$/i.test(number) && STREET_AFTER.test(text.slice(end, end + 48));
}

/** A rule that only fires after one of these cue words (and on a text with a capital letter for names). */
const cue =
  (words: RegExp, needsCapital = true) =>
  (h: TextHints) =>
    h.nameCue && (!needsCapital || h.upper) && words.test(h.lower);

export interface PiiRule {
  type: PiiType;
  /**
   * Builds the rule's regex (global). redact.ts calls it once, when a text first gets past the
   * rule's gates: parsing all the patterns at load cost every cold start about 14 ms, and a
   * small file reaches only a few of them.
   */
  pattern: () => RegExp;
  /** When false for a text, the pattern cannot match it and is not run (most texts have no digits, no "@"). */
  applies?: (hints: TextHints) => boolean;
  /** Capture group(s) holding the identifier (default: the whole match). */
  group?: number | number[];
  /** Rejects a candidate that only looks like an identifier (a version number, a dose). */
  accept?: (match: string, text: string, start: number) => boolean;
}

/** US state and territory abbreviations, as addresses write them. */
export const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
/** An ID cue somewhere in a text with a number, looked for once (cue-scan.ts). */
const hasIdCue = (h: TextHints) => h.digits >= 4 && hasCue(h, 'id');
/** The words an identifier number follows, in any case. */
const ID_CUE_WORDS = [
  "driver'?s?'? licen[cs]e|driving licen[cs]e|licen[cs]e|lic|dl",
  // A card's number only with its qualifier: "card no. 5588-7989-1631", "savings card # 7055 6209 125"; a passport
  // or an identity card abbreviated ("pp no. m8877446", "IC no 850412-14-5567"); member IDs run together.
  'card\\s*(?:no\\.?|#|number|ending)|pp\\s?no\\.?|ic\\s?no\\.?|memberid|member_id|burgerservicenummer|cnp',
  'health insurance|insurance|insurer|ins|member(?:ship)?|mbr|policy|pol|subscriber|beneficiary|benefits?|group|grp|plan|medicare|medicaid|mbi',
  'account|acct|acc|a/c|claim|clm|case|confirmation|conf|prior auth(?:ori[sz]ation)?|authori[sz]ation|auth',
  'rx|prescription|script|loyalty|rewards|employee|emp|payroll|staff|badge|student|voter',
  'versichertennummer|versicherungsnummer|krankenversichertennummer|codice fiscale|tessera sanitaria|dni|nie|nif|cpf|cns|nss|cin',
  'passport|nhs|aadhaar|aadhar|abha|national insurance|ni|identification|tax|tin|pan|sin|bsn|curp|rfc|ppsn|pps|kvnr|philhealth|health card|id',
  // National and health numbers of more countries: "CNIC 37633-8623829-0", "PESEL 58121005963", "OHIP #
  // 1031-632-039-NN".
  'cnic|pesel|nin|nhis(?: enrollee)?|enrollee|sha|ayushman(?: card)?|sehat card|ohip|ihi|nhi|ssnit|medical aid|krankenversicherung|' +
    'tarjeta sanitaria|tarjeta|num[ée]ro de s[ée]cu(?:rit[ée] sociale)?|s[ée]cu|carte vitale|pasaporte|passeport|reisepass|personnummer|nric|mykad|nik|ktp|sa id',
].join('|');
/** What may stand between the cue and the value: "number", "no.", "#", "ID", "ending in". */
const ID_QUALIFIERS =
  'identifier|id|number|nbr|no\\.?|num|#|card|code|ref(?:erence)?|ending(?: in| with)?|last four|last 4';
const ID_CONNECTORS = 'is|was|=|:|#|-|no\\.?|number';
/**
 * Short words of running text, never the letters before or after an ID's digits: "benefits account for 30 to 40
 * percent", "the group age 60 or older".
 */
const SMALL_WORDS = '(?:for|of|to|in|at|on|by|is|was|and|or|age|the|up|per|off|all)\\b';
/** The same after the digits, with units and times ("… 16 mg", "… 9 am"); not before, where "AN" begins a UK NI number. */
const SMALL_WORDS_AFTER = '(?:for|of|to|in|at|on|by|is|was|and|or|age|the|up|per|off|all|as|an|am|pm|mg|ml)\\b';
/**
 * The value: letters and digits with dashes (dots only between digits: "123.456.789-09"), and up to
 * three more digit groups after single spaces ("8643 370 075 PD", "MVZ 4168 3523 13"), with a
 * two-letter suffix at the end.
 */
const ID_VALUE = `(?:(?!${SMALL_WORDS})[A-Za-z]{1,3}[ ](?=\\d))?(?=[A-Za-z0-9/.-]*\\d)[A-Za-z0-9](?:[A-Za-z0-9/-]|\\.(?=\\d)){0,24}(?:[ ](?=[A-Za-z0-9-]*\\d)[A-Za-z0-9][A-Za-z0-9-]{0,12}){0,6}(?:[ ](?!${SMALL_WORDS_AFTER})[A-Za-z]{1,2}\\b)?(?![A-Za-z0-9])`;
const TLDS = 'com|org|net|edu|gov|io|co|us|uk|ca|info|health|me|app|ly|de|fr|nl|au|in';
const DOMAIN_HINT = new RegExp(`\\.(?:${TLDS})\\b`);
const hasDomain = (h: TextHints) => (h.domain ??= h.dot && DOMAIN_HINT.test(h.lower));
/** A state abbreviation then five digits, the shape the state-and-ZIP rule looks for. */
const STATE_ZIP_SHAPE = /[A-Z]{2}\.?,?\s+\d{5}/;

/** A name before a phone number: "Contact Beatriz Souza 622 229 496", "— Emeka Klein, 555-1996". */
const CAPITALISED_WORD_BEFORE = /\p{Lu}\p{Ll}+\s+$/u;
const CAPITALISED_WORD_AND_COMMA_BEFORE = /\p{Lu}\p{Ll}+,\s*$/u;

/** The few words before a position, lower-cased: the cue a number follows. */
function before(text: string, start: number, chars = 24): string {
  return text.slice(Math.max(0, start - chars), start).toLowerCase();
}

/** Version and build numbers look like IP addresses and dates ("version 4.2.0.17"). */
const afterVersionCue = (text: string, start: number) =>
  /\b(?:version|ver|v|build|release|update|firmware|app)\.?\s*$/i.test(before(text, start));

/** The Luhn check digit of payment card numbers: it rules out nine in ten long numbers. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function cardNumber(match: string): boolean {
  const digits = match.replace(/\D/g, '');
  return digits.length >= 13 && digits.length <= 19 && !/^(\d)\1+$/.test(digits) && passesLuhn(digits);
}

/** "Boise, ID 83702": Idaho and its ZIP code, not an ID. */
const stateAndZip = (m: string, text: string, start: number) =>
  /^\d{5}(?:-\d{4})?$/.test(m) && /,\s*ID\s*$/.test(text.slice(Math.max(0, start - 8), start));

/** A range of values ("30-400", "135-145"): a lab's reference range, not an identifier. */
function isRange(value: string): boolean {
  const range = /^(\d{1,4}(?:\.\d+)?)-(\d{1,4}(?:\.\d+)?)$/.exec(value);
  return range !== null && Number(range[1]) <= Number(range[2]);
}

/** An identifier after an ID cue: at least four characters, two of them digits. */
/** Letters and digits enough for an identifier; with a dot, enough digits not to be a decimal ("Plan B 1.5 mg"). */
const idLike = (match: string) => {
  const digits = match.match(/\d/g)?.length ?? 0;
  return match.length >= 4 && digits >= (match.includes('.') ? 6 : 2);
};

/** What follows a five-digit count, not a ZIP code: "10000 people", "12000 steps", "50000 IU". */
const NOT_A_COUNT =
  '\\b(?!\\s*(?:people|persons|births|patients|cases|mg|mcg|units|iu|times|years|steps|calories|feet|ft|miles|\\w*%))';

const COUNT_RANGE =
  /^\d{5}\s*(?:-|to|and|or)\s*\d{4,6}\s*(?:people|persons|births|patients|cases|mg|mcg|units|iu|times|years|steps|calories|feet|ft|miles|%)/i;

/** Units, lab and vital-sign abbreviations that follow numbers in medical text: not postcodes. */
const UNIT_LETTERS = new Set(
  'IU MG ML MCG BP HR RR PM AM CC KG LB MM CM UL DL IV IM PO PR SC SQ QD HS AC PC OD OS OU BMI'.split(' '),
);

/** Roles a name follows without "my": "subscriber Folake Khumalo", "newborn Çağla", "witness Zoë Hồ". */
const ROLES =
  'subscriber|member|insured|guarantor|beneficiary|patient|newborn|baby|infant|attending|provider|physician|surgeon|pharmacist|nurse|therapist|caregiver|carer|spouse|witness|doorman|neighbou?r|daughter|son|wife|husband|mother|father|sister|brother|grandson|granddaughter|contact|guardian|parent';
/** Who a name is given for with "called" or "named": "a nurse called Jun"; not "a protein called GTPases". */
const NAMED_PERSONS =
  'someone|somebody|guy|man|woman|girl|boy|lady|gentleman|person|friend|doctor|dr|nurse|child|kid|baby|son|daughter|one|pharmacist|consultant|surgeon|specialist|therapist|physio|neighbou?r|colleague|coworker|classmate|teacher|student|patient|gp|midwife|cousin|brother|sister|uncle|aunt|husband|wife|partner|boyfriend|girlfriend';

const RELATIVES =
  'son|daughter|wife|husband|mom|mother|mum|dad|father|brother|sister|friend|grandma|grandmother|grandpa|grandfather|baby|partner|child|kid|boyfriend|girlfriend|fiance|fiancee|aunt|uncle|cousin|niece|nephew|neighbor|neighbour|patient';

/** A name: one to three capitalised words (O'Neil, Jean-Luc, García). */
const NAME_WORD = "\\p{Lu}(?=[\\p{L}'’-]*\\p{Ll})[\\p{L}'’-]+(?![\\w-]*\\d)";
/** Surname particles: van der Berg, de la Cruz, da Silva, Ní Bhriain, bin Salman. */
const PARTICLE =
  '(?:de|da|das|do|dos|di|du|des|del|della|la|le|van|von|der|den|ter|ten|bin|binti|bint|ibn|al|el|ní|ni|nic|mac|mc|st\\.?|y)';
// A particle only before another word of the name: "Sandhoff di" in "Sandhoff disease" is none.
const NAME = `(${NAME_WORD}(?:[^\\S\\n]+(?:${NAME_WORD}|${PARTICLE}(?=[^\\S\\n]+\\p{Lu}))){0,3})`;
/** Two or more capitalised words: a full name, safe to take without a cue word before it. */
const FULL_NAME = `(${NAME_WORD}(?:[^\\S\\n]+${PARTICLE}){0,2}[^\\S\\n]+${NAME_WORD}(?:[^\\S\\n]+${NAME_WORD})?)`;
/** After a greeting or sign-off, a name typed in lower case: one or two words of letters. */
const LOWER_NAME = "(\\p{L}[\\p{L}'’-]{1,20}(?:\\s+\\p{Lu}[\\p{L}'’-]+)?)";
/** After an unambiguous cue ("my name is"), people also type names in lower case. */
const ANY_CASE_NAME = "([\\p{L}][\\p{L}'’-]+(?:\\s+[A-Z][\\p{L}'’-]+){0,2})";

const PERSON_TITLE_BEFORE = /\b(?:mr|mrs|ms|miss)\.?\s+$/i;
const notCommonWord = (match: string, text: string, start: number) => {
  const first = match
    .split(/\s+/)[0]!
    .toLowerCase()
    .replace(/['’]s$/, '');
  return !NOT_NAMES.has(first) && !isMedicineWord(first) && namesAPerson(match, text, start);
};

/**
 * Facts without which a whole type's rules cannot apply, checked once per text instead of rule by
 * rule: every number rule wants four digits or more, every name rule a name cue. rules.test.ts
 * holds each rule's `applies` to its family's fact.
 */
const fourDigits = (h: TextHints) => h.digits >= 4;
export const FAMILY_GATES: Partial<Record<PiiType, (hints: TextHints) => boolean>> = {
  SSN: fourDigits,
  MRN: fourDigits,
  DATE: (h) => h.digits >= 1 || hasCue(h, 'month'),
  PHONE: fourDigits,
  ZIP: (h) => h.digits >= 2,
  NAME: (h) => h.nameCue || h.upper,
  CARD: (h) => h.digits >= 13,
  ID: fourDigits,
  ADDRESS: (h) => h.digits >= 1,
};

export const PII_RULES: PiiRule[] = [
  {
    type: 'EMAIL',
    pattern: () => /\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/dg,
    applies: (h) => h.at,
  },
  {
    // Spelled out: "jane dot doe at gmail dot com", "bob[at]mail[dot]com", "sara (at) outlook.com". A
    // plain " at " needs a spelled " dot " too: "look at www.example.org" is a web address.
    type: 'EMAIL',
    pattern: () =>
      new RegExp(
        `\\b[\\w+-]+(?:\\s*(?:\\[dot\\]|\\(dot\\)|\\sdot\\s|\\.)\\s*[\\w+-]+)*\\s*(?:\\[at\\]|\\(at\\)|\\{at\\})\\s*[\\w-]+(?:\\s*(?:\\[dot\\]|\\(dot\\)|\\sdot\\s|\\.)\\s*[\\w-]+)*?\\s*(?:\\[dot\\]|\\(dot\\)|\\sdot\\s|\\.)\\s*(?:${TLDS})\\b` +
          `|\\b[\\w+-]+(?:\\s(?:dot|underscore)\\s[\\w+-]+)*\\sat\\s[\\w-]+(?:\\sdot\\s[\\w-]+)*?\\sdot\\s(?:${TLDS})\\b`,
        'gid',
      ),
    applies: (h) => h.spelledAt,
  },
  {
    type: 'URL',
    pattern: () => /\b(?:https?:\/\/|www\.)[^\s<>"']*[^\s<>"'.,;:!?)\]]/dgi,
    applies: (h) => h.lower.includes('http') || h.lower.includes('www.'),
  },
  {
    type: 'URL',
    pattern: () => new RegExp(`\\b(?:[a-z0-9-]+\\.)+(?:${TLDS})(?::\\d+)?/[^\\s<>"']*[^\\s<>"'.,;:!?)\\]]`, 'gid'),
    applies: hasDomain,
  },
  {
    type: 'URL',
    pattern: () => new RegExp(`\\b(?:[a-z0-9-]+\\.)+(?:${TLDS})\\b(?![.@-]\\w)`, 'gid'),
    applies: hasDomain,
    accept: (m) => !/^(?:e\.g|i\.e|a\.m|p\.m)$/i.test(m) && /[a-z]{2,}\./i.test(m),
  },
  {
    type: 'URL',
    pattern: () => /\blocalhost(?::\d+)?(?:\/[^\s<>"']*)?/dgi,
    applies: (h) => h.lower.includes('localhost'),
  },
  {
    type: 'IP',
    // Not the end of a longer dotted number: "06.12.34.56.78" is a French phone number.
    pattern: () => /(?<!\d\.)\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b(?!\.\d)/dg,
    applies: (h) => h.digitRuns >= 4 && h.dot,
    accept: (_, text, start) => !afterVersionCue(text, start),
  },
  {
    type: 'IP',
    pattern: () =>
      /(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![\w:])/dgi,
    applies: (h) => h.colons >= 2,
  },
  {
    // A payment card: 13 to 19 digits, in groups or not, that pass the Luhn check.
    type: 'CARD',
    // Not after "+": "+49 152 62657344" is a phone number that happens to pass the Luhn check.
    pattern: () => /(?<![\d+-]|\+\d{0,3}\s?)\d(?:[ -]?\d){12,18}(?![\d-])/dg,
    applies: (h) => h.digits >= 13,
    accept: cardNumber,
  },
  {
    type: 'SSN',
    pattern: () => /\b(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}\b/dg,
    applies: (h) => h.digits >= 9 && h.digitRuns >= 3,
  },
  {
    type: 'SSN',
    pattern: () =>
      /\b(?:ssn|social security(?: number| no\.?| #)?|ss#)\s*(?:is|:|#)?\s*(\d{9}|\d{3}[- ]\d{2}[- ]\d{4})\b/dgi,
    group: 1,
    applies: (h) => h.digits >= 9 && /ss|social/.test(h.lower),
  },
  {
    // The last four after their cue: "SSN last 4 9927", "social security ending in 2840".
    type: 'SSN',
    pattern: () =>
      /\b(?:ssn|social security(?: number| no\.?| #)?|ss#)\s*(?:last\s*(?:4|four)(?:\s*digits)?|ending(?:\s+in)?|ends\s+in)\s*(?:is|:|#|-)?\s*(\d{4})\b/dgi,
    group: 1,
    applies: (h) => h.digits >= 4 && /ss|social/.test(h.lower),
  },
  // A number that carries its cue: "MRN-KE-004471", "ENC-34898049".
  {
    type: 'MRN',
    pattern: () => /\b((?:MRN|ENC|FIN|CSN|UHID|EMPI)[-#:]?(?:[A-Z]{2,4}-)?\d[\d-]{3,14}\d)\b/dg,
    group: 1,
    applies: (h) => h.digits >= 5 && hasCue(h, 'mrn'),
  },
  {
    // A record, chart, hospital, encounter or visit number after its cue: "MR# 9263084", "hosp no. c796551i",
    // "uhid: 2019/186156", "ENCOUNTER NO. ENC5629314", "OPD no. 2021-6001057", "visit #87710973", "N° de dossier
    // 976033902", "Pat.-Nr. 4471092", "my record H3231460".
    type: 'MRN',
    applies: (h) => h.digits >= 4 && hasCue(h, 'mrn'),
    pattern: () =>
      /(?:\b|(?<=_))(?:mrn|empi|mr\s?#|mr\s?no\.?|uhid|crn|urn|pid|med(?:ical)?\.? rec(?:ord)?s?\.?(?: number| no\.?| num| #)?|record (?:number|no\.?|num|#)|charts?(?: number| no\.?| #)?|patient (?:id|number|no\.?|#)|pt\.? ?(?:no\.?|#)|cr no\.?|prontu[áa]rio|hosp(?:ital)?\.? (?:id|number|no\.?|#)|(?:opd|ipd|ip|op)\.?(?: reg(?:istration)?\.?)? (?:no\.?|number|#)|reg(?:istration)?\.? (?:no\.?|number)|admission (?:no\.?|number|#)|visit|encounter|enc(?![a-z])|fin(?![a-z])|csn|(?:n°|no\.?|num[ée]ro) de dossier|dossier(?: n°| no\.?)?|pat\.?-?nr\.?|patientennummer|(?:my|his|her|their|your) (?:medical |hospital |health )?record)(?:\s+for (?:him|her|them|me|us|(?:my|his|her|our|their) \w+))?(?:\s*(?:is|was|=|:|#|no\.?|number|num))*\s*([A-Z]{0,3}[- ]?\d[\d/-]{2,14}[\dA-Z])\b/dgi,
    group: 1,
    // A visit on a date is no visit number ("visit 2024-05-01"), nor is a house number ("visit: 1187 Elm Street").
    accept: (m, text, start) =>
      !plausibleNumericDate(m) && !/^(?:19|20)\d\d$/.test(m) && !houseNumber(m, text, start + m.length),
  },
  // The number before its cue: "72325341 is my MRN".
  {
    type: 'MRN',
    pattern: () =>
      /\b([A-Z]{0,3}\d{5,12})\s+(?:is|was|=)\s+(?:my|his|her|their|the)\s+(?:mrn|medical record|chart|patient id|hospital number)/dgi,
    group: 1,
    applies: (h) => h.digits >= 5 && hasCue(h, 'mrn') && /mrn|record|chart|patient id|hospital number/.test(h.lower),
  },
  // Several numbers after a plural cue: "two MRNs …: 6620011 and T6620011".
  {
    type: 'MRN',
    pattern: () =>
      /\bmrns\b[^\n\d]{0,60}?\b([A-Z]{0,3}\d{5,12})(?:\s*(?:,|and|or|&)\s*([A-Z]{0,3}\d{5,12}))?(?:\s*(?:,|and|or|&)\s*([A-Z]{0,3}\d{5,12}))?/dgi,
    group: [1, 2, 3],
    applies: (h) => h.digits >= 5 && h.lower.includes('mrns'),
  },
  {
    type: 'DATE',
    // "2024-05-02T08:14": a time may follow.
    pattern: () => /\b\d{4}([-/.])\d{1,2}\1\d{1,2}(?:\b|(?=T\d))/dg,
    accept: plausibleNumericDate,
    applies: (h) => h.yearLikeRun && h.digitRuns >= 3,
  },
  {
    type: 'DATE',
    applies: (h) => h.digits >= 4 && h.digitRuns >= 3,
    pattern: () => /\b\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})\b(?![/.-]\d)/dg,
    accept: (m, text, start) => plausibleNumericDate(m) && !afterVersionCue(text, start),
  },
  {
    type: 'DATE',
    pattern: () => new RegExp(`\\b${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`, 'gid'),
    applies: (h) => h.yearLikeRun && h.digitRuns >= 2 && hasCue(h, 'month'),
  },
  {
    type: 'DATE',
    pattern: () => new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH}\\.?,?\\s+\\d{4}\\b`, 'gid'),
    applies: (h) => h.yearLikeRun && h.digitRuns >= 2 && hasCue(h, 'month'),
  },
  {
    // Dashes or slashes around a month name, two- or four-digit years: 14-Mar-85, FEB-03-1991, 3/Feb/91.
    type: 'DATE',
    pattern: () =>
      new RegExp(
        `\\b(?:\\d{1,2}[-/ ]${MONTH}\\.?[-/ ](?:\\d{4}|\\d{2})|${MONTH}\\.?[-/]\\d{1,2}[-/](?:\\d{4}|\\d{2}))\\b`,
        'gid',
      ),
    applies: (h) => h.digits >= 4 && h.digitRuns >= 2 && hasCue(h, 'month'),
  },
  {
    // Compact digits after a birth-date cue: "DOB 19910203", "d.o.b: 140385".
    type: 'DATE',
    pattern: () =>
      /\b(?:dob|d\.o\.b\.?|date of birth|birth ?date|born(?: on)?|birthday)\s*(?:is|:|-|=)?\s*(\d{6}|\d{8})\b/dgi,
    group: 1,
    applies: (h) => h.digits >= 6 && /dob|d\.o\.b|birth|born/.test(h.lower),
  },
  ...DATE_RULES,
  {
    type: 'PHONE',
    applies: (h) => h.digits >= 7 && (h.digitRuns >= 3 || h.longestRun >= 10),
    pattern: () =>
      /(?<![\w+])(?<!\+\d{1,3}[\s.-]?)(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]\d{4}\b(?:,?\s*(?:ext\.?|extension|x)\s*\d{1,5}\b)?|(?<![\w+])(?:\+?1[\s.-]?)?\d{3}\d{3}\d{4}\b/dg,
    accept: (m, text, start) =>
      /[\s().+-]/.test(m) ||
      /\b(?:call|phone|cell|mobile|tel|text|number|reach|fax|ph)\b/i.test(before(text, start, 30)),
  },
  {
    // International: "+44 20 7946 0958", "+31 (0)6 8278 0156", "+49 152 62657344", "+91 7352122806",
    // "at+1-773-555-0103".
    type: 'PHONE',
    pattern: () => /(?<![\d+])\+[1-9]\d{0,2}(?:[\s.-]?\(0\))?(?:[\s.-]?\(?\d{1,10}\)?){1,5}(?!\d)/dg,
    applies: (h) => h.digits >= 7 && h.lower.includes('+'),
    accept: (m) => {
      const digits = m.replace(/\D/g, '').length;
      return digits >= 8 && digits <= 15;
    },
  },
  {
    // National formats: "(81) 2878-4204", "(04) 188 8471", "(0113) 496 0020", "06 23 80 37 80", "03-8980-3547".
    type: 'PHONE',
    pattern: () =>
      /(?<![\w/.-])(?:\(\d{2,5}\)\s?\d{3,5}[\s-]?\d{3,4}|0\d(?:[\s.]\d{2}){4}|0\d{1,2}-\d{4}-\d{4})(?![\w/-]|\.\d|\s?(?:mg|ml|mcg|units?)\b)/dg,
    applies: (h) => h.digits >= 8 && h.digitRuns >= 2,
  },
  {
    // Bare ten- and eleven-digit numbers: North American ("9142675857", "17185550150") or with a
    // trunk 0 ("08034518237"), when no cue has made them an ID or record number.
    type: 'PHONE',
    pattern: () => /(?<![\w+./-])(?:1?[2-9]\d{2}[2-9]\d{6}|0[1-9]\d{8,9})(?![\w/-]|\.\d)/dg,
    applies: (h) => h.longestRun >= 10,
  },
  {
    // Nine digits in three groups after a cue or a name: "Contact Beatriz Souza 622 229 496".
    type: 'PHONE',
    pattern: () => /(?<![\w/.-])[6-9]\d{2}\s\d{3}\s\d{3}(?![\w/-]|\.\d)/dg,
    applies: (h) => h.digits >= 9 && h.digitRuns >= 3,
    accept: (_, text, start) =>
      /\b(?:call|phone|cell|mobile|móvil|movil|tel|telefono|teléfono|text|number|reach|contact|whatsapp|on|at)\b/i.test(
        before(text, start, 40),
      ) || CAPITALISED_WORD_BEFORE.test(text.slice(Math.max(0, start - 20), start)),
  },
  {
    // A local seven-digit number after a cue: "called from 555-0114", "— Emeka Klein, 555-1996".
    type: 'PHONE',
    pattern: () => /(?<![\w/.-])\d{3}-\d{4}(?![\w/-]|\.\d)/dg,
    applies: (h) => h.digits >= 7 && h.text.includes('-'),
    accept: (_, text, start) =>
      /\b(?:call(?:ed)?(?: from)?|phone|cell|mobile|tel|text|number|reach|fax|whatsapp|at|on)\W*$/i.test(
        before(text, start, 24),
      ) || CAPITALISED_WORD_AND_COMMA_BEFORE.test(text.slice(Math.max(0, start - 24), start)),
  },
  {
    // A national number written with its trunk 0: "0161 496 0018", "020 7946 0958", "0491 570 156".
    type: 'PHONE',
    pattern: () => /(?<![\w+.,/-])0\d{1,4}[\s-]\d{3,4}[\s-]?\d{3,4}\b(?![.,/-]\d)/dg,
    applies: (h) => h.digits >= 9 && h.digitRuns >= 2,
    accept: (m) => {
      const digits = m.replace(/\D/g, '').length;
      return digits >= 10 && digits <= 12;
    },
  },
  {
    // After a phone cue, any grouping of 7 to 15 digits ("home phone 020 7946 0321", "call 555-0199").
    type: 'PHONE',
    applies: (h) => h.digits >= 7 && hasCue(h, 'phone'),
    pattern: () =>
      new RegExp(
        `(?<![\\p{L}])(?:${PHONE_CUE_WORDS})(?![\\p{L}])[^\\d\\n]{0,12}(?<![A-Za-z])(\\+?\\(?\\d[\\d\\s().-]{5,18}\\d)`,
        'dgiu',
      ),
    group: 1,
    accept: (m) => {
      const digits = m.replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15 && !/\d\s*(?:mg|ml|units?|times|x)\b/i.test(m);
    },
  },
  ...ADDRESS_RULES,
  POSTCODE_AFTER_CUE,
  {
    type: 'ZIP',
    pattern: () => new RegExp(`\\b(?:${STATES})\\.?,?\\s+(\\d{5}(?:-\\d{4})?)\\b`, 'gd'),
    group: 1,
    applies: (h) => h.zipLikeRun && STATE_ZIP_SHAPE.test(h.text),
  },
  {
    type: 'ZIP',
    pattern: () => /\b(?:zip|zipcode|zip code|postal code|postcode)\s*(?:is|:|#|code)?\s*(\d{5}(?:-\d{4})?)\b/dgi,
    group: 1,
    applies: (h) => h.zipLikeRun && hasCue(h, 'postcode') && /zip|postal|postcode/.test(h.lower),
  },
  { type: 'ZIP', pattern: () => /\b\d{5}-\d{4}\b/dg, applies: (h) => h.zipLikeRun && h.digits >= 9 },
  {
    type: 'ZIP',
    pattern: () => /\b(\d{5})\s+(?:zip|zipcode|zip code|area)\b/dgi,
    group: 1,
    applies: (h) => h.zipLikeRun && /zip|area/.test(h.lower),
  },
  {
    // A five-digit place: "near 30303", "from 10013 to 89501", "closest to 55408", "within 10 miles of 44308",
    // "delivery area is 44308 and 70808" — but not "1 in 10000 people".
    type: 'ZIP',
    applies: (h) =>
      h.zipLikeRun && /near|from|around|live|living|located|moved|close|miles|area|deliver|ship/.test(h.lower),
    pattern: () =>
      new RegExp(
        `\\b(?:near|from|around|live in|living in|located in|moved to|moved from|closest to|nearest to|close to|miles (?:of|from)|area is|area of|deliver(?:y)? to|ship to)\\s+(\\d{5})${NOT_A_COUNT}(?:\\s*(?:,|and|or|&|to)\\s*(\\d{5})${NOT_A_COUNT})?`,
        'gid',
      ),
    group: [1, 2],
    // "from 10000 to 12000 steps": a range of counts, both ends.
    accept: (_, text, start) => !COUNT_RANGE.test(text.slice(start, start + 40)),
  },
  {
    // UK and Canadian postcodes: "SW1A 1AA", "M1 1AE", "K1A 0B1".
    type: 'ZIP',
    pattern: () => /\b(?:[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)\b/dg,
    applies: (h) => h.capitalBeforeDigit && h.digits >= 2,
    accept: (m) => /\d[A-Z]{2}$|\d[A-Z]\d$/.test(m.replace(/\s/g, '')) && !/^(?:COVID|SARS|H\d)/.test(m),
  },
  {
    // Irish Eircodes by their own alphabet: a routing key ("D02", "D6W", "T12") and four characters of
    // A C D E F H K N P R T V W X Y and digits, a letter and a digit among them: "D02 X285", "r95 kx33";
    // not an ICD-10 code before a word ("E10 type 1").
    type: 'ZIP',
    pattern: () =>
      /\b[AC-FHKNPRTV-Y]\d[\dW]\s?(?=[\dAC-FHKNPRTV-Y]{0,3}[AC-FHKNPRTV-Y])(?=[\dAC-FHKNPRTV-Y]{0,3}\d)[\dAC-FHKNPRTV-Y]{4}\b/dgi,
    applies: (h) => h.letterBeforeDigit && h.digits >= 3,
  },
  {
    // Dutch and similar postcodes in an address: "1012 AB Amsterdam".
    type: 'ZIP',
    pattern: () => /\b\d{4}\s?([A-Z]{2})\b(?=\s+\p{Lu}\p{Ll})/dgu,
    applies: (h) => h.upper && h.yearLikeRun,
    accept: (m) => !UNIT_LETTERS.has(m.slice(-2)),
  },
  {
    // A postcode between an address's comma and its city, or after the city: "…, 10115 Berlin", "Pune 411001".
    type: 'ZIP',
    pattern: () =>
      /(?:,\s*|\bpin(?:\s?code)?\s*:?\s*)(\d{5,6})\b(?=\s+\p{Lu}\p{Ll}|\s*$|\s*[,.])|\b\p{Lu}\p{Ll}+\s*[-–]?\s*(\d{6})\b/dgu,
    group: [1, 2],
    applies: (h) => h.digits >= 5 && (h.zipLikeRun || h.longestRun === 6),
    accept: (_, text, start) => !/(?:mg|ml|units?|steps|platelets?|count|iu)\W*$/i.test(before(text, start, 16)),
  },
  {
    // Licence, insurance, member, policy, claim, account, passport, prescription, loyalty, employee and
    // national numbers after their cue: "Ins W883029874", "acct ending in 2239", "health card 8643 370 075 PD".
    type: 'ID',
    applies: hasIdCue,
    pattern: () =>
      new RegExp(
        `\\b(?:${ID_CUE_WORDS})(?![A-Za-z])(?:\\s*(?:${ID_QUALIFIERS}))*\\s*(?:${ID_CONNECTORS})?\\s*(${ID_VALUE})`,
        'gid',
      ),
    group: 1,
    accept: (m, text, start) =>
      idLike(m) &&
      !/^\d{1,3}-\d{3}-\d{3}-\d{4}$|^\d{3}-\d{3}-\d{4}$/.test(m) &&
      !plausibleNumericDate(m) &&
      !isRange(m) &&
      !afterVersionCue(text, start) &&
      !stateAndZip(m, text, start),
  },
  {
    // A few words between the cue and the value: "passport number for the visa letter is C86Z88K09".
    type: 'ID',
    applies: hasIdCue,
    pattern: () =>
      new RegExp(
        `\\b(?:${ID_CUE_WORDS})(?![A-Za-z])(?:\\s*(?:${ID_QUALIFIERS}))*(?:\\s+[a-z]+){1,5}?\\s*(?:is|:|=|was|its|it's)\\s*(${ID_VALUE})`,
        'gid',
      ),
    group: 1,
    accept: (m) => idLike(m) && !isRange(m) && !plausibleNumericDate(m) && (m.match(/\d/g)?.length ?? 0) >= 4,
  },
  {
    // A Malaysian identity card number by its shape, date of birth, place and serial: "850412-14-5567".
    type: 'ID',
    applies: (h) => h.digits >= 12,
    pattern: () => /(?<![\d-])\d{6}-\d{2}-\d{4}(?![\d-])/dg,
  },
  {
    // "ID MBR-67101684", "GRP 898907": the short cue in its own case, a value with three digits or more.
    type: 'ID',
    applies: (h) => hasIdCue(h) && /\b(?:id|grp|group)\b/.test(h.lower),
    pattern: () => /\b(?:ID|id|grp|GRP|group|Group)\s*[:#]?\s*((?=[A-Z0-9-]*\d{3})[A-Z0-9][A-Z0-9-]{3,20}[A-Z0-9])\b/dg,
    group: 1,
    accept: (m, text, start) => idLike(m) && !/^\d{3}-\d{3}-\d{4}$/.test(m) && !stateAndZip(m, text, start),
  },
  {
    type: 'NAME',
    pattern: () =>
      new RegExp(
        `\\b${caseless("(?:(?:my|his|her|their|our|the patient's|my (?:son|daughter|kid|child|wife|husband|mom|mum|dad|baby)'s) name (?:is|was)|my name's|name:|patient name:?|pt name:?|full name:?)")}\\s+${ANY_CASE_NAME}`,
        'gud',
      ),
    group: 1,
    accept: notCommonWord,
    applies: (h) => h.nameCue && h.lower.includes('name'),
  },
  {
    type: 'NAME',
    pattern: () => new RegExp(`\\b${caseless("(?:i am|i'm|im|this is|it's|it is|call me)")}\\s+${NAME}`, 'gud'),
    group: 1,
    accept: notCommonWord,
    applies: cue(/\bi am\b|\bi'm\b|\bim\b|this is|it's|it is|call me/),
  },
  {
    type: 'NAME',
    pattern: () => new RegExp(`\\b${caseless('(?:patient|pt)')}\\s*:?\\s+${NAME}`, 'gud'),
    group: 1,
    accept: notCommonWord,
    applies: cue(/\bpatient|\bpt\b/),
  },
  {
    type: 'NAME',
    // Titles may come in a row ("nurse Mrs. Lindqvist", "Dr. Prof. Weber"): the name is after the last. Only an
    // abbreviation takes a dot: after "doctor." a new sentence starts ("ask your doctor. He or she …").
    pattern: () =>
      new RegExp(
        `\\b(?:(?:${caseless('(?:dr|mr|mrs|ms|prof)')}\\.?|${caseless('(?:doctor|nurse|miss)')})\\s+)+${NAME}`,
        'gud',
      ),
    group: 1,
    // After Mr or Mrs a possessive is a person's, not an eponym: "Mr. Eriksson's catheter".
    accept: (m, text, start) =>
      notCommonWord(m, text, start) ||
      (PERSON_TITLE_BEFORE.test(text.slice(Math.max(0, start - 6), start)) &&
        !NOT_NAMES.has(
          m
            .split(/\s+/)[0]!
            .toLowerCase()
            .replace(/['’]s$/, ''),
        )),
    applies: cue(/\b(?:dr|doctor|mr|mrs|ms|miss|nurse|prof)\b/),
  },
  {
    type: 'NAME',
    pattern: () => new RegExp(`\\b${caseless(`(?:my|his|her|our|their) (?:${RELATIVES})`)},?\\s+${NAME}`, 'gud'),
    group: 1,
    accept: notCommonWord,
    applies: cue(/\b(?:my|his|her|our|their) /),
  },
  {
    // A sign-off: "Thanks, Maria Lopez", "Best wishes,\nThabo", "thanks again!! Shanice Brooks (555…)".
    type: 'NAME',
    applies: cue(/thank|regards|best|cheers|sincerely|love|sent by/),
    pattern: () =>
      new RegExp(
        `\\b${caseless('(?:thanks|thank you|regards|kind regards|best wishes|best|cheers|sincerely|love|sent by)(?: again| so much)?')}[,!.]*\\s+${NAME}(?=\\s*(?:$|[(,.<|]|\\s+[\\w.+-]+@|\\s+sent\\b|\\n|\\s+[-–—]))`,
        'gud',
      ),
    group: 1,
    accept: notCommonWord,
  },
  {
    // A greeting at the start: "Hi Priya,", "hey marcus", "Dear Ms. Okafor", "Hello Dr Lee".
    type: 'NAME',
    pattern: () =>
      new RegExp(
        `(?:^|[:.!?]\\s+|\\n)\\s*${caseless('(?:hi|hey|hello|dear|good morning|good afternoon|good evening)')}\\s+(?:${caseless('(?:dr|doctor|mr|mrs|ms|miss|nurse|prof)')}\\.?\\s+)?${LOWER_NAME}(?=\\s*(?:[,!.:;\\n-]|$))`,
        'gud',
      ),
    group: 1,
    accept: notCommonWord,
    applies: (h) =>
      h.nameCue && /(?:^|[:.!?]\s+|\n)\s*(?:hi|hey|hello|dear|good (?:morning|afternoon|evening))\b/.test(h.lower),
  },
  {
    // A sign-off at the end, the name in any case: "thanks, olek", "cheers\nDee", "— sam".
    type: 'NAME',
    pattern: () =>
      new RegExp(
        `\\b${caseless('(?:thanks|thank you|thx|regards|kind regards|best wishes|best|cheers|sincerely|love|xo|ttyl)')}(?: again| so much)?[,!.]*\\s+${LOWER_NAME}\\s*[.!]*\\s*$`,
        'gud',
      ),
    group: 1,
    accept: notCommonWord,
    applies: (h) => h.nameCue && GREETING_OR_SIGN_OFF.test(h.lower),
  },
  // A dash signature: "… test? - Mei-Ling Chou", "-- Priyanka Chatterjee, sent from my phone".
  {
    type: 'NAME',
    pattern: () => new RegExp(`(?:^|\\s)(?:--?|–|—)\\s*${NAME}\\s*(?=$|,|\\n)`, 'gud'),
    group: 1,
    // "— Palliative Care" closes a heading, not a message: one word at least must be a known name.
    accept: (m, text, start) => notCommonWord(m, text, start) && m.split(/\s+/).some(isKnownName),
    applies: cue(/(?:^|\s)(?:-|–|—)/),
  },
  // "Ingrid Johansson here", "Obinna Eze, born October 12, 1979".
  {
    type: 'NAME',
    pattern: () =>
      new RegExp(`${FULL_NAME}(?=,?\\s+(?:here\\b|born\\b|${caseless('dob')}\\b|${caseless('d.o.b')}))`, 'gud'),
    group: 1,
    accept: notCommonWord,
    applies: cue(/here|born|dob|d\.o\.b/),
  },
  // After a role word: "subscriber Folake Khumalo", "newborn Çağla", "daughter Åsa", "for Skyler Levi".
  {
    type: 'NAME',
    pattern: () =>
      new RegExp(
        `(?:\\b${caseless(`(?:${ROLES})`)}|(?<=\\b${caseless(`(?:${NAMED_PERSONS})`)}[ ,]{1,2})${caseless('(?:named|called)')}):?\\s+${NAME}`,
        'gud',
      ),
    group: 1,
    accept: personLike,
    applies: (h) => h.upper,
  },
  // Capitals after a form label: "PATIENT: SANTOS, SKYLER", "ATTENDING: AOIFE LEE", "Member Yamamoto, Jose",
  // "Patient: HARRIS, Delroy", "SURNAME: KOWALSKI FIRST NAME: MAREK" (a name ends at the next label).
  {
    type: 'NAME',
    pattern: () =>
      new RegExp(
        `\\b(?:PATIENT|ATTENDING|NAME|PT|PROVIDER|PHYSICIAN|MEMBER|SUBSCRIBER|INSURED|GUARANTOR|CONTACT|${caseless('member|patient|subscriber|name|for|insured|surname|last name|family name|first name|given name|forename')}):?\\s+(\\p{Lu}[\\p{Lu}'’-]+(?=\\s+\\p{Lu}[\\p{Lu} ]*:)|(?:\\p{Lu}[\\p{Lu}'’-]+(?:,?\\s+\\p{Lu}[\\p{Lu}'’-]+){1,2}(?!\\s*:))|\\p{Lu}[\\p{Lu}'’-]+,\\s+${NAME_WORD}(?:\\s+${NAME_WORD})?|${NAME_WORD},\\s+${NAME_WORD})`,
        'gud',
      ),
    group: 1,
    accept: (m, text, start) => personLike(m.replace(/,/g, ''), text, start),
    applies: (h) => h.upper,
  },
  // Two or three capitalised words that are neither title-case words nor medicines, one of them a
  // known name: "Greta Nagy", "Ágnes Otieno"; not "Kidney Failure" or "Apple Watch".
  {
    type: 'NAME',
    pattern: () => new RegExp(`(?<![\\p{L}'’-])${FULL_NAME}(?![\\p{L}'’-])`, 'gud'),
    group: 1,
    accept: (m, text, start) => personLike(m, text, start) && m.split(/\s+/).some(isKnownName),
    applies: (h) => h.upper,
  },
  ...NAME_CONTEXT_RULES,
];
