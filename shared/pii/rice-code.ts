/**
 * Sorted 32-bit values as Rice-coded gaps: each gap's high part in unary, its low `k` bits as
 * they are. For n hashes spread over 2^32 that is about log2(2^32 / n) + 2 bits a value, half
 * of 32, so the name table weighs half as much in every bundle, and a cold start parses half.
 */

/** The gap width that codes `sorted` smallest: the low bits of a typical gap. */
export function riceParameter(sorted: Uint32Array): number {
  if (sorted.length === 0) return 0;
  const meanGap = (sorted[sorted.length - 1]! + 1) / sorted.length;
  return Math.max(0, Math.min(24, Math.floor(Math.log2(meanGap * Math.LN2))));
}

/** Codes ascending `sorted` with parameter `k` (0 to 24). */
export function riceEncode(sorted: Uint32Array, k: number): Uint8Array {
  const scale = 2 ** k;
  let length = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const gap = sorted[i]! - (i > 0 ? sorted[i - 1]! : 0);
    if (gap < 0) throw new Error('riceEncode needs ascending values');
    length += Math.floor(gap / scale) + 1 + k;
  }
  // Four bytes of padding: the decoder reads 32-bit windows.
  const bytes = new Uint8Array(Math.ceil(length / 8) + 4);
  let bit = 0;
  for (let i = 0; i < sorted.length; i += 1) {
    const gap = sorted[i]! - (i > 0 ? sorted[i - 1]! : 0);
    // The quotient's ones, then its closing zero (already there).
    for (let q = Math.floor(gap / scale); q > 0; q -= 1, bit += 1) bytes[bit >>> 3]! |= 0x80 >>> (bit & 7);
    bit += 1;
    const low = gap % scale;
    for (let b = k - 1; b >= 0; b -= 1, bit += 1) if ((low >>> b) & 1) bytes[bit >>> 3]! |= 0x80 >>> (bit & 7);
  }
  return bytes;
}

/** The `count` values coded by riceEncode with parameter `k`, read from `bytes`. */
export function riceDecode(bytes: Uint8Array, count: number, k: number): Uint32Array {
  const out = new Uint32Array(count);
  const scale = 2 ** k;
  let bit = 0;
  let value = 0;
  for (let i = 0; i < count; i += 1) {
    // The unary part: the ones before the next zero, 24 at a time in the rare long run.
    let quotient = 0;
    for (;;) {
      const ones = Math.clz32(~windowAt(bytes, bit));
      if (ones <= 24) {
        quotient += ones;
        bit += ones + 1;
        break;
      }
      quotient += 24;
      bit += 24;
    }
    value += quotient * scale + (k > 0 ? windowAt(bytes, bit) >>> (32 - k) : 0);
    bit += k;
    out[i] = value;
  }
  return out;
}

/** The bits of `bytes` from `bit` on, at the top of a 32-bit word: 25 to 32 of them are real. */
function windowAt(bytes: Uint8Array, bit: number): number {
  const at = bit >>> 3;
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) << (bit & 7);
}
