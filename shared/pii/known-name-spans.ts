/**
 * Names found by the name table rather than by a cue: a capitalised word that is a known first
 * name or surname and no English word ("… backup Connor at 555…", "Priya, your visit…"), widened
 * to the whole name around it ("Mildred van Houten", "Sunita Rao"), and a lower-case known name
 * right after a weak cue ("dr patel", "nurse haruto", "I'm rowan"). Runs after the pattern rules,
 * which win where both find a span.
 */
import { isKnownName } from './known-names';
import { isCapitalised, isParticle, namesAPerson, nonNameWord } from './name-words';
import { STATES } from './rules';

export interface NameSpan {
  start: number;
  end: number;
}

/** A capitalised word: its first letter upper case, not inside another word. */
const CAPITALISED = /(?<![\p{L}\p{M}'’])\p{Lu}[\p{L}\p{M}'’-]*[\p{L}\p{M}]/gu;
/** The word after `at`, separated by spaces only (a name does not run over punctuation). */
const NEXT_WORD = /[^\S\n]+([\p{L}\p{M}](?:[\p{L}\p{M}'’-]*[\p{L}\p{M}])?)(?![\p{L}\p{M}'’-])/uy;
/** A comma between two upper-case words: "SANTOS, SKYLER". */
const NEXT_AFTER_COMMA = /,[^\S\n]+([\p{L}\p{M}][\p{L}\p{M}'’-]*[\p{L}\p{M}])(?![\p{L}\p{M}'’-])/uy;
/** The word before the end, separated by spaces only (or a comma, between upper-case words), or an initial ("B."). */
const PREVIOUS_WORD = /(?<![\p{L}\p{M}'’-])([\p{L}\p{M}][\p{L}\p{M}'’-]*)[^\S\n]+$/u;
const PREVIOUS_UPPER_WORD = /(?<![\p{L}\p{M}'’-])([\p{Lu}\p{M}'’-]{2,}),?[^\S\n]+$/u;
const INITIAL_BEFORE = /(?<![\p{L}\p{M}'’.-])(?:\p{Lu}\.[^\S\n]?){1,3}[^\S\n]*$/u;
/** What may close a name: a suffix ("Jr.", "III") or a last initial ("Lerato M."). */
const NAME_SUFFIX = /,?[^\S\n]+(?:[JjSs]r\.?|II|III|IV|\p{Lu}\.)(?![\p{L}\p{M}])/uy;
/** Cues a lower-case name follows in chat: "dr patel", "nurse haruto", "im rowan", "hey keanu", "kid rahul". */
const WEAK_CUE_THEN_WORD =
  /\b(?:dr|doc|doctor|nurse|mr|mrs|ms|i'?m|i am|this is|it'?s|hey|hi|hello|dear|thanks|thank u|thank you|thx|ty|son|daughter|kid|wife|husband|partner|friend|brother|sister|baby of|child of|baby|named|called|neighbou?r|patient|pt|mum|mom|mother|father|dad|grandma|grandpa|insured|resident|member|subscriber|caregiver|carer|attn|c\/o|for|to|from|re)\.?,?[^\S\n]+([\p{L}][\p{L}\p{M}'’-]*[\p{L}\p{M}])(?![\p{L}\p{M}'’-])|(?:^|\s)[-–—][^\S\n]*([\p{L}][\p{L}\p{M}'’-]*[\p{L}\p{M}])[^\S\n]*$/dgu;
/** Whether any weak cue occurs, checked on the lower-cased text before the pattern runs. */
const WEAK_CUE =
  /\b(?:dr|doc|doctor|nurse|mr|mrs|ms|i'?m|i am|this is|it'?s|hey|hi|hello|dear|thanks|thank|thx|ty|son|daughter|kid|wife|husband|partner|friend|brother|sister|baby|child|named|called|neighbou?r|patient|pt|mum|mom|mother|father|dad|grandma|grandpa|insured|resident|member|subscriber|caregiver|carer|attn|c\/o|for|to|from|re)\b|\s[-–—]/;
/**
 * A lower-case full name where a form or a message starts, after a colon or a slash: "kenji
 * sato, ph …", "ship to: burak kaya / 3800 kingsway". Both words must be known names.
 */
const LOWER_NAME_AT_START =
  /(?:^|[:/;]|\n)[^\S\n]*(\p{Ll}[\p{L}\p{M}'’-]*\p{L})[^\S\n]+(\p{Ll}[\p{L}\p{M}'’-]*\p{L})(?=[^\S\n]*(?:[,/(;]|$)|[^\S\n]+(?:here|ph|dob|age|is|was|says|said)\b)/dgu;
const isUpperCaseWord = (word: string) => word === word.toUpperCase();
/** A town before its state ("Boise, ID 83702", "Burlington VT"): a place, though many towns are surnames too. */
const BEFORE_STATE = new RegExp(`^,?\\s+(?:${STATES})\\b(?=\\s+\\d{5}|\\s*[,.)]|\\s*$)`);
const ROMAN_NUMERAL = /^[IVX]+$/;
/**
 * Words before a name that make it a medicine or an institution: "switched from Camila to
 * Yasmin", "taking Ella", "St Jude", "Mount Sinai". Pill brands are often given names.
 */
const NOT_A_PERSON_BEFORE =
  /\b(?:taking|take|took|started|starting|stopped|stopping|switched (?:from|to)|switching (?:from|to)|changed (?:from|to)|prescribed|using|refill(?: of| for)?|(?:from|to) \p{L}+ (?:from|to))\s*$|\b(?:st\.?|saint|mount|mt\.?)\s*$/iu;
/** What follows an institution's name: "Johns Hopkins Hospital", "Dana-Farber Cancer Institute". */
const INSTITUTION_AFTER =
  /^['’]?s?\s+(?:hospital|clinic|medical|health|cancer|children'?s|center|centre|institute|university|college|school|foundation|house|memorial|infirmary|pharmacy|labs?|laboratory|hospice|trust)\b/i;
/** A brand before its strength ("Dolo 650", "Telma 40 mg") is a medicine, though brands are often names too. */
const BEFORE_STRENGTH = /^\s+\d{1,4}(?:\.\d+)?\s*(?:mg|mcg|µg|ml|g|iu|%|units?)?(?![\d/:.,-]|\s*\d)/i;
const TWO_CAPITALS = /^\p{Lu}{2}$/u;
/** A surname joined to its particle: "al-Hassan", "el-Sayed", "bin-Laden", "O'Brien", "d'Souza". */
const PARTICLE_SURNAME =
  /^(?:al|el|ul|ad|ar|as|ash|at|az|an|bin|ibn|abu|ben|bint|de|di|da|du|d|o|l|mc|mac|fitz)[-'’]\p{Lu}/iu;

/**
 * Each capital followed by a small letter ("McDonald", "DeShawn"), or all capitals: mixed forms
 * such as "IgA" or "CoA" are abbreviations.
 */
const NAME_CASING = /^(?:\p{Lu}?[\p{Ll}\p{M}'’-]+)+$|^[\p{Lu}\p{M}'’-]+$/u;

/** A word that can stand for a person on its own: a known name, not a title-case word or medicine. */
function knownPersonWord(word: string): boolean {
  return word.length >= 3 && NAME_CASING.test(word) && isKnownName(word) && !nonNameWord(word);
}

/**
 * The word after `at` and where it ends: after spaces, or after an initial ("IMANI D.
 * ROBINSON"), or after a comma when it is a known name ("SANTOS, SKYLER", "Ngata, Losana").
 */
function nextWord(text: string, at: number, afterComma: boolean): { word: string; end: number } | null {
  INITIAL_AFTER.lastIndex = at;
  const from = at + (INITIAL_AFTER.exec(text)?.[0].length ?? 0);
  NEXT_WORD.lastIndex = from;
  const next = NEXT_WORD.exec(text);
  if (next) return { word: next[1]!, end: from + next[0].length };
  if (!afterComma) return null;
  NEXT_AFTER_COMMA.lastIndex = at;
  const named = NEXT_AFTER_COMMA.exec(text);
  return named && knownPersonWord(named[1]!) ? { word: named[1]!, end: at + named[0].length } : null;
}
/** A middle initial: " D." before another word. */
const INITIAL_AFTER = /[^\S\n]+\p{L}\.(?=[^\S\n]+\p{L})/uy;

/** Where a name that reaches `end` ends, taking in further names and particles ("Sunita Rao", "Mildred van Houten"). */
function extendRight(text: string, end: number, upper: boolean): number {
  // Surname first with a comma ("Ngata, Losana") only right after the first word.
  for (let next = nextWord(text, end, true); next; next = nextWord(text, end, upper)) {
    const word = next.word;
    const fits = upper
      ? isUpperCaseWord(word) &&
        word.length >= 2 &&
        !ROMAN_NUMERAL.test(word) &&
        (isParticle(word) || !nonNameWord(word))
      : (isParticle(word) && followedByCapital(text, next.end)) ||
        PARTICLE_SURNAME.test(word) ||
        (isCapitalised(word) && !nonNameWord(word) && !TWO_CAPITALS.test(word));
    if (!fits) break;
    end = next.end;
  }
  NAME_SUFFIX.lastIndex = end;
  const suffix = NAME_SUFFIX.exec(text);
  return suffix ? end + suffix[0].length : end;
}

function followedByCapital(text: string, at: number): boolean {
  NEXT_WORD.lastIndex = at;
  const next = NEXT_WORD.exec(text);
  return next !== null && (isCapitalised(next[1]!) || isParticle(next[1]!));
}

/**
 * Where the name starts, taking in particles, capitalised names and an initial before it ("van
 * den Heuvel", "B. Fitz-Simmons"); in upper case, any upper-case word that is no title-case word
 * ("WOODS, ŁUKASZ", "DOS SANTOS, BABAJIDE").
 */
function extendLeft(text: string, start: number, upper: boolean): number {
  for (;;) {
    const head = text.slice(Math.max(0, start - 40), start);
    const initial = upper ? null : INITIAL_BEFORE.exec(head);
    if (initial) {
      start -= initial[0].length;
      continue;
    }
    const previous = (upper ? PREVIOUS_UPPER_WORD : PREVIOUS_WORD).exec(head);
    if (!previous) return start;
    const word = previous[1]!;
    const fits = upper
      ? isParticle(word) || !nonNameWord(word)
      : isParticle(word) || (isCapitalised(word) && knownPersonWord(word));
    if (!fits) return start;
    start -= previous[0].length;
  }
}

/**
 * A run of upper-case words that is a name: two known names, or a known name of four letters or more and another word.
 */
function upperCaseName(run: string): boolean {
  const words = run.split(/[\s,]+/).filter(Boolean);
  const known = words.filter(knownPersonWord);
  return known.length >= 2 || (words.length >= 2 && known.some((word) => word.length >= 4));
}

/**
 * The known names in `text`, as spans. `upper`: it has a capital; `nameCue`: the pattern rules
 * saw a cue word (they look only in texts with a capital, a greeting or "name"); `lower`: the
 * text lower-cased. A text with capitals and no cue has no weak cue either, bar a rare few
 * ("thx", "named"): the cue scan is skipped there.
 */
export function knownNameSpans(text: string, upper: boolean, nameCue: boolean, lower: string): NameSpan[] {
  const spans: NameSpan[] = [];
  let covered = 0;
  if (upper) {
    CAPITALISED.lastIndex = 0;
    for (let match = CAPITALISED.exec(text); match; match = CAPITALISED.exec(text)) {
      const word = match[0];
      if (match.index < covered || !knownPersonWord(word)) continue;
      const upperWord = word.length > 1 && isUpperCaseWord(word);
      const end = extendRight(text, match.index + word.length, upperWord);
      const start = extendLeft(text, match.index, upperWord);
      const name = text.slice(start, end);
      // Upper-case words are often acronyms: "LEE" counts beside another name, "POS II" not at all.
      if (upperWord && !upperCaseName(name)) continue;
      const after = text.slice(end, end + 16);
      if (NOT_A_PERSON_BEFORE.test(text.slice(Math.max(0, start - 24), start))) continue;
      if (
        !namesAPerson(name, text, start) ||
        INSTITUTION_AFTER.test(after) ||
        (!name.includes(' ') && BEFORE_STATE.test(after)) ||
        BEFORE_STRENGTH.test(after)
      )
        continue;
      spans.push({ start, end });
      covered = end;
      CAPITALISED.lastIndex = end;
    }
  }
  // The cues in any case, read off the lower-cased text where it keeps the original's offsets.
  if ((nameCue || !upper) && lower.length === text.length && WEAK_CUE.test(lower)) {
    WEAK_CUE_THEN_WORD.lastIndex = 0;
    for (let match = WEAK_CUE_THEN_WORD.exec(lower); match; match = WEAK_CUE_THEN_WORD.exec(lower)) {
      const [at, wordEnd] = match.indices![match[1] === undefined ? 2 : 1]!;
      const word = text.slice(at, wordEnd);
      if (isCapitalised(word) || !knownPersonWord(word)) {
        // The word may be a cue itself ("hi this is yael"): look again from it.
        WEAK_CUE_THEN_WORD.lastIndex = at;
        continue;
      }
      const start = at;
      NEXT_WORD.lastIndex = start + word.length;
      const next = NEXT_WORD.exec(text);
      const end = next && knownPersonWord(next[1]!) ? next.index + next[0].length : start + word.length;
      if (namesAPerson(text.slice(start, end), text, start)) spans.push({ start, end });
    }
  }
  if (!upper || text.includes(':') || text.includes('/')) {
    LOWER_NAME_AT_START.lastIndex = 0;
    for (let match = LOWER_NAME_AT_START.exec(text); match; match = LOWER_NAME_AT_START.exec(text)) {
      const [start] = match.indices![1]!;
      const [, end] = match.indices![2]!;
      // At the very start before a comma the surname may be a word too ("brenda walker, dob …").
      const surnameFits =
        knownPersonWord(match[2]!) ||
        (text.slice(0, start).trim() === '' && text[end] === ',' && !nonNameWord(match[2]!));
      if (knownPersonWord(match[1]!) && surnameFits) spans.push({ start, end });
    }
  }
  return spans;
}
