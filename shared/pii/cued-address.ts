/**
 * An address after its label: "Address: Atatürk Cad. No:45 D:7, 34000 İstanbul", "ADDR: 2345 W
 * 54TH ST APT 2B", "adres - B-204, Green Park Apartments, Link Road, Malad West", "indirizzo via Toledo
 * 256" (no colon: a number or a street's first word must follow). The label says
 * what follows, so streets no rule knows the shape of are found too. The address is the run of
 * comma-separated parts, from the label on, that hold a number or a street or building word; it
 * ends at the first part that holds neither (the district, the city) or that is a postcode alone.
 */
import {
  COMPOUND_STREET_ENDINGS,
  FRENCH_STREET_TYPES,
  STREET_FIRST_AMBIGUOUS,
  STREET_FIRST_WORDS,
  STREET_WORDS,
} from './street-words';

const LABEL =
  /\b(?:address|addr|adresse|adres\p{L}*|adr|direcci[oó]n|endere[cç]o|indirizzo|anschrift|住所)\.?(?:\s+(?:for|of|at)(?:\s+\p{L}+){1,3})?(?:\s*(?::|-|is\b|=)\s*|\s+(?=\d|(?:via|viale|piazza|corso|calle|carrer|rua|rue|avenida|avenue|ul\.?|jl\.?|jalan)\s))/giu;
/** What every label holds, looked for in the lower-cased text first: most texts have none. */
const LABEL_STEMS = /addr|adres|direcci|endere|indirizzo|anschrift|住所/;
const BUILDING_WORDS =
  'apartments?|apts?|tower|towers|torre|residence|résidence|residensi|estate|villa|house|cottage|block|blk|building|bldg|complex|society|enclave|manor|lodge|hall|home|flat|unit|suite|room|floor|stock|étage|piso|bât|lot|plot|no|door|stand|sector|ward|box';
const PLACE_WORD = new RegExp(
  `(?:^|[\\s.,/#-])(?:${STREET_WORDS}|${STREET_FIRST_WORDS}|${STREET_FIRST_AMBIGUOUS}|${FRENCH_STREET_TYPES}|${BUILDING_WORDS}|st|rd|ave|blvd|ln|dr|hwy|cad|caddesi|sok|jl|jr|bv|calle|ul)(?=$|[\\s.,:/#-])|\\p{L}(?:${COMPOUND_STREET_ENDINGS})(?=$|[\\s.,])`,
  'iu',
);
/** A postcode on its own: the postcode rules tag it, and the address ends before it. */
const POSTCODE_ALONE =
  /^(?:\d{4,6}(?:-\d{3,4})?|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d|\d{3}-\d{4})(?:\s|$)/i;
/** A full stop ends the address, except after an abbreviation of a few letters ("Bât. B", "Cad. No:45"). */
const SENTENCE_END = /\n|(?<!(?:^|[\s,])\p{L}{1,4})[.!?;]\s+(?=\p{Lu})|\s[/|]\s|\s(?=\p{L}{2,12}:\s)/u;
const TRAILING_POSTCODE = /[-\s](?:\d{4,6}|\d{3}\s\d{3}|[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}|[A-Z]\d[A-Z]\s?\d[A-Z]\d)$/;
const MAX_PARTS = 5;
/** A part longer than this is a sentence, not a line of an address. */
const MAX_WORDS = 7;

export function cuedAddressSpans(text: string, lower = text.toLowerCase()): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  if (!LABEL_STEMS.test(lower)) return spans;
  LABEL.lastIndex = 0;
  for (let label = LABEL.exec(text); label; label = LABEL.exec(text)) {
    const start = label.index + label[0].length;
    // The rest of the line or sentence.
    const rest = text.slice(start, start + 160).split(SENTENCE_END)[0]!;
    let end = start;
    let offset = 0;
    let hasNumber = false;
    const parts = rest.split(',');
    for (const [i, part] of parts.entries()) {
      const trimmed = part.trim();
      if (i >= MAX_PARTS || !trimmed || POSTCODE_ALONE.test(trimmed) || trimmed.split(/\s+/).length > MAX_WORDS) break;
      // A city with its postcode ("New Delhi-110019") is where the address ends.
      const number = /\d/.test(trimmed.replace(TRAILING_POSTCODE, ''));
      // A house's name comes first, its number in the next part: "Ty Newydd, 3 Heol y Felin".
      const houseName = i === 0 && /^\s*\d/.test(parts[1] ?? '');
      if (!number && !PLACE_WORD.test(trimmed) && !houseName) break;
      if (!number && TRAILING_POSTCODE.test(trimmed)) break;
      hasNumber ||= number;
      end = start + offset + part.trimEnd().length;
      offset += part.length + 1;
    }
    if (hasNumber && end > start) spans.push({ start: start + (rest.length - rest.trimStart().length), end });
  }
  return spans;
}
