/**
 * Words that name a medicine in a patient's question: common generic, brand, over-the-counter and
 * supplement names (a hand-written list, lower case), the word endings of generic names, and
 * the plain words people use for their medicines ("my pills", "her inhaler"). The list is not
 * meant to be complete: the endings and the plain words catch most of what it lacks.
 */
const NAMES = `
acetaminophen paracetamol tylenol panadol calpol ibuprofen advil motrin nurofen naproxen aleve aspirin bayer
excedrin diclofenac voltaren celecoxib celebrex meloxicam mobic indomethacin ketorolac toradol tramadol ultram
codeine oxycodone percocet oxycontin hydrocodone vicodin norco morphine fentanyl methadone buprenorphine suboxone
epipen epinephrine adrenaline afrin oxymetazoline nicotine nicorette varenicline chantix
crocin buscopan hyoscine pantoloc phenelzine nardil tranylcypromine
levonorgestrel latanoprost xyzal levocetirizine benzonatate naloxone narcan naltrexone gabapentin neurontin pregabalin lyrica cyclobenzaprine flexeril baclofen tizanidine
sumatriptan imitrex rizatriptan maxalt topiramate topamax
metformin glucophage insulin lantus humalog novolog ozempic wegovy mounjaro zepbound trulicity victoza saxenda
jardiance farxiga januvia glipizide glyburide glimepiride pioglitazone
lisinopril enalapril ramipril losartan valsartan irbesartan amlodipine norvasc nifedipine diltiazem verapamil
metoprolol lopressor toprol atenolol propranolol carvedilol bisoprolol hydrochlorothiazide hctz chlorthalidone
furosemide lasix spironolactone torsemide clonidine hydralazine digoxin amiodarone nitroglycerin nitro isosorbide
atorvastatin lipitor simvastatin zocor rosuvastatin crestor pravastatin ezetimibe zetia
warfarin coumadin jantoven apixaban eliquis rivaroxaban xarelto dabigatran pradaxa clopidogrel plavix heparin
enoxaparin lovenox
levothyroxine synthroid euthyrox eltroxin liothyronine methimazole
prednisone prednisolone methylprednisolone medrol dexamethasone hydrocortisone cortisone budesonide
fluticasone flonase mometasone nasonex triamcinolone
albuterol salbutamol ventolin proair symbicort advair breo spiriva montelukast singulair
cetirizine zyrtec loratadine claritin fexofenadine allegra diphenhydramine benadryl chlorpheniramine hydroxyzine
pseudoephedrine sudafed phenylephrine guaifenesin mucinex dextromethorphan robitussin dayquil nyquil theraflu
omeprazole prilosec esomeprazole nexium pantoprazole protonix lansoprazole famotidine pepcid ranitidine zantac
tums rolaids gaviscon antacid antacids simethicone loperamide imodium bismuth pepto miralax senna dulcolax
docusate colace ondansetron zofran promethazine phenergan meclizine dramamine metoclopramide
sertraline zoloft fluoxetine prozac citalopram celexa escitalopram lexapro paroxetine paxil venlafaxine effexor
duloxetine cymbalta bupropion wellbutrin mirtazapine remeron trazodone amitriptyline nortriptyline lithium
lamotrigine lamictal valproate depakote quetiapine seroquel aripiprazole abilify risperidone olanzapine
alprazolam xanax lorazepam ativan clonazepam klonopin diazepam valium zolpidem ambien buspirone
methylphenidate ritalin concerta adderall vyvanse atomoxetine strattera
levetiracetam keppra phenytoin dilantin carbamazepine tegretol
amoxicillin augmentin penicillin azithromycin zithromax zpack cephalexin keflex doxycycline ciprofloxacin cipro
levofloxacin nitrofurantoin macrobid bactrim clindamycin metronidazole flagyl fluconazole diflucan
acyclovir valacyclovir valtrex oseltamivir tamiflu paxlovid ivermectin hydroxychloroquine plaquenil
methotrexate humira adalimumab enbrel etanercept remicade infliximab stelara dupixent
allopurinol colchicine alendronate fosamax tamsulosin flomax finasteride proscar sildenafil viagra tadalafil
cialis oxybutynin estradiol estrogen progesterone norethindrone medroxyprogesterone depo testosterone
letrozole tamoxifen anastrozole
isotretinoin accutane tretinoin retin minoxidil rogaine hydroquinone benzoyl
melatonin magnesium zinc iron calcium potassium folic folate biotin vitamin vitamins multivitamin
ashwagandha turmeric curcumin ginkgo ginseng echinacea elderberry valerian kava kratom
probiotic probiotics collagen creatine glucosamine
otezla brilinta keytruda opdivo prolia xgeva descovy biktarvy truvada genvoya entresto xeljanz rinvoq skyrizi cosentyx
taltz tremfya ocrevus tecfidera gilenya aimovig emgality ajovy nurtec ubrelvy trikafta trelegy breztri anoro incruse
tudorza nucala fasenra xolair tagrisso ibrance revlimid imbruvica jakafi zytiga xtandi lupron eligard herceptin avastin
rituxan orencia simponi cimzia entyvio kesimpta aubagio mavenclad tysabri vumerity zeposia botox dysport juvederm
invokana steglatro rybelsus tresiba toujeo basaglar levemir admelog fiasp humulin novolin soliqua xultophy victrelis
harvoni epclusa mavyret sovaldi veklury lagevrio evusheld
maoi maois ssri ssris snri snris nsaid nsaids ppi ppis linezolid isoniazid rifampin tacrolimus cyclosporine
mycophenolate azathioprine hydroxyurea biologic biologics dmard dmards
`;

