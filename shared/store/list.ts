import { ObjectNotFoundError } from './errors';
import type { ObjectInfo, ObjectStore } from './types';

/** Every object under `prefix`, page after page, in S3 order. */
export async function* listObjects(store: ObjectStore, prefix: string, pageSize = 1000): AsyncGenerator<ObjectInfo> {
  let continuationToken: string | undefined;
  do {
    const page = await store.listPage(prefix, { continuationToken, maxKeys: pageSize });
    yield* page.objects;
    continuationToken = page.nextContinuationToken;
  } while (continuationToken);
}

/** Reads a whole small object (metadata, markers) as text. Never use it for data files. */
export async function readText(store: ObjectStore, key: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await store.get(key)) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a small text object, or undefined when the key does not exist: one request, not a HEAD and a GET. */
export async function readTextIfExists(store: ObjectStore, key: string): Promise<string | undefined> {
  try {
    return await readText(store, key);
  } catch (err) {
    if (err instanceof ObjectNotFoundError) return undefined;
    throw err;
  }
}

/** Every object under `prefix` as an array: for small prefixes (markers, tests), not data listings. */
export async function listAll(store: ObjectStore, prefix: string): Promise<ObjectInfo[]> {
  const objects: ObjectInfo[] = [];
  for await (const object of listObjects(store, prefix)) objects.push(object);
  return objects;
}
