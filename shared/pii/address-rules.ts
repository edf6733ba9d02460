/**
 * Street addresses of many countries, found by their shape: a house number and a street type
 * ("1442 W. Roscoe St Apt 3", "Flat 2, Lumiere House, 17 Marlowe Road"), a street type and
 * then the number ("Via Toledo 65", "Rua XV de Novembro, 898", "kerkstraat 395a"), rural,
 * military and Indian forms ("County Road 247", "PSC 5739, Box 6271", "H.No. 6-5-617"). The
 * city, state and country stay: only the street and unit are an identifier here.
 */
import { caseless } from './caseless';
import { type CueHints, hasCue } from './cue-scan';
import {
  COLOMBIAN_STREET_TYPES,
  COMPOUND_STREET_ENDINGS,
  FRENCH_STREET_TYPES,
  KOREAN_ROAD_ENDINGS,
  STREET_ABBREVIATIONS,
  STREET_FIRST_AMBIGUOUS,
  STREET_FIRST_WORDS,
  STREET_WORDS,
  TYPES_AFTER_NAME,
} from './street-words';

const KOREAN_ROAD = `[\\p{L}\\d]+-(?:${caseless(KOREAN_ROAD_ENDINGS)})`;
const STREET_SUFFIX = `(?:${STREET_ABBREVIATIONS}|${STREET_ABBREVIATIONS.toUpperCase()}|ave|blvd|rd|pkwy|hwy|${caseless(STREET_WORDS)}|${KOREAN_ROAD})`;
const LOWER_ABBREVIATIONS = 'st|ln|dr|ct|ter|pl|cir|sq|trl|cres';
const STREET_FIRST = caseless(STREET_FIRST_WORDS);
/** Types that are English words too ("via", "am", "plaza"): the street's name after them must be capitalised. */
const STREET_FIRST_CAPITALISED = `(?:${caseless(STREET_FIRST_AMBIGUOUS)}|C/)`;
/** With its dot the abbreviation is unambiguous in any case: "av. juárez 418", "al. jerozolimskie 57". */
const STREET_FIRST_DOTTED = `(?:(?:${caseless('av|al|pl|ul|jl|c')})\\.|[Jj]r\\.(?=\\s+\\p{Lu}))`;
/** English words that never sit between a street type and its number: "via spacer for the 6". */
const NOT_IN_A_STREET_NAME =
  /\b(?:for|the|a|an|of|to|with|and|or|my|your|his|her|in|on|at|every|each|per|is|was|am|pm|by)\b/i;
/** French: the type after the number ("74 ter rue de la Roquette", "127 boulevard Haussmann"). */
const FRENCH_TYPE = caseless(FRENCH_STREET_TYPES);
/**
 * A street word with its type inside: "Schulgasse", "Prinsengracht", "Kungsgatan", "Karl-Marx-Allee"; a "-ring"
 * only capitalised ("Kaiserring"), as English words end so too ("during 6", "bring 2").
 */
const COMPOUND_STREET = `(?:[\\p{L}-]*(?:${caseless(COMPOUND_STREET_ENDINGS.replace('|ring|', '|'))})|\\p{Lu}[\\p{L}-]*ring)`;

// Not a phone number in its usual grouping ("555-201-3344, Dr. Okafor" is no address on a Drive).
const HOUSE_NUMBER =
  '(?<![\\d–-])\\b(?!\\d{3}[-.]\\d{3}[-.]\\d{4}\\b)(?:[Uu]\\d{1,4}/)?\\d{1,6}[A-Za-z]?(?:[-–/]\\d{1,4}[A-Za-z]?){0,2}';
/** A house's name before its number: "Rose Cottage, 75 Harrow Way", "The Old Rectory, 14 Station Road". */
const HOUSE_NAME =
  "(?:(?:The\\s+)?(?:\\p{Lu}[\\p{L}'’-]*\\s+){0,2}(?:Cottage|House|Lodge|Farm|Rectory|Vicarage|Villa|Manor|Barn|Mansions|Towers|Apartments|Residency|Niwas|Bhavan|Heights|Hall|Mill|Grange|Court|Place|Building|Block),\\s*)";
