/**
 * Parts benchmark: a large production log (5.4 million lines, about 2 GB, 40 % repeated questions
 * by default) staged in parts the way OpenWhisk runs it. The transform bundle plans the file with
 * a stand-in OpenWhisk API that records its non-blocking invokes; then every recorded part runs
 * in a fresh process, as on an invoker of its own, one after another, each measured. The part
 * that finds the others done joins the file. Prints each part, the slowest, the join, and the
 * time the file takes on N invokers worked out from the measured times (the plan, the parts
 * scheduled in order on the first free invoker, the join); beside them a bare pass over the same
 * file and retrain-batch over what was staged. `--whole` also stages the file in one activation.
 *
 *   npm run bench:parts -- [--records 5400000] [--repeats 0.4] [--part-mb 64] [--invokers 1,2,4,8,16,32] [--whole]
 */
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PRODUCTION_RAW_PREFIX } from '../shared/bucket/keys';
import { startFakeOpenWhisk } from '../test/helpers/fake-openwhisk';
import { buildBundles, type ChildMeasurement, runBundle } from './lib/child-run';
import { barePass, writeProductionLog } from './lib/log-file';
import { tableRow } from './lib/table-row';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
const records = Number(option('--records', '5400000'));
const repeats = Number(option('--repeats', '0.4'));
const partBytes = Math.round(Number(option('--part-mb', '64')) * 1024 * 1024);
const invokers = option('--invokers', '1,2,4,8,16,32').split(',').map(Number);
const whole = args.includes('--whole');

buildBundles();
const work = await fs.mkdtemp(path.join(tmpdir(), 'medqa-bench-parts-'));
const key = `${PRODUCTION_RAW_PREFIX}busy-day.jsonl`;
const rows: string[] = [];

try {
  const dataDir = path.join(work, 'bucket');
  const file = path.join(dataDir, key);
  const { expected, mb } = await writeProductionLog(file, { records, repeats });
  const bare = await barePass(file, path.join(work, 'bare.jsonl'));
  rows.push(tableRow('bare pass', records, mb, bare));
  const settings = { store: 'folder', data_dir: dataDir, log_level: 'warn', part_bytes: partBytes };

  let reference: ChildMeasurement<Record<string, any>> | undefined;
  if (whole) {
    const copy = path.join(work, 'whole.jsonl');
    await fs.copyFile(file, copy);
    // Without an API key the bundle has no way to start parts: one activation stages it all.
    reference = await runBundle('transform', { ...settings, key });
    if (reference.result.error) throw new Error(JSON.stringify(reference.result.error));
    rows.push(tableRow('one activation, whole file', records, mb, reference));
    await fs.rm(path.join(dataDir, 'data/production'), { recursive: true, force: true });
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.rename(copy, file);
  }

  const invoked: Record<string, unknown>[] = [];
  const api = await startFakeOpenWhisk({ onActionInvoke: (_, params) => invoked.push(params) });
  let plan: ChildMeasurement<Record<string, any>>;
  try {
    plan = await runBundle(
      'transform',
      { ...settings, key },
      {
        __OW_API_HOST: api.apihost,
        __OW_API_KEY: 'uuid:key',
        __OW_NAMESPACE: 'guest',
        __OW_ACTION_NAME: '/guest/medqa/transform',
      },
    );
  } finally {
    await api.stop();
  }
  if (plan.result.status !== 'parts_started') throw new Error(`not planned in parts: ${JSON.stringify(plan.result)}`);
  rows.push(tableRow(`plan (${plan.result.parts} parts of ${partBytes / 2 ** 20} MiB)`, records, mb, plan));

  // Package settings are bound to every activation by OpenWhisk; the invoke carries the rest.
  const parts: { index: number; run: ChildMeasurement<Record<string, any>>; stage_s: number }[] = [];
  for (const params of invoked) {
    const run = await runBundle('transform', { ...settings, ...params });
    if (run.result.error) throw new Error(`part ${params.part}: ${JSON.stringify(run.result.error)}`);
    const join_s = (run.result.join_ms ?? 0) / 1000;
    parts.push({ index: Number(params.part), run, stage_s: run.wall_s - join_s });
  }
  const joiner = parts.find((part) => part.run.result.joined);
  if (!joiner) throw new Error('no part joined the file');
  const join_s = joiner.run.result.join_ms / 1000;
  const partRecords = parts.reduce((total, part) => total + part.run.result.records_in, 0);
  if (partRecords !== expected.records_in)
    throw new Error(`parts read ${partRecords} records, expected ${expected.records_in}`);
  const partMb = mb / parts.length;
  for (const part of parts) {
    const joined = part === joiner ? `joined the file in ${join_s.toFixed(1)} s` : '';
    rows.push(tableRow(`part ${part.index}`, part.run.result.records_in, partMb, part.run, joined));
  }
  const slowest = parts.reduce((a, b) => (b.run.wall_s > a.run.wall_s ? b : a));
  const sorted = parts.map((part) => part.stage_s).sort((a, b) => a - b);

  const version = await runBundle('retrain-batch', { ...settings, allow_without_split: true });
  if (version.result.error) throw new Error(JSON.stringify(version.result.error));
  rows.push(tableRow(`retrain-batch (${version.result.record_count} records)`, records, mb, version));

  console.log(
    `parts benchmark — Node ${process.version}; folder store; ${records} lines, ${Math.round(100 * repeats)} % repeats, ${mb.toFixed(0)} MB; one fresh process per activation`,
  );
  console.log(['run', 'wall s', 'records/s', 'MB/s', 'peak RSS MB'].join('\t'));
  for (const row of rows) console.log(row);
  console.log('');
  console.log(
    `slowest part: ${slowest.index}, ${slowest.run.wall_s.toFixed(1)} s (its staging ${slowest.stage_s.toFixed(1)} s); ` +
      `median part staging ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} s; join ${join_s.toFixed(1)} s; ` +
      `peak RSS of any activation ${Math.max(plan.rss_mb, ...parts.map((part) => part.run.rss_mb)).toFixed(0)} MB`,
  );
  console.log('on N invokers (plan + parts in order on the first free invoker + join), and against the bare pass:');
  for (const n of invokers) {
    const wall =
      plan.wall_s +
      makespan(
        parts.map((part) => part.stage_s),
        n,
      ) +
      join_s;
    const vs = `${(wall / bare.wall_s).toFixed(2)}× bare`;
    const withVersion = `${((wall + version.wall_s) / bare.wall_s).toFixed(2)}× bare with retrain-batch`;
    console.log(`  ${n} invoker(s): ${wall.toFixed(1)} s, ${vs}, ${withVersion}`);
  }
  if (reference)
    console.log(`one activation, whole file: ${reference.wall_s.toFixed(1)} s, ${reference.rss_mb.toFixed(0)} MB`);
} finally {
  await fs.rm(work, { recursive: true, force: true });
}

/** When the last of `times` ends, each started in order on the first of `n` invokers to be free. */
function makespan(times: number[], n: number): number {
  const free = new Array<number>(n).fill(0);
  for (const time of times) {
    const first = free.indexOf(Math.min(...free));
    free[first] = free[first]! + time;
  }
  return Math.max(...free);
}
