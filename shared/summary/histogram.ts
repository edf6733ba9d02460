/** Question lengths in characters, in bins of 10 up to 300; the last bin holds everything longer. */
export const LENGTH_BIN_WIDTH = 10;
export const LENGTH_BINS = 31;

export function emptyHistogram(): number[] {
  return new Array(LENGTH_BINS).fill(0);
}

export function addLength(histogram: number[], length: number): void {
  histogram[Math.min(LENGTH_BINS - 1, Math.floor(length / LENGTH_BIN_WIDTH))]! += 1;
}

export function mergeHistograms(into: number[], from: readonly number[] | undefined): number[] {
  for (const [i, n] of (from ?? []).entries()) into[i] = (into[i] ?? 0) + n;
  return into;
}

/** Quartiles estimated from a histogram (bin centres): enough for a chart, not for a paper. */
export function histogramQuartiles(histogram: readonly number[]): [number, number, number] | null {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const at = (q: number) => {
    let seen = 0;
    for (let i = 0; i < histogram.length; i += 1) {
      seen += histogram[i]!;
      if (seen >= q * total) return i * LENGTH_BIN_WIDTH + LENGTH_BIN_WIDTH / 2;
    }
    return (histogram.length - 1) * LENGTH_BIN_WIDTH;
  };
  return [at(0.25), at(0.5), at(0.75)];
}

/** Jensen–Shannon distance (base 2, in [0, 1]) between two count distributions over named categories. */
export function jensenShannonDistance(a: Record<string, number>, b: Record<string, number>): number | null {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  const sumA = keys.reduce((s, k) => s + (a[k] ?? 0), 0);
  const sumB = keys.reduce((s, k) => s + (b[k] ?? 0), 0);
  if (!sumA || !sumB) return null;
  let divergence = 0;
  for (const k of keys) {
    const p = (a[k] ?? 0) / sumA;
    const q = (b[k] ?? 0) / sumB;
    const m = (p + q) / 2;
    if (p > 0) divergence += 0.5 * p * Math.log2(p / m);
    if (q > 0) divergence += 0.5 * q * Math.log2(q / m);
  }
  return Math.sqrt(Math.max(0, divergence));
}

/** Wasserstein-1 distance between two histograms on the same bins, in the bins' unit (characters). */
export function wassersteinDistance(a: readonly number[], b: readonly number[]): number | null {
  const sumA = a.reduce((s, n) => s + n, 0);
  const sumB = b.reduce((s, n) => s + n, 0);
  if (!sumA || !sumB) return null;
  let cdfA = 0;
  let cdfB = 0;
  let distance = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    cdfA += (a[i] ?? 0) / sumA;
    cdfB += (b[i] ?? 0) / sumB;
    distance += Math.abs(cdfA - cdfB) * LENGTH_BIN_WIDTH;
  }
  return distance;
}
