import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../shared/actions';
import { LocalRuntime } from '../shared/adapter/local/runtime';
import { PRODUCTION_ARCHIVE_PREFIX, PRODUCTION_RAW_PREFIX, SPLIT_METADATA_KEY } from '../shared/bucket/keys';
import { parseManifest } from '../shared/manifest';
import { createLogger, invokeAction, openStore } from '../shared/runtime';
import { FolderStore, listAll } from '../shared/store';
import { SMALL_EXPORT, toJsonl } from './fixtures/medquad-fixtures';
import { productionLogFile } from './fixtures/production-logs';
import { tempDir } from './helpers/temp-dir';

describe('the local pipeline wired from manifest.yaml', () => {
  it('runs offline-etl for an export and transform + archive for a production log dropped into the folder bucket', async () => {
    const root = await tempDir();
    const store = new FolderStore(root);
    const runtime = new LocalRuntime({
      manifest: parseManifest(await fs.readFile('manifest.yaml', 'utf8')),
      actions: ACTIONS,
      store,
      params: { log_level: 'silent' },
      log: createLogger('silent'),
      scanIntervalMs: 0,
      settleMs: 100,
    });
    await runtime.start();
    await fs.writeFile(path.join(root, 'data/offline/raw/export.jsonl'), toJsonl(SMALL_EXPORT));
    await fs.mkdir(path.join(root, PRODUCTION_RAW_PREFIX, '2026-05-01'), { recursive: true });
    await fs.writeFile(
      path.join(root, PRODUCTION_RAW_PREFIX, '2026-05-01/requests.jsonl'),
      productionLogFile({ records: 200 }).content,
    );

    for (
      let i = 0;
      i < 100 &&
      (!(await store.head(SPLIT_METADATA_KEY)) || (await listAll(store, PRODUCTION_ARCHIVE_PREFIX)).length === 0);
      i += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await runtime.stop();
    expect(await store.head(SPLIT_METADATA_KEY)).toBeDefined();
    expect((await listAll(store, PRODUCTION_ARCHIVE_PREFIX)).map((o) => o.key)).toEqual([
      `${PRODUCTION_ARCHIVE_PREFIX}2026-05-01/requests.jsonl`,
    ]);
    expect(await listAll(store, PRODUCTION_RAW_PREFIX)).toEqual([]);
  });

  it('never reads, archives or deletes through a symbolic link dropped under a raw prefix', async () => {
    const root = await tempDir();
    const outside = await tempDir();
    const log = productionLogFile({ records: 20 }).content;
    await fs.writeFile(path.join(outside, 'a.jsonl'), log);
    await fs.writeFile(path.join(outside, 'b.jsonl'), log);
    const store = new FolderStore(root);
    const lines: string[] = [];
    const runtime = new LocalRuntime({
      manifest: parseManifest(await fs.readFile('manifest.yaml', 'utf8')),
      actions: ACTIONS,
      store,
      params: { log_level: 'silent' },
      log: createLogger('warn', {}, (line) => lines.push(line)),
      scanIntervalMs: 0,
      settleMs: 100,
    });
    await runtime.start();
    const raw = path.join(root, PRODUCTION_RAW_PREFIX);
    await fs.symlink(outside, path.join(raw, 'linked-folder'));
    await fs.symlink(path.join(outside, 'a.jsonl'), path.join(raw, 'linked-file.jsonl'));
    await fs.writeFile(path.join(raw, 'real.jsonl'), log);
    for (let i = 0; i < 100 && (await listAll(store, PRODUCTION_ARCHIVE_PREFIX)).length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 400)); // time for any event of the links to run
    await runtime.stop();

    expect((await fs.readdir(outside)).sort()).toEqual(['a.jsonl', 'b.jsonl']);
    expect(await fs.readFile(path.join(outside, 'a.jsonl'))).toEqual(Buffer.from(log));
    expect((await listAll(store, PRODUCTION_ARCHIVE_PREFIX)).map((o) => o.key)).toEqual([
      `${PRODUCTION_ARCHIVE_PREFIX}real.jsonl`,
    ]);
    expect(lines.some((line) => /"step":"link_refused".*linked-file\.jsonl/.test(line))).toBe(true);
  });

  it('keeps the drop folder when its last file is archived, and refuses a file where the folder should be', async () => {
    const root = await tempDir();
    const store = openStore({ data_dir: root });
    await store.put(`${PRODUCTION_RAW_PREFIX}day1.jsonl`, productionLogFile({ records: 5 }).content);
    await invokeAction(
      ACTIONS.transform!,
      { key: `${PRODUCTION_RAW_PREFIX}day1.jsonl`, log_level: 'silent' },
      { store },
    );
    expect(await listAll(store, PRODUCTION_RAW_PREFIX)).toEqual([]);
    expect((await fs.stat(path.join(root, PRODUCTION_RAW_PREFIX))).isDirectory()).toBe(true);

    const other = await tempDir();
    await fs.mkdir(path.join(other, 'data/production'), { recursive: true });
    await fs.writeFile(path.join(other, 'data/production/retraining_data_raw'), 'a log copied without the slash');
    const runtime = new LocalRuntime({
      manifest: parseManifest(await fs.readFile('manifest.yaml', 'utf8')),
      actions: ACTIONS,
      store: new FolderStore(other),
      params: { log_level: 'silent' },
      log: createLogger('silent'),
      scanIntervalMs: 0,
    });
    await expect(runtime.start({ watchFiles: false })).rejects.toMatchObject({
      code: 'NOT_A_FOLDER',
      message: expect.stringMatching(/retraining_data_raw is a file, not the folder files are dropped into/),
    });
  });
});
