/**
 * Which staged lines a new version leaves out as repeats: of a record an earlier version holds
 * (`in_earlier_version`) or of an earlier line of the same batch (`duplicate`). When the
 * earlier versions and the new files hold few enough records, their fingerprints are held in
 * memory and each line is checked as it is read. Beyond that, repeats are found before any line
 * is written, from the line indexes and the earlier versions' fingerprint files, in passes that
 * each hold only the fingerprints whose first 32 bits fall in their share: memory stays bounded
 * however many records the versions hold, for one more read of the indexes and fingerprint
 * files per pass.
 */
import type { StagedSummary } from '../bucket/staged';
import { FINGERPRINTS_PER_PASS, FingerprintSet, inShare } from '../records/fingerprint-set';
import type { ObjectStore } from '../store';
import { type StagedInput, stagedLineFingerprints } from './staged-lines';

const FINGERPRINT_BYTES = 8;

/** One bit per staged line, growing as lines are counted (a file staged without an index has no count up front). */
export class LineBits {
  private bits = new Uint8Array(64);

  set(line: number): void {
    const byte = line >> 3;
    if (byte >= this.bits.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.bits.length * 2));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[byte]! |= 1 << (line & 7);
  }

  has(line: number): boolean {
    const byte = line >> 3;
    return byte < this.bits.length && (this.bits[byte]! & (1 << (line & 7))) !== 0;
  }
}

interface RepeatMarks {
  inEarlierVersion: LineBits;
  duplicate: LineBits;
}

export type Repeat = 'in_earlier_version' | 'duplicate';

/**
 * Asked once per staged line that is a record and not an evaluation question, input by input
 * and line by line in order (`line` numbered from 0 as stagedLineBatches yields them): whether
 * that line repeats an earlier one.
 */
export interface Repeats {
  of(input: number, line: number, digest: Uint8Array): Repeat | undefined;
}

export interface RepeatSources {
  inputs: { input: StagedInput; summary: StagedSummary | undefined }[];
  /** The earlier versions' fingerprint files: 8 bytes per record. */
  earlier: { key: string; size: number }[];
  /** Questions the evaluation split holds: such a line is dropped before it can count as a repeat. */
  evaluation: FingerprintSet | undefined;
}

/**
 * How the repeats of a batch are found: as the lines are read, or beforehand in passes when there are too many to hold.
 */
export async function findRepeats(
  store: ObjectStore,
  sources: RepeatSources,
  perPass = FINGERPRINTS_PER_PASS,
): Promise<Repeats> {
  const earlierCount = sources.earlier.reduce((n, file) => n + Math.floor(file.size / FINGERPRINT_BYTES), 0);
  const newCount = sources.inputs.reduce((n, { summary }) => n + (summary?.records_out ?? 0), 0);
  const passes = Math.ceil((earlierCount + newCount) / perPass);
  if (passes <= 1) {
    const earlier = await earlierFingerprints(store, sources.earlier, () => true);
    const seen = new FingerprintSet();
    return {
      of: (_input, _line, digest) =>
        earlier.has(digest) ? 'in_earlier_version' : seen.add(digest) ? undefined : 'duplicate',
    };
  }
  const marks = await markRepeats(store, sources, passes);
  return {
    of: (input, line) =>
      marks[input]!.inEarlierVersion.has(line)
        ? 'in_earlier_version'
        : marks[input]!.duplicate.has(line)
          ? 'duplicate'
          : undefined,
  };
}

/**
 * The repeat marks of each input's lines, found in `passes` passes. Lines are taken in input
 * order, so of two equal lines the first is kept, as one pass keeps it.
 */
async function markRepeats(
  store: ObjectStore,
  { inputs, earlier, evaluation }: RepeatSources,
  passes: number,
): Promise<RepeatMarks[]> {
  const marks = inputs.map(() => ({ inEarlierVersion: new LineBits(), duplicate: new LineBits() }));
  for (let pass = 0; pass < passes; pass += 1) {
    const held = await earlierFingerprints(store, earlier, (bytes, at) => inShare(bytes, at, passes, pass));
    const seen = new FingerprintSet();
    for (const [k, { input, summary }] of inputs.entries()) {
      let line = 0;
      for await (const { bytes, count, stride, invalid } of stagedLineFingerprints(store, input, summary)) {
        // Read in place: a million lines a pass, no object per line.
        for (let i = 0, at = 0; i < count; i += 1, at += stride) {
          const number = line++;
          if (invalid?.[i] || evaluation?.hasAt(bytes, at + 8) || !inShare(bytes, at, passes, pass)) continue;
          if (held.hasAt(bytes, at)) marks[k]!.inEarlierVersion.set(number);
          else if (!seen.addAt(bytes, at)) marks[k]!.duplicate.set(number);
        }
      }
    }
  }
  return marks;
}

/** The earlier versions' fingerprints that `take` accepts, streamed from their files. */
async function earlierFingerprints(
  store: ObjectStore,
  files: RepeatSources['earlier'],
  take: (bytes: Uint8Array, offset: number) => boolean,
): Promise<FingerprintSet> {
  const set = new FingerprintSet();
  for (const { key } of files) {
    let carry = Buffer.alloc(0);
    for await (const chunk of await store.get(key)) {
      const bytes = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
      const whole = bytes.length - (bytes.length % FINGERPRINT_BYTES);
      for (let at = 0; at < whole; at += FINGERPRINT_BYTES) if (take(bytes, at)) set.addAt(bytes, at);
      carry = Buffer.from(bytes.subarray(whole));
    }
  }
  return set;
}
