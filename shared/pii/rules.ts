/**
 * The personal-identifier rules. Each finds spans in the original text; where spans overlap,
 * the rule listed first wins. A rule with a `group` redacts only that capture group (the
 * identifier after its cue: in "my name is Dana", only "Dana").
 */
export const PII_TYPES = ['EMAIL', 'URL', 'IP', 'SSN', 'MRN', 'DATE', 'PHONE', 'ZIP', 'NAME'] as const;
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
  at: boolean;
  dot: boolean;
  colons: number;
  upper: boolean;
  /** Some word that can precede a name ("my name is", "Dr.", "Thanks,") occurs. */
  nameCue: boolean;
  text: string;
  lower: string;
  /** Whether a web domain occurs: worked out by the first rule that asks, then kept. */
  domain?: boolean;
}

const NAME_CUES =
  /name|\b(?:i am|i'?m|this is|it'?s|it is|call me|patient|pt|dr|doctor|mr|mrs|ms|miss|nurse|prof|my|thanks?|thank you|regards|best|cheers|sincerely|love|sent by|here|born|dob|d\.o\.b)\b|(?:^|\s)[-–—]/;

const DIGIT_RUNS = /\d+/g;
const ASCII_UPPER = /[A-Z]/;
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
  DIGIT_RUNS.lastIndex = 0;
  for (let run = DIGIT_RUNS.exec(text); run; run = DIGIT_RUNS.exec(text)) {
    const length = run[0].length;
    digits += length;
    digitRuns += 1;
    if (length > longestRun) longestRun = length;
    if (length === 4) yearLikeRun = true;
    if (length === 5) zipLikeRun = true;
  }
  let colons = 0;
  for (let at = text.indexOf(':'); at !== -1; at = text.indexOf(':', at + 1)) colons += 1;
  const upper = ASCII_UPPER.test(text) || (NON_ASCII.test(text) && /\p{Lu}/u.test(text));
  const lower = text.toLowerCase();
  return {
    digits,
    digitRuns,
    longestRun,
    yearLikeRun,
    zipLikeRun,
    at: text.includes('@'),
    dot: text.includes('.'),
    colons,
    upper,
    nameCue: upper || lower.includes('name') ? NAME_CUES.test(lower) : false,
    text,
    lower,
  };
}

/** A rule that only fires after one of these cue words (and on a text with a capital letter for names). */
const cue =
  (words: RegExp, needsCapital = true) =>
  (h: TextHints) =>
    h.nameCue && (!needsCapital || h.upper) && words.test(h.lower);

