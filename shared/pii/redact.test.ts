import { describe, expect, it } from 'vitest';
import { loadLabelled, scorePii } from '../../test/helpers/pii-score';
import { redact } from './redact';

describe('PII reduction', () => {
  it.each([
    ['EMAIL', 'write to jo.ann+clinic@mail.example.com please', 'write to [EMAIL] please'],
    ['URL', 'I read https://example.org/a?b=1, and www.example.com/page.', 'I read [URL], and [URL].'],
    ['IP', 'the portal logged me from 203.0.113.9 today', 'the portal logged me from [IP] today'],
    ['SSN', 'ssn 123-45-6789 on the form', 'ssn [SSN] on the form'],
    ['MRN', 'my MRN is 00451234', 'my MRN is [MRN]'],
    ['DATE', 'born on 03/14/1985 and seen March 2, 2024', 'born on [DATE] and seen [DATE]'],
    ['PHONE', 'call me at (555) 201-3344 or +44 20 7946 0958', 'call me at [PHONE] or [PHONE]'],
    ['ZIP', 'I live in Springfield, IL 62704', 'I live in Springfield, IL [ZIP]'],
    [
      'NAME',
      'Hi, my name is Dana Whitfield and my son Leo has a rash',
      'Hi, my name is [NAME] and my son [NAME] has a rash',
    ],
    ['NAME', 'patient: Ruiz Ortega, seen by Dr. Okafor', 'patient: [NAME], seen by Dr. [NAME]'],
    ['CARD', 'the card on file is 4539 1488 0343 6467, exp 09/29', 'the card on file is [CARD], exp 09/29'],
    ['CARD', 'amex 371449635398431 please', 'amex [CARD] please'],
    ['ID', 'member ID XKR-4471902 and passport number is K7720193', 'member ID [ID] and passport number is [ID]'],
    ['ADDRESS', 'send it to 221 Baker Street Apt 2, London', 'send it to [ADDRESS], London'],
    ['ADDRESS', 'we moved to Flat 3, 9 Mill Lane last week', 'we moved to [ADDRESS] last week'],
    ['ADDRESS', 'address for the home visit: 42 Oak Road, Apt 7', 'address for the home visit: [ADDRESS]'],
    ['NAME', 'my son Pearson has a rare syndrome', 'my son [NAME] has a rare syndrome'],
    ['NAME', 'a pharmacist called Tomasz said it is fine', 'a pharmacist called [NAME] said it is fine'],
    ['NAME', "Hi, I'm Laura Pearson, my daughter is sick", "Hi, I'm [NAME], my daughter is sick"],
    ['ADDRESS', 'il mio indirizzo corso Vercelli 18. Grazie', 'il mio indirizzo [ADDRESS]. Grazie'],
    ['ADDRESS', 'vivo en Av. Sarmiento 812, 3º piso, depto. C, gracias', 'vivo en [ADDRESS], gracias'],
    ['ADDRESS', 'she is at ul. Długa 7/12 in Gdańsk', 'she is at [ADDRESS] in Gdańsk'],
    ['ADDRESS', 'he lives at 41 Keller Ave, 2nd floor, Chicago', 'he lives at [ADDRESS], Chicago'],
    // After its label, an address of any shape, up to the city or postcode.
    [
      'ADDRESS',
      'Address: Huis Ter Weel 9, bus 4, 3000 Leuven. It itches',
      'Address: [ADDRESS], [ZIP] Leuven. It itches',
    ],
    [
      'ADDRESS',
      'address: 18 corran wynd phone: 0131 496 0411 dx: type 2 diabetes',
      'address: [ADDRESS] phone: [PHONE] dx: type 2 diabetes',
    ],
    ['ADDRESS', 'we are at 3-12-8 Shibuya, Tokyo', 'we are at [ADDRESS], Tokyo'],
    ['ADDRESS', 'she lives at 1420 calle loíza, apt 5b', 'she lives at [ADDRESS]'],
    ['ADDRESS', 'hotel at 88 Dosan-daero, Gangnam-gu', 'hotel at [ADDRESS], Gangnam-gu'],
    ['ADDRESS', 'Cra 7 #45-12, apto 301, y tengo fiebre', '[ADDRESS], y tengo fiebre'],
    ['ADDRESS', 'post it to Kong Oscars gate 54, 3. etasje, Oslo', 'post it to [ADDRESS], Oslo'],
    ['ADDRESS', 'annem Bağdat Caddesi No: 30 Daire: 9 adresinde', 'annem [ADDRESS] adresinde'],
    ['ADDRESS', 'we are at Room 12, Block C, 88 Zhongshan Road now', 'we are at [ADDRESS] now'],
    ['ADDRESS', 'flat is 0/2, 118 Maryhill Road, Glasgow', 'flat is [ADDRESS], Glasgow'],
    ['ADDRESS', 'vivo en Calle Mercaderes 312, 2do piso, tengo tos', 'vivo en [ADDRESS], tengo tos'],
    ['ADDRESS', 'send the kit to stand 418, zone 9, near the clinic', 'send the kit to [ADDRESS], near the clinic'],
    ['ADDRESS', 'we stay at Plot 77, Industrial Zone C3 now', 'we stay at [ADDRESS] now'],
    ['ADDRESS', 'my aunt is at Vesterbrogade 31 C 12 since May', 'my aunt is at [ADDRESS] since May'],
    ['ADDRESS', 'post it to Keizersgracht 88 bis please', 'post it to [ADDRESS] please'],
    ['ADDRESS', 'abito in via delle Rose 14, ho la febbre', 'abito in [ADDRESS], ho la febbre'],
    ['ADDRESS', 'kirim ke Jl. Sudirman No. 17 ya', 'kirim ke [ADDRESS] ya'],
    ['ZIP', 'my postcode is SE1 7PB now', 'my postcode is [ZIP] now'],
    ['ZIP', 'moro na Rua do Almada 120, 4050-032 Porto', 'moro na [ADDRESS], [ZIP] Porto'],
    ['ZIP', 'j’habite 12 rue du Fort, L-2419 Luxembourg', 'j’habite [ADDRESS], [ZIP] Luxembourg'],
    ['ZIP', 'we are near w91 x2r7 since June', 'we are near [ZIP] since June'],
    ['ZIP', 'CEP 70340-908, Brasília', 'CEP [ZIP], Brasília'],
    ['DATE', 'DOB 19880412, seen 14-Mar-21', 'DOB [DATE], seen [DATE]'],
    ['DATE', 'née le 2 février 1948, opérée le 1er mai', 'née le [DATE], opérée le [DATE]'],
    ['DATE', 'nació el 7 de julio de 1990; geb. 3. März 1971', 'nació el [DATE]; geb. [DATE]'],
    // A month name at the end of the text or before a bracket or "!" is a month too.
    ['DATE', 'seen on 3 Nov', 'seen on [DATE]'],
    ['DATE', 'the scan was on 14 march!', 'the scan was on [DATE]!'],
    ['DATE', 'last seen (2 Feb) by the nurse', 'last seen ([DATE]) by the nurse'],
    ['EMAIL', 'write to jo dot ray at mailbox dot org', 'write to [EMAIL]'],
    ['PHONE', 'ring (312) 555-0142 ext. 12 or 0161 496 0018', 'ring [PHONE] or [PHONE]'],
    ['PHONE', 'please call us on +64 2109876543 today', 'please call us on [PHONE] today'],
    ['PHONE', 'Call me on 555-201-3344, Dr. Okafor', 'Call me on [PHONE], Dr. [NAME]'],
    ['MRN', 'merge charts 4471-20931 and 88-13005 please', 'merge charts [MRN] and [MRN] please'],
    ['MRN', 'upload_failed file=lab.pdf patient_mrn=7729104', 'upload_failed file=lab.pdf patient_mrn=[MRN]'],
    ['MRN', 'the hospital number for my dad is RX7739201', 'the hospital number for my dad is [MRN]'],
    ['MRN', 'chart ref MRN-TZ-118204 attached', 'chart ref [MRN] attached'],
    ['MRN', 'N° de dossier 55102938, merci', 'N° de dossier [MRN], merci'],
    ['MRN', 'Pat.-Nr. 8830147 nüchtern', 'Pat.-Nr. [MRN] nüchtern'],
    ['MRN', 'dont send her record K4410983 to school', 'dont send her record [MRN] to school'],
    ['ID', 'Advantage card no. 6634-1209-8812 for the till', 'Advantage card no. [ID] for the till'],
    [
      'MRN',
      'MRN 5561234, and 2019 was the year of diagnosis; PP is 340',
      'MRN [MRN], and 2019 was the year of diagnosis; PP is 340',
    ],
    ['ID', 'pp no. k4410293 for the visa', 'pp no. [ID] for the visa'],
    ['ID', 'the card ending 8831 was charged twice', 'the card ending [ID] was charged twice'],
    ['ID', 'CPF 987.654.321-00, preciso de receita', 'CPF [ID], preciso de receita'],
    ['ID', 'IC 901123-10-7788 untuk klinik', 'IC [ID] untuk klinik'],
    ['PHONE', 'CALL BACK 604-555-0187 EXT 31 re: labs', 'CALL BACK [PHONE] re: labs'],
    ['PHONE', 'appelez le 07.21.43.65.87 le matin', 'appelez le [PHONE] le matin'],
    ['PHONE', 'mi número es 81-3344-9921, gracias', 'mi número es [PHONE], gracias'],
    ['PHONE', 'Festnetz 089 41 22 73 05, bitte', 'Festnetz [PHONE], bitte'],
    ['NAME', 'Hi priya, the results are in', 'Hi [NAME], the results are in'],
    ['NAME', 'is a rash normal? thanks, olek', 'is a rash normal? thanks, [NAME]'],
    ['NAME', 'subscriber Amara Osei added a dependent', 'subscriber [NAME] added a dependent'],
    ['NAME', 'i think her name was Precious, the night nurse', 'i think her name was [NAME], the night nurse'],
    ['NAME', 'Consent signed by Greta Nagy today', 'Consent signed by [NAME] today'],
    ['NAME', 'Patient: OKONJO, Adaeze  DOB 2/3/1961', 'Patient: [NAME]  DOB [DATE]'],
    ['NAME', 'SURNAME: DUBROVSKY FIRST NAME: Ilse', 'SURNAME: [NAME] FIRST NAME: [NAME]'],
    ['NAME', "tell the nurse Mrs. Lindqvist's drip is beeping", 'tell the nurse Mrs. [NAME] drip is beeping'],
  ])('replaces %s with a typed placeholder', (type, text, expected) => {
    const result = redact(text);
    expect(result.text).toBe(expected);
    expect(result.counts[type as 'EMAIL']).toBeGreaterThan(0);
  });

  it.each([
    'take 500 mg twice a day for 10 days',
    'inject 5 ul saline into the port',
    'dad is in room 12, link to the ward chart is broken',
    'I have type 2 diabetes and stage 3 kidney disease',
    'is COVID-19 worse for people with asthma',
    'I am 45 years old and was diagnosed in 2019',
    'my blood pressure was 140/90 and my A1c is 7.2%',
    "I am worried about Parkinson's disease",
    'patients with lupus often feel tired',
    'the app version 4.2.0.17 crashed',
    'take 2 tablets every 4-6 hours, 3 times a day',
    '1 in 10000 people get it',
    "I'm on Keytruda and it's Xarelto for the clots",
    "she has Paget's disease and Lou Gehrig's disease runs in the family",
    'BP 150/95, platelets 250000, vitamin D 1000 IU daily',
    'card 1234 5678 9012 3456 is not a real one',
    'Hi, is Ozempic the same as Wegovy?',
    'I take unit 10, lot 5 of the insulin pens',
    'take it via the tube 2 times a day',
    'dose 2.5 mg, ring the bell 2 times a day',
    'the cells number 1.2 million per ml',
    'is Plan B 1.5 mg ok after 72 hours',
    'dx E10 type 1 diabetes, vitamin b12 1000 mcg daily, K21 reflux',
    'if it hurts, ask your doctor. He or she can refer you',
    'Langer mesomelic dysplasia and Mohs surgery',
    'it is more common in Greek and Swedish families',
    'University of California, San Francisco',
    'my record shows an HbA1c of 7.2 since 2019',
    'the address you gave is wrong 3 times',
    // Numbers of running text, after words that are also cues or street words.
    'mutations in this gene account for 40 to 60 percent of cases',
    'the benefit group age 65 or older improved',
    'Type 1 is the most common form in adults',
    'pain that recurs during 3 or more months',
    // Eponyms with the condition's other words between.
    'people with Laing distal myopathy and Marburg hemorrhagic fever',
    'Pearson marrow-pancreas syndrome, Bruch membrane and Kegel exercises',
    'a family of proteins called GTPases; the severe form, called Sandhoff disease',
  ])('leaves medical content alone: %s', (text) => {
    expect(redact(text)).toEqual({ text, counts: {} });
  });

  it('counts by type, never by value', () => {
    const counts = {};
    redact('mail a@example.com or b@example.com', counts);
    redact('from 198.51.100.7', counts);
    expect(counts).toEqual({ EMAIL: 2, IP: 1 });
  });

  it('meets ≥98 % recall and ≥95 % precision on the held-out labelled set written blind to the rules', () => {
    const { overall, perType } = scorePii(loadLabelled('test/fixtures/pii-heldout.jsonl'));
    expect(overall.recall).toBeGreaterThanOrEqual(0.98);
    expect(overall.precision).toBeGreaterThanOrEqual(0.95);
    for (const [type, score] of Object.entries(perType)) expect(score.recall, type).toBeGreaterThanOrEqual(0.9);
  });
});
