import { INCLUDED_PREFIX } from '../bucket/keys';
import { listObjects, type ObjectStore } from '../store';

/** Summary keys of the staged files some version has taken (retrain-batch marks each one). */
export async function includedSummaryKeys(store: ObjectStore): Promise<Set<string>> {
  const included = new Set<string>();
  for await (const marker of listObjects(store, INCLUDED_PREFIX))
    included.add(marker.key.slice(INCLUDED_PREFIX.length));
  return included;
}
