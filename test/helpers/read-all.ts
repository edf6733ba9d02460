import { openRecordFile, type SourceRecord } from '../../shared/readers';
import { MEDQUAD_FORMATS } from '../../shared/readers/medquad-formats';
import { FolderStore } from '../../shared/store';
import { tempDir } from './temp-dir';

/** Stores `content` as data/offline/raw/<name> in a fresh folder bucket and reads every record of it. */
export async function readAll(name: string, content: Buffer | string) {
  const store = new FolderStore(await tempDir());
  const key = `data/offline/raw/${name}`;
  await store.put(key, content);
  const opened = await openRecordFile(store, (await store.head(key))!, MEDQUAD_FORMATS);
  const records: SourceRecord[] = [];
  for await (const record of opened.records) records.push(record);
  return { format: opened.reader.format, compression: opened.compression, records };
}
