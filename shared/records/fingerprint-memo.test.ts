import { describe, expect, it } from 'vitest';
import { FingerprintMemo } from './fingerprint-memo';
import { fingerprintDigest, fingerprintHalves } from './normalize';

/** A memo keyed by texts, as its users key it: by each text's fingerprint. */
function textMemo(entries: number) {
  const memo = new FingerprintMemo(entries);
  const halves = new Uint32Array(2);
  const at = (text: string) => {
    fingerprintHalves([text], halves);
    return [halves[0]!, halves[1]!] as const;
  };
  return {
    get: (text: string) => memo.get(...at(text)),
    set: (text: string, value: number) => memo.set(...at(text), value),
  };
}

describe('FingerprintMemo', () => {
  it('gives back what was remembered for a text, and 0 for a text never seen', () => {
    const memo = textMemo(1000);
    memo.set('how much ibuprofen can I take', 3);
    memo.set('what is asthma', 1);
    expect(memo.get('how much ibuprofen can I take')).toBe(3);
    expect(memo.get('what is asthma')).toBe(1);
    expect(memo.get('what is asthma ')).toBe(0);
    memo.set('what is asthma', 2);
    expect(memo.get('what is asthma')).toBe(2);
  });

  it('keeps the last two generations, and what keeps coming back', () => {
    const memo = textMemo(100);
    memo.set('popular', 7);
    for (let i = 0; i < 1000; i += 1) {
      memo.set(`text ${i}`, 1 + (i % 9));
      // Asked again now and then, it moves forward each time it is found in the older generation.
      if (i % 50 === 0) expect(memo.get('popular')).toBe(7);
    }
    expect(memo.get('text 999')).toBe(1 + (999 % 9));
    expect(memo.get('text 920')).toBe(1 + (920 % 9));
    // Three generations back: let go.
    expect(memo.get('text 10')).toBe(0);
  });
});

describe('fingerprintHalves', () => {
  it('is the digest of fingerprintDigest, in two halves', () => {
    const halves = new Uint32Array(2);
    for (const fields of [['a'], ['what is x', 'it is y'], [undefined, 'é漢😀']]) {
      fingerprintHalves(fields, halves);
      const digest = Buffer.from(fingerprintDigest(...fields));
      expect([digest.readUInt32BE(0), digest.readUInt32BE(4)]).toEqual([halves[0], halves[1]]);
    }
  });
});
