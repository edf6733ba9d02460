/** Street types of addresses: shared by the address rules and the cue scan that gates them. */
/** Street types written after the street's name, in any case. */
export const STREET_WORDS =
  'street|avenue|road|boulevard|lane|drive|court|concourse|embankment|parkway|terrace|close|crescent|highway|circle|square|trail|mews|grove|gardens|plaza|alley|marg|nagar|colony|strasse|straße|laan|weg|straat|gasse|platz|calle|rua|avenida|place|way|row|walk|loop|hill|park|bank|green|rise|vale|view|heights|expressway|freeway|pike|turnpike|causeway|esplanade|promenade|quay|wharf|broadway|kingsway|parade|pde|arcade|chase|common|fields|link|mall|ridge|spur|wynd';
/** Abbreviations, capitalised as addresses write them ("Ave", "ST"); in lower case only after a street name. */
export const STREET_ABBREVIATIONS =
  'St|Ave|Av|Rd|Blvd|Ln|Dr|Ct|Pl|Pkwy|Ter|Cres|Hwy|Cir|Sq|Trl|Gdns|Str|Expy|Fwy|Tpke|Way';
/** Endings of street words that have their type inside: "Schulgasse", "Kerkstraat", "Gartenstr." */
export const COMPOUND_STREET_ENDINGS =
  'gasse|strasse|straße|str\\.|weg|laan|straat|gracht|plein|platz|allee|ring|damm|kade|vej|gatan|gata|steig|ufer|chaussee|dreef|singel|torget|gade|katu|tie|utca|ulice|vägen|vagen|gränd';
/**
 * Street types written before the name: Italian, Spanish, Portuguese, Polish, German, French, Malay, Ukrainian, Welsh.
 */
export const STREET_FIRST_WORDS =
  'blvd|bv|bulevar|pasaje|psje|vul|vulytsia|heol|ffordd|chemin|impasse|viale|piazza|piazzale|corso|largo|vicolo|strada|calle|avenida|avda|rua|travessa|alameda|praça|praca|ul|aleja|ulica|plac|rynek|auf der|in der|zum|zur|rue|carrer|rambla|paseo|camino|carretera|jalan|jln|calea|ulitsa|prospekt|odos|odós|leoforos|soi|rehov|privada|cerrada';
/** Street types before the name that are English words too ("via", "am", "plaza"). */
export const STREET_FIRST_AMBIGUOUS = 'via|av|al|pl|am|an der|im|plaza|jr';
/** French types after the number ("74 ter rue de la Roquette"). */
export const FRENCH_STREET_TYPES =
  'rue|avenue|boulevard|bd|chemin|allée|allee|impasse|quai|route|cours|passage|faubourg|place';
/** Korean road names end in their type after a hyphen: "Teheran-ro", "Gangnam-daero", "Bongeunsa-ro 86-gil". */
export const KOREAN_ROAD_ENDINGS = 'ro|daero|gil';
/** Colombian types, written before a number and a "#" ("Calle 93 #11-26", "Carrera 43A #1-50"). */
export const COLOMBIAN_STREET_TYPES = 'calle|cl|cll|carrera|cra|kra|kr|avenida|av|diagonal|dg|transversal|tv';
/**
 * Types written as their own word after the name and before the number: Norwegian, Danish,
 * Hungarian, Turkish ("Kong Oscars gate 54", "Frederiks Allé 88", "Andrássy út 60", "Konyaaltı Cad. No: 45").
 */
export const TYPES_AFTER_NAME =
  'gate|gata|vei|veien|vegen|vej|gade|allé|alle|út|utca|cad|cadde|caddesi|sok|sokak|sokağı|sk|blv|bulvarı|bulvari|yolu';
