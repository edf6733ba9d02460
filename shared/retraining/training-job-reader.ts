import { VERSION_TRACKER_KEY, versionKeys } from '../bucket/keys';
import { readJsonLines } from '../readers';
import { type ObjectStore, readTextIfExists } from '../store';

/**
 * What the training job does, written once so the tests prove it keeps working: read
 * version_tracker.txt, take the integer N, read v{N}/retraining_data.json as JSON Lines
 * (`pandas.read_json(path, lines=True, dtype=False)`).
 */
export async function latestVersion(store: ObjectStore): Promise<number | undefined> {
  const text = (await readTextIfExists(store, VERSION_TRACKER_KEY))?.trim();
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text))
    throw new Error(`${VERSION_TRACKER_KEY} holds ${JSON.stringify(text)}, not a version number`);
  return Number(text);
}

export function readRetrainingRecords(store: ObjectStore, version: number): AsyncGenerator<Record<string, unknown>> {
  return readJsonLines(store, versionKeys(version).data);
}
