/**
 * Medication-aware rules for the questions the chatbot must not learn to answer: a medicine
 * (see medicines.ts) together with an amount, timing, a missed dose, combining it with anything,
 * stopping or switching, or an effect it has; ingestion and overdose; whether to seek care; how
 * to treat. They come first in the rule order (rules.ts), each saying why, for the quarantine
 * record ("dose: medicine + amount or timing"). Between them sit the safe questions a medicine
 * can have (storage, how it works, effectiveness, vaccination), so that those are not caught.
 *
 * Texts are the casual lower-case form infer.ts makes ("u" → "you", "whats" → "what is").
 */
import type { TypeRule } from './type-rule';

type IntentRule = TypeRule & { why: string };

const PERSON = String.raw`(?:i|we|you|he|she|they|my \w+|our \w+|the baby|the kids?|him|her|them)`;
const AMOUNT_UNIT =
  '(?:mg|mcg|milligrams?|micrograms?|ml|millilit(?:er|re)s?|cc|units?|iu|grams?|g|tsp|teaspoons?|tbsp|tablespoons?|puffs?|drops?|pills?|tablets?|tabs?|capsules?|caps|doses?|patches|sprays?|squirts?|gummies)';
/** Taken with a medicine, any of these makes an interaction question (supplements are medicines: see medicines.ts). */
const SUBSTANCE =
  '(?:alcohol|alcoholic|drink(?:s|ing)?|drunk|beers?|wine|booze|liquor|vodka|whiske?y|rum|tequila|cocktails?|a few drinks|weed|marijuana|cannabis|pot|cbd|thc|edibles?|cocaine|molly|mdma|recreational)';
const FOOD =
  '(?:grapefruit|pomelo|seville|tyramine|aged cheese|cured meats?|food|foods|meals?|(?<!(?:barely|not|hardly|stopped|isn.?t|won.?t|can.?t|off) )(?:eat(?:ing)?|ate)|breakfast|lunch|dinner|milk|dairy|cheese|yogh?urt|coffee|caffeine|tea|juice|orange juice|cranberry|bananas?|spinach|kale|greens|leafy|vitamin k|salt substitute|licorice|liquorice|antacids? and|energy drinks?|soda|chocolate|fasting|empty stomach|full stomach)';

