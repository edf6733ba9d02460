import { describe, expect, it } from 'vitest';
import { classifyQuestion, UNCLASSIFIED } from './infer';
import { mentionedMedicines } from './medicines';

const typeOf = (question: string) => classifyQuestion(question).type;

describe('medication-aware question typing', () => {
  it.each([
    ['is 3 advil every 4 hours too much', 'dose'],
    ['tylenol max per day?', 'dose'],
    ['can my 6 yo have half a benadryl', 'dose'],
    ['missed last nights lisinopril, take it now or wait', 'forget a dose'],
    ['ok to have a glass of wine on metronidazole?', 'interactions with medications'],
    ['mixing sertraline and tramadol', 'interactions with medications'],
    ['grapefruit juice with my atorvastatin', 'interactions with foods'],
    ['does prednisone make you gain weight', 'side effects'],
    ['is zyrtec the same as cetirizine', 'brand names'],
    ['can i crush my metoprolol and put it in applesauce', 'usage'],
    ['what is gabapentin prescribed for', 'indication'],
    ['my toddler ate some of grandpas heart pills', 'emergency or overdose'],
    ['should I take her to urgent care for a fever of 104', 'when to contact a medical professional'],
    ['how do you get rid of a sinus infection fast', 'treatment'],
    ['tylenol versus advil for a headache', 'brand names'],
    ['grandpa took the whole week of his blood pressure pills at once', 'emergency or overdose'],
    ['my toddler chewed some nicotine gum from my bag', 'emergency or overdose'],
    ['the correct way to apply voltaren gel', 'usage'],
    ['how do i put my eye drops in, i keep blinking them out', 'usage'],
    ['how do i put the hormone patch on, arm or belly', 'usage'],
    ['we have buscopan at home, what is it called in the us', 'brand names'],
    ['for what is pantoloc?', 'indication'],
    ['on omeprazole for years now, is that bad long term', 'side effects'],
    ['is it safe to give 3', 'dose'],
    ['we ran out of her keppra yesterday', 'forget a dose'],
    ['took the metoprolol 5 hours late, now what', 'forget a dose'],
    ['naproxen + prednisone ok?', 'interactions with medications'],
    ['she is on lithium. can she have ibuprofen?', 'interactions with medications'],
    ['why do people with afib take digoxin', 'indication'],
    ['spironolactone for acne?', 'indication'],
    ['started on ritalin and hes not eating, is that from the tablets', 'side effects'],
    ['whats the american name for paracetamol', 'brand names'],
    ['we got this from a chemist in spain, what is it called in english', 'brand names'],
    ['what to give for a toddler with croup', 'treatment'],
    ['rash on her arm for a month, pharmacist or doctor?', 'when to contact a medical professional'],
  ])('%s → %s', (question, type) => {
    expect(typeOf(question)).toBe(type);
  });

  it.each([
    ['where should i keep my insulin pens when travelling', 'storage and disposal'],
    ['how does a statin actually lower cholesterol', 'how does it work'],
    ['how effective is the shingles vaccine', 'how effective is it'],
    ['why does my baby need the rotavirus vaccine', 'why get vaccinated'],
    ['what are early signs of parkinsons', 'symptoms'],
    ['is there a support group for parents of kids with epilepsy', 'support groups'],
    ['where do i throw out used lancets', 'storage and disposal'],
    ['can i leave my epipen in a hot car', 'storage and disposal'],
    ['where should i put my insulin when the power is out', 'storage and disposal'],
    ['info on lupus pls', 'information'],
    ['can stress make your hair fall out', 'causes'],
    ['anything a kid with asthma should avoid at camp', 'considerations'],
    ['can expired epipens go in the household bin', 'storage and disposal'],
    ['what might go wrong after cataract surgery', 'complications'],
    ['after the stroke will his speech get back to normal', 'outlook'],
    ['is rice ok for someone with coeliac', 'dietary'],
    ['i found the forum really useful, had 20 min to read it, what are early signs of gout', 'symptoms'],
  ])('keeps a safe question about medicines or a condition safe: %s → %s', (question, type) => {
    expect(typeOf(question)).toBe(type);
  });

  it('fails closed: a question nothing places is unclassified, with the reason', () => {
    expect(classifyQuestion('hmm ok so the thing from before')).toEqual({
      type: UNCLASSIFIED,
      why: 'no rule places the question',
    });
  });

  it('says why a medicine question was found unsafe', () => {
    expect(classifyQuestion('how many mg of ibuprofen for a 30 lb kid')).toEqual({
      type: 'dose',
      why: 'medicine + amount or timing',
    });
  });

  it('knows medicines by name, by the endings of generic names and by the words people use', () => {
    expect(mentionedMedicines('can i take eliquis with my bp meds')).toEqual(['eliquis', 'meds']);
    expect(mentionedMedicines('started olmesartan last week')).toEqual(['olmesartan']);
    expect(mentionedMedicines('ibuprofen tablets')).toEqual(['ibuprofen']);
    // A plain word that points back to the name is the same medicine; one of its own is another.
    expect(mentionedMedicines('on sertraline and cant sleep, is it the pills')).toEqual(['sertraline']);
    expect(mentionedMedicines('on sertraline, can i take my pills')).toEqual(['sertraline', 'pills']);
    expect(mentionedMedicines('what causes cholesterol to rise in winter')).toEqual([]);
  });
});