const DIRECTION = '(?:[NSEW]{1,2}|[nsew]|ne|nw|se|sw|[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)\\.?';
/** A word of a street's name: letters (any script), or an ordinal ("12th", "3rd"). */
const NAME_WORD = "(?:\\p{L}[\\p{L}'’.-]*|\\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH|ème|er|e|º|ª))";
/** Units and floors after the street: "Apt 3", "Suite 184", "Trlr 22", "PH2", "#15-125", "3e étage", "8º d". */
const UNIT_WORDS = [
  ...'apartment|apartamento|apto|apt|app|ap|int|interior|whg|unit|suite|ste|flat|floor|fl|room|rm|bldg|building|lot|lote|no|trlr|trailer|ph|penthouse|lgh|bât|bat|bâtiment|batiment|conj|conjunto|dept|dpto|depto|dto|piso|level|lvl|block|blk|tower|torre|twr|wing|office|shop|space|spc|stall|box|boîte|boite|bte|bus|door|porta|escalera|esc|scala|interno|casa|top|stiege|tür|tur|ajtó|ajto|daire|andar|sala|lokal|mieszkanie|basement|bsmt|slip|bloco|bloque|bloc|appartement|appt|bajo|cabin|piano|rr|kv|kl|m'.split(
    '|',
  ),
]
  // Longest first: "depto" is not "dept" and an "o".
  .sort((a, b) => b.length - a.length)
  .join('|');
/**
 * Floors and sides after an ordinal: "5º piso", "1er étage", "4º izda", "2nd floor", "2nd Fl", "3. Stock", "2. OG
 * links",
 * "3. tv", "2do piso", "2° piano", "3. etasje", "2. emelet", "5 tr", "3os orofos".
 */
const FLOOR_WORDS = caseless(
  'étage|etage|piso|planta|andar|piano|floor|fl|stock|og|etasje|emelet|ajtó|ajto|orofos|kat|trappor|tr|izda|izq|dcha|dch|esq|dto|tv|th|mf|sal',
);
const FLOOR = `\\d{1,2}(?:st|nd|rd|th|do|ro|to|vo|no|os|ème|er|e|\\.?[º°ª]|\\.)?\\s*(?:${FLOOR_WORDS})(?![\\p{L}\\d])\\.?(?:\\s+${caseless('(?:links|rechts|mitte)')}\\b)?|\\d{1,2}(?:ème|er|e|º|ª|°)\\s*(?:${caseless('étage|etage|piso|andar|floor|fl|izda|izq|dcha|dch|esq|dto')})?\\.?(?:\\s*[A-Za-z]\\b)?`;
// A unit's value holds a digit or is a letter or two ("Apt 5B", "depto. B"): "ph" and "one" are not "phone", nor
// "no" and "w" "now".
const POST_UNIT = `(?:(?:${caseless(UNIT_WORDS)})(?![\\p{L}])\\.?:?\\s*#?\\s*(?:[A-Za-z]{0,2}\\d[A-Za-z0-9-]{0,7}|[A-Za-z]{1,2})\\b|#\\s*[A-Za-z0-9-]{1,10}\\b|${FLOOR})`;
/** A unit, plot or house before the street: "Flat 9B,", "No. 115,", "H.No. 19-4-114,", "#601,", "Level 7,". */
/** A unit named without a number: "basement apt", "rear unit", "upstairs flat". */
const PLAIN_UNIT = `${caseless('(?:basement|bsmt|rear|upstairs|downstairs|upper|lower)')}(?:\\s+${caseless('(?:apt|apartment|unit|flat|suite)')})?\\b`;
const PRE_UNIT_WORDS = 'flat|apt|apartment|unit|suite|ste|house|plot|no|blk|block|level|lvl|shop|office|door|lot';
const preUnit = (words: string) =>
  `(?:(?:${caseless(words)}|${caseless('h')}\\.?\\s?${caseless('no')})\\.?\\s*(?:${caseless('no')}\\.?\\s*)?[-#]?\\s*(?=[A-Za-z/-]*\\d)[A-Za-z0-9/-]{1,10}|#\\s*[A-Za-z0-9-]{1,10})`;
const PRE_UNIT = preUnit(PRE_UNIT_WORDS);
/**
 * Before a house number more may stand, up to three: "Room 1502, Building 3, 88 Zhongshan Road", "Villa 23,",
 * and Glasgow's and Edinburgh's flat positions ("0/2, 118 Maryhill Road", "3F2, 14 Marchmont Crescent"). Not before
 * a street without a number: "in room 12, link …" is a hospital room.
 */
