import type * as z from 'zod';
import { type ObjectStore, readTextIfExists, StoreError } from '../store';
import { ONE_OFF_PARSE } from './one-off-parse';

/** An object of the bucket that does not hold what its key promises (an old or hand-edited file). */
export class InvalidObjectError extends StoreError {
  constructor(
    readonly key: string,
    why: string,
  ) {
    super('INVALID_OBJECT', `${key} does not hold what the pipeline writes there: ${why}`);
  }
}

/**
 * Reads a small JSON object of the bucket and checks it against the schema its writer uses, or
 * undefined when the key does not exist. A file that does not validate fails with
 * `INVALID_OBJECT`, naming the key and the first fields that differ, rather than a wrong number later.
 */
export async function readObject<S extends z.ZodType>(
  store: ObjectStore,
  key: string,
  schema: S,
): Promise<z.infer<S> | undefined> {
  const text = await readTextIfExists(store, key);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidObjectError(key, 'not JSON');
  }
  const parsed = schema.safeParse(value, ONE_OFF_PARSE);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 3)
      .map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`);
    throw new InvalidObjectError(key, issues.join('; '));
  }
  return parsed.data;
}

/** As readObject, for an object that must exist. */
export async function readRequiredObject<S extends z.ZodType>(
  store: ObjectStore,
  key: string,
  schema: S,
): Promise<z.infer<S>> {
  const value = await readObject(store, key, schema);
  if (value === undefined) throw new InvalidObjectError(key, 'the object is missing');
  return value;
}