/** Checked first: a wrong answer here can cost a life, whatever else the question says. */
const URGENT: IntentRule[] = [
  {
    type: 'emergency or overdose',
    why: 'overdose or ingestion',
    pattern: new RegExp(
      [
        String.raw`\boverdos`,
        String.raw`\bod'd\b|\boded\b|\bo\.d\.`,
        String.raw`\b(?:took|take|taken|taking|had|ate|eaten|swallowed|drank|given|gave|give) (?:way |far )?too (?:many|much)\b`,
        String.raw`\bswallow(?:ed|s)?\b`,
        String.raw`\btoxicity\b|\btoxic (?:dose|level|amount|to)\b|\b(?:lethal|deadly|fatal) (?:dose|amount)\b`,
        String.raw`\b(?:ate|eaten|chewed|drank|licked|got into|gotten into|found (?:him|her|them) with)\b.{0,40}\b(?:pills?|tablets?|meds?|medicines?|gum|gumm(?:y|ies)|bottle|patch|capsules?|vitamins?|cream|syrup|cleaner|bleach|detergent|pods?|battery|batteries)\b`,
        String.raw`(?<!food )\bpoison(?!\s?(?:ivy|oak|sumac))`,
        String.raw`\baccident(?:ally|al)?\b.{0,40}\b(?:took|take|taken|gave|given|double|twice|swallow|ate|drank|extra|two|wrong)\b`,
        String.raw`\b(?:by mistake|by accident)\b`,
        String.raw`\b(?:took|taken|gave|given) (?:the wrong|someone else'?s|my (?:husband|wife|mom|mum|dad|partner|son|daughter|sister|brother)'?s|(?:his|her) (?:husband|wife|mom|mum|dad)'?s)\b`,
        String.raw`\bmixed up\b.{0,30}\b(?:pills?|meds?|medicines?|tablets?|doses?|bottles?)\b`,
        String.raw`\b(?:took|taken|had|swallowed) (?:\d{2,}(?! ?(?:min|mins|minutes|hours?|hrs?|days?|weeks?|months?|years?|yrs?|secs?|seconds?|am|pm|percent|%)\b)|a (?:whole|full) (?:bottle|box|pack|sheet)|a handful|a bunch|all (?:of )?(?:my|the|his|her))\b`,
        String.raw`\b(?:took|taken|had|swallowed) (?:the|a|his|her|my|their) (?:whole|entire) (?:week|weeks|month|bottle|box|pack|packet|strip|sheet|supply|prescription|organi[sz]er)\b|\b(?:took|taken|swallowed) (?:\w+ ){0,8}(?:all )?at once\b`,
        String.raw`\b(?:won'?t|can'?t|cannot) (?:wake (?:him|her|them)? ?up|breathe)\b|\bnot breathing\b|\bunresponsive\b|\bpassed out\b`,
      ].join('|'),
    ),
  },
  {
    type: 'when to contact a medical professional',
    why: 'asks whether to seek care',
    pattern: new RegExp(
      [
        String.raw`\bshould ${PERSON} (?:go|call|see (?:a|the|my|his|her|someone)|take \w+ (?:in|to)|be seen|visit|head|get (?:it|this|that|him|her|them|checked|seen|help))\b`,
        String.raw`\b(?:go|going|take \w+|rush \w+|head) in\b(?=\s*(?:$|[?.,!]|\b(?:now|today|tonight|or|to|for|right away|first)\b))`,
        String.raw`\b(?:go|going|take \w+|rush \w+|head) to (?:the |an? )?(?:er|a&e|hospital|emergency|urgent care|walk[- ]in|clinic|doctor|doc|gp|pediatrician|paediatrician)\b`,
        String.raw`\bcall(?:ing)? (?:911|999|112|000|an? ambulance|the (?:doctor|doc|nurse|gp|clinic|office|pediatrician|on-call)|my (?:doctor|doc|gp|nurse)|(?:his|her|their) (?:doctor|doc|gp)|a (?:doctor|nurse)|someone|the after[- ]hours)\b`,
        String.raw`\b(?:go|going|went|take|taking|rush|head|visit|trip|need|call|wait for) (?:\w+ ){0,3}(?:a&e|urgent care|emergency room|emergency department|ambulance)\b`,
        String.raw`\b(?:er or|er\?|a&e|urgent care or|urgent care\?|emergency room or|ambulance or|ambulance\?)`,
        String.raw`\bis (?:this|it|that) (?:an? )?(?:emergency|serious|urgent|dangerous|something to worry|worth worrying|normal or)\b`,
        String.raw`\bwhen (?:should|do|to|would|must) (?:i |we |you )?(?:worry|be worried|be concerned|panic|see|call|go|get (?:it|this|him|her) checked)\b`,
        String.raw`\bshould (?:i|we) (?:be )?(?:worried|concerned|panic)\b`,
        String.raw`\b(?:need|have) to (?:see|go to|call) (?:a|the|my) (?:doctor|doc|gp|er|hospital|nurse|specialist)\b`,
        String.raw`\bdo (?:i|we|you|they) need (?:a|to see a|to go to a|to call a) (?:doctor|doc|gp|nurse|hospital)\b|\bneed to (?:see|call) (?:someone|somebody|anyone|a professional|a specialist)\b`,
        // "dentist or doctor?", "is that a doctor thing": which professional, or whether one at all.
        String.raw`\b(?:dentist|doctor|gp|er|hospital|pharmacist|urgent care) or (?:the |a )?(?:dentist|doctor|gp|er|hospital|pharmacist|urgent care|a&e|wait)\b|\ba (?:doctor|gp|er|hospital) thing\b`,
        String.raw`\b(?:worth|time to) (?:seeing|going|calling|get(?:ting)? (?:it )?checked)\b`,
        String.raw`\bcan (?:this|it) wait\b|\bwait (?:it out|until (?:monday|morning|tomorrow))\b`,
        String.raw`\bget (?:it|this|him|her|them) (?:checked|looked at|seen)\b`,
        String.raw`\bmedical (?:attention|help|care)\b|\b(?:needs?|requires?|warrants?) (?:a doctor|the hospital|stitches|to be seen|a visit)\b|\bneed the hospital\b`,
      ].join('|'),
    ),
  },
];