const BEFORE_NUMBER = `(?:${preUnit(`${PRE_UNIT_WORDS}|villa|room|rm|building|bldg|tower|floor|ward`)}|\\d{1,2}(?:/|F)\\d{1,2}(?=,)|${PLAIN_UNIT})`;
/**
 * After a house number: "bis" or "ter" ("Oudegracht 210 bis"), or a staircase letter and the
 * flat's number ("Mannerheimintie 12 B 34", "hämeenkatu 25 b 14").
 */
const AFTER_HOUSE_NUMBER = `(?:\\s+(?:${caseless('bis|ter')}|[A-Za-z](?:\\s+\\d{1,3})?)\\b)?`;
/** Small words between a street type and its name: "via dei Mille", "av. de los Pinos". */
const ROMANCE_PARTICLES = caseless('dei|degli|del|della|delle|de|di|da|do|dos|das|la|le|los|las');
/** A building's name between the unit and the street: "Lotus Towers,", "The Old Rectory,". */
const BUILDING = "(?:\\p{L}[\\p{L}'’.-]*\\s+){0,3}\\p{L}[\\p{L}'’.-]*,\\s*";
const POST_UNITS = `(?:,?\\s*(?:${POST_UNIT}|${PLAIN_UNIT})){0,3}`;

/**
 * Types before the name that also follow a house number ("1420 Calle Loíza"); not "ul", which
 * is also microlitres ("5 ul saline"), nor the German ones, whose number comes after the name.
 */
const TYPE_AFTER_NUMBER = caseless(
  STREET_FIRST_WORDS.split('|')
    .filter((word) => !['ul', 'zum', 'zur', 'auf der', 'in der'].includes(word))
    .join('|'),
);
/** A word of a street's name that is none of the small words running text goes on with: "25 jalan tun razak and …". */
const STREET_NAME_WORD = `(?!${caseless('(?:and|or|the|for|with|to|in|on|at|is|was|my|i|it|but|so|since|from)')}\\b)${NAME_WORD}`;

/** Lower-case words of running text, never in a street's name: "Type 2 is the most common form". */
const NOT_RUNNING_TEXT = '(?!(?:is|are|was|were|be|the|most|more|less|and|or|of|for|to|in|on|at|it|a|an)\\b)';
/** A street word somewhere in a text with a number (cue-scan.ts). */
const applies = (h: CueHints) => h.digits >= 1 && hasCue(h, 'street');
/** "20 mg", "3 times a day": a count before a word that happens to be a street type ("2 tablets daily way"). */
const NOT_AN_ADDRESS =
  /^\d+\s+(?:mg|ml|mcg|units?|times|days?|weeks?|hours?|pills?|tablets?|minutes?|years?|months?)\b/i;
const accept = (m: string) => !NOT_AN_ADDRESS.test(m);
/**
 * A number, a comma, then the street ("7, Park Street") only when the street is written in title case: not "take 2,
 * morning way".
 */
const NUMBER_COMMA_STREET = /^\d[\w/-]*,\s+([^,]+)/u;
const CAPITAL_OR_DIGIT_FIRST = /^(?:\p{Lu}|\d)/u;
const titleCaseAfterComma = (m: string) => {
  const street = NUMBER_COMMA_STREET.exec(m)?.[1];
  return street === undefined || street.split(/\s+/).every((word) => CAPITAL_OR_DIGIT_FIRST.test(word));
};

/**
 * Where a place has no street to name, a dwelling and the areas around it stand for the
 * address: "house no 118, ward 6", "Plot 1234, Cadastral Zone B06", "stand 2214, zone 4",
 * "Flat 6, Block C". A dwelling and at least one area after it, each with its number or letter.
 */
// Not "unit": "unit 10, lot 5" is insulin as often as an address.
const DWELLING_WORDS = 'house|flat|villa|plot|stand|apartment|apt|lot|box|erf|bungalow|quarters|qtrs|shop|door';
const AREA_WORDS =
  'block|blk|sector|ward|zone|street|st|road|rd|lane|site|rr|phase|survey|lot|box|plot|house|flat|villa|floor|building|bldg|tower|stand|gali|mohalla|village|purok|barangay|extension|ext|colony|section|unit|no';
