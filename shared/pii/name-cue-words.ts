/**
 * The cue words of the name rules (name-context-rules.ts): the words a rule needs somewhere in
 * the lower-cased text before its pattern is run, and the scan that finds them all at once.
 * build.mjs works the scan out once and the bundles carry it as a literal (name-cue-scan.ts).
 */
import { trieAlternation } from './alternation-trie';

/** Relations a name is given with: "(my husband)", ", my mother,", "is my son". */
export const RELATIONS =
  'son|daughter|wife|husband|mom|mum|mother|dad|father|brother|sister|friend|grandma|grandmother|grandpa|grandfather|' +
  'grandson|granddaughter|grandchild|stepson|stepdaughter|stepmother|stepfather|baby|partner|child|kid|boyfriend|girlfriend|' +
  'gf|bf|fiance|fiancee|aunt|uncle|cousin|niece|nephew|twin|youngest|eldest|oldest|little one|helper|employer|caregiver|' +
  'carer|nanny|roommate|flatmate|neighbou?r|boss|colleague|coworker';
/** Family titles people put before a name: "Auntie Blessing", "Ate Joy", "Mama Ngozi", "baby Tobi". */
export const FAMILY_TITLES =
  'auntie|aunty|aunt|uncle|ate|kuya|tita|tito|mama|papa|nana|nanna|nan|baba|daddy|mommy|mummy|abuela|abuelo|lola|lolo|' +
  'granny|gran|grandma|grandpa|baby|bro|sis|cousin|lil';
/** Greetings and thanks before names: "Hi Renée & Hunter". */
export const GREETINGS = 'hi|hey|hello|dear|thanks|thank you|thx|cheers';
/** Titles before names: "Dr. van der Berg", "NURSE TRISH". */
export const TITLES = 'dr|doctor|mr|mrs|ms|miss|prof|nurse';
/** How people introduce themselves: "its ngaire", "i am efua appiah". */
export const INTROS = "it's|its|this is|i'm|im|i am";
/** Roles a lower-case full name follows: "user rosa yamamoto", "resident maartje bakker". */
export const NAME_ROLES =
  'user|resident|insured|primary insured|emergency contact|contact|pt|patient|member|subscriber|policyholder|caregiver';
/** Form labels a title-case name follows: "Policyholder: Bondarenko, Iryna", "Witnessed by: Nomvula Khumalo". */
export const NAME_LABELS =
  'policyholder|policy holder|cardholder|account holder|witnessed by|witness|scribe|signed by|seen by|referred by|' +
  'requested by|ordered by|emergency contact|next of kin|specimen label|label';
/** The words each rule needs somewhere in the lower-cased text, by the kind of cue they are. */
const CUE_WORDS = {
  relation: RELATIONS,
  kin: FAMILY_TITLES,
  nickname: 'go by|goes by|known|called|call me|calls me|calling me|nickname|nicknamed|real name',
  intro: INTROS,
  role: NAME_ROLES,
  label: NAME_LABELS,
  greeting: GREETINGS,
  title: TITLES,
};
export type NameCue = keyof typeof CUE_WORDS;
/** The kinds of cue in bit order: kind i is bit 1 << i. */
export const NAME_CUES = Object.keys(CUE_WORDS) as NameCue[];

export interface NameCueScan {
  /** One regex source matching every cue word, at word boundaries. */
  pattern: string;
  /** Each cue word with the kinds it is a cue of, as bits: "baby" is a relation and a family title. */
  bits: Record<string, number>;
}

export function buildNameCueScan(): NameCueScan {
  const bits = new Map<string, number>();
  NAME_CUES.forEach((cue, i) => {
    for (const word of CUE_WORDS[cue].replace('neighbou?r', 'neighbour|neighbor').split('|'))
      bits.set(word, (bits.get(word) ?? 0) | (1 << i));
  });
  return { pattern: `\\b${trieAlternation([...bits.keys()])}\\b`, bits: Object.fromEntries(bits) };
}
