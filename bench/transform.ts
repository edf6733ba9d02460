/**
 * transform benchmark: records/s, MB/s and peak RSS of the built transform bundle through
 * the folder store, next to a bare pass over the same file (split lines, JSON.parse,
 * JSON.stringify, write) in the same run. Each measurement runs in a fresh process.
 * `--workers` lists transform's `workers` settings to measure (`auto`: its own choice, one
 * worker thread on a machine with two cores; `0`: the action's thread alone). `--repeats` lists
 * the logs' shares of lines that ask a popular question again (0: only the 1 % of exact repeated
 * lines of the usual noise; 0.4: a chatbot's log where four lines in ten repeat a question and answer).
 *
 * After the last setting, retrain-batch builds a version from what transform staged: the row
 * "raw → version" is the two together, against the same bare pass.
 *
 *   npm run bench:transform -- [--records 100000,1000000] [--workers auto,0] [--repeats 0,0.4]
 */

import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PRODUCTION_RAW_PREFIX } from '../shared/bucket/keys';
import { buildBundles, runBundle } from './lib/child-run';
import { barePass, writeProductionLog } from './lib/log-file';
import { tableRow } from './lib/table-row';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const sizes = option('--records', '100000,1000000').split(',').map(Number);
const workerSettings = option('--workers', 'auto').split(',');
const repeatShares = option('--repeats', '0,0.4').split(',').map(Number);

buildBundles();
const work = await fs.mkdtemp(path.join(tmpdir(), 'medqa-bench-transform-'));
const rows: string[] = [];

try {
  for (const records of sizes)
    for (const repeats of repeatShares) {
      const dataDir = path.join(work, `bucket-${records}`);
      const file = path.join(dataDir, PRODUCTION_RAW_PREFIX, 'requests.jsonl');
      const { expected, mb } = await writeProductionLog(file, { records, repeats });
      const bare = await barePass(file, path.join(work, 'bare.jsonl'));
      const log = `${records} lines, ${Math.round(100 * repeats)} % repeats`;
      rows.push(row(log, mb, 'bare pass', records, bare));
      for (const workers of workerSettings) {
        // transform archives the raw file: put it back for the next setting.
        const copy = path.join(work, `requests-${records}.jsonl`);
        if (workerSettings.length > 1) await fs.copyFile(file, copy);
        const run = await runBundle('transform', {
          store: 'folder',
          data_dir: dataDir,
          key: `${PRODUCTION_RAW_PREFIX}requests.jsonl`,
          log_level: 'warn',
          ...(workers === 'auto' ? {} : { workers: Number(workers) }),
        });
        if (run.result.error) throw new Error(JSON.stringify(run.result.error));
        if (run.result.records_out !== expected.records_out)
          throw new Error(`transform kept ${run.result.records_out} records, expected ${expected.records_out}`);
        rows.push(
          row(
            log,
            mb,
            `transform (workers ${workers})`,
            records,
            run,
            `${((100 * bare.wall_s) / run.wall_s).toFixed(0)} % of bare`,
          ),
        );
        if (workers === workerSettings.at(-1)) {
          const version = await runBundle('retrain-batch', {
            store: 'folder',
            data_dir: dataDir,
            allow_without_split: true,
            log_level: 'warn',
          });
          if (version.result.error) throw new Error(JSON.stringify(version.result.error));
          const staged = `${version.result.record_count} of ${run.result.records_out} staged records`;
          rows.push(row(log, mb, `retrain-batch (${staged})`, records, version));
          const both = { wall_s: run.wall_s + version.wall_s, rss_mb: Math.max(run.rss_mb, version.rss_mb) };
          rows.push(
            row(log, mb, 'raw → version (the two)', records, both, `${(both.wall_s / bare.wall_s).toFixed(2)}× bare`),
          );
        }
        if (workerSettings.length > 1) {
          await fs.rm(path.join(dataDir, 'data/production'), { recursive: true, force: true });
          await fs.mkdir(path.dirname(file), { recursive: true });
          await fs.rename(copy, file);
        }
      }
      await fs.rm(dataDir, { recursive: true, force: true });
    }
} finally {
  await fs.rm(work, { recursive: true, force: true });
}

/** A table line: which log and its size, then the run (bench/lib/table-row.ts). */
function row(
  log: string,
  mb: number,
  name: string,
  records: number,
  run: { wall_s: number; rss_mb: number },
  ...more: string[]
): string {
  return `${log}\t${mb.toFixed(0)}\t${tableRow(name, records, mb, run, ...more)}`;
}

console.log(`transform benchmark — Node ${process.version}; folder store; one fresh process per measurement`);
console.log(['log', 'MB', 'run', 'wall s', 'records/s', 'MB/s', 'peak RSS MB'].join('\t'));
for (const row of rows) console.log(row);