const AREA_VALUE = `\\.?\\s*(?:${caseless('no')}\\.?\\s*)?[-#]?\\s*(?:(?=[A-Za-z/-]*\\d)[A-Za-z0-9/-]{1,10}|[A-Za-z]\\b)`;
const UNIT_CHAIN = `\\b(?:${caseless(DWELLING_WORDS)}|${caseless('h')}\\.?\\s?${caseless('no')})${AREA_VALUE}(?:,\\s*(?:\\p{Lu}\\p{Ll}+\\s+)?(?:${caseless(AREA_WORDS)})(?![\\p{L}])${AREA_VALUE}){1,4}`;
const MAY_HOLD_UNIT_CHAIN = new RegExp(`\\b(?:${DWELLING_WORDS}|h\\.?\\s?no)\\b`);

export const ADDRESS_RULES = [
  {
    type: 'ADDRESS' as const,
    applies: (h: CueHints) => h.digits >= 1 && MAY_HOLD_UNIT_CHAIN.test(h.lower),
    pattern: () => new RegExp(UNIT_CHAIN, 'gud'),
  },
  {
    // Rural, military and numbered roads: "4602 County Road 247", "RR 2 Box 118", "PSC 5739, Box 6271", "PO Box 4471",
    // "D-73, Sector 92", "H.No. 6-5-617, Road No. 4".
    type: 'ADDRESS' as const,
    applies,
    pattern: () =>
      new RegExp(
        `(?:${HOUSE_NUMBER}\\s+)?\\b${caseless('(?:county (?:road|rd)|state (?:road|route)|route|highway|hwy|farm to market road|fm|cr)')}\\s+\\d{1,5}\\b(?:\\s+${DIRECTION}(?![\\p{L}]))?${POST_UNITS}` +
          `|\\b(?:${caseless('rr|rural route|hc|psc|unit|cmr')})\\s+\\d{1,5},?\\s+${caseless('box')}\\s+\\d{1,6}\\b` +
          `|\\b${caseless('p')}\\.?\\s?${caseless('o')}\\.?\\s?${caseless('box')}\\s+\\d{1,6}\\b` +
          `|\\b[A-Z]-?\\d{1,4},\\s*${caseless('sector')}\\s+\\d{1,3}\\b` +
          `|\\b${caseless('h')}\\.?\\s?${caseless('no')}\\.?\\s*[\\d/-]{1,12}(?:,\\s*(?:${caseless('road|street|lane|block')})\\s+${caseless('no')}\\.?\\s*\\d{1,4}\\b)?`,
        'gud',
      ),
  },
  {
    // Japanese block numbers before the district: "2-27-15 Kitazawa", "3-3-9 Nishi-Shinjuku".
    type: 'ADDRESS' as const,
    applies,
    pattern: () => /(?<![\d/.-])\b\d{1,2}-\d{1,2}-\d{1,3}\s+\p{Lu}\p{Ll}+(?:-\p{Lu}?\p{Ll}+)?\b/dgu,
  },
  {
    // Number first, street type last: "1442 W. Roscoe St Apt 3", "88-31 164th St", "Flat 3, Lumiere House, 40 Queens
    // Crescent".
    type: 'ADDRESS' as const,
    applies,
    pattern: () =>
      new RegExp(
        `(?:${BEFORE_NUMBER}\\s*,?\\s+(?:${BUILDING})?|${HOUSE_NAME}){0,3}${HOUSE_NUMBER}(?:\\s+|,\\s+(?=\\p{Lu}))(?:${DIRECTION}\\s+)?(?:${NOT_RUNNING_TEXT}${NAME_WORD}\\s+){0,4}${STREET_SUFFIX}\\b\\.?(?:\\s+${DIRECTION}(?![\\p{L}]))?${POST_UNITS}`,
        'gud',
      ),
    accept: (m: string) => accept(m) && titleCaseAfterComma(m),
  },
  {
    // The same in lower case, where the abbreviation needs a street name before it: "6065 roscoe st", "2897 queen st
    // e".
    type: 'ADDRESS' as const,
    applies,
    pattern: () =>
      new RegExp(
        `${HOUSE_NUMBER}\\s+(?:${DIRECTION}\\s+)?(?:${NAME_WORD}\\s+){1,4}(?:${LOWER_ABBREVIATIONS})\\b\\.?(?:\\s+${DIRECTION}(?![\\p{L}]))?${POST_UNITS}`,
        'gud',
      ),
    accept,
  },
  {
    // A unit or plot (or a block and lot), then the street without a house number: "No. 115, 12th Main Road",
    // "Plot 270, Admiralty Way", "#601, link road", "Blk 22 Lot 26, Sampaguita St.".
    type: 'ADDRESS' as const,
    applies,
    pattern: () =>
      new RegExp(
        `(?:${PRE_UNIT}\\s*,?\\s*){1,2}(?:${BUILDING})?(?:${NAME_WORD}\\s+){0,4}${STREET_SUFFIX}\\b\\.?(?:\\s+${DIRECTION}(?![\\p{L}]))?(?:\\s+(?:${caseless('no')}\\.?\\s*)?\\d{1,5}\\b)?${POST_UNITS}`,
        'gud',
      ),
    accept,
  },
  {
    // Street type first, the number after: "Via Toledo 65", "Rua XV de Novembro, 898", "ul. długa 80", "am kirchberg
    // 61b".
    type: 'ADDRESS' as const,
    applies,
    pattern: () =>
      new RegExp(
        `(?:\\b(?:${STREET_FIRST})\\.?\\s+|\\b${STREET_FIRST_DOTTED}\\s*|\\b${STREET_FIRST_CAPITALISED}\\s+(?=(?:(?:${ROMANCE_PARTICLES})\\s+)?\\p{Lu}))(?:${NAME_WORD}\\s+){0,4}${NAME_WORD},?\\s+(?:${caseless('no|nr')}\\.?:?\\s*)?\\d{1,5}[A-Za-z]?\\b(?:-[IVXivx\\d]+)?(?:/\\d{1,4}[A-Za-z]?){0,3}(?!\\s*(?:minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|mg|ml|%))${POST_UNITS}`,
        'gud',
      ),
    accept: (m: string) => accept(m) && !NOT_IN_A_STREET_NAME.test(m.replace(/^\S+\s+/, '')),
  },
  {
    // A number, then a type written before its name: "1420 Calle Loíza, Apt 5B", "25 jalan tun razak", "99/12 Soi
    // Sukhumvit 31".
    type: 'ADDRESS' as const,
    applies,
    pattern: () =>
      new RegExp(
        `${HOUSE_NUMBER}\\s+(?:${TYPE_AFTER_NUMBER})\\.?\\s+(?:${STREET_NAME_WORD}\\s+){0,3}${STREET_NAME_WORD}(?:\\s+\\d{1,4}[A-Za-z]?\\b)?${POST_UNITS}`,
        'gud',
      ),
    accept,
  },
  {
    // Colombian: a type and its number, "#", then the cross street and the distance: "Calle 93 #11-26, apto 402".
    type: 'ADDRESS' as const,
    applies,
    pattern: () =>
      new RegExp(
        `\\b(?:${caseless(COLOMBIAN_STREET_TYPES)})\\.?\\s+\\d{1,3}[A-Za-z]?(?:\\s*${caseless('bis')})?\\s*(?:#|${caseless('no')}\\.?|[Nn][°º])\\s*\\d{1,3}[A-Za-z]?\\s*-\\s*\\d{1,3}\\b${POST_UNITS}`,
        'gud',
      ),
  },
  {
    // The name, its type as a word of its own, the number: "Kong Oscars gate 54", "Andrássy út 60", "Konyaaltı Cad. No:
    // 45 Daire: 9".
    type: 'ADDRESS' as const,
    applies,
    pattern: () =>
      new RegExp(
        `(?:\\p{Lu}[\\p{L}'’.-]*\\s+){1,3}(?:${caseless(TYPES_AFTER_NAME)})\\.?\\s+(?:(?:${caseless('no|nr')})\\.?:?\\s*)?\\d{1,5}[A-Za-z]?\\b(?!\\s*(?:%|${caseless('mg|ml|years?|yrs?|days?|weeks?|hours?|times')}\\b))${POST_UNITS}`,
        'gud',
      ),
    accept,
  },
  {
    // French number first: "74 TER RUE DE LA ROQUETTE, BÂT. B", "127 boulevard haussmann, 3e étage".
    type: 'ADDRESS' as const,
    applies,
    pattern: () =>
      new RegExp(
        `${HOUSE_NUMBER}(?:\\s*(?:${caseless('bis|ter')}))?,?\\s+(?:${FRENCH_TYPE})\\b(?:\\s+${NAME_WORD}){1,4}${POST_UNITS}`,
        'gud',
      ),
    accept,
  },
  {
    // The type inside the street's word: "Schulgasse 108", "kerkstraat 395a", "Oudegracht 77-III", "kungsgatan 104, lgh
    // 1148".
    type: 'ADDRESS' as const,
    applies,
    pattern: () =>
      new RegExp(
        `(?:(?:\\p{Lu}[\\p{L}'’-]*|${caseless('de|van|der|den|la|le|von|am|an')})\\s+){0,2}\\b${COMPOUND_STREET}\\s+\\d{1,4}[A-Za-z]?\\b(?:-[IVXivx\\d]+)?(?:/\\d{1,4}[A-Za-z]?){0,3}${AFTER_HOUSE_NUMBER}${POST_UNITS}`,
        'gud',
      ),
    accept: (m: string) => accept(m) && !/^(?:the|a|an|on|in|at|of|my|to)\s/i.test(m),
  },
];

