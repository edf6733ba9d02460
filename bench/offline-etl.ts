/**
 * offline-etl benchmark: wall time, records/s, MB/s and peak RSS of one run of the built
 * bundle (dist/offline-etl.js), each run in a fresh process, through the folder store and
 * through the S3 store on s3rver.
 *
 *   npm run bench -- [--input ../shared/data/medquad/medquad.parquet] [--input other.jsonl.gz] [--rows 47457] [--scale
 * 10] [--stores folder,s3]
 *
 * Without --input it measures a generated MedQuAD-shaped export of --rows rows (JSON Lines gzip,
 * test/fixtures/medquad-fixtures.ts), so it runs in any clone.
 *
 * --scale N also builds (in a temporary folder) an N-times larger JSON Lines gzip from each
 * .jsonl.gz input, every copy with its questions made distinct, to show memory does not grow
 * with the file.
 *
 * --against REV also builds an earlier commit's bundles (bench/lib/baseline-build.ts) and runs
 * them on the same inputs, alternating with this tree's, --runs times each (default 3 with
 * --against, else 1); the table gives each build's median run and the speed-up between them.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip, gzipSync } from 'node:zlib';
import { generateRows, toJsonl } from '../test/fixtures/medquad-fixtures';
import { startS3rver } from '../test/helpers/s3rver';
import { buildBaseline } from './lib/baseline-build';
import { buildBundles, type ChildMeasurement, runBundle } from './lib/child-run';

interface Measurement {
  input: string;
  store: string;
  build: string;
  mb: number;
  wall_s: number;
  records: number;
  final_records: number;
  rss_mb: number;
}

const args = process.argv.slice(2);
const inputs = args.flatMap((arg, i) => (arg === '--input' ? [args[i + 1]!] : []));
const scale = Number(args[args.indexOf('--scale') + 1] ?? 0) || 0;
const stores = (args.includes('--stores') ? args[args.indexOf('--stores') + 1]! : 'folder,s3').split(',');
const rows = Number(args.includes('--rows') ? args[args.indexOf('--rows') + 1] : 47_457);
const against = args.includes('--against') ? args[args.indexOf('--against') + 1] : undefined;
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : against ? 3 : 1);
if (
  !Number.isInteger(rows) ||
  rows < 1 ||
  !Number.isInteger(runs) ||
  runs < 1 ||
  (args.includes('--against') && !against)
) {
  console.error(
    'usage: npm run bench -- [--input FILE]... [--rows N] [--scale N] [--stores folder,s3] [--against REV] [--runs N]',
  );
  process.exit(2);
}

buildBundles();
const work = await fs.mkdtemp(path.join(tmpdir(), 'medqa-bench-'));
const builds = [{ name: 'this tree', root: '.' }];
if (against) {
  const baseline = await buildBaseline(against, work);
  builds.unshift({ name: baseline.commit, root: baseline.root });
}
if (inputs.length === 0) {
  const generated = path.join(work, `generated-${rows}.jsonl.gz`);
  await fs.writeFile(generated, gzipSync(toJsonl(generateRows(rows))));
  inputs.push(generated);
}

/** A copy of a JSON Lines gzip N times over, each copy's questions suffixed so none is a duplicate. */
async function scaledCopy(file: string, times: number): Promise<string> {
  const target = path.join(work, `${path.basename(file, '.jsonl.gz')}-x${times}.jsonl.gz`);
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(target));
  for (let copy = 0; copy < times; copy += 1) {
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const row = JSON.parse(line);
      if (copy > 0 && typeof row.question === 'string') row.question = `${row.question} (copy ${copy})`;
      if (!gzip.write(`${JSON.stringify(row)}\n`)) await once(gzip, 'drain');
    }
  }
  gzip.end();
  await done;
  return target;
}

const files = [...inputs];
if (scale > 1)
  for (const input of inputs.filter((f) => f.endsWith('.jsonl.gz'))) files.push(await scaledCopy(input, scale));

const s3 = stores.includes('s3') ? await startS3rver() : undefined;
const results: Measurement[] = [];
try {
  for (const file of files) {
    const { size } = await fs.stat(file);
    const key = `data/offline/raw/${path.basename(file)}`;
    for (const store of stores) {
      // The builds take turns, so a slow spell of the machine falls on both.
      const measured = new Map(builds.map((build) => [build.name, [] as ChildMeasurement<Record<string, any>>[]]));
      for (let round = 0; round < runs; round += 1)
        for (const build of builds) {
          const params = await freshBucket(file, key, store, s3);
          const run = await runBundle('offline-etl', { ...params, log_level: 'warn', force: true }, {}, build.root);
          if (run.result.error)
            throw new Error(`${file} via ${store} (${build.name}): ${JSON.stringify(run.result.error)}`);
          measured.get(build.name)!.push(run);
        }
      for (const build of builds) {
        const ordered = measured.get(build.name)!.sort((a, b) => a.wall_s - b.wall_s);
        const median = ordered[Math.floor(ordered.length / 2)]!;
        results.push({
          input: path.basename(file),
          store,
          build: build.name,
          mb: size / 1e6,
          wall_s: median.wall_s,
          records: median.result.initial_records,
          final_records: median.result.final_records,
          rss_mb: Math.max(...ordered.map((run) => run.rss_mb)),
        });
      }
    }
  }
} finally {
  await s3?.stop();
  await fs.rm(work, { recursive: true, force: true });
}

/** The store parameters of a new bucket holding only `file` at `key`. */
async function freshBucket(
  file: string,
  key: string,
  store: string,
  server: typeof s3,
): Promise<Record<string, unknown>> {
  if (store === 'folder') {
    const dir = await fs.mkdtemp(path.join(work, 'folder-'));
    await fs.mkdir(path.join(dir, 'data/offline/raw'), { recursive: true });
    await fs.copyFile(file, path.join(dir, key));
    return { store: 'folder', data_dir: dir };
  }
  const s3Store = await server!.newStore();
  await s3Store.put(key, createReadStream(file));
  return {
    store: 's3',
    s3_endpoint: server!.endpoint,
    s3_bucket: s3Store.bucket,
    s3_access_key_id: 'S3RVER',
    s3_secret_access_key: 'S3RVER',
    s3_atomic_create: false,
  };
}

console.log(
  `offline-etl benchmark — Node ${process.version}, ${(await import('node:os')).cpus().length} cores; one fresh process per run`,
);
console.log(
  ['input', 'store', 'build', 'MB', 'wall s', 'records', 'records/s', 'MB/s', 'final', 'peak RSS MB'].join('\t'),
);
for (const r of results) {
  console.log(
    [
      r.input,
      r.store,
      r.build,
      r.mb.toFixed(1),
      r.wall_s.toFixed(2),
      r.records,
      Math.round(r.records / r.wall_s),
      (r.mb / r.wall_s).toFixed(1),
      r.final_records,
      r.rss_mb.toFixed(0),
    ].join('\t'),
  );
}
if (builds.length > 1)
  for (const r of results.filter((row) => row.build === 'this tree')) {
    const base = results.find((row) => row.input === r.input && row.store === r.store && row.build !== 'this tree')!;
    console.log(
      `${r.input} via ${r.store}: this tree ${(base.wall_s / r.wall_s).toFixed(2)}× as fast as ${base.build} (median of ${runs})`,
    );
  }
