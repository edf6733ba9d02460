import { listObjects, type ObjectInfo, type ObjectStore } from '../store';
import { isTemporaryName, RAW_PREFIXES } from './keys';

/**
 * The files dropped under a raw prefix that are ready to be processed: every lister of the raw
 * prefixes (offline-etl, reconcile, the local runtime, status) takes them from here, so a folder
 * marker or a file still under a temporary name (`x.part`) is left out everywhere alike.
 */
export async function* droppedFiles(store: ObjectStore, prefix: string): AsyncGenerator<ObjectInfo> {
  for await (const object of listObjects(store, prefix))
    if (!object.key.endsWith('/') && !isTemporaryName(object.key)) yield object;
}

/** Objects that stand where a raw prefix's folder should be: a copy that left out the trailing slash. */
export async function misplacedDrops(store: ObjectStore): Promise<string[]> {
  const found: string[] = [];
  for (const prefix of RAW_PREFIXES) if (await store.head(prefix.slice(0, -1))) found.push(prefix.slice(0, -1));
  return found;
}
