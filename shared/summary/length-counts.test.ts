import { describe, expect, it } from 'vitest';
import {
  countLength,
  denseLengthCounts,
  LONGEST_COUNTED,
  lengthQuantiles,
  lengthWasserstein,
  mergeLengthCounts,
  QUARTILES,
  toLengthCounts,
} from './length-counts';

/** pandas' default quantile: linear interpolation between the nearest ranks of the sorted values. */
function pandasQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.ceil(position);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (position - lo);
}

describe('exact length counts', () => {
  it('give the quantiles pandas gives from the raw lengths, also after merging parts', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const lengths = Array.from({ length: 5001 }, () => 10 + Math.floor(random() * random() * 300));
    const parts = [denseLengthCounts(), denseLengthCounts()];
    for (const [i, length] of lengths.entries()) countLength(parts[i % 2]!, length);
    const merged = mergeLengthCounts(toLengthCounts(parts[0]!), toLengthCounts(parts[1]!));
    const expected = [0.1, ...QUARTILES, 0.9].map((q) => Math.round(pandasQuantile(lengths, q) * 10) / 10);
    expect(lengthQuantiles(merged, [0.1, ...QUARTILES, 0.9])).toEqual(expected);
  });

  it('interpolates between two ranks, and is null with nothing counted', () => {
    expect(lengthQuantiles({ 10: 1, 20: 1 }, [0.25, 0.5])).toEqual([12.5, 15]);
    expect(lengthQuantiles({}, QUARTILES)).toBeNull();
  });

  it('pools very long questions at the cap, which bounds a quantile among them from below', () => {
    const dense = denseLengthCounts();
    for (const length of [5, 6, 50_000, 90_000]) countLength(dense, length);
    expect(toLengthCounts(dense)).toEqual({ 5: 1, 6: 1, [LONGEST_COUNTED]: 2 });
    expect(lengthQuantiles(toLengthCounts(dense), [1])).toEqual([LONGEST_COUNTED]);
  });
});

describe('lengthWasserstein', () => {
  it('is the mass moved times the distance, in characters', () => {
    expect(lengthWasserstein({ 10: 4 }, { 10: 1 })).toBe(0);
    expect(lengthWasserstein({ 10: 1 }, { 30: 1 })).toBe(20);
    expect(lengthWasserstein({ 10: 1, 20: 1 }, { 20: 2 })).toBe(5); // half the mass moves 10
    expect(lengthWasserstein({}, { 1: 1 })).toBeNull();
  });
});