/** A medicine with a missed dose, mixing, or food: unsafe whatever verb the question uses. */
const MEDICINE_CONTEXT: IntentRule[] = [
  {
    type: 'forget a dose',
    why: 'medicine + missed dose',
    medicines: 1,
    pattern:
      /\b(?:missed|miss|missing|forgot|forget|forgotten|forgetting|skipped|skip|skipping|didn'?t take|did not take|haven'?t taken|late (?:dose|taking|with)|r[au]n(?:ning)? out of|(?:hours?|hrs?|days?) late|make up (?:for )?(?:the|a|my)|double (?:up|it|the next)|catch up on)\b|\btook (?:it|them|my \w+|the \w+|a dose) (?:twice|again|two times)\b|\balready took\b|\btook (?:it|them|my \w+|the \w+|(?:his|her) \w+) (?:\w+ )?late\b/,
  },
  {
    type: 'interactions with medications',
    why: 'medicine + another substance',
    medicines: 1,
    pattern: new RegExp(String.raw`\b${SUBSTANCE}\b|\binteract|\binteraction`),
  },
  {
    // "advil vs motrin", "is zyrtec the same as cetirizine": two names compared, not taken together.
    type: 'brand names',
    why: 'two medicine names compared',
    medicines: 2,
    pattern:
      /\bvs\.?\b|\bversus\b|\bidentical\b|\bthe same (?:thing|drug|medicine|medication|as|stuff)\b|\bdifference between\b|\bwhat(?: is|'s) the difference\b/,
  },
  {
    type: 'interactions with medications',
    why: 'two medicines together',
    medicines: 2,
    pattern:
      /\b(?:with|and|\+|plus|together|same time|mix|mixing|mixed|combine|combining|combined|alongside|on top of|along with|less effective|stop working|cancel|make|makes|affect|affects|while (?:on|taking)|if (?:i'?m|i am|she'?s|he'?s|they'?re|(?:s?he|they) (?:is|are)) (?:on|taking)|after|before|then|or)\b|&|\/|\+|\b(?:on|taking)\b.{1,60}\b(?:can|could|should|may) (?:he|she|i|we|they|you|my \w+) (?:also |still )?(?:take|have|use|give)\b/,
  },
  {
    type: 'side effects',
    why: 'medicine + reaction',
    medicines: 1,
    pattern:
      /\bside[- ]?effects?\b|\badverse\b|\breactions?\b|\bis (?:it|this|that) normal\b|\bnormal to (?:feel|have|get|be)\b|\b(?:arm|site|it) (?:hurts|is sore|is swollen|is red)\b|\beffects? of (?:taking|using|being on|long[- ]term)\b|\blong[- ]term effects?\b/,
  },
  {
    type: 'interactions with foods',
    why: 'medicine + food or drink',
    medicines: 1,
    pattern: new RegExp(String.raw`\b${FOOD}\b`),
  },
];

/** Safe questions about a medicine, recognised before the unsafe ones so they are not caught by them. */
const SAFE_ABOUT_MEDICINES: IntentRule[] = [
  {
    type: 'storage and disposal',
    why: 'storage',
    medicines: 1,
    pattern:
      /\b(?:store|stored|storing|storage|fridge|refrigerat\w*|freezer?|frozen|room temp\w*|hot car|in the car|expired?|expiration|expiry|out of date|past (?:the|its) date|shelf life|dispose|disposal|disposing|throw (?:away|out)|throwing (?:away|out)|flush|bin them|sharps|leftover|unused|old (?:pills|meds|medicine)|travel with|fly with|flying with|carry on|pack (?:my|the)|go(?:ne|es)? bad|still good|kept in|keep (?:it|them|my \w+|the \w+) (?:cold|cool|warm|in)|pill (?:organi[sz]er|box)|(?:place|where) to (?:keep|put|store|hide)|(?:where|how) (?:should|do|can|would) (?:i|we|you) (?:keep|put(?! (?:\w+ ){0,3}(?:drops?|patch(?:es)?|suppositor\w*|cream|ointment|gel|pessar\w*|ring|lenses)\b)|carry)|travel(?:l?ing)? with|on (?:a|the) (?:plane|flight|trip)|lock(?:ed)? (?:up|away|box)|out of reach|what (?:do|should|can) (?:we|i) do with (?:them|it|the|old|her|his|all))\b|\bget rid of (?:\w+ ){0,3}(?:pills?|meds?|medicines?|medications?|patches|needles|syringes|inhalers?|bottles?)\b/,
  },
  {
    type: 'how does it work',
    why: 'how it works',
    medicines: 1,
    pattern:
      /\bhow (?:does|do|did|would) (?!.{0,40}\b(?:i|you) (?:take|use))[\w' -]{1,40}? (?:work|act|lower|reduce|help|fight|kill|block|stop|get rid|do its job|make|cause|affect|treat|prevent|protect|reverse|change)\b|\bmechanism\b|\bwhat (?:does|do) (?:it|this|they|the \w+|\w+) (?:actually )?do (?:in|to|inside) (?:the|my|your|our) (?:body|brain|blood|liver|kidneys?|heart)\b|\bhow .{1,30} works?\b(?! for)/,
  },
  {
    type: 'how effective is it',
    why: 'effectiveness',
    medicines: 1,
    pattern:
      /\bhow (?:effective|well|good|successful|reliable|protective)\b|\bdoes .{1,40} (?:really|actually|even) work\b|\b(?:effective|effectiveness|efficacy|success rate|percent effective|protection rate|how protected|how much protection)\b|\bdo(?:es)? (?:it|they|the \w+) work\b(?! with)|\bis .{1,30} worth it\b/,
  },
  {
    type: 'why get vaccinated',
    why: 'vaccination',
    pattern:
      /\b(?:vaccin\w*|jabs?|boosters?|immuni[sz]\w*|flu shot|covid shot|shots? for (?:school|kids|babies|travel))\b|\b(?:why|should|need|needs|point|worth|required|recommend\w*)\b.{0,60}\b(?:shot|shots)\b|\b(?:shot|shots)\b.{0,40}\b(?:why|needed|necessary|required|worth|recommended)\b/,
  },
];

/** "The latest research on a cure": research, not treatment. */
const RESEARCH: IntentRule = {
  type: 'research',
  why: 'asks about research',
  // Not "breakthrough pain" or "breakthrough bleeding", nor "a trial of" a medicine: those are about taking it.
  pattern: /\b(?:research|researchers|studies|study|clinical trials?|breakthroughs|being studied|scientists)\b/,
};

/** A medicine with an amount, timing, effect, name, use or purpose. */
const MEDICINE_INTENT: IntentRule[] = [
  {
    type: 'side effects',
    why: 'medicine + effect',
    medicines: 1,
    pattern:
      /\bside[- ]?effects?\b|\badverse\b|\breactions?\b|\ballerg\w*|\b(?:cause|causes|causing|caused|make|makes|making|made|give|gives|giving|gave|lead to|leads to|trigger|triggers|affect|affects|mess(?:es|ing)? with)\b|\b(?:since|after|from|because of|due to) (?:starting|i started|taking|being on|going on|my|the|this|his|her|these|those)\b|\bis (?:it|this|that) (?:normal|from|because|the)\b|\bbe (?:from|because of|due to|caused by) (?:it|this|that|them|the|my|his|her)\b|\bnormal to (?:feel|have|get|be)\b|\bbad (?:long[- ]term|in the long run)\b|\bwhat (?:can|could|will) (?:it|this|that|they) do to\b|\b(?:weight gain|gain(?:ing)? weight|hair loss|losing hair|drowsy|sleepy|dizzy|dizziness|nausea|nauseous|rash|itchy|headaches?|insomnia|can'?t sleep|tired|fatigue|swelling|swollen|puffy|vivid dreams|nightmares|barely eat\w*|not eating|appetite|bruis\w*|bleeding|cough|constipat\w*|diarrh\w*|dry mouth|mood|depress\w*|anxious|libido|sex drive|erection)\b/,
  },
  {
    type: 'brand names',
    why: 'medicine + brand or generic name',
    medicines: 1,
    pattern:
      /\bbrand(?:s|ed| names?)?\b|\bgenerics?\b|\bsame (?:thing|drug|medicine|medication|as)\b|\bother names?\b|\banother name\b|\bcalled (?:in|over|here|there)\b|\bname (?:in|of|for)\b|\b(?:us|uk|american|english|british|australian|canadian|european|indian) (?:name|version|equivalent)\b|\bequivalent\b|\bsubstitute\b|\bcheaper version\b|\bgenerically\b|\bactive ingredients?\b|\bwhat (?:is|are) .{1,25} called\b|\bingredients? in\b/,
  },
  {
    type: 'dose',
    why: 'medicine + amount or timing',
    medicines: 1,
    pattern: new RegExp(
      [
        String.raw`\bhow (?:much|many|often|frequently|soon|long (?:between|apart|after|before|until|do i have to wait|should i wait))\b`,
        String.raw`\b\d+(?:\.\d+)?\s?${AMOUNT_UNIT}\b`,
        String.raw`\b(?:one|two|three|four|five|six|half|a half|another|an extra|extra|a second|1|2|3|4) (?:more )?${AMOUNT_UNIT}\b`,
        String.raw`\b(?:max|maximum|most|limit|upper limit|too much|too many|enough|safe amount|right amount|correct amount|strength|stronger|higher|lower|increase|decrease|up (?:my|the|his|her)|go(?:ing)? up (?:to|on)|bump (?:it )?up|raise|cut back|reduce)\b`,
        String.raw`\b(?:dose|doses|dosage|dosing|mg|milligrams?)\b`,
        String.raw`\b(?:a|per|each|every) (?:day|night|week|hour|morning|evening)\b|\bdaily\b|\btimes (?:a|per) (?:day|week)\b|\bevery \d+ (?:hours?|hrs?|h)\b|\b\d+ hours? apart\b|\bq\d+h\b|\bin a row\b`,
        String.raw`\b(?:twice|once|three times|again)\b|\b(?:take|give|have) (?:another|more|a second|some more)\b`,
        String.raw`\bfor (?:a|my|his|her|our) \d+[- ]?(?:y(?:ea)?r|yo|month|m(?:o)?|week|lb|pound|kg)`,
        String.raw`\b\d+ ?(?:lbs?|pounds?|kg|kilos?)\b|\b\d+[- ]?(?:y\/?o|years? old|months? old|month old)\b`,
      ].join('|'),
    ),
  },
  {
    type: 'usage',
    why: 'medicine + how to take, stop or switch',
    medicines: 1,
    pattern:
      /\bhow (?:do|should|can|to|would|does) (?:i|you|we|one|my \w+|he|she|they)? ?(?:take|use|apply|inject|give|put|insert|administer|swallow|spray|inhale|rub|start|stop|come off|wean|taper|quit|switch|change)\b|\bwhere (?:is the best place |are the best places )?(?:to|do i|should i|can i|do you|should you) (?:put|stick|apply|place|wear|inject)\b|\b(?:right|correct|proper|best|safest) way to (?:take|use|apply|inject|give|put|insert|spray|inhale)\b|\b(?:stop|stopping|stopped|quit|quitting|come off|coming off|get off|getting off|wean|weaning|taper|tapering|cold turkey|switch|switching|change|changing|swap|swapping|go back on|restart|keep taking|still take|continue|continuing)\b|\b(?:crush|crushed|crushing|cut|split|splitting|chew|chewed|chewing|open (?:the )?capsule|dissolve|sprinkle|mix (?:it|them) (?:in|with))\b|\b(?:morning or|or (?:at )?night|at night|in the morning|bedtime|before bed|time of day|what time|before or after|with or without|on an empty|with food|without food|with water|lying down)\b|\bhow long (?:should|do|can|will|does|until|before|to)\b|\bwhen (?:should|do|can|to) (?:i|you|we|he|she)? ?(?:take|give|use|start|stop)\b|\b(?:while|when) (?:pregnant|breast ?feeding|nursing|driving)\b|\b(?:can|is it ok(?:ay)? to|safe to) (?:i )?(?:drive|work out|exercise|fly|drink water)\b/,
  },
  {
    type: 'indication',
    why: 'medicine + what it is for',
    medicines: 1,
    pattern:
      /\b(?:what|wat) (?:is|are|was|were) .{1,40} (?:for|used for|prescribed for|given for)\b|\bfor what (?:is|are)\b|\b(?:used|prescribed|given|good|approved|meant|taken) (?:for|to treat|to help|against)\b|\bwhy (?:was|did|would|do|does|is|am|are) .{0,40}\b(?:prescribed|given|put (?:me|him|her|them) on|on|take|taking|use|using)\b|^(?:is |are )?[\w-]+(?: [\w-]+)? for (?:what\b|(?!(?:a|an|the|my|his|her|how|\d)\b)[a-z])|\bcan (?:you|i|we|one|it|they|\w+) (?:use|take) .{1,40} (?:for|to treat|to help|against)\b|\b(?:does|will|would|can|could) .{1,40} (?:help|work) (?:for|with|on|against)\b|\boff[- ]label\b|\b(?:purpose|point|reason) (?:of|for|in) (?:taking|giving|using|being on|the|this|my|his|her)?\b|\bwhy (?:are|is|were|was) (?:they|he|she|the \w+|my \w+) (?:giving|putting|starting|prescribing)\b|\bwhat (?:does|do) .{1,30} (?:treat|do|help)\b|\btreat(?:s|ing)? (?:my|his|her|the)?\b/,
  },
];

/** "Is it ok to take 2?": an amount asked about with no medicine named (the one meant is in the chat before). */
const UNNAMED_DOSE: IntentRule = {
  type: 'dose',
  why: 'amount of an unnamed medicine',
  pattern:
    /\b(?:is it (?:ok|okay|safe|fine|alright|bad) to|can (?:i|you|he|she|we|they|my \w+)|should (?:i|we|he|she)) (?:just )?(?:take|give|have) (?:\d+|two|three|four|another|an extra|a second|one more|half)\b(?! (?:weeks?|days?|months?|years?|hours?|minutes?|mins?|kids|children|steps|baths?|showers?|naps?|breaks?|bites?|sips?|cups?|glasses|times a week|sets?)\b)/,
};

/** How to treat a condition: unsafe with or without a medicine named. */
const TREATMENT: IntentRule = {
  type: 'treatment',
  why: 'asks how to treat',
  pattern: new RegExp(
    [
      // "how can I lower my risk of …", "how do I stop getting …" ask how to prevent it.
      String.raw`\bhow (?:to|do (?:i|you|we|they|doctors?)|can (?:i|you|we)|should (?:i|we)|is|are|would (?:i|you)|does one) (?:\w+ )?(?:treat|treated|cure|cured|get rid of|fix|heal|manage|relieve|ease|soothe|calm|lower|reduce|bring down|stop|help|deal with|handle|clear up|clear|beat|reverse)\b(?! (?:my|the|your|his|her|our|their) (?:risk|chances?|odds)\b| (?:getting|catching)\b)`,
      String.raw`\bwhat (?:can|should|could|do|would) (?:i|we|you|he|she|they|my \w+) (?:take|give|use|do|try|put on) (?:for|to|about|when|if|with)\b`,
      String.raw`\bwhat to (?:take|give|use|try|put on) (?:for|when|if)\b|\bwhat (?:cream|ointment|lotion|gel|spray|drops|medicine|medication|pill|tablet|antibiotic|painkiller)s? (?:do|would|should|can|could) (?:you|i|we) (?:recommend|suggest|use|take|try)\b`,
      String.raw`\bwhat (?:helps|works|is good|is best|are good|is the best|would help|will help|can help|could help)\b`,
      String.raw`\b(?:best|good|strongest|fastest|quickest|natural|home|otc|over the counter) (?:medicine|medication|treatment|remedy|remedies|cure|way to (?:treat|get rid|cure|fix|stop)|thing (?:for|to)|pill|option)\b`,
      String.raw`\b(?:remed(?:y|ies)|cures?|treatments?|therapy|therapies) (?:for|to|options?)\b|\b(?:any|a) (?:cure|remedy|treatment)\b`,
      String.raw`\bcan (?:it|this|that|.{1,30}) be (?:treated|cured|fixed|healed)\b|\bis there (?:a|any) (?:cure|treatment|medicine|pill|fix)\b`,
      String.raw`\b(?:get rid of|cure|treat|heal|fix|stop) (?:my|his|her|their|a|the|this|an|our)\b`,
      String.raw`\bwhat to do (?:for|about|with|when|if)\b|\bwhat do (?:i|we|you) do (?:for|about|if|when)\b`,
      String.raw`\bwhat (?:is|are|gets|get) done (?:for|about)\b|\bwhat (?:do|will|would|can) (?:they|doctors?|the doctors?|the hospital) do (?:for|about|to fix)\b`,
      String.raw`\bneed (?:something|anything) for\b|\bgive (?:him|her|them|my \w+) (?:something|anything)\b`,
    ].join('|'),
  ),
};

const [STORAGE, ...OTHER_SAFE_ABOUT_MEDICINES] = SAFE_ABOUT_MEDICINES;

/** Used needles and lancets: their disposal is a storage question though no medicine is named. */
const SHARPS: IntentRule = {
  type: 'storage and disposal',
  why: 'sharps disposal',
  pattern:
    /\b(?:used|old|dirty) (?:needles|syringes|sharps|lancets|pen needles|pen tips|insulin pens|epipens?)\b|\bsharps (?:container|bin|box|disposal)\b|\bdispos(?:e|al|ing) of (?:\w+ )?(?:needles|syringes|lancets)\b/,
};

/**
 * The medication-aware rules in the order they are tried: urgent ones whatever else the question
 * says; storage (a medicine's storage says what the question is about before any other cue); a
 * missed dose, mixing and food; the other safe medicine questions; research; then a medicine's
 * effect, name, amount, use or purpose; an amount of an unnamed one; then treatment.
 */
export const MEDICATION_RULES: readonly TypeRule[] = [
  ...URGENT,
  STORAGE!,
  SHARPS,
  ...MEDICINE_CONTEXT,
  ...OTHER_SAFE_ABOUT_MEDICINES,
  RESEARCH,
  ...MEDICINE_INTENT,
  UNNAMED_DOSE,
  TREATMENT,
];
