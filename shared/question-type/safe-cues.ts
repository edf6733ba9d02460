/**
 * Broad cues for the safe question types, tried last, when neither the unsafe detection nor the
 * MedQuAD patterns placed a question: short fragments and plain phrasings ("groups for people
 * with fibromyalgia", "stages of lymphoma"). Unsafe questions were looked for first, so these
 * only decide between safe types and `unclassified`.
 */
import type { TypeRule } from './type-rule';

export const SAFE_CUES: readonly TypeRule[] = (
  [
    {
      type: 'support groups',
      pattern:
        /\b(?:support|groups?|network|organi[sz]ations?|foundations?|charit(?:y|ies)|communit(?:y|ies)|forums?|advocacy|meet ?ups?|peer)\b.{0,40}\b(?:for|with|who|of|after|like)\b|\b(?:talk|connect|chat) (?:with|to) (?:other|others|people|parents|families|someone (?:who|going))\b|\bpeople going through\b|\b(?:parent|family|caregiver|grief) support\b|\bfeels? (?:so )?alone\b/,
    },
    {
      type: 'how can i learn more',
      pattern:
        /\b(?:learn|read|find out|know) more\b|\b(?:resources?|websites?|sites?|books?|leaflets?|pamphlets?|brochures?|materials?|reading|videos?|podcasts?)\b.{0,40}\b(?:about|on|for|explaining)\b|\b(?:reliable|trustworthy|good|accurate|official) (?:information|info|sources?)\b|\bwhere (?:can|do|should|could) (?:i|we|my \w+) (?:find|get|read|learn|look)\b|\binformation (?:about|on)\b/,
    },
    {
      type: 'research',
      pattern:
        /\b(?:research|researchers|studies|study|trials?|breakthroughs?|being studied|scientists|experimental|new (?:discoveries|findings))\b/,
    },
    {
      type: 'stages',
      pattern: /\bstag(?:e|es|ed|ing)\b|\bphases? of\b/,
    },
    {
      type: 'genetic changes',
      pattern: /\b(?:genes?|genetic|mutations?|chromosomes?|dna)\b/,
    },
    {
      type: 'inheritance',
      pattern:
        /\b(?:inherit\w*|hereditary|runs? in (?:the |my |our )?famil\w*|pass(?:ed)? (?:it )?(?:on|down)|from (?:my|his|her|their) (?:mom|mum|dad|mother|father|parents?))\b|\bboth parents\b|\b(?:parents?|mom|mum|dad|mother|father) (?:has to |have to |need to |must )?(?:carry|be carriers?)\b|\bwill (?:our|my|the|his|her|their) (?:daughters?|sons?|kids?|children|baby|babies|grandkids?|grandchildren) (?:be|have|get|inherit)\b/,
    },
    {
      type: 'frequency',
      pattern:
        /\bhow (?:common|rare|many people|often do people)\b|\b(?:prevalence|incidence)\b|\bhow many (?:\w+ )?(?:get|have|are diagnosed)\b/,
    },
    {
      type: 'susceptibility',
      pattern:
        /\b(?:at (?:\w+ )?risk|risk (?:of|for|factors?)|more likely|higher chance|prone to|who (?:gets|can get|is likely)|chances? of (?:getting|developing))\b|\bcan (?:\w+ ){0,3}get\b/,
    },
    {
      type: 'prevention',
      pattern:
        /\b(?:prevent\w*|avoid(?:ing)? (?:getting|catching)|lower (?:my|the|your) (?:risk|chances?)|reduce (?:my|the|your) (?:risk|chances?)|protect (?:myself|yourself|my \w+) from|keep from getting|not (?:to )?get)\b/,
    },
    {
      type: 'outlook',
      pattern:
        /\b(?:outlook|prognosis|life expectancy|survival|surviv\w*|outgrow|grow out of|go away (?:on its own|by itself)|(?:go|get|be) back to normal|normal again|recover\w*|get better|live with|long[- ]term|permanent|curable|fatal|terminal|how long (?:will|can|do) (?:i|he|she|they|you|people) (?:live|have|last))\b/,
    },
    {
      type: 'complications',
      pattern:
        /\bwhat (?:happens|will happen|could happen) (?:if|when)\b|\b(?:complications?|long[- ]term effects?|lead to|turn into|damage|untreated|left alone|get worse)\b/,
    },
    {
      type: 'considerations',
      pattern:
        /\b(?:considerations?|careful|be aware|should (?:i|we|you) know|what to (?:know|think about|keep in mind|expect)|things to (?:know|consider)|precautions?|tips? for|special care|watch out for)\b/,
    },
    {
      type: 'exams and tests',
      pattern:
        /\b(?:diagnos\w*|tests?|testing|tested|scans?|screen\w*|x-?rays?|mri|ct scans?|cat scans?|biopsy|blood work|results?|find out if|know if (?:i|you|he|she) (?:have|has))\b/,
    },
    {
      type: 'symptoms',
      pattern:
        /\b(?:symptoms?|symptons?|symtoms?|sypmtoms?|simptoms?|signs?|feel like|what does .{1,30} feel|how (?:do|does|did) .{1,30} start|early (?:signs?|warning)|warning signs?)\b/,
    },
    {
      type: 'causes',
      pattern:
        /\b(?:caus\w*|why (?:do|does|did|would|am|is|are)|what (?:leads|led) to|reasons? for|triggers?|how (?:do|does|did) (?:you|people|someone|i|he|she) get)\b/,
    },
    {
      type: 'dietary',
      // Foods by name: "are oats ok for him" with coeliac disease.
      pattern:
        /\b(?:eat|eating|diet|foods?|drink|drinks|meals?|nutrition|snacks?|sugar|salt|caffeine|coffee|oats|oatmeal|bread|pasta|rice|wheat|gluten|dairy|milk|cheese|eggs?|nuts|peanuts?|fruits?|vegetables?|veggies|meat|fish|seafood|shellfish|chocolate|soy|tofu|beans|carbs?|protein|fibre|fiber|iron[- ]rich)\b/,
    },
    {
      type: 'information',
      pattern:
        /^(?:what|wat|wut|wht)(?: exactly| even)? (?:is|are|r) (?!the (?:best|right|dose|treatment|cure))\b|\bwhat (?:is|are) .{1,40}\?$|\bwhat does .{1,40} mean\b|\b(?:tell|explain) (?:me )?(?:what|about)\b|\bmeaning of\b|\bwhat (?:kind|type) of (?:disease|condition|illness|disorder)\b/,
    },
  ] satisfies TypeRule[]
).map((cue) => ({ ...cue, why: 'question wording' }));
