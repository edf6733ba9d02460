import { describe, expect, it } from 'vitest';
import { riceDecode, riceEncode, riceParameter } from './rice-code';

/** Ascending pseudo-random 32-bit values, duplicates and the extremes included. */
function sortedSample(count: number, seed: number): Uint32Array {
  let state = seed;
  const values = Array.from({ length: count }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  });
  return Uint32Array.from([0, 0, ...values, values[0]!, 0xffffffff]).sort();
}

describe('Rice-coded sorted values', () => {
  it('decodes exactly what was encoded, for every width', () => {
    const sorted = sortedSample(5000, 7);
    for (const k of [0, 1, 7, 14, 20, 24]) {
      if (k < 14 && k !== riceParameter(sorted)) continue; // small widths spell huge gaps in unary
      expect(riceDecode(riceEncode(sorted, k), sorted.length, k), `k = ${k}`).toEqual(sorted);
    }
    const dense = Uint32Array.from({ length: 300 }, (_, i) => i * 3);
    expect(riceDecode(riceEncode(dense, 0), dense.length, 0)).toEqual(dense);
    expect(riceDecode(riceEncode(dense, 1), dense.length, 1)).toEqual(dense);
  });

  it('codes hashes in about half their 32 bits', () => {
    const sorted = sortedSample(100_000, 3);
    const bytes = riceEncode(sorted, riceParameter(sorted));
    expect((bytes.length * 8) / sorted.length).toBeLessThan(20);
    expect(riceDecode(bytes, sorted.length, riceParameter(sorted))).toEqual(sorted);
  });

  it('refuses values out of order', () => {
    expect(() => riceEncode(Uint32Array.from([5, 3]), 2)).toThrow(/ascending/);
  });
});
