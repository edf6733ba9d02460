import { describe, expect, it } from 'vitest';
import {
  fingerprint,
  fingerprintDigest,
  fingerprintHalves,
  fingerprintIdOfHalves,
  normalizeQuestion,
  normalizeQuestionType,
  normalizeText,
  questionKey,
  writeFingerprint,
} from './normalize';

describe('text normalisation', () => {
  it('trims, collapses whitespace runs and composes Unicode (NFC)', () => {
    expect(normalizeText('  Caf\u0065\u0301\n\tlung  ')).toBe('Caf\u00e9 lung');
    expect(normalizeText('a\u00a0\u00a0b')).toBe('a b');
  });

  it('collapses every kind of whitespace run, single line breaks and tabs included, to one space', () => {
    expect(normalizeText('a\nb\tc\r\nd  e \u2003 f\u2028g\ufeffh')).toBe('a b c d e f g h');
    expect(normalizeText('one  two\u00e9 \n three')).toBe('one two\u00e9 three');
  });

  it('trims a single trailing or leading space from otherwise normal ASCII', () => {
    expect(normalizeText('Symptoms ')).toBe('Symptoms');
    expect(normalizeText(' a b')).toBe('a b');
    expect(normalizeText('a b')).toBe('a b');
  });

  it('treats empty and whitespace-only values as missing', () => {
    expect(normalizeText('   ')).toBeUndefined();
    expect(normalizeText(null)).toBeUndefined();
  });

  it('repairs the doubled "? ?" ending of templated questions', () => {
    expect(normalizeQuestion('Who is at risk for Breast Cancer? ?')).toBe('Who is at risk for Breast Cancer?');
    expect(normalizeQuestion('What is (are)  ?')).toBe('What is (are) ?');
    expect(normalizeQuestion('Is it? Really?')).toBe('Is it? Really?');
  });

  it('compares question types case-insensitively', () => {
    expect(normalizeQuestionType(' Exams and Tests ')).toBe('exams and tests');
  });

  it('gives one identity to questions that differ only in case or spacing before punctuation', () => {
    expect(questionKey('What is X ?')).toBe(questionKey('what is x?'));
    expect(questionKey('What is X?')).not.toBe(questionKey('What is Y?'));
  });

  it('fingerprints fields without mixing field boundaries', () => {
    expect(fingerprint('ab', 'c')).not.toBe(fingerprint('a', 'bc'));
    expect(fingerprint('q', undefined)).not.toBe(fingerprint('q', ''));
    expect(fingerprint('q', 'a')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives the same record id and digest bytes from the halves as from the digest', () => {
    const halves = new Uint32Array(2);
    const written = new Uint8Array(8);
    // Two hundred pairs: some halves below 0x10000000, whose hex needs its leading zeros.
    for (let i = 0; i < 200; i += 1) {
      const pair = [`question ${i}?`, `answer ${i * 7}`];
      fingerprintHalves(pair, halves);
      expect(fingerprintIdOfHalves(halves[0]!, halves[1]!)).toBe(fingerprint(...pair));
      writeFingerprint(new DataView(written.buffer), 0, halves[0]!, halves[1]!);
      expect(written).toEqual(fingerprintDigest(...pair));
    }
  });
});
