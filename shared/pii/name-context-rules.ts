/**
 * Names found by where they stand rather than by a list: the subject of what a person does
 * ("Bongani had his first seizure"), a name with an age or a relation ("Sofiia (6)", "Faith, my
 * mother, is 79"), after a family title ("Auntie Blessing", "Ate Joy"), a nickname ("goes by
 * Bubba"), a lower-case name introducing itself ("hi its ngaire", "kwame here"), a name alone
 * at the end of a message, two names after one greeting, a surname in capitals after DR. or
 * NURSE, a particle after a title ("Dr. van der Berg").
 *
 * A word the name table does not know is taken only when it is no common English word, no
 * medicine and no word that names patterns meet without a name (days, months, titles): "Nothing
 * has helped her" and "Metformin has made him sick" name no one.
 */
import { isMedicineWord } from '../question-type/medicines';
import { caseless } from './caseless';
import { isCommonWord, isKnownName } from './known-names';
import { NAME_CUE_SCAN } from './name-cue-scan';
import {
  FAMILY_TITLES,
  GREETINGS,
  INTROS,
  NAME_CUES,
  NAME_LABELS,
  NAME_ROLES,
  type NameCue,
  RELATIONS,
  TITLES,
} from './name-cue-words';
import { isCapitalised, isGivenNameWord, isParticle, nonNameWord } from './name-words';

interface NameHints {
  text: string;
  lower: string;
  upper: boolean;
  nameCue: boolean;
  /**
   * Whether a capitalised word no list knows occurs (see unknownCapital): worked out once, by the first rule that asks.
   */
  unknownCapital?: boolean;
  /** The cue words found (see nameCues), as bits. */
  nameCues?: number;
}

const LETTERS = "[\\p{L}\\p{M}'’-]";
/** A capitalised word of letters (not all capitals). */
const WORD = `\\p{Lu}(?=${LETTERS}*\\p{Ll})${LETTERS}+`;
/** A lower-case word of letters. */
const LOWER_WORD = `\\p{Ll}${LETTERS}+`;
/** A word in either case: people introduce themselves with or without a capital. */
const ANY_CASE_WORD = `\\p{L}${LETTERS}+`;
/** A greeting that opens a message before someone says who they are: "hey its keoni", "heyy amber here". */
const OPENING_GREETING = `${caseless('(?:hi+|hey+|hello+|hiya|good (?:morning|afternoon|evening))')}[,!.]*\\s+`;
/** What follows "<name> here" when the introduction runs on into the message: "Lindiwe here can u send …". */
const HERE_THEN = '(?:can|could|pls|please|again|with|from|and|asking|writing|checking|just)\\b';
/** Surname particles in the case names write them after a title: "van der", "Van der", "Ó", "Mac". */
const TITLE_PARTICLE =
  '(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]a|[Dd]os|[Dd]el|[Ll]a|[Ll]e|[Tt]er|Ó|Ní|Mac|Mc|[Aa]l|[Ee]l|an)';
/** What a person does, right after the name: "Mandla was sent home", "Esi in bay 3 needs". */
const PERSON_VERBS =
  'has|had|is|was|says|said|keeps|kept|came|comes|went|goes|wants|wanted|refuses|refused|needs|needed|takes|took|gets|got|' +
  'started|woke|fell|dropped|swallowed|asked|asks|thinks|thought|feels|felt|complains|complained|presented|seems|looks|' +
  "tried|became|can't|cannot|won't|doesn't|didn't|isn't|wasn't|hasn't|just|also|still|in (?:bay|bed|room|rm)";
const PRONOUN = /\b(?:he|she|him|her|his|hers)\b/i;
/** Medical words that are no English word of the lists: "Troponin was raised", "Cholecystitis". */
const MEDICAL_SHAPE =
  /(?:itis|emia|aemia|osis|ectomy|otomy|ostomy|ology|pathy|algia|plasty|scopy|graphy|cyte|ase|oma|ine|ol|pril|statin|mab)$/i;

/**
 * Chat words and medical words the English lists lack, which stand where a name would: "… ok lol", "Covid has left
 * her".
 */
const NOT_NAME_WORDS = new Set(
  (
    'lol lmao omg pls plz thx tia ty asap btw idk imo smh xx xo xoxo haha hehe ugh hmm yall ya yeah yep nope tho rn ' +
    'covid corona coronavirus omicron chemo radiotherapy mpox rsv strep mrsa ecoli'
  ).split(' '),
);

