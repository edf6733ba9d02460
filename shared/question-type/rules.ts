/**
 * Question-type inference for production questions, which carry no type. Four rule sets, in
 * order: the medication-aware rules for unsafe questions (unsafe-intent.ts); MedQuAD's own
 * question templates ("what are the symptoms of X ?"), anchored at the start; the cue phrases
 * patients use ("can you die from", "passed down"); and broad cues for the safe types
 * (safe-cues.ts). The first rule that matches wins; a question none matches is `unclassified`.
 * The types are MedQuAD's `question_type` labels, so the offline allow-list applies unchanged.
 */
import { SAFE_CUES } from './safe-cues';
import type { TypeRule } from './type-rule';
import { MEDICATION_RULES } from './unsafe-intent';

export type { TypeRule } from './type-rule';

/** Words that name a medicine: common suffixes of generic names, brands, and plain words. */
/** Everyday and body words with a medicine's ending: "high cholesterol", "stomach pain", "protein". */
const NOT_A_DRUG = String.raw`(?!(?:cholesterol|protein|pain|skin|urine|migraine|bone|someone|anyone|everyone|alone|done|gone|phone|iodine|creatinine|hemoglobin|haemoglobin|bilirubin|routine|uterine|saline|margarine|wine|chin|vein|brain|groin|shin|spine|intestine)\b)`;
const DRUG = String.raw`(?:${NOT_A_DRUG}\w+(?:pril|sartan|statin|olol|azole|mycin|cycline|cillin|floxacin|profen|oxetine|pram|aline|azepam|zolam|triptan|tidine|prazole|formin|gliptin|glutide|mab|nib|dipine|thiazide|semide|lukast|done|codone|morphine|phen|amine|ine|ide|one|ol|in)|tylenol|advil|aleve|motrin|aspirin|ibuprofen|acetaminophen|benadryl|sudafed|xanax|ambien|zoloft|prozac|lexapro|adderall|ozempic|viagra|warfarin|eliquis|plavix|prednisone|insulin|birth control|the pill|antibiotics?|antidepressants?|blood thinners?|steroids?|pills?|tablets?|meds?|medicines?|medications?|drugs?|vaccines?|shots?|inhaler|supplements?)`;

const TEMPLATES: TypeRule[] = [
  { type: 'information', pattern: /^(?:what is \(are\)|do you have information about\b)/ },
  { type: 'symptoms', pattern: /^what are the (?:signs and )?symptoms (?:of|for)\b/ },
  { type: 'treatment', pattern: /^(?:what are the treatments for|is there any treatment for)\b/ },
  {
    type: 'inheritance',
    pattern:
      /\bpass(?:ed|es|ing)? .{1,30}\bto (?:my|your|our|their|the|his|her) (?:kids|children|child|son|daughter|baby|babies|grandkids)\b|\bdominant or recessive\b|\b(?:dominant|recessive)\b|\bfrom (?:the|my|his|her|their) (?:mother|father|mom|dad|parents?)\b|\bodds\b.{0,30}\b(?:baby|kids|child|children|son|daughter)\b|^is .+ inherited ?\?$/,
  },
  { type: 'frequency', pattern: /^how many people are affected by\b/ },
  { type: 'genetic changes', pattern: /^what are the genetic changes related to\b/ },
  { type: 'causes', pattern: /^what causes\b/ },
  { type: 'exams and tests', pattern: /^how to diagnose\b/ },
  { type: 'research', pattern: /^what research\b/ },
  { type: 'outlook', pattern: /\breversed?\b|\breversible\b|^what is the (?:outlook|prognosis) for\b/ },
  {
    type: 'susceptibility',
    pattern:
      /\bcan (?:\w+ ){0,3}(?:people|kids|children|men|women|babies|adults|teens|teenagers|anyone|athletes|vegetarians)\b.{0,25}\bget\b|\bwhat age do (?:people|most people|you|kids) (?:usually )?(?:start )?(?:get|getting|develop)|^who is at risk for\b/,
  },
  { type: 'considerations', pattern: /\bconsider\b|^what to do for\b/ },
  { type: 'prevention', pattern: /^how to prevent\b/ },
  { type: 'stages', pattern: /^what are the stages of\b/ },
  {
    type: 'complications',
    pattern:
      /\bwhat (?:can|could|will|does) .{1,40} do to (?:your|my|the|his|her|a) (?:body|heart|kidneys|eyes|brain|liver|baby)\b|\brisks? of (?:leaving|not treating|ignoring)\b|\bleav(?:e|ing) .{1,30} alone\b|\bmake (?:you|me|him|her|them) (?:go )?(?:blind|deaf|sterile|infertile|paralyzed)\b|\bwhat (?:can|could|might) go wrong\b|^what are the complications of\b/,
  },
  { type: 'support groups', pattern: /^where to find support for\b/ },
];