/** Endings of generic names (ACE inhibitors, statins, beta blockers, …): long enough to be specific. */
const GENERIC_ENDINGS = [
  'pril',
  'sartan',
  'statin',
  'olol',
  'alol',
  'azole',
  'mycin',
  'micin',
  'cycline',
  'cillin',
  'floxacin',
  'profen',
  'oxetine',
  'alopram',
  'azepam',
  'azolam',
  'triptan',
  'tidine',
  'prazole',
  'formin',
  'gliptin',
  'glutide',
  'gliflozin',
  'dipine',
  'thiazide',
  'semide',
  'lukast',
  'codone',
  'morphone',
  'xaban',
  'gatran',
  'parin',
  'afil',
  'asone',
  'olone',
  'sonide',
  'tropium',
  'tadine',
  'vudine',
  'ciclovir',
  'clovir',
  'navir',
  'tegravir',
  'umab',
  'imab',
  'zumab',
  'tinib',
  'barbital',
  'ipramine',
  'triptyline',
  'peridone',
  'apine',
  'etine',
  'zolid',
  'zosin',
  'dronate',
  'vastatin',
  'conazole',
  'setron',
  'pramine',
  'faxine',
  'oxacin',
  'caine',
];

/** What patients call medicines without naming one. */
const PLAIN_WORDS = `
pill pills tablet tablets tab tabs capsule capsules caps med meds medicine medicines medication medications
drug drugs dose doses dosage prescription prescriptions rx script scripts antibiotic antibiotics antibiotico
antidepressant antidepressants painkiller painkillers pain-killers reliever relievers thinner thinners
inhaler inhalers puffer patch patches shot shots injection injections injectable jab jabs vaccine vaccines
supplement supplements gummy gummies drops syrup suppository suppositories cream ointment lotion spray
steroid steroids statin statins opioid opioids sedative sedatives sleeping otc chemo chemotherapy
lozenge lozenges linctus sachet sachets cough-syrup
`;

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

export const MEDICINE_NAMES: ReadonlySet<string> = words(NAMES);
const PLAIN: ReadonlySet<string> = words(PLAIN_WORDS);

/** Names of more than one word, looked for in the text itself. */
const PHRASES =
  /\b(?:birth control|the pill|morning after pill|plan b|blood pressure (?:meds?|pills?|tablets?|medicine|medication)|st\.? john'?s wort|fish oil|red yeast rice|vitamin [a-z0-9]+|over the counter|cold medicine|cough medicine|sleep aid|water pill|heart (?:meds?|pills?|medicine)|bp (?:meds?|pills?|medicine)|thyroid (?:meds?|pills?|medicine)|sugar (?:pills?|meds?|tablets?))\b/;

/** Plain words that say a dose is meant, not which medicine: they do not make a second medicine. */
const DOSE_WORDS: ReadonlySet<string> = words('dose doses dosage prescription prescriptions rx script scripts otc');

/** The distinct medicines a question mentions (names, generic endings, plain words, phrases), in order. */
export function mentionedMedicines(lowerText: string): string[] {
  const found: string[] = [];
  let afterName = false;
  let named = false;
  let previous = '';
  // Splitting once is cheaper than a regex loop: this runs for most questions.
  for (const token of lowerText.split(NOT_WORD)) {
    if (token.length === 0) continue;
    const word = token.endsWith("'s") ? token.slice(0, -2) : token;
    // "ibuprofen tablets" is one medicine: a plain word right after a name adds none, and nor
    // does one that points back to it ("on ritalin …, is that from the medicine").
    const plain = PLAIN.has(word);
    const medicine = plain || isNamedMedicine(word);
    const sameOne = plain && (afterName || (named && POINTING_BACK.has(previous)));
    afterName = medicine && !plain;
    named ||= afterName;
    previous = word;
    if (!medicine || sameOne || DOSE_WORDS.has(word) || found.includes(word)) continue;
    found.push(word);
  }
  if (MAY_HOLD_PHRASE.test(lowerText)) {
    for (const phrase of lowerText.match(PHRASES_ALL) ?? []) {
      if (!found.some((word) => phrase.includes(word))) found.push(phrase);
    }
  }
  return found;
}

const NOT_WORD = /[^a-z'-]+/;
/** Words before a plain word that mean a medicine already named: "the tablet", "this medicine". */
const POINTING_BACK: ReadonlySet<string> = words('the this that these those');
const PHRASES_ALL = new RegExp(PHRASES.source, 'g');
/** Every phrase has one of these words: most texts skip the phrase search. */
const MAY_HOLD_PHRASE = /control|pill|plan b|meds?\b|wort|oil|yeast|vitamin|counter|medicine|aid|tablet/;

/** Whether a word (lower case) names a medicine: by name or by the ending of a generic name. */
export function isMedicineWord(word: string): boolean {
  return PLAIN.has(word) || isNamedMedicine(word);
}

/** One test for every ending (endings of 3 to 9 letters, after at least 4 more). */
const GENERIC_NAME = new RegExp(`^[a-z]{4,}(?:${GENERIC_ENDINGS.join('|')})$`);

function isNamedMedicine(word: string): boolean {
  return MEDICINE_NAMES.has(word) || (word.length >= 7 && GENERIC_NAME.test(word));
}
