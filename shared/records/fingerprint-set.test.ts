import { describe, expect, it } from 'vitest';
import { FingerprintSet } from './fingerprint-set';
import { fingerprintDigest } from './normalize';

describe('FingerprintSet', () => {
  it('answers "new" once per fingerprint, across growth', () => {
    const set = new FingerprintSet(4);
    for (let i = 0; i < 50_000; i += 1) expect(set.add(fingerprintDigest(`q${i}`, 'a'))).toBe(true);
    for (let i = 0; i < 50_000; i += 997) expect(set.add(fingerprintDigest(`q${i}`, 'a'))).toBe(false);
    expect(set.size).toBe(50_000);
    expect(set.has(fingerprintDigest('q7', 'a'))).toBe(true);
    expect(set.has(fingerprintDigest('q7', 'b'))).toBe(false);
  });
});
