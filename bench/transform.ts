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
 * `--against REV` also builds an earlier commit's bundles (bench/lib/baseline-build.ts) and
 * measures them on the same files. `--runs N` measures everything N times (default 1, or 3
 * with --against), the bare pass and the builds taking turns so that a slow spell of the
 * machine falls on all of them; the table gives each one's median.
 *
 *   npm run bench:transform -- [--records 100000,1000000] [--workers auto,0] [--repeats 0,0.4] [--against REV] [--runs
 * N]
 */

import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PRODUCTION_RAW_PREFIX } from '../shared/bucket/keys';
import { buildBaseline } from './lib/baseline-build';
import { buildBundles, type ChildMeasurement, runBundle } from './lib/child-run';
import { barePass, writeProductionLog } from './lib/log-file';
import { tableRow } from './lib/table-row';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const sizes = option('--records', '100000,1000000').split(',').map(Number);
const workerSettings = option('--workers', 'auto').split(',');
const repeatShares = option('--repeats', '0,0.4').split(',').map(Number);
const against = args.includes('--against') ? option('--against', '') : undefined;
const runs = Number(option('--runs', against ? '3' : '1'));
if (against === '' || !(runs >= 1)) {
  console.error(
    'usage: npm run bench:transform -- [--records N,…] [--workers auto,0] [--repeats 0,0.4] [--against REV] [--runs N]',
  );
  process.exit(2);
}

buildBundles();
const work = await fs.mkdtemp(path.join(tmpdir(), 'medqa-bench-transform-'));
const builds = [{ name: 'this tree', root: '.' }];
if (against) {
  const baseline = await buildBaseline(against, work);
  builds.unshift({ name: baseline.commit, root: baseline.root });
}
const rows: string[] = [];
const key = `${PRODUCTION_RAW_PREFIX}requests.jsonl`;

type Run = ChildMeasurement<Record<string, any>>;

try {
  for (const records of sizes)
    for (const repeats of repeatShares) {
      const dataDir = path.join(work, `bucket-${records}`);
      const file = path.join(dataDir, key);
      const { expected, mb } = await writeProductionLog(file, { records, repeats });
      // transform archives the raw file: each run starts from a copy of it in a bucket of its own.
      const original = path.join(work, `requests-${records}.jsonl`);
      await fs.rename(file, original);
      const freshBucket = async () => {
        await fs.rm(dataDir, { recursive: true, force: true });
        await fs.mkdir(path.dirname(file), { recursive: true });
        await fs.copyFile(original, file);
      };

      const bare: Run[] = [];
      const measured = new Map<string, Run[]>();
      const measure = (name: string, run: Run) => measured.set(name, [...(measured.get(name) ?? []), run]);
      for (let round = 0; round < runs; round += 1) {
        bare.push(await barePass(original, path.join(work, 'bare.jsonl')));
        for (const build of builds)
          for (const workers of workerSettings) {
            await freshBucket();
            const run = await runBundle(
              'transform',
              { store: 'folder', data_dir: dataDir, key, log_level: 'warn', ...workerParam(workers) },
              {},
              build.root,
            );
            if (run.result.error) throw new Error(`${build.name}: ${JSON.stringify(run.result.error)}`);
            if (run.result.records_out !== expected.records_out)
              throw new Error(
                `${build.name}: transform kept ${run.result.records_out} records, expected ${expected.records_out}`,
              );
            measure(`${build.name}\ttransform (workers ${workers})`, run);
            if (workers !== workerSettings.at(-1)) continue;
            const version = await runBundle(
              'retrain-batch',
              { store: 'folder', data_dir: dataDir, allow_without_split: true, log_level: 'warn' },
              {},
              build.root,
            );
            if (version.result.error) throw new Error(`${build.name}: ${JSON.stringify(version.result.error)}`);
            measure(`${build.name}\tretrain-batch (${version.result.record_count} staged records)`, version);
            measure(`${build.name}\traw → version (the two)`, {
              result: {},
              wall_s: run.wall_s + version.wall_s,
              rss_mb: Math.max(run.rss_mb, version.rss_mb),
            });
          }
      }

      const log = `${records} lines, ${Math.round(100 * repeats)} % repeats`;
      const bareMedian = median(bare);
      rows.push(row(log, mb, `\tbare pass`, records, bareMedian));
      for (const [name, all] of measured) {
        const run = median(all);
        const remark = name.endsWith('(the two)')
          ? `${(run.wall_s / bareMedian.wall_s).toFixed(2)}× bare`
          : name.includes('\ttransform')
            ? `${((100 * bareMedian.wall_s) / run.wall_s).toFixed(0)} % of bare`
            : '';
        rows.push(row(log, mb, name, records, run, remark));
      }
      await fs.rm(dataDir, { recursive: true, force: true });
      await fs.rm(original, { force: true });
    }
} finally {
  await fs.rm(work, { recursive: true, force: true });
}

function workerParam(workers: string): { workers?: number } {
  return workers === 'auto' ? {} : { workers: Number(workers) };
}

/** The median wall time of the runs, with the highest peak RSS among them. */
function median(all: Run[]): { wall_s: number; rss_mb: number } {
  const ordered = [...all].sort((a, b) => a.wall_s - b.wall_s);
  return { wall_s: ordered[Math.floor(ordered.length / 2)]!.wall_s, rss_mb: Math.max(...all.map((run) => run.rss_mb)) };
}

/** A table line: which log and its size, then the build and run (bench/lib/table-row.ts). */
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

console.log(
  `transform benchmark — Node ${process.version}; folder store; one fresh process per measurement; median of ${runs} run(s)`,
);
console.log(['log', 'MB', 'build', 'run', 'wall s', 'records/s', 'MB/s', 'peak RSS MB'].join('\t'));
for (const row of rows) console.log(row);
