import { InvalidKeyError } from './errors';

/** S3 caps keys at 1024 bytes of UTF-8. */
const MAX_KEY_BYTES = 1024;

/**
 * Refuses keys that could escape a folder store or that no store represents the same way.
 * Both stores apply it, so a key that works locally also works on S3 and the other way round.
 */
export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new InvalidKeyError(String(key), 'empty');
  if (key.includes('\0')) throw new InvalidKeyError(key, 'contains a NUL character');
  if (key.startsWith('/')) throw new InvalidKeyError(key, 'starts with "/"');
  if (key.includes('\\')) throw new InvalidKeyError(key, 'contains a backslash');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES)
    throw new InvalidKeyError(key, `longer than ${MAX_KEY_BYTES} bytes`);
  const segments = key.split('/');
  if (segments.some((s) => s === '..' || s === '.'))
    throw new InvalidKeyError(key, 'contains a "." or ".." path segment');
  if (segments.slice(0, -1).some((s) => s === ''))
    throw new InvalidKeyError(key, 'contains an empty path segment ("//")');
}

/** Prefixes are keys that may be empty or end with "/". */
export function assertValidPrefix(prefix: string): void {
  if (prefix === '') return;
  assertValidKey(prefix.endsWith('/') ? `${prefix}x` : prefix);
}

/** S3 lists keys by their UTF-8 bytes; JS string comparison orders by UTF-16 units, which differs above U+FFFF. */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
