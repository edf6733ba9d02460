import { describe, expect, it } from 'vitest';
import { isCommonWord } from './known-names';
import { redact } from './redact';

describe('names found by where they stand', () => {
  it.each([
    ['a subject with a pronoun', 'Tumelo had his first seizure today.', '[NAME] had his first seizure today.'],
    ['a name with its relation', 'Faith, my mother, is 79 and anaemic.', '[NAME], my mother, is 79 and anaemic.'],
    ['a relation in brackets', 'Cedric (my husband) wanders at night.', '[NAME] (my husband) wanders at night.'],
    [
      'a name with an age',
      'This is about Oluwaseun (4), fever since Monday.',
      'This is about [NAME] (4), fever since Monday.',
    ],
    ['after a family title', 'Auntie Blessing says ginger helps.', 'Auntie [NAME] says ginger helps.'],
    [
      'a nickname',
      'everyone calls me "Big Tony" at work, I am 130 kg',
      'everyone calls me "[NAME]" at work, I am 130 kg',
    ],
    ['a lower-case introduction', 'hi its tarni, my ear hurts', 'hi its [NAME], my ear hurts'],
    ['a lengthened greeting', 'hiii its keoni, my ear hurts', 'hiii its [NAME], my ear hurts'],
    ['a lower-case name here', 'wairimu here. still coughing', '[NAME] here. still coughing'],
    [
      'a given name that is a word, signing',
      'that cleared it up, thank you. — Carol',
      'that cleared it up, thank you. — [NAME]',
    ],
    ['a given name that is a word, introducing', 'heyy amber here, quick question', 'heyy [NAME] here, quick question'],
    ['a name here before the message', 'hi, Nokuthula here 🙂 can u resend it', 'hi, [NAME] here 🙂 can u resend it'],
    ['a surname in capitals before the given name', 'Claimant: OKONKWO, Luis | ref J45', 'Claimant: [NAME] | ref J45'],
    ['a name alone at the end', 'Is that normal? -obiora', 'Is that normal? -[NAME]'],
    ['two names after thanks', 'Thanks so much, Grace and Tadhg!', 'Thanks so much, [NAME] and [NAME]!'],
    ['a surname in capitals', 'SEEN BY DR. ADEYEMI-OKAFOR AT 0300', 'SEEN BY DR. [NAME] AT 0300'],
    ['a particle after a title', 'Dr. van der Waals said it is fine', 'Dr. [NAME] said it is fine'],
  ])('%s', (_, text, expected) => {
    expect(redact(text).text).toBe(expected);
  });

  it.each([
    ['a common word as subject', 'Nothing has helped her sleep.'],
    ['a medicine as subject', 'Metformin has given him diarrhoea.'],
    ['a hospital as subject', 'Cedars-Sinai said he is fine.'],
    ['a virus as subject', 'Covid has left her exhausted.'],
    ['a lab value with an age-like number', 'Potassium is 5.9, should she worry?'],
    ['a chat word at the end', 'my throat hurts so much lol'],
    ['a medical word at the end', 'Is it serious? Cholecystitis'],
    ['capitals and a comma before a common word', 'HIV, Hepatitis B and HCV negative'],
    ['a role here', 'Nurse here, can you call back'],
    ['a word after the last sentence', 'Feeling better since Monday. Hope'],
    ['a feeling introduced', "i'm happy, thanks for asking"],
  ])('leaves %s', (_, text) => {
    expect(redact(text).text).toBe(text);
  });

  it('knows common English words and not names that are no word', () => {
    expect(isCommonWord('nothing')).toBe(true);
    expect(isCommonWord('Surgery')).toBe(true);
    expect(isCommonWord('Bongani')).toBe(false);
  });
});
