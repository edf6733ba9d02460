import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { SPLIT_KEYS } from '../shared/bucket/keys';
import { offlineEtl } from '../shared/stages/offline-etl';
import { FolderStore, readText } from '../shared/store';
import { generateRows, toJsonl } from './fixtures/medquad-fixtures';
import { runAction } from './helpers/run-action';
import { tempDir } from './helpers/temp-dir';

const run = promisify(execFile);
/** Debian's python3 with python3-pandas (installed by .ci/run), as the training job reads the split. */
const PYTHON = '/usr/bin/python3';
const pandas = await run(PYTHON, ['-c', 'import pandas']).then(
  () => true,
  () => false,
);

/** Reads a split file with pandas and prints its document ids, as JSON. */
const READ_IDS = `
import json, sys, pandas
frame = pandas.read_json(sys.argv[1], lines=True, dtype=(sys.argv[2] == "inferred") or False)
print(json.dumps([str(value) for value in frame["document_id"]]))
`;

describe('the split as pandas reads it', () => {
  it.skipIf(!pandas)(
    'keeps MedQuAD ids like "0000001_1" with dtype=False; the default turns them into numbers',
    async () => {
      const bucket = await tempDir();
      const store = new FolderStore(bucket);
      // MedQuAD's ids: digits, an underscore, digits, which Python's int() accepts as one number.
      const rows = generateRows(200).map((row, i) => ({ ...row, document_id: `${row.document_id}_${(i % 3) + 1}` }));
      await store.put('data/offline/raw/export.jsonl', toJsonl(rows));
      const result = await runAction(offlineEtl, store);
      expect(result.status).toBe('built');

      const training = path.join(bucket, SPLIT_KEYS.training);
      const written = (await readText(store, SPLIT_KEYS.training))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).document_id as string);
      const asRead = async (dtype: string) =>
        JSON.parse((await run(PYTHON, ['-c', READ_IDS, training, dtype])).stdout) as string[];

      expect(await asRead('false')).toEqual(written);
      const inferred = await asRead('inferred');
      expect(inferred).not.toEqual(written);
      expect(inferred[0]).toBe(String(Number(written[0]!.replace('_', ''))));
    },
  );
});