/** Verdicts of unknownNameWord by word: capitalised words repeat ("It", "What", "Generated"), lookups need not. */
const verdicts = new Map<string, boolean>();
const MAX_VERDICTS = 50_000;

/** A word no list knows that may be a name: not common English, no medicine, not a title, day or month. */
function unknownNameWord(word: string): boolean {
  let verdict = verdicts.get(word);
  if (verdict === undefined) {
    verdict = lookUpUnknownNameWord(word);
    if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
    verdicts.set(word, verdict);
  }
  return verdict;
}

function lookUpUnknownNameWord(word: string): boolean {
  if (isParticle(word)) return true;
  const bare = word.replace(/['’]s$/, '');
  const lower = bare.toLowerCase();
  if (bare.length < 2 || nonNameWord(bare) || isMedicineWord(lower) || NOT_NAME_WORDS.has(lower)) return false;
  // "Cedars-Sinai" is a hospital: each part of a hyphenated word must be unknown too.
  return isKnownName(bare) || bare.split('-').every((part) => !isCommonWord(part) && !MEDICAL_SHAPE.test(part));
}

/** Each word a name, or a common word that is still no title, medicine, day or month ("Grace", "Will"). */
function nameOrWord(word: string): boolean {
  const bare = word.replace(/['’]s$/, '');
  return isParticle(bare) || (bare.length >= 2 && !nonNameWord(bare) && !isMedicineWord(bare.toLowerCase()));
}

/** An upper-case surname and its comma where a line starts: "KOWALSKI, MAREK". */
const UPPER_CASE_WORD_AND_COMMA_AT_LINE_START = /(?:^|\n)\s*\p{Lu}{2,}[\p{Lu}'’-]*, /u;
/** An upper-case word of three letters or more and its comma, anywhere: "RAMIREZ, Luis". */
const UPPER_CASE_WORD_AND_COMMA = /\p{Lu}{3,}, \p{Lu}/u;

/**
 * The end of a text that the rule for a name alone at the end can match: a word after a dash, "from" or a full stop.
 */
const ENDS_WITH_A_WORD = /(?:[-–—]|\bfrom|[.!?])\s*\p{L}[\p{L}\p{M}'’-]+\s*[.!]*\s*$/iu;
const TRAILING = /[\s.!]/;
/** A dash right before a word at the end: the sign-off of a message. */
const DASH_BEFORE = /[-–—]\s*$/;
const SPACE = /\s/;
const WORD_CHARACTER = /[\p{L}\p{M}'’-]/u;
const BREAK_BEFORE = /(?:[-–—.!?]|from)$/i;

/**
 * What ENDS_WITH_A_WORD needs, looked for from the end without a regex scan of the text: a last
 * word, with a dash or "from" in it or a dash, "from" or a sentence's end before it. Most texts
 * end "… person to person." and are done after a few characters.
 */
function mayEndWithAWord(text: string): boolean {
  let end = text.length;
  while (end > 0 && TRAILING.test(text[end - 1]!)) end -= 1;
  let start = end;
  while (start > 0 && WORD_CHARACTER.test(text[start - 1]!)) start -= 1;
  if (end - start < 2) return false;
  const word = text.slice(start, end);
  if (word.includes('-') || word.toLowerCase().includes('from')) return true;
  let before = start;
  while (before > 0 && SPACE.test(text[before - 1]!)) before -= 1;
  return BREAK_BEFORE.test(text.slice(Math.max(0, before - 4), before));
}

const INITIAL = /^\p{L}\.$/u;
const words = (match: string) => match.split(/[\s,]+/).filter((w) => w && !INITIAL.test(w));
const allUnknown = (match: string) => words(match).every(unknownNameWord);
const allNameOrWord = (match: string) => words(match).every(nameOrWord);
/** Where a person signs or introduces themselves, a given name that is also a word is the name too. */
const allUnknownOrGivenName = (match: string) =>
  words(match).every((word) => unknownNameWord(word) || isGivenNameWord(word));

const CAPITALISED = new RegExp(WORD, 'gu');
/**
 * Whether a capitalised word occurs that could be a name no list holds: most texts capitalise
 * only common words ("What", "It", "Generated"), and the rules that take unknown words skip them.
 */
function unknownCapital(h: NameHints): boolean {
  if (h.unknownCapital === undefined) {
    h.unknownCapital = false;
    if (h.upper) {
      CAPITALISED.lastIndex = 0;
      for (let m = CAPITALISED.exec(h.text); m; m = CAPITALISED.exec(h.text)) {
        if (unknownNameWord(m[0]) && !isParticle(m[0])) {
          h.unknownCapital = true;
          break;
        }
      }
    }
  }
  return h.unknownCapital;
}
const CUE_SCAN = new RegExp(NAME_CUE_SCAN.pattern, 'g');
const CUE_BITS = new Map(Object.entries(NAME_CUE_SCAN.bits));

/** Which of the rules' cue words occur in the text: one scan, kept on the hints. */
function nameCues(h: NameHints): number {
  if (h.nameCues === undefined) {
    let found = 0;
    CUE_SCAN.lastIndex = 0;
    for (let m = CUE_SCAN.exec(h.lower); m; m = CUE_SCAN.exec(h.lower)) {
      found |= CUE_BITS.get(m[0]) ?? 0;
      CUE_SCAN.lastIndex = m.index + 1; // a cue inside a longer one ("call me" in "calling me") counts too
    }
    h.nameCues = found;
  }
  return h.nameCues;
}
const hasNameCue = (h: NameHints, cue: NameCue) => (nameCues(h) & (1 << NAME_CUES.indexOf(cue))) !== 0;

/** A rule for capitalised names that needs a cue word of its kind in the text too. */
const capitalAnd = (cue: NameCue) => (h: NameHints) => h.upper && hasNameCue(h, cue);

export const NAME_CONTEXT_RULES = [
  {
    // The subject of what a person does, with a pronoun for them: "Bongani had his first seizure",
    // "Today Aroha came in with her baby", "Amadou Ba has been on dialysis".
    type: 'NAME' as const,
    pattern: () =>
      new RegExp(`(?<![\\p{L}'’-])(${WORD}(?:[^\\S\\n]+${WORD})?)(?:['’]s)?[^\\S\\n]+(?:${PERSON_VERBS})\\b`, 'gud'),
    group: 1,
    accept: (m: string, text: string, start: number) => allUnknown(m) && PRONOUN.test(text.slice(start, start + 240)),
    applies: unknownCapital,
  },
  {
    // A name with its relation: "April is my daughter", "Faith, my mother,", "Bill (my husband)", "(Sibusiso,
    // brother)".
    type: 'NAME' as const,
    pattern: () =>
      new RegExp(
        `(?<![\\p{L}'’-])(${WORD}(?:[^\\S\\n]+(?:${WORD}|${TITLE_PARTICLE})){0,2})(?=,?[^\\S\\n]+(?:is|was)[^\\S\\n]+(?:my|our|his|her|their)[^\\S\\n]+(?:${RELATIONS})\\b|,[^\\S\\n]+(?:my|our|his|her)[^\\S\\n]+(?:${RELATIONS})\\b|[^\\S\\n]*\\((?:my[^\\S\\n]+|our[^\\S\\n]+)?(?:${RELATIONS})\\)|,[^\\S\\n]*(?:the[^\\S\\n]+)?(?:${RELATIONS})\\))`,
        'gud',
      ),
    group: 1,
    accept: allNameOrWord,
    applies: capitalAnd('relation'),
  },
  {
    // A name with an age: "Arun (age 3)", "Sofiia (6)", "Ruth Goldberg, 89", "Wangari Muthoni, 24 -", "Mandla is 12".
    type: 'NAME' as const,
    pattern: () =>
      new RegExp(
        `(?<![\\p{L}'’-])(${WORD}(?:[^\\S\\n]+${WORD})?)(?=[^\\S\\n]*\\((?:age[^\\S\\n]*)?\\d{1,2}\\)|,[^\\S\\n]*\\d{1,3}(?:[^\\S\\n]*(?:y/?o|yo|yrs?|years?(?: old)?))?[^\\S\\n]*(?:[-–—,)]|$)|[^\\S\\n]+is[^\\S\\n]+\\d{1,2}(?:[^\\S\\n]+(?:and|years?|yo|months?)\\b|[,.]))`,
        'gud',
      ),
    group: 1,
    accept: allUnknown,
    applies: unknownCapital,
  },
  {
    // After a family title: "Auntie Blessing", "Ate Joy", "Mama Ngozi", "Daddy Hemi", "baby Tobi".
    type: 'NAME' as const,
    pattern: () => new RegExp(`\\b(${caseless(`(?:${FAMILY_TITLES})`)})[^\\S\\n]+(${WORD})(?![\\p{L}'’-])`, 'gud'),
    group: 2,
    // A capitalised title makes a common word a name ("Auntie Blessing"); after "baby" it must be unknown.
    accept: (m: string, text: string, start: number) =>
      isCapitalised(text.slice(text.lastIndexOf(' ', start - 2) + 1, start)) ? nameOrWord(m) : unknownNameWord(m),
    applies: capitalAnd('kin'),
  },
  {
    // A nickname or the name someone goes by: "I go by Bubba, real name Grace Reed", "known to staff as "Pops"".
    type: 'NAME' as const,
    pattern: () =>
      new RegExp(
        `\\b${caseless('(?:go(?:es)? by|known (?:to ')}\\p{L}+ )?${caseless('as|prefers? to be called|likes? to be called|calls? me|calling me|nicknamed|real name(?: is)?)')}[^\\S\\n]+["“'‘]?(\\p{Lu}${LETTERS}*(?:[^\\S\\n]+\\p{Lu}${LETTERS}*)?)`,
        'gud',
      ),
    group: 1,
    // "Big Mike": one word may be a plain word, none a medicine.
    accept: (m: string) => words(m).some(nameOrWord) && !words(m).some((w) => isMedicineWord(w.toLowerCase())),
    applies: capitalAnd('nickname'),
  },
  {
    // A lower-case name introducing itself: "hi its ngaire,", "hey it's keoni, my", "i am efua appiah".
    type: 'NAME' as const,
    pattern: () =>
      new RegExp(
        `(?:^|[.!?,]\\s+|\\n)(?:${OPENING_GREETING})?(?:${INTROS})\\s+(${LOWER_WORD}(?:\\s+${LOWER_WORD})?)(?=\\s*(?:[,.!:;]|$)|\\s+(?:here|from)\\b)`,
        'gud',
      ),
    group: 1,
    accept: allUnknownOrGivenName,
    applies: (h: NameHints) => h.nameCue && hasNameCue(h, 'intro'),
  },
  {
    // "kwame here.", "good morning, chioma here", "hi, Lindiwe here 😊 can u …".
    type: 'NAME' as const,
    pattern: () =>
      new RegExp(
        `(?:^|[.!?,]\\s+|\\n)(?:${OPENING_GREETING})?(${ANY_CASE_WORD}(?:\\s+${ANY_CASE_WORD})?)\\s+here\\b(?=\\s*[,.!]|\\s*$|\\s+(?:\\p{Extended_Pictographic}|${HERE_THEN}))`,
        'gud',
      ),
    group: 1,
    accept: allUnknownOrGivenName,
    applies: (h: NameHints) => h.nameCue && h.lower.includes(' here'),
  },
  {
    // Lower-case full names after a role: "user rosa yamamoto", "resident maartje bakker", "pt parisa u. rahimi".
    type: 'NAME' as const,
    pattern: () =>
      new RegExp(
        `\\b(?:${NAME_ROLES})[:\\s]+(${LOWER_WORD}(?:\\s+(?:\\p{Ll}\\.|de|da|dos|van|von|der|den|ó|ní|mac|al|el|bin))*\\s+${LOWER_WORD})(?![\\p{L}'’-])`,
        'gud',
      ),
    group: 1,
    accept: allUnknown,
    applies: (h: NameHints) => (h.nameCue || h.upper) && hasNameCue(h, 'role'),
  },
  {
    // A name alone at the end, after a dash or "from", or after the last sentence: "-anil", "from Yaw", "… travelling.
    // Efua".
    type: 'NAME' as const,
    pattern: () =>
      new RegExp(`(?:(?:^|\\s)[-–—]\\s*|\\b${caseless('from')}\\s+|[.!?]\\s+)(\\p{L}${LETTERS}+)\\s*[.!]*\\s*$`, 'gud'),
    group: 1,
    // After a dash the word signs the message ("— Carol"); after a full stop it may be any word.
    accept: (m: string, text: string, start: number) =>
      DASH_BEFORE.test(text.slice(Math.max(0, start - 3), start)) ? allUnknownOrGivenName(m) : allUnknown(m),
    applies: (h: NameHints) =>
      (h.nameCue || h.upper) && mayEndWithAWord(h.text) && ENDS_WITH_A_WORD.test(h.text.slice(-48)),
  },
  {
    // Two names after one greeting or thanks: "Hi Renée & Hunter", "Thanks so much, Crystal and Pádraig!".
    type: 'NAME' as const,
    pattern: () =>
      new RegExp(
        `\\b${caseless(`(?:${GREETINGS})`)}(?: so much| again)?[,!]*[^\\S\\n]+(${WORD})[^\\S\\n]*(?:&|and)[^\\S\\n]+(${WORD})(?![\\p{L}'’-])`,
        'gud',
      ),
    group: [1, 2],
    accept: allNameOrWord,
    applies: capitalAnd('greeting'),
  },
  {
    // A surname in capitals after a title in capitals: "DR. REYES-MORENO", "NURSE TRISH", "SEEN BY DR. FAROOQ".
    type: 'NAME' as const,
    pattern: () =>
      /\b(?:DR|NURSE|MR|MRS|MS|PROF)\.?[^\S\n]+(\p{Lu}[\p{Lu}'’-]+)(?:[^\S\n]+(\p{Lu}[\p{Lu}'’-]+))?(?![\p{L}])/dgu,
    // Each word on its own: in "DR. FAROOQ AT 1900" only the first is a name.
    group: [1, 2],
    accept: allUnknown,
    applies: capitalAnd('title'),
  },
  {
    // A particle first after a title: "Dr. van der Berg", "Dr. Van der Merwe", "Dr. Ó Briain".
    type: 'NAME' as const,
    pattern: () =>
      new RegExp(
        `\\b${caseless(`(?:${TITLES})`)}\\.?[^\\S\\n]+((?:${TITLE_PARTICLE}[^\\S\\n]+){1,2}\\p{L}${LETTERS}+)`,
        'gud',
      ),
    group: 1,
    accept: (m: string) => nameOrWord(m.split(/\s+/).at(-1)!),
    applies: capitalAnd('title'),
  },
  {
    // "SURNAME, GIVEN" at the start of a line, before a record number or date of birth: "JUNG, MIN-JUN  medical
    // record".
    type: 'NAME' as const,
    pattern: () =>
      /(?:^|\n)[^\S\n]*(\p{Lu}[\p{Lu}'’-]+,[^\S\n]+\p{Lu}[\p{Lu}'’-]+)(?=[^\S\n]{2,}|[^\S\n]+(?:MRN|EMPI|DOB|[Mm]edical record|[Pp]atient (?:id|number)))/dgu,
    group: 1,
    accept: allNameOrWord,
    applies: (h: NameHints) => h.upper && h.text.includes(', ') && UPPER_CASE_WORD_AND_COMMA_AT_LINE_START.test(h.text),
  },
  {
    // "SURNAME, Given" anywhere, as forms and notes write it: "Claimant: RAMIREZ, Luis", "Pt KOWALSKI, Anna seen".
    // The given name must be a known name, so "NOTE, Patient" or "BP, Pulse" are left.
    type: 'NAME' as const,
    pattern: () =>
      /(?<![\p{L}\p{M}'’-])(\p{Lu}{2,}[\p{Lu}'’-]*,[^\S\n]+\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*)(?![\p{L}\p{M}'’-])/dgu,
    group: 1,
    accept: (m: string) => {
      const [surname, given] = m.split(/,\s+/) as [string, string];
      return surname.length >= 3 && isKnownName(given) && (isKnownName(surname) || unknownNameWord(surname));
    },
    applies: (h: NameHints) => h.upper && h.text.includes(', ') && UPPER_CASE_WORD_AND_COMMA.test(h.text),
  },
  {
    // Title-case or "Surname, Given" after a form label: "Policyholder: Bondarenko, Iryna", "Witnessed by: Nomvula
    // Khumalo".
    type: 'NAME' as const,
    pattern: () =>
      new RegExp(
        `\\b${caseless(`(?:${NAME_LABELS})`)}:?[^\\S\\n]+(${WORD}(?:,?[^\\S\\n]+(?:${WORD}|${TITLE_PARTICLE})){1,2})`,
        'gud',
      ),
    group: 1,
    accept: allNameOrWord,
    applies: capitalAnd('label'),
  },
];
