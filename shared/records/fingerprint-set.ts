/**
 * A set of 64-bit fingerprints in two typed arrays (open addressing, linear probing):
 * 16 bytes per slot at most, against about 80 for a Set of strings, so de-duplicating a
 * million records costs tens of MB, not hundreds. The false-duplicate rate at a million
 * entries is about 3 in 100 million.
 */
export class FingerprintSet {
  private high: Uint32Array;
  private low: Uint32Array;
  private used: Uint8Array;
  private count = 0;

  constructor(initialCapacity = 1024) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, initialCapacity * 2)));
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds the fingerprint (its first 8 bytes are used); false when it was already there. */
  add(digest: Uint8Array): boolean {
    return this.addAt(digest, 0);
  }

  /** Adds the fingerprint held in bytes[offset, offset + 8): many packed in one array need no view each. */
  addAt(bytes: Uint8Array, offset: number): boolean {
    if ((this.count + 1) * 2 > this.used.length) this.grow();
    return this.insert(uint32At(bytes, offset), uint32At(bytes, offset + 4));
  }

  /** Whether the fingerprint (its first 8 bytes) is in the set. */
  has(digest: Uint8Array): boolean {
    const view = new DataView(digest.buffer, digest.byteOffset, 8);
    const high = view.getUint32(0);
    const low = view.getUint32(4);
    const mask = this.used.length - 1;
    for (let slot = (high ^ Math.imul(low, 0x9e3779b1)) & mask; this.used[slot]; slot = (slot + 1) & mask) {
      if (this.high[slot] === high && this.low[slot] === low) return true;
    }
    return false;
  }

  private insert(high: number, low: number): boolean {
    const mask = this.used.length - 1;
    for (let slot = (high ^ Math.imul(low, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
      if (!this.used[slot]) {
        this.used[slot] = 1;
        this.high[slot] = high;
        this.low[slot] = low;
        this.count += 1;
        return true;
      }
      if (this.high[slot] === high && this.low[slot] === low) return false;
    }
  }

  private grow(): void {
    const { high, low, used } = this;
    const capacity = used.length * 2;
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.count = 0;
    for (let i = 0; i < used.length; i += 1) if (used[i]) this.insert(high[i]!, low[i]!);
  }
}

/** The big-endian 32-bit unsigned integer at bytes[offset, offset + 4). */
function uint32At(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}
