/**
 * Question lengths counted exactly, one count per length in characters: mergeable by adding
 * counts (staged files into the production total, splits into nothing), and the quantiles read
 * off them are the ones pandas computes from the raw lengths (linear interpolation). Lengths
 * are integers in a short range, so exact counts are smaller than a sketch's centroids. Lengths
 * from LONGEST_COUNTED on share one count: a quantile that falls among them is reported as
 * LONGEST_COUNTED (a lower bound), every other quantile is exact.
 */
export const LONGEST_COUNTED = 2000;

/** Sparse counts: `{"42": 17}` is seventeen questions of 42 characters. */
export type LengthCounts = Record<string, number>;

/** Dense counts for a hot loop; `toLengthCounts` makes them sparse for JSON. */
export function denseLengthCounts(): Uint32Array {
  return new Uint32Array(LONGEST_COUNTED + 1);
}

export function countLength(dense: Uint32Array, length: number): void {
  dense[Math.min(length, LONGEST_COUNTED)]! += 1;
}

export function toLengthCounts(dense: Uint32Array): LengthCounts {
  const counts: LengthCounts = {};
  for (let length = 0; length < dense.length; length += 1) if (dense[length]) counts[length] = dense[length]!;
  return counts;
}

export function mergeLengthCounts(into: LengthCounts, from: LengthCounts | undefined): LengthCounts {
  for (const [length, n] of Object.entries(from ?? {})) into[length] = (into[length] ?? 0) + n;
  return into;
}

/**
 * The q-quantiles of the counted lengths as pandas' `Series.quantile` gives them (linear
 * interpolation between the two nearest ranks), rounded to 0.1; null when nothing was counted.
 */
export function lengthQuantiles(counts: LengthCounts, qs: readonly number[]): number[] | null {
  const sorted = Object.entries(counts)
    .map(([length, n]) => [Number(length), n] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  /** The length at 0-based rank `rank` of the sorted values. */
  const atRank = (rank: number) => {
    let seen = 0;
    for (const [length, n] of sorted) {
      seen += n;
      if (rank < seen) return length;
    }
    return sorted.at(-1)![0];
  };
  return qs.map((q) => {
    const position = (total - 1) * q;
    const below = atRank(Math.floor(position));
    const above = atRank(Math.ceil(position));
    return Math.round((below + (above - below) * (position - Math.floor(position))) * 10) / 10;
  });
}

export const QUARTILES = [0.25, 0.5, 0.75] as const;

/** Wasserstein-1 distance between two length distributions, in characters; null when one is empty. */
export function lengthWasserstein(a: LengthCounts, b: LengthCounts): number | null {
  const total = (counts: LengthCounts) => Object.values(counts).reduce((sum, n) => sum + n, 0);
  const sumA = total(a);
  const sumB = total(b);
  if (!sumA || !sumB) return null;
  const lengths = [...new Set([...Object.keys(a), ...Object.keys(b)].map(Number))].sort((x, y) => x - y);
  let cdfA = 0;
  let cdfB = 0;
  let distance = 0;
  for (let i = 0; i < lengths.length - 1; i += 1) {
    cdfA += (a[lengths[i]!] ?? 0) / sumA;
    cdfB += (b[lengths[i]!] ?? 0) / sumB;
    distance += Math.abs(cdfA - cdfB) * (lengths[i + 1]! - lengths[i]!);
  }
  return distance;
}