export interface PiiRule {
  type: PiiType;
  pattern: RegExp;
  /** When false for a text, the pattern cannot match it and is not run (most texts have no digits, no "@"). */
  applies?: (hints: TextHints) => boolean;
  /** Capture group(s) holding the identifier (default: the whole match). */
  group?: number | number[];
  /** Rejects a candidate that only looks like an identifier (a version number, a dose). */
  accept?: (match: string, text: string, start: number) => boolean;
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
const TLDS = 'com|org|net|edu|gov|io|co|us|uk|ca|info|health|me|app|ly|de|fr|nl|au|in';
const DOMAIN_HINT = new RegExp(`\\.(?:${TLDS})\\b`);
const hasDomain = (h: TextHints) => (h.domain ??= h.dot && DOMAIN_HINT.test(h.lower));
/** A state abbreviation then five digits, the shape the state-and-ZIP rule looks for. */
const STATE_ZIP_SHAPE = /[A-Z]{2}\.?,?\s+\d{5}/;

/** The few words before a position, lower-cased: the cue a number follows. */
function before(text: string, start: number, chars = 24): string {
  return text.slice(Math.max(0, start - chars), start).toLowerCase();
}

/** Version and build numbers look like IP addresses and dates ("version 4.2.0.17"). */
const afterVersionCue = (text: string, start: number) =>
  /\b(?:version|ver|v|build|release|update|firmware|app)\.?\s*$/i.test(before(text, start));

/** Numeric dates: the parts must be a plausible day, month and year in some order. */
function plausibleNumericDate(match: string): boolean {
  const parts = match.split(/[/.-]/).map(Number);
  if (parts.length !== 3) return false;
  const [a, b, c] = parts as [number, number, number];
  if (String(match.split(/[/.-]/)[0]).length === 4) return b >= 1 && b <= 12 && c >= 1 && c <= 31; // yyyy-mm-dd
  const dayMonth = (a >= 1 && a <= 12 && b >= 1 && b <= 31) || (b >= 1 && b <= 12 && a >= 1 && a <= 31);
  return dayMonth && (match.split(/[/.-]/)[2]!.length === 2 || (c >= 1900 && c <= 2100));
}

/** Words that follow "I am" / "this is" / "Dr." without being a name. */
const NOT_NAMES = new Set(
  (
    'a an the not so very really just also still now here there sure sorry afraid worried scared pregnant diabetic allergic ' +
    'asthmatic anemic new old young tired sick ill feeling having taking trying going looking wondering concerned confused ' +
    'currently always never on off in at from with without about over under unable able okay ok fine good bad better worse ' +
    'type stage google scholl scholls oz seuss who house strange phil ruth mom dad doc doctor team everyone all again ' +
    // institutions and forms that follow "patient" or "Dr." capitalised
    'assistance portal education services service care advocate advocacy center centre support information id number record records name ' +
    // nationalities and ethnicities that follow "I am"
    'american african asian black white hispanic latino latina latinx jewish ashkenazi muslim christian catholic hindu dominican mexican ' +
    'puerto cuban indian chinese japanese korean filipino vietnamese irish italian polish german french british english scottish welsh ' +
    'russian ukrainian arab native canadian australian nigerian ghanaian kenyan ethiopian somali haitian jamaican brazilian colombian'
  ).split(' '),
);

const RELATIVES =
  'son|daughter|wife|husband|mom|mother|mum|dad|father|brother|sister|friend|grandma|grandmother|grandpa|grandfather|baby|partner|child|kid|boyfriend|girlfriend|fiance|fiancee|aunt|uncle|cousin|niece|nephew|neighbor|neighbour|patient';

/** A name: one to three capitalised words (O'Neil, Jean-Luc, García). */
const NAME_WORD = "[A-Z](?=[\\p{L}'’-]*\\p{Ll})[\\p{L}'’-]+(?![\\w-]*\\d)";
const NAME = `(${NAME_WORD}(?:\\s+(?:${NAME_WORD}|de|da|van|von|del|la|le|bin|al)){0,3})`;
/** Two or more capitalised words: a full name, safe to take without a cue word before it. */
const FULL_NAME = `(${NAME_WORD}(?:\\s+(?:de|da|van|von|del|la|le|bin|al))?\\s+${NAME_WORD}(?:\\s+${NAME_WORD})?)`;
/** After an unambiguous cue ("my name is"), people also type names in lower case. */
const ANY_CASE_NAME = "([\\p{L}][\\p{L}'’-]+(?:\\s+[A-Z][\\p{L}'’-]+){0,2})";

/**
 * A cue matched in any case while the name after it keeps its capital: JavaScript has no
 * scoped case-insensitivity, so the cue's letters become [xX] classes.
 */
function caseless(cues: string): string {
  return cues.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

const notCommonWord = (match: string) =>
  !NOT_NAMES.has(
    match
      .split(/\s+/)[0]!
      .toLowerCase()
      .replace(/['’]s$/, ''),
  );

/**
 * Facts without which a whole type's rules cannot apply, checked once per text instead of rule by
 * rule: every number rule wants four digits or more, every name rule a name cue. rules.test.ts
 * holds each rule's `applies` to its family's fact.
 */
const fourDigits = (h: TextHints) => h.digits >= 4;
export const FAMILY_GATES: Partial<Record<PiiType, (hints: TextHints) => boolean>> = {
  SSN: fourDigits,
  MRN: fourDigits,
  DATE: fourDigits,
  PHONE: fourDigits,
  ZIP: fourDigits,
  NAME: (h) => h.nameCue,
};

export const PII_RULES: PiiRule[] = [
  { type: 'EMAIL', pattern: /\b[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, applies: (h) => h.at },
  {
    type: 'URL',
    pattern: /\b(?:https?:\/\/|www\.)[^\s<>"']*[^\s<>"'.,;:!?)\]]/gi,
    applies: (h) => h.lower.includes('http') || h.lower.includes('www.'),
  },
  {
    type: 'URL',
    pattern: new RegExp(`\\b(?:[a-z0-9-]+\\.)+(?:${TLDS})(?::\\d+)?/[^\\s<>"']*[^\\s<>"'.,;:!?)\\]]`, 'gi'),
    applies: hasDomain,
  },
  {
    type: 'URL',
    pattern: new RegExp(`\\b(?:[a-z0-9-]+\\.)+(?:${TLDS})\\b(?![.@-]\\w)`, 'gi'),
    applies: hasDomain,
    accept: (m) => !/^(?:e\.g|i\.e|a\.m|p\.m)$/i.test(m) && /[a-z]{2,}\./i.test(m),
  },
  { type: 'URL', pattern: /\blocalhost(?::\d+)?(?:\/[^\s<>"']*)?/gi, applies: (h) => h.lower.includes('localhost') },
  {
    type: 'IP',
    pattern: /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b(?!\.\d)/g,
    applies: (h) => h.digitRuns >= 4 && h.dot,
    accept: (_, text, start) => !afterVersionCue(text, start),
  },
  {
    type: 'IP',
    pattern:
      /(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}(?![\w:])|(?<![\w:])(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?(?![\w:])/gi,
    applies: (h) => h.colons >= 2,
  },
  {
    type: 'SSN',
    pattern: /\b(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}\b/g,
    applies: (h) => h.digits >= 9 && h.digitRuns >= 3,
  },
  {
    type: 'SSN',
    pattern: /\b(?:ssn|social security(?: number| no\.?| #)?|ss#)\s*(?:is|:|#)?\s*(\d{9}|\d{3}[- ]\d{2}[- ]\d{4})\b/gi,
    group: 1,
    applies: (h) => h.digits >= 9 && /ss|social/.test(h.lower),
  },
  {
    type: 'MRN',
    applies: (h) => h.digits >= 4 && /mrn|rec|chart|patient|hospital/.test(h.lower),
    pattern:
      /\b(?:mrn|med(?:ical)?\.? rec(?:ord)?s?\.?(?: number| no\.?| num| #)?|record (?:number|no\.?|num|#)|chart (?:number|no\.?|#)|patient (?:id|number|no\.?|#)|hospital (?:id|number|no\.?))(?:\s*(?:is|was|=|:|#|no\.?|number))*\s*([A-Z]{0,3}[- ]?\d[\d-]{2,14}\d)\b/gi,
    group: 1,
  },
  // Several numbers after a plural cue: "two MRNs …: 6620011 and T6620011".
  {
    type: 'MRN',
    pattern:
      /\bmrns\b[^\n\d]{0,60}?\b([A-Z]{0,3}\d{5,12})(?:\s*(?:,|and|or|&)\s*([A-Z]{0,3}\d{5,12}))?(?:\s*(?:,|and|or|&)\s*([A-Z]{0,3}\d{5,12}))?/gi,
    group: [1, 2, 3],
    applies: (h) => h.digits >= 5 && h.lower.includes('mrns'),
  },
  {
    type: 'DATE',
    pattern: /\b\d{4}([-/.])\d{1,2}\1\d{1,2}\b/g,
    accept: plausibleNumericDate,
    applies: (h) => h.yearLikeRun && h.digitRuns >= 3,
  },
  {
    type: 'DATE',
    applies: (h) => h.digits >= 4 && h.digitRuns >= 3,
    pattern: /\b\d{1,2}([/.-])\d{1,2}\1(?:\d{4}|\d{2})\b(?![/.-]\d)/g,
    accept: (m, text, start) => plausibleNumericDate(m) && !afterVersionCue(text, start),
  },
  {
    type: 'DATE',
    pattern: new RegExp(`\\b${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`, 'gi'),
    applies: (h) => h.yearLikeRun && h.digitRuns >= 2,
  },
  {
    type: 'DATE',
    pattern: new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?\\s+${MONTH}\\.?,?\\s+\\d{4}\\b`, 'gi'),
    applies: (h) => h.yearLikeRun && h.digitRuns >= 2,
  },
  {
    type: 'PHONE',
    applies: (h) => h.digits >= 7 && (h.digitRuns >= 3 || h.longestRun >= 10),
    pattern:
      /(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]\d{4}\b|(?<![\w+])(?:\+?1[\s.-]?)?\d{3}\d{3}\d{4}\b/g,
    accept: (m, text, start) =>
      /[\s().+-]/.test(m) ||
      /\b(?:call|phone|cell|mobile|tel|text|number|reach|fax|ph)\b/i.test(before(text, start, 30)),
  },
  {
    type: 'PHONE',
    pattern: /(?<![\w+])\+(?:[2-9]\d{0,2})[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}\b/g,
    applies: (h) => h.digits >= 7 && h.lower.includes('+'),
  },
  {
    // After a phone cue, any grouping of 7 to 15 digits ("home phone 020 7946 0321", "call 555-0199").
    type: 'PHONE',
    applies: (h) => h.digits >= 7 && /call|phone|cell|mobile|tel|text|number|reach|fax|whatsapp/.test(h.lower),
    pattern:
      /\b(?:call|phone|cell|mobile|tel|telephone|text|number|reach me at|fax|whatsapp)\b[^\d\n]{0,12}(\+?\(?\d[\d\s().-]{5,18}\d)/gi,
    group: 1,
    accept: (m) => {
      const digits = m.replace(/\D/g, '').length;
      return digits >= 7 && digits <= 15 && !/\d\s*(?:mg|ml|units?|times|x)\b/i.test(m);
    },
  },
  {
    type: 'ZIP',
    pattern: new RegExp(`\\b(?:${STATES})\\.?,?\\s+(\\d{5}(?:-\\d{4})?)\\b`, 'g'),
    group: 1,
    applies: (h) => h.zipLikeRun && STATE_ZIP_SHAPE.test(h.text),
  },
  {
    type: 'ZIP',
    pattern: /\b(?:zip|zipcode|zip code|postal code|postcode)\s*(?:is|:|#|code)?\s*(\d{5}(?:-\d{4})?)\b/gi,
    group: 1,
    applies: (h) => h.zipLikeRun && /zip|postal|postcode/.test(h.lower),
  },
  { type: 'ZIP', pattern: /\b\d{5}-\d{4}\b/g, applies: (h) => h.zipLikeRun && h.digits >= 9 },
  {
    type: 'ZIP',
    pattern: /\b(\d{5})\s+(?:zip|zipcode|zip code|area)\b/gi,
    group: 1,
    applies: (h) => h.zipLikeRun && /zip|area/.test(h.lower),
  },
  {
    // A five-digit place: "near 30303", "from 10013" — but not "1 in 10000 people".
    type: 'ZIP',
    applies: (h) => h.zipLikeRun && /near|from|around|live|living|located|moved/.test(h.lower),
    pattern:
      /\b(?:near|from|around|live in|living in|located in|moved to)\s+(\d{5})\b(?!\s*(?:people|persons|births|patients|cases|mg|mcg|units|iu|times|years|steps|calories|feet|ft|miles|\w*%))/gi,
    group: 1,
  },
  {
    type: 'NAME',
    pattern: new RegExp(
      `\\b${caseless("(?:my name is|my name's|name:|patient name:?|pt name:?)")}\\s+${ANY_CASE_NAME}`,
      'gu',
    ),
    group: 1,
    accept: notCommonWord,
    applies: (h) => h.nameCue && h.lower.includes('name'),
  },
  {
    type: 'NAME',
    pattern: new RegExp(`\\b${caseless("(?:i am|i'm|im|this is|it's|it is|call me)")}\\s+${NAME}`, 'gu'),
    group: 1,
    accept: notCommonWord,
    applies: cue(/\bi am\b|\bi'm\b|\bim\b|this is|it's|it is|call me/),
  },
  {
    type: 'NAME',
    pattern: new RegExp(`\\b${caseless('(?:patient|pt)')}\\s*:?\\s+${NAME}`, 'gu'),
    group: 1,
    accept: notCommonWord,
    applies: cue(/\bpatient|\bpt\b/),
  },
  {
    type: 'NAME',
    pattern: new RegExp(`\\b${caseless('(?:dr|doctor|mr|mrs|ms|miss|nurse|prof)')}\\.?\\s+${NAME}`, 'gu'),
    group: 1,
    accept: notCommonWord,
    applies: cue(/\b(?:dr|doctor|mr|mrs|ms|miss|nurse|prof)\b/),
  },
  {
    type: 'NAME',
    pattern: new RegExp(`\\b${caseless(`my (?:${RELATIVES})`)},?\\s+${NAME}`, 'gu'),
    group: 1,
    accept: notCommonWord,
    applies: cue(/\bmy /),
  },
  {
    // A sign-off: "Thanks, Maria Lopez", "Best wishes,\nThabo", "thanks again!! Shanice Brooks (555…)".
    type: 'NAME',
    applies: cue(/thank|regards|best|cheers|sincerely|love|sent by/),
    pattern: new RegExp(
      `\\b${caseless('(?:thanks|thank you|regards|kind regards|best wishes|best|cheers|sincerely|love|sent by)(?: again| so much)?')}[,!.]*\\s+${NAME}(?=\\s*(?:$|[(,.<|]|\\s+[\\w.+-]+@|\\s+sent\\b|\\n))`,
      'gu',
    ),
    group: 1,
    accept: notCommonWord,
  },
  // A dash signature: "… test? - Mei-Ling Chou", "-- Priyanka Chatterjee, sent from my phone".
  {
    type: 'NAME',
    pattern: new RegExp(`(?:^|\\s)(?:--?|–|—)\\s*${NAME}\\s*(?=$|,|\\n)`, 'gu'),
    group: 1,
    accept: notCommonWord,
    applies: cue(/(?:^|\s)(?:-|–|—)/),
  },
  // "Ingrid Johansson here", "Obinna Eze, born October 12, 1979".
  {
    type: 'NAME',
    pattern: new RegExp(`${FULL_NAME}(?=,?\\s+(?:here\\b|born\\b|${caseless('dob')}\\b|${caseless('d.o.b')}))`, 'gu'),
    group: 1,
    accept: notCommonWord,
    applies: cue(/here|born|dob|d\.o\.b/),
  },
];
