/**
 * Words that a name pattern meets without their being a name: what follows "I am" or "Dr.",
 * title-case words of forms, places and organisations, conditions named after a person.
 */
import { isMedicineWord } from '../question-type/medicines';

/** Words that follow "I am" / "this is" / "Dr." without being a name. */
export const NOT_NAMES = new Set(
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
    'russian ukrainian arab native canadian australian nigerian ghanaian kenyan ethiopian somali haitian jamaican brazilian colombian ' +
    'greek czech slovak swedish norwegian danish finnish dutch belgian swiss austrian hungarian romanian bulgarian serbian ' +
    'croatian portuguese spanish turkish persian iranian iraqi syrian lebanese egyptian moroccan pakistani bangladeshi nepali ' +
    'thai malaysian indonesian navajo cherokee apache hopi inuit hawaiian samoan maori aboriginal sephardic jews amish ' +
    'mennonite caucasian european latin scandinavian mediterranean ' +
    // days and months, which greetings and sign-offs meet ("Hi Monday", "Best, May")
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july august september ' +
    'october november december today tomorrow tonight yesterday morning evening afternoon night week weekend ' +
    // eponymous diseases and what follows a greeting without being a name
    'parkinson parkinsons alzheimer alzheimers crohn crohns addison addisons hashimoto hashimotos graves bell bells tourette ' +
    'tourettes hodgkin hodgkins down huntington huntingtons lyme raynaud raynauds sjogren cushing kawasaki asperger aspergers ' +
    'everyone everybody there guys folks all team doc nurse sir madam maam friends again please help quick question ' +
    'dr mr mrs ms miss prof professor'
  ).split(' '),
);

/**
 * Capitalised words that start sentences, label form fields or name places, conditions and
 * organisations: a run of capitalised words made of these is not a person's name.
 */
const TITLE_CASE_WORDS = new Set(
  (
    'the this that these those my your our his her their its is are was were be been can could should would will shall ' +
    'do does did have has had what when where why how who whom which whose if and or but so then also not no yes ok okay ' +
    'hi hello hey dear thanks thank regards best cheers sincerely love please sorry note re fwd fw subject msg message ' +
    'portal reply sent from to for of in on at by with about after before since until via per as an a i im me we us ' +
    "i'm i’m i'll i’ll i've i’ve i'd i’d " +
    'name first last middle full date birth dob ssn mrn id phone mobile cell email address street city state zip postcode ' +
    'patient patients doctor dr mr mrs ms miss mx prof nurse pharmacist caregiver member subscriber policy group plan account ' +
    'card insurance medicare medicaid claim prior auth authorization referral consent intake discharge summary report ' +
    'lab labs results result test tests blood pressure heart rate sugar glucose weight height temp temperature pulse bmi ' +
    'emergency contact allergies allergy conditions condition medications medication meds history notes diagnosis ' +
    'type stage grade disease syndrome disorder cancer tumor tumour lymphoma leukemia leukaemia palsy fever virus infection ' +
    'clinic hospital center centre medical health care healthcare urgent family general practice pharmacy department unit ' +
    'ward room floor office team services service support program programme foundation association society institute ' +
    'university college school county district national international american british canadian north south east west ' +
    'new old great little big upper lower central saint st mount mt lake river park hill valley united states kingdom ' +
    'york london paris jersey angeles francisco diego san city county avenue road boulevard lane drive court place way ' +
    'dept america manual ' +
    'error warning alert status update version app account login password portal chart record records file files ' +
    'morning afternoon evening night today tomorrow yesterday week weekend am pm bot assistant user admin system'
  ).split(' '),
);

const CAPITAL_FIRST = /^\p{Lu}/u;
/** Whether the word (or text) starts with a capital letter, in any script. */
export const isCapitalised = (word: string) => CAPITAL_FIRST.test(word);

/**
 * A word of a candidate name that says it is not one: a title-case word, a known non-name, a medicine, a day or month.
 */
