import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PRODUCTION_RAW_PREFIX, SPLIT_KEYS, VERSION_TRACKER_KEY, versionKeys } from '../shared/bucket/keys';
import { offlineEtl } from '../shared/stages/offline-etl';
import { retrainBatch } from '../shared/stages/retrain-batch';
import { transform } from '../shared/stages/transform';
import { FolderStore, readText } from '../shared/store';
import { generateRows, toJsonl } from './fixtures/medquad-fixtures';
import { productionLogFile } from './fixtures/production-logs';
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

/** The training job's steps: version_tracker.txt, then v{N}/retraining_data.json, as pandas reads it. */
const READ_VERSION = `
import json, os, sys, pandas
bucket = sys.argv[1]
n = int(open(os.path.join(bucket, sys.argv[2])).read().strip())
frame = pandas.read_json(os.path.join(bucket, sys.argv[3].replace("{N}", str(n))), lines=True, dtype=False)
print(json.dumps({"version": n, "rows": len(frame), "record_ids": [str(v) for v in frame["record_id"]]}))
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

  it.skipIf(!pandas)(
    'gives the training job every record of the latest retraining version, ids as written',
    async () => {
      const bucket = await tempDir();
      const store = new FolderStore(bucket);
      const key = `${PRODUCTION_RAW_PREFIX}day1.jsonl`;
      await store.put(key, productionLogFile({ records: 300 }).content);
      expect(await runAction(transform, store, { key })).toMatchObject({ status: 'staged' });
      const built = await runAction(retrainBatch, store, { allow_without_split: true });
      expect(built.status).toBe('created');

      const version = Number(String(built.version).replace(/^v/, ''));
      const dataKey = versionKeys(version).data.replace(/v\d+\//, 'v{N}/');
      const read = JSON.parse((await run(PYTHON, ['-c', READ_VERSION, bucket, VERSION_TRACKER_KEY, dataKey])).stdout);
      const written = (await readText(store, versionKeys(version).data))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).record_id as string);
      expect(read).toEqual({ version, rows: built.record_count, record_ids: written });
    },
  );
});