/**
 * Postcode shapes of many countries, in any case: US ZIP and ZIP+4, four to six digits, Swedish
 * and Indian groups ("218 03", "500 046"), Polish and Brazilian ("50-889", "22169-095"), Dutch
 * ("1012 AB"), British ("SW1A 1AA", "s1 5tr"), Canadian ("H2X 1Y4") and Irish Eircodes ("F91 Y53D").
 */
// Portugal's "4050-265", a country letter before the number ("L-1611", "CH-8001"), Argentina's "C1043AAZ" among them.
const POSTCODE =
  '(?:\\d{5}-\\d{3,4}|\\d{4}-\\d{3}|[A-Z]{1,2}-\\d{4,5}|[A-Z]\\d{4}[A-Z]{3}|\\d{3}-\\d{4}|\\d{2}-\\d{3}|\\d{3}\\s\\d{2,3}|\\d{4}\\s?[A-Za-z]{2}(?![\\p{L}])|\\d{4,6}|[A-Za-z]{1,2}\\d[A-Za-z\\d]?\\s?\\d[A-Za-z]{2}|[A-Za-z]\\d[A-Za-z]\\s?\\d[A-Za-z]\\d|[A-Za-z]\\d{2}\\s?[A-Za-z\\d]{4})';
/** After an address: the town, region or state words, then the postcode ("…, Darwin NT 0830", "…, Zürich – 8001"). */
const POSTCODE_AFTER_ADDRESS = new RegExp(
  `^[\\s,:()–-]*(?:[\\p{L}.'’]+(?:[\\s,:()/–-]+|$)){0,4}?(${POSTCODE})(?![\\p{L}\\d])`,
  'ud',
);

