// biome-ignore lint/suspicious/noControlCharactersInRegex: the range spans all of ASCII, control characters included
const ASCII = /^[\x00-\x7f]*$/;

/** What only the full normalisation fixes: a non-printable or non-ASCII character, or a double space. */
const NEEDS_WORK = /[^\x20-\x7e]| {2}/;
/**
 * The whitespace that changes when runs collapse to one space: a run of two or more, or one
 * character other than a plain space. A lone space already is what it would become, and
 * replacing every gap between words took twice as long on long answers.
 */
const WHITESPACE_TO_COLLAPSE = /\s{2,}|[^\S ]/g;

/**
 * The text normal form every stage compares and writes: Unicode NFC, whitespace runs
 * collapsed to one space, trimmed. Empty results become undefined (a missing value).
 */
export function normalizeText(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  // Most text is printable ASCII with single spaces, perhaps one at an end (templated writers
  // leave a trailing one): trimming is then all there is to do.
  if (!NEEDS_WORK.test(value)) {
    const trimmed = value.charCodeAt(0) === 0x20 || value.charCodeAt(value.length - 1) === 0x20 ? value.trim() : value;
    return trimmed === '' ? undefined : trimmed;
  }
  const text = (ASCII.test(value) ? value : value.normalize('NFC')).replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
  return text === '' ? undefined : text;
}

/** Templated MedQuAD questions end in "? ?" ("Who is at risk for X? ?"); keep one mark. */
export function normalizeQuestion(value: string | null | undefined): string | undefined {
  const text = normalizeText(value);
  return text?.replace(/\?(\s*\?)+$/u, '?');
}

/** Question types compare case-insensitively ("Symptoms" is "symptoms"). */
export function normalizeQuestionType(value: string | null | undefined): string | undefined {
  return normalizeText(value)?.toLowerCase();
}

/**
 * The identity of a question for splitting and leakage checks: normalised and case-folded,
 * so "What is X?" and "what is x ?" cannot land in two splits.
 */
export function questionKey(question: string): string {
  return question.toLowerCase().replace(/\s+([?!.,;:])/gu, '$1');
}

/**
 * A 64-bit fingerprint of normalised fields (two independent 32-bit FNV-1a-style hashes over
 * the UTF-16 code units, field boundaries kept apart). Not cryptographic: it identifies
 * records for de-duplication, millions of times a run, where a SHA-256 per record would
 * cost more than everything else together.
 */
export function fingerprintDigest(...fields: (string | undefined)[]): Uint8Array {
  fingerprintHalves(fields, halves);
  const digest = new Uint8Array(8);
  const view = new DataView(digest.buffer);
  view.setUint32(0, halves[0]!);
  view.setUint32(4, halves[1]!);
  return digest;
}

const halves = new Uint32Array(2);

/** fingerprintDigest's two 32-bit halves (big-endian in the digest) into out[0] and out[1], with no allocation. */
export function fingerprintHalves(fields: readonly (string | undefined)[], out: Uint32Array): void {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (const field of fields) {
    const text = field ?? '\u0000';
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995) ^ (h2 >>> 15);
  }
  // Final avalanche, so that near-identical texts spread over the whole range.
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b);
  h1 = Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35) ^ (h1 >>> 16);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b);
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35) ^ (h2 >>> 16);
  out[0] = h1;
  out[1] = h2;
}

/** A compact, stable record id: the 64-bit fingerprint as 16 hex digits. */
export function fingerprint(...fields: (string | undefined)[]): string {
  return fingerprintId(fingerprintDigest(...fields));
}

export function fingerprintId(digest: Uint8Array): string {
  return Buffer.from(digest.buffer, digest.byteOffset, 8).toString('hex');
}

/** fingerprintId of the digest whose halves fingerprintHalves gave, without making the digest. */
export function fingerprintIdOfHalves(high: number, low: number): string {
  return hexOfWord(high) + hexOfWord(low);
}

/** Two hex digits per byte value: a table lookup costs a third of Number#toString(16). */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hexOfWord(word: number): string {
  return (
    HEX_BYTES[word >>> 24]! +
    HEX_BYTES[(word >>> 16) & 0xff]! +
    HEX_BYTES[(word >>> 8) & 0xff]! +
    HEX_BYTES[word & 0xff]!
  );
}

/** Writes the digest whose halves fingerprintHalves gave at `offset` of `into`, as fingerprintDigest lays it out. */
export function writeFingerprint(into: DataView, offset: number, high: number, low: number): void {
  into.setUint32(offset, high);
  into.setUint32(offset + 4, low);
}
