/** Tables a set is split into, by the top bits of each fingerprint: see FingerprintSet. */
const SHARD_BITS = 4;
const SHARDS = 1 << SHARD_BITS;

/**
 * A set of 64-bit fingerprints in typed arrays (open addressing, linear probing): 9 bytes per
 * slot at most, against about 80 for a Set of strings, so de-duplicating a million records
 * costs tens of MB, not hundreds. It is split into 16 tables that grow one at a time: a growth
 * step briefly holds one small table's old arrays beside its new ones (under 1 MB at a million
 * records, against 9 MB for a single table). The false-duplicate rate at a million entries is
 * about 3 in 100 million.
 */
export class FingerprintSet {
  private readonly shards: FingerprintTable[];

  constructor(initialCapacity = 1024) {
    this.shards = Array.from({ length: SHARDS }, () => new FingerprintTable(Math.ceil(initialCapacity / SHARDS)));
  }

  get size(): number {
    return this.shards.reduce((total, shard) => total + shard.count, 0);
  }

  /** Adds the fingerprint (its first 8 bytes are used); false when it was already there. */
  add(digest: Uint8Array): boolean {
    return this.addAt(digest, 0);
  }

  /** Adds the fingerprint held in bytes[offset, offset + 8): many packed in one array need no view each. */
  addAt(bytes: Uint8Array, offset: number): boolean {
    const high = uint32At(bytes, offset);
    return this.shards[high >>> (32 - SHARD_BITS)]!.add(high, uint32At(bytes, offset + 4));
  }

  /** Whether the fingerprint (its first 8 bytes) is in the set. */
  has(digest: Uint8Array): boolean {
    return this.hasAt(digest, 0);
  }

  /** Whether the fingerprint held in bytes[offset, offset + 8) is in the set. */
  hasAt(bytes: Uint8Array, offset: number): boolean {
    const high = uint32At(bytes, offset);
    return this.shards[high >>> (32 - SHARD_BITS)]!.has(high, uint32At(bytes, offset + 4));
  }
}

/**
 * One open-addressing table, kept at most three quarters full: the 545,186 records staged from
 * a million-line log took 19 MB of tables half full, 9 MB this way, for a probe or two more per lookup.
 */
class FingerprintTable {
  private high: Uint32Array;
  private low: Uint32Array;
  private used: Uint8Array;
  count = 0;

  constructor(initialCapacity: number) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(16, (initialCapacity * 4) / 3)));
    this.high = new Uint32Array(capacity);
    this.low = new Uint32Array(capacity);
    this.used = new Uint8Array(capacity);
  }

  add(high: number, low: number): boolean {
    if ((this.count + 1) * 4 > this.used.length * 3) this.grow();
    return this.insert(high, low);
  }

  has(high: number, low: number): boolean {
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

/**
 * Fingerprints held at once where repeats are looked for in passes (the join of a file's parts,
 * a retraining batch): 2 million take 18 to 36 MB in a FingerprintSet. More are looked through
 * in several passes, each over the fingerprints of one share (inShare): memory stays bounded,
 * for one more read of the fingerprints per pass.
 */
export const FINGERPRINTS_PER_PASS = 2_000_000;

/** Whether the fingerprint at bytes[offset, offset + 8) belongs to pass `pass` of `passes`, by its first 32 bits. */
export function inShare(bytes: Uint8Array, offset: number, passes: number, pass: number): boolean {
  return passes === 1 || uint32At(bytes, offset) % passes === pass;
}

/** The big-endian 32-bit unsigned integer at bytes[offset, offset + 4): the fingerprint's first half. */
function uint32At(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}