/**
 * A postcode after its name, in any language: "postal code H2X 1Y4", "PIN: 500 046", "eircode is T12 EYY2", "PLZ
 * 10115".
 */
export const POSTCODE_AFTER_CUE = {
  type: 'ZIP' as const,
  applies: (h: CueHints) => h.digits >= 2 && hasCue(h, 'postcode'),
  pattern: () =>
    new RegExp(
      `\\b(?:${caseless('zip ?code|zip|postal ?code|post ?code|pin ?code|pin|plz|cp|c\\.p\\.|cap|cep|eircode|código postal|codigo postal|code postal')})\\s*(?:${caseless('is')}|[:#-])?\\s*(${POSTCODE})(?![\\p{L}\\d])`,
      'gud',
    ),
  group: 1,
};

/** Where the address's line or sentence ends. */
const LINE_OR_SENTENCE_END = /\n|[.!?]\s+(?=\p{Lu})/u;

/** Where the postcode that follows an address (ending at `end`) lies, if one does. */
export function postcodeAfterAddress(text: string, end: number): { start: number; end: number } | undefined {
  const window = text.slice(end, end + 60).split(LINE_OR_SENTENCE_END)[0]!;
  const match = POSTCODE_AFTER_ADDRESS.exec(window);
  if (!match) return undefined;
  const start = end + match.index + match[0].length - match[1]!.length;
  return { start, end: start + match[1]!.length };
}
