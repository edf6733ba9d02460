import { StoreError } from './errors';
import type { ObjectInfo, ObjectStore } from './types';

/** The copy of a move does not match its source: the source is left where it was. */
export class MoveMismatchError extends StoreError {
  constructor(source: string, target: string) {
    super('MOVE_MISMATCH', `the copy at ${target} does not match ${source}; ${source} was left in place`);
  }
}

/**
 * The same bytes, as far as ETags tell. A multipart ETag ("…-3") is not an MD5 and a server-side
 * copy may compute a plain one, so those compare by size only (checked by the caller).
 */
export function sameContent(a: Pick<ObjectInfo, 'etag'>, b: Pick<ObjectInfo, 'etag'>): boolean {
  return a.etag === b.etag || a.etag.includes('-') || b.etag.includes('-');
}

export interface MoveOptions {
  /** What a HEAD of the target just returned (null: nothing there), when the caller has it: saves a request. */
  target?: ObjectInfo | null;
}

/**
 * Moves `source` to `targetKey`: copy, verify the copy's size and ETag, then delete the source —
 * never the other order, so a crash at any point leaves the data in one place or both, and a rerun
 * finishes the move. A store that renames does it in one atomic step after the same check of the
 * source. A target that already holds the same content is kept as it is.
 */
export async function moveObject(
  store: ObjectStore,
  source: ObjectInfo,
  targetKey: string,
  options: MoveOptions = {},
): Promise<ObjectInfo> {
  const present = options.target !== undefined ? options.target : await store.head(targetKey);
  const alreadyThere = present && present.size === source.size && sameContent(present, source);
  // One rename where the store has it (the folder store): no bytes copied, nothing left in two places.
  if (!alreadyThere && store.rename) return store.rename(source, targetKey);
  if (!alreadyThere) await store.copy(source.key, targetKey);
  const copied = alreadyThere ? present : await store.head(targetKey);
  if (!copied || copied.size !== source.size || !sameContent(copied, source))
    throw new MoveMismatchError(source.key, targetKey);
  await store.delete(source.key);
  return copied;
}

/** The ETag a key carries when it was put beside an earlier object of the same name (see placeBesideEarlier). */
const ETAG_TAIL = /\.[0-9a-f]{32}(?:-\d+)?$/;

/** The name of an object put beside an earlier one of the same name: the ETag appended. */
export function keyBesideEarlier(key: string, etag: string): string {
  return `${key}.${etag}`;
}

/** `key` with the ETag tail placeBesideEarlier may have given it taken off. */
export function withoutEtagTail(key: string): string {
  return key.replace(ETAG_TAIL, '');
}

/** Where a move of `source` to `key` may go without overwriting another object, and what sits there now. */
export interface Placement {
  key: string;
  /** What sits at `key` (null: nothing), when it was looked at: for moveObject's `target` option. */
  present?: ObjectInfo | null;
}

/**
 * An earlier object of the same name with other content is never overwritten: `source` then
 * goes beside it with its ETag in the name (`x.jsonl.<etag>`). The archive and the offline
 * quarantine place files this way.
 */
export async function placeBesideEarlier(store: ObjectStore, source: ObjectInfo, key: string): Promise<Placement> {
  const earlier = await store.head(key);
  if (!earlier) return { key, present: null };
  if (earlier.size === source.size && sameContent(earlier, source)) return { key, present: earlier };
  return { key: keyBesideEarlier(key, source.etag) };
}