const CUES: TypeRule[] = [
  // "…just got diagnosed, what is it?": asks what the condition is, whatever test came before.
  {
    type: 'information',
    pattern:
      /\bwhat (?:even |exactly |actually )?is (?:it|that|this)\b(?! for)(?! used)(?! called)|\bwhat even is\b|\bwhat is .{2,40} exactly\b/,
  },
  {
    type: 'exams and tests',
    pattern:
      /\bhow (?:do|does|can|will|would|did) (?:they|doctors?|the doctor|docs?|drs?) (?:know|tell|find out|check|confirm|figure out|test|diagnose)\b/,
  },
  {
    type: 'genetic changes',
    pattern:
      /\b(?:which|what) genes?\b|\bgenes? (?:are )?(?:involved|responsible|linked)\b|\bgenetic (?:changes?|mutations?|cause)\b/,
  },
  {
    type: 'research',
    pattern:
      /\bclinical trials?\b|\b(?:new|latest|recent|current|ongoing|any) (?:research|studies|study|breakthroughs?)\b|\bresearch(?:ers)? (?:on|into|being done|about|for)\b|\bbeing (?:studied|researched|tested) (?:for|in)\b/,
  },
  {
    type: 'support groups',
    pattern:
      /\bsupport groups?\b|\bfind support\b|\b(?:find|meet|talk to) (?:other|others|people|families)\b.{0,40}\b(?:with|who|dealing|going through)\b|\bonline (?:community|communities|forum)\b/,
  },
  {
    type: 'emergency or overdose',
    pattern:
      /\boverdos|\btook a (?:bunch|lot|handful|whole bottle|whole pack) of\b|\bwon'?t wake up\b|\b(?:took|take|taken|taking|swallowed|ate) (?:way )?(?:too many|too much|double|two doses|an extra|a whole|the whole)\b|\baccidentally (?:took|take|taken|gave|swallowed|ate|drank)\b|\bgot into (?:the|my|his|her) .{0,30}(?:bottle|pills|meds|medicine)|\bswallowed (?:some|a|the|my)\b.{0,30}\b(?:pills?|tablets?|bottle|meds)/,
  },
  {
    type: 'forget a dose',
    pattern: new RegExp(
      String.raw`\b(?:forgot|forget|forgetting|missed|miss|skipped|skip) (?:to take )?(?:a |my |one |the |his |her |last night'?s |this morning'?s |yesterday'?s |a day of )?(?:dose|\w+ dose|${DRUG}|\w+ (?:one day|dose|pill))`,
    ),
  },
  { type: 'storage and disposal', pattern: new RegExp(String.raw`\bkeep (?:my|the|his|her|your) ${DRUG} in\b`) },
  {
    type: 'storage and disposal',
    pattern:
      /\b(?:store|storing|storage|refrigerat|fridge|room temperature|hot car)\b|\b(?:dispose|disposal|throw (?:away|out)|get rid of (?:old|expired|unused|leftover)|expired)\b/,
  },
  {
    type: 'brand names',
    pattern:
      /\bbrand(?:s| names?)?\b|\bgeneric (?:name|version|for|of)\b|\bcalled in (?:english|the (?:us|uk|states)|america|britain|australia|canada|this country)\b|\b(?:us|uk|american|english|british|australian|canadian) (?:name|version|equivalent) (?:for|of)\b|\bsold (?:under|as)\b|\bother names?\b|\bsame (?:thing|drug|medicine) as\b/,
  },
  {
    type: 'why get vaccinated',
    pattern:
      /\bwhy get\b.{0,30}\b(?:vaccin\w*|shots?|jabs?|boosters?)\b|\bpoint (?:of|in) (?:getting )?.{0,30}\b(?:vaccin\w*|shots?|jabs?|boosters?)\b|\bwhy (?:should|do|does|would|must) .{0,40}\b(?:get|need|have)\b.{0,30}\b(?:vaccin\w*|shots?|jabs?|boosters?)\b|\bshould (?:i|we|my \w+|she|he) (?:get|bother getting|still get)\b.{0,30}\b(?:vaccin\w*|shots?|jabs?|boosters?)\b|\b(?:vaccin\w*|shots?|booster) (?:necessary|needed|worth it|really needed)\b|\bworth getting\b.{0,30}\b(?:vaccin|shot|booster)/,
  },
  {
    type: 'how effective is it',
    pattern:
      /\bdoes .{1,40} (?:really|actually) work\b|\bhow (?:effective|well|good)\b.{0,40}\b(?:work|protect|is|are)|\beffective(?:ness)?\b|\bdoes (?:it|the \w+|\w+) (?:really|actually)? ?work\b|\bsuccess rate\b|\bhow protected\b|\bstill (?:get|catch) .{0,20} (?:after|even with)\b.{0,20}\b(?:vaccin|shot)/,
  },
  {
    type: 'how does it work',
    pattern:
      /\bhow (?:does|do|did) (?!(?:i|we|you)\b)[\w' -]{1,40}? (?:work|lower|reduce|help|fight|kill|block|stop)\b|\bmechanism\b|\bwhat does (?:it|this|the \w+|\w+) (?:actually )?do (?:in|to) (?:the|my|your) body\b/,
  },
  {
    type: 'usage',
    pattern:
      /\bhow long (?:should|do|can) (?:i|you) (?:keep|leave|wear)\b|\bleave .{1,20} on\b|\bbefore or after (?:breakfast|lunch|dinner|bed)\b|\b(?:with|without) food\b|\bempty stomach\b|\bat night or (?:in )?the morning\b|\bmorning or (?:at )?night\b|\bwhat time of day\b|\bfirst thing in the morning\b|\bhow (?:do|should|can|to|would) (?:i|you|we|my \w+)? ?(?:take|use|apply|inject|give|put in|put on|administer|insert)\b|\bshould .{0,30} be taken\b|\bcrush(?:ed)?\b|\bchew(?:ed)?\b|\bcut .{0,15} in half\b|\bbefore or after (?:meals|eating|food)\b/,
  },
  {
    type: 'interactions with foods',
    pattern: new RegExp(
      String.raw`\b(?:alcohol|drink(?:ing)?|beer|wine|booze|liquor|grapefruit|coffee|caffeine|dairy|milk|cheese|food|juice|eat(?:ing)?)\b.{0,40}\b(?:with|while (?:on|taking)|on|and)\b.{0,30}\b${DRUG}\b|\b(?:with|while (?:on|taking)|on)\b.{0,30}\b${DRUG}\b.{0,40}\b(?:alcohol|drink|beer|wine|booze|grapefruit|coffee|caffeine|cheese|dairy|milk|food|juice)\b`,
    ),
  },
  {
    type: 'interactions with medications',
    pattern: new RegExp(
      String.raw`\bcan (?:he|she|i|you|they|we|my \w+) (?:also )?take ${DRUG} (?:too|also|as well)\b|\bmake .{1,30}\bnot work\b|\b(?:take|taking|took|mix|mixing|combine|combining|use|using|give)\b.{0,40}\b(?:with|while (?:on|taking)|if (?:i'?m|im|i am|she'?s|shes|he'?s|hes|they'?re) (?:on|taking)|and|together|at the same time)\b.{0,40}\b${DRUG}\b|\binteract(?:ion|ions|s)?\b|\b${DRUG}\b.{0,30}\b(?:stop|keep)\b.{0,30}\bfrom working\b|\bmake .{0,30} less effective\b|\bsafe to (?:take|mix|combine)\b.{0,40}\b(?:with|and)\b`,
    ),
  },
  {
    type: 'side effects',
    pattern: new RegExp(
      String.raw`^${DRUG}\b.{0,30}\b(?:pain|ache|aches|rash|itch\w*|tired|dizzy|dizziness|nausea|swelling|cough|cramps?)\b.{0,20}\bnormal\b|\bside[- ]?effects?\b|\badverse (?:effects?|reactions?)\b|\b(?:does|can|could|will|is|would) (?:my |the |this |his |her )?(?:new )?${DRUG}\b.{0,30}\b(?:cause|make|give|affect|mess with|lead to)\b|\b(?:from|because of|since (?:starting|i started)) (?:my|the|this|his|her) (?:new )?${DRUG}\b`,
    ),
  },
  {
    type: 'dose',
    pattern:
      /\bhow (?:much|many)\b(?! people).{0,40}\b(?:take|give|use|a day|per day|daily|at once|can i)\b|\bmax(?:imum)?\b.{0,30}\b(?:per day|a day|daily|at once|in a day)\b|\bdos(?:e|age)\b|\bmax(?:imum)? (?:dose|amount|daily)\b|\bhow many (?:mg|milligrams|pills|tablets|units|puffs)\b|\bwhat (?:strength|amount)\b/,
  },
  {
    type: 'indication',
    pattern: new RegExp(
      String.raw`\b(?:used|prescribed|given|taken) (?:for|to treat)\b|\bwhy (?:was|were|did|would|do|is) .{0,30}\b(?:prescribe|prescribed|given|put on|start(?:ed)? on|taking)\b|^what(?:'s| is| are| does) [\w -]{2,30}? (?:for|treat)\??$|\bwhat (?:is|are) (?:that|it|this|they) for\b|\bwhat (?:does|do) ${DRUG} treat\b`,
    ),
  },
  {
    type: 'when to contact a medical professional',
    pattern:
      /\b(?:when|at what point|how bad|how high|how long|how many days)\b.{0,50}\b(?:see|call|go to|visit|get)\b.{0,20}\b(?:doctor|dr|someone|er|e\.r|hospital|urgent care|specialist|gp|stitches|checked|seen)\b|\b(?:an|a real) emergency\b|\bwhen (?:should|do|to|must|would|is|does)\b.{0,40}\b(?:see|call|go to|take .{0,15} to|visit|contact|get (?:it|this|them) checked|worry)\b|\bshould (?:i|we|he|she|my \w+) (?:go to|see|call|visit|take .{0,15} to) (?:the |a |my |an )?(?:er|e\.r\.|emergency|urgent care|hospital|doctor|dr|gp|pediatrician|dentist|911)|\bshould (?:i|we) call (?:someone|the doctor|911)\b|\b(?:need|go) to (?:the )?(?:er|emergency room|hospital|urgent care)\b|\bserious enough\b|\bworth (?:seeing|calling|a trip)\b|\bis (?:this|it) an emergency\b/,
  },
  {
    type: 'how can i learn more',
    pattern:
      /\blearn more\b|\bmore (?:info|information|details)\b|\bwhere (?:can|do|should) i (?:read|find|get|look)\b.{0,40}\b(?:info|information|about|more)\b|\bgood (?:websites?|resources?|sources?|books?)\b|\brecommend (?:a |any )?(?:website|resource|book|reading)/,
  },
  {
    type: 'stages',
    pattern:
      /\bstages?\b.{0,20}\b(?:of|mean|difference|between)\b|\bwhat stage\b|\bstaging\b|\bstage (?:[0-4]|i{1,3}v?|iv)\b.{0,30}\b(?:mean|vs|versus|difference)\b/,
  },
  {
    type: 'inheritance',
    pattern:
      /\bpass(?:ed|es|ing)? .{1,30}\bto (?:my|your|our|their|the|his|her) (?:kids|children|child|son|daughter|baby|babies|grandkids)\b|\bdominant or recessive\b|\b(?:dominant|recessive)\b|\bfrom (?:the|my|his|her|their) (?:mother|father|mom|dad|parents?)\b|\bodds\b.{0,30}\b(?:baby|kids|child|children|son|daughter)\b|\binherit|\bhereditary\b|\bpass(?:ed|es|ing)? (?:it |this |that |\w+ )?(?:on|down|along)\b|\bpass(?:ed|es|ing)? (?:\w+ )?(?:to|onto) (?:my |our |the |their )?(?:kids|children|child|son|daughter|baby|babies|grandkids)|\bpassed (?:from|through)\b|\bruns? in (?:the |my |our )?famil|\bskip (?:a )?generation\b|\b(?:get|got|inherit) it from (?:me|my|us|their|his|her)\b|\b(?:kids|children|baby|son|daughter) (?:could |will |might )?(?:get|inherit|have) it\b|\bsomething my (?:kids|children) could get\b|\bchances? (?:that )?(?:our|my|the) (?:baby|kids|children|child|son|daughter)\b|\bfrom (?:my|his|her|their) (?:parents?|mother|father|mom|dad)\b|\bcarriers?\b/,
  },
  {
    type: 'genetic changes',
    pattern:
      /\bgenetic (?:changes?|cause|basis|defect|mutation)s?\b|\b(?:which|what) genes?\b|\bgenes?\b|\bmutations?\b|\bchromosomes?\b|\bbrca\d?\b|\bdna\b/,
  },
  {
    type: 'frequency',
    pattern:
      /\bhow many (?:people|\w+) (?:are|get|have|is|were|born|in)\b|\bhow common\b|\bhow rare\b|\bwhat percent(?:age)?\b|\bprevalen|\bincidence\b|\bis (?:it|this|that|\w+) (?:very |really )?(?:common|rare)\b|\bhow often do (?:people|kids|women|men)\b/,
  },
  {
    type: 'prevention',
    pattern:
      /\bprevent|\bavoid (?:getting|catching|it|this|another)\b|\b(?:lower|reduce|cut) (?:my|the|our|your|his|her) (?:risk|chances?)\b|\bprotect (?:myself|my \w+|ourselves|yourself|them|him|her|against)\b|\bkeep .{0,25}\bfrom (?:getting|catching|coming back|happening)\b|\bstop .{0,25}\b(?:from (?:getting|coming back|happening|spreading)|before (?:they|it) start)|\b(?:not|never) (?:get|catch|develop) (?:it|\w+)\b|\bstop getting\b|\bways? to avoid\b|\b(?:don'?t|do not|won'?t|never) (?:get|catch|have) .{1,30}\bagain\b/,
  },
  {
    type: 'treatment',
    pattern:
      /\bget rid of\b|\b(?:is there )?(?:anything|something) (?:that )?(?:helps?|works?)\b|\bwhat (?:can|could) be done (?:for|about)\b|\bwhat (?:do|will|can) (?:they|doctors?) do (?:for|about)\b/,
  },
  {
    type: 'complications',
    pattern:
      /\bwhat (?:can|could|will|does) .{1,40} do to (?:your|my|the|his|her|a) (?:body|heart|kidneys|eyes|brain|liver|baby)\b|\brisks? of (?:leaving|not treating|ignoring)\b|\bleav(?:e|ing) .{1,30} alone\b|\bmake (?:you|me|him|her|them) (?:go )?(?:blind|deaf|sterile|infertile|paralyzed)\b|\bcomplications?\b|\blead to\b|\bturn into\b|\bspread to\b|\b(?:long[- ]term|lasting) (?:effects?|damage|problems?)\b|\bwhat (?:can|could|will) happen (?:if|when)\b|\bif (?:left )?untreated\b|\b(?:is|isn'?t|isnt|not) (?:treated|controlled)\b|\bhurt (?:the|my|her|his) (?:baby|heart|kidneys|eyes)\b|\bcan (?:a |an |the )?[\w' -]{2,30}? (?:cause|damage|affect|give you|harm)\b|\bdamage (?:to )?(?:my|the|your|his|her)\b/,
  },
  {
    type: 'outlook',
    pattern:
      /\breversed?\b|\breversible\b|\boutlook\b|\bprognosis\b|\blife expectancy\b|\bhow long (?:will|does|do|can|until|before|is)\b|\bdie (?:from|of)\b|\bfatal\b|\bdeadly\b|\b(?:go|goes|going) away\b|\bgrow out of\b|\bcurable\b|\bbe cured\b|\brecover(?:y)?\b|\bget (?:better|worse)\b|\bwill (?:it|this|she|he|i|my \w+|they) (?:ever |get |be |come back|return|always)\b|\bsurviv|\blive (?:a )?(?:normal|long|full)\b|\bpermanent\b|\bchances?\b|\bheal\b|\bcome back\b/,
  },
  {
    type: 'symptoms',
    pattern:
      /\bsymptoms?\b|\bsigns?\b|\bfeels? (?:like|different)\b|\bhow (?:do|would|can|will|could) (?:i|you|we|my \w+|someone|parents) (?:know|tell)\b|\bhow to tell\b|\bwhat does .{1,30} (?:look|feel|sound) like\b|\bis (?:it|this|that) normal\b|\bwarning signs?\b|\bnotice\b|\bshow up\b/,
  },
  {
    type: 'exams and tests',
    pattern:
      /\bdiagnos(?:e|is|tic|ing)\b|\b(?:how|when) (?:is|are) .{1,30} diagnosed\b|\btests?\b|\btested\b|\btesting\b|\bscreen(?:ing)?\b|\bscan\b|\bmri\b|\bct\b|\bx-?ray\b|\bultrasound\b|\bbiopsy\b|\bblood ?work\b|\blab(?:s| results?| work)\b|\b(?:came|come|comes) back\b|\bresults?\b|\bdetect\b|\border (?:an?|the)\b|\blooking for\b|\bcheck(?:ed)? for\b|\bpap smear\b|\bcolonoscopy\b|\bmammogram\b|\becho\w*gram\b/,
  },
  {
    type: 'susceptibility',
    pattern:
      /\bcan (?:\w+ ){0,3}(?:people|kids|children|men|women|babies|adults|teens|teenagers|anyone|athletes|vegetarians)\b.{0,25}\bget\b|\bwhat age do (?:people|most people|you|kids) (?:usually )?(?:start )?(?:get|getting|develop)|\bat (?:a )?(?:high(?:er)? )?risk\b|\bwho (?:gets|can get|is|are|should worry|tends to)\b.{0,25}\b(?:likely|get|gets|risk|worry|about)?\b|\bmore likely to (?:get|have|develop)\b|\brisk factors?\b|\bam i (?:likely|going) to (?:get|develop)\b|\bcan (?:kids|children|men|women|babies|adults|young people|teenagers|anyone|you|i) (?:get|have|develop)\b|\b(?:higher|increased|bigger) (?:risk|chance)\b|\bsusceptib|\bprone to\b|\bcan (?:you|i|someone) get .{2,30} if (?:you|i|they)\b/,
  },
  {
    type: 'causes',
    pattern:
      /\bcause[sd]?\b|\bwhy (?:do|does|did|would|am|is|are|have|has|do i|does my)\b|\bwhat (?:makes|triggers|brings on|gives)\b|\btriggers?\b|\breason (?:for|why)\b|\bhow (?:do|does|did|can) (?:you|people|someone|one|i|my \w+) (?:get|catch|develop|end up with)\b|\bwhere (?:does|do|did) .{1,30} come from\b|\bdue to\b|\bcan (?:\w+ ){1,3}(?:make|give) (?:you|your|me|my|people|someone)\b/,
  },
  {
    type: 'dietary',
    pattern:
      /\bdiet\b|\bfoods?\b|\beat(?:ing)?\b|\bdrink(?:ing)?\b|\bnutrition|\bmeals?\b|\bsugar\b|\bsalt\b|\bvitamins?\b|\bgluten\b|\bdairy\b/,
  },
  {
    type: 'treatment',
    pattern:
      /\btreat(?:ment|ments|ed|ing)?\b|\bcure\b|\btherap(?:y|ies)\b|\bsurgery\b|\boperation\b|\bwhat (?:can|should) (?:i|we|you|my \w+) do (?:about|for|to help)\b|\bmanage(?:ment)?\b|\brelie(?:f|ve)\b|\bhelp with\b|\bwhat (?:medicine|medication|meds|drug|pill)s? (?:for|should|can|do|to)\b|\bremed(?:y|ies)\b|\bmedicine for\b|\bhow to (?:stop|ease|heal|handle)\b/,
  },
  {
    type: 'considerations',
    pattern:
      /\bconsider\b|\bliving with\b|\blive with\b|\bday[- ]to[- ]day\b|\bprecautions?\b|\bkeep in mind\b|\bthink about\b|\bplan for\b|\bshould i (?:still )?(?:exercise|work|travel|drive|fly|stop)\b|\bcan i (?:still )?(?:exercise|work|travel|drive|fly|swim|play|go)\b|\bthings to (?:consider|know|avoid)\b|\bshould (?:\w+ ){0,2}avoid\b|\bcop(?:e|ing)\b/,
  },
  {
    type: 'information',
    pattern:
      /\bwhat (?:is|are|does .+ mean)\b|\bwhat'?s\b|\bexplain\b|\bmean(?:s|ing)?\b|\btell me about\b|\binfo(?:rmation)? (?:on|about)\b|\boverview of\b/,
  },
];

/** Every rule in the order they are tried. */
export const QUESTION_TYPE_RULES: readonly TypeRule[] = [...MEDICATION_RULES, ...TEMPLATES, ...CUES, ...SAFE_CUES];
