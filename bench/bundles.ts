/**
 * Each action bundle's size and cold start: a fresh process that loads the bundle with plain
 * require and makes a first call on a tiny input, median of 10 runs.
 *   node --import tsx bench/bundles.ts
 */
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildBundles, runInFreshProcess } from './lib/child-run';

/** A tiny input per action: enough for a real first call, nothing heavy. */
const TINY: Record<string, (dataDir: string) => Record<string, unknown>> = {
  'offline-etl': (dir) => ({ store: 'folder', data_dir: dir }),
  extract: (dir) => ({ store: 'folder', data_dir: dir, url: 'http://127.0.0.1:9/x.json', timeout_ms: 1000 }),
  transform: (dir) => ({ store: 'folder', data_dir: dir, key: 'data/production/retraining_data_raw/tiny.jsonl' }),
  archive: (dir) => ({ store: 'folder', data_dir: dir, key: 'data/production/retraining_data_raw/missing.jsonl' }),
  'on-object-created': () => ({ __ow_method: 'head' }),
  'retrain-batch': (dir) => ({ store: 'folder', data_dir: dir }),
  reconcile: (dir) => ({ store: 'folder', data_dir: dir }),
  replay: (dir) => ({ store: 'folder', data_dir: dir }),
  simulate: (dir) => ({ store: 'folder', data_dir: dir, count: 1 }),
  summarize: (dir) => ({ store: 'folder', data_dir: dir }),
  dashboard: (dir) => ({ store: 'folder', data_dir: dir, __ow_method: 'get', __ow_path: '/', __ow_headers: {} }),
};

buildBundles();
const work = await fs.mkdtemp(path.join(tmpdir(), 'medqa-bench-bundles-'));
const RUNS = 10;
console.log(`bundle cold start — Node ${process.version}; fresh process: require + first call; median of ${RUNS}`);
console.log(['bundle', 'KiB', 'median ms', 'min ms', 'max ms'].join('\t'));
try {
  for (const name of Object.keys(TINY)) {
    const file = path.resolve(`dist/${name}.js`);
    const size = (await fs.stat(file)).size;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const dir = path.join(work, `${name}-${i}`);
      await fs.mkdir(path.join(dir, 'data/production/retraining_data_raw'), { recursive: true });
      await fs.writeFile(
        path.join(dir, 'data/production/retraining_data_raw/tiny.jsonl'),
        '{"question":"what is tarrow fever","answer":"A made-up fever."}\n',
      );
      const run = await runInFreshProcess<unknown>(
        `result = await require(${JSON.stringify(file)}).main(${JSON.stringify({ ...TINY[name]!(dir), log_level: 'silent' })});`,
      );
      times.push(run.wall_s * 1000);
    }
    times.sort((a, b) => a - b);
    console.log(
      [
        name,
        (size / 1024).toFixed(0),
        ((times[4]! + times[5]!) / 2).toFixed(0),
        times[0]!.toFixed(0),
        times.at(-1)!.toFixed(0),
      ].join('\t'),
    );
  }
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
