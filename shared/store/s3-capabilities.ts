import type { StoreCapabilities } from './types';

/** What an S3 server honours unless its settings say otherwise (s3rver lacks atomic create). */
export function s3Capabilities(overrides: Partial<StoreCapabilities> = {}): StoreCapabilities {
  return { atomicCreateIfAbsent: true, copyReservedCharacters: true, byteOrderListing: true, ...overrides };
}
