import { describe, expect, it } from 'vitest';
import { isKnownName } from './known-names';
import { findPii } from './redact';

const names = (text: string) =>
  findPii(text)
    .filter((span) => span.type === 'NAME')
    .map((span) => text.slice(span.start, span.end));

describe('names from the name table', () => {
  it('knows first names and surnames of many origins, accents folded', () => {
    for (const name of ['Sunita', 'José', 'Jose', 'Nwosu', 'Małgorzata', 'Łukasz', 'Priya', "O'Connor"]) {
      expect(isKnownName(name), name).toBe(true);
    }
  });

  it('does not take English words, medicines, places or eponyms for names', () => {
    for (const word of ['grace', 'hunter', 'fever', 'Tylenol', 'Monday', 'Boston', 'India', 'Parkinson', 'Gleason']) {
      expect(isKnownName(word), word).toBe(false);
    }
  });

  it('finds a capitalised known name without a cue, and the whole name around it', () => {
    expect(names('backup Connor at 1-800-555-0104')).toEqual(['Connor']);
    expect(names('patient name Mildred van Houten, mobile 062469 68294')).toEqual(['Mildred van Houten']);
    expect(names('Member Murphy, Darius | SSN 826-60-9491')).toEqual(['Murphy, Darius']);
    expect(names('Cardholder: ANYA COOPER | Number: 4111')).toEqual(['ANYA COOPER']);
    expect(names('her MD is B. Fitz-Simmons now')).toEqual(['B. Fitz-Simmons']);
  });

  it('finds a lower-case known name after a weak cue', () => {
    expect(names('k so dr mensah said its colitis again')).toEqual(['mensah']);
    expect(names('whatsapp me on 063531 13209 pls, its marcus')).toEqual(['marcus']);
  });

  it('leaves eponyms, towns before a state, abbreviations and title-case terms alone', () => {
    for (const text of [
      'Leydig cell tumor and Merkel cell carcinoma',
      'i moved to Boise, ID 83702 and need a new pcp',
      'my plan is Aetna Choice POS II',
      'What is (are) Kidney Failure ?',
      'IgA nephropathy and CoA deficiency',
      'Treatment - Palliative Care',
    ]) {
      expect(names(text), text).toEqual([]);
    }
  });
});
