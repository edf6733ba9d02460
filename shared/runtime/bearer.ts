import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an Authorization header carries `secret`, as `Bearer <secret>` or verbatim (MinIO
 * sends a two-word token unchanged). Constant time: both sides are hashed to equal lengths
 * first, so neither the length nor a matching prefix leaks through timing.
 */
export function carriesSecret(header: string | undefined, secret: string, { verbatim = false } = {}): boolean {
  if (!header) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const given = digest(header.trim());
  const bearer = timingSafeEqual(given, digest(`Bearer ${secret}`));
  return verbatim ? timingSafeEqual(given, digest(secret)) || bearer : bearer;
}