export function nonNameWord(word: string): boolean {
  const w = word.toLowerCase().replace(/['’]s$/, '');
  return TITLE_CASE_WORDS.has(w) || NOT_NAMES.has(w) || isMedicineWord(w);
}

/** What a condition named after a person is: "Paget's disease", "Reye syndrome", "Bruch's membrane". */
const CONDITION_NOUNS =
  'disease|syndrome|palsy|contracture|granulomatosis|lymphoma|sarcoma|disorder|anomaly|phenomenon|ataxia|chorea|dystrophy|test|sign|maneuver|manoeuvre|esophagus|oesophagus|ulcer|cyst|tumou?r|score|scale|criteria|reflex|procedure|operation|classification|fracture|lesion|neuralgia|neuroma|thyroiditis|encephalopathy|encephalitis|paralysis|anemia|anaemia|diseases|syndromes|carcinoma|fever|neuropathy|amaurosis|dementia|deformity|malformation|anomal(?:y|ies)|diverticulum|ganglion|triad|monitor|maneuver|ulcers?|cysts?|catheter|tube|splint|brace|pump|surgery|microsurgery|dysplasia|thrombasthenia|myopathy|hernia|mosaic|mesomelic|stain|staging|technique|method|hypothesis|membrane|exercises?|osteodystrophy|hemorrhagic fever';
/** A condition named after a person: "Paget's disease", "Lou Gehrig's", "Reye syndrome". */
const EPONYM_AFTER = new RegExp(`^['’]?s?\\s+(?:${CONDITION_NOUNS})\\b|^['’]s\\b`, 'i');
/**
 * The same with the condition's other words between: "Laing distal myopathy", "Pearson marrow-pancreas
 * syndrome", "Marburg hemorrhagic fever"; words of a sentence ("Pearson has a rare syndrome") are not such words.
 */
const EPONYM_BEFORE_WORDS = new RegExp(
  `^['’]?s?\\s+(?:(?!(?:has|had|have|is|was|with|and|or|a|an|the|his|her|my|our|their|got|gets|of|in|on|for|from|who|but)\\b)[a-z][a-z-]+\\s+){1,3}(?:${CONDITION_NOUNS})\\b`,
);
/** What follows an eponym without a possessive ("Leydig cell", "Zika virus"), never a person's name ("Dana's cell"). */
const EPONYM_BEFORE_NOUN =
  /^\s+(?:cells?|viruse?s?|tendons?|contractions?|point|positive|negative|syndrome|congenital|hereditary|muscular|optic|infections?|glands?|ducts?|canal|bod(?:y|ies)|membrane|type|variant|sequence|complex|nodes?)\b/i;
export const namesAPerson = (match: string, text: string, start: number) => {
  const after = text.slice(start + match.length, start + match.length + 64);
  return (
    !EPONYM_AFTER.test(after) &&
    !EPONYM_BEFORE_WORDS.test(after) &&
    !(EPONYM_BEFORE_NOUN.test(after) && !/['’]s$/.test(match))
  );
};

const PARTICLE_WORD =
  /^(?:de|da|das|do|dos|di|du|des|del|della|la|las|le|los|van|von|der|den|ter|ten|op|zu|af|av|ap|bin|binti|bint|ibn|al|el|ní|ni|nic|ó|o|mc|mac|st|y)$/;
/** A surname particle written on its own: "van", "de", "al", "ní". */
export const isParticle = (word: string) => PARTICLE_WORD.test(word.toLowerCase());

/** Two or three capitalised words none of which is a title-case word, medicine, day or month: "Greta Nagy". */
export const personLike = (match: string, text: string, start: number) =>
  match.split(/\s+/).every((word) => isParticle(word) || !nonNameWord(word)) && namesAPerson(match, text, start);

/**
 * Given names that are also English words, common enough as names that where a person signs or
 * introduces themselves ("— Carol", "amber here", "i'm grace, 34") they are the name. Elsewhere
 * they need a stronger cue: "hope", "will" and "bill" are words first.
 */
const GIVEN_NAMES_THAT_ARE_WORDS = new Set(
  (
    'amber angel carol crystal daisy dawn eve faith grace hazel heather holly hope iris ivy jade joy lily maria ' +
    'mercy olive opal pearl penny poppy rose ruby sally sandy violet willow ginger honey misty summer autumn ' +
    'bill frank jack will mike nick pat ray rob drew dean grant chase hunter mark peter victor martin warren wade ' +
    'cliff glen buddy chuck duke earl guy hank lance rusty sonny sunny skip'
  ).split(' '),
);

/** Whether a word is a given name that is also a word (see GIVEN_NAMES_THAT_ARE_WORDS). */
export const isGivenNameWord = (word: string) => GIVEN_NAMES_THAT_ARE_WORDS.has(word.toLowerCase());
