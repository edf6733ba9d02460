/**
 * The bad-input corpus (test/fixtures/bad-input.ts) through the built bundles, one fresh process
 * per case: wall time and peak RSS of each, and two cases at full size that the test keeps
 * small (a gigabyte of blank lines in a ~1 MB gzip, a 200 MB element of a JSON array).
 *   npm run bench:bad-input
 * Every case must stay under 256 MB and 60 s.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createGzip } from 'node:zlib';
import { OFFLINE_RAW_PREFIX, PRODUCTION_RAW_PREFIX } from '../shared/bucket/keys';
import { BAD_INPUT_CASES } from '../test/fixtures/bad-input';
import { buildBundles, runBundle } from './lib/child-run';

const MB = 1024 * 1024;
const LIMIT_MB = 256;
const LIMIT_S = 60;

/** Writes `parts()` to `file`, gzip-compressed when `gzip`, without holding it in memory. */
async function writeStreamed(file: string, parts: () => Iterable<Buffer>, gzip: boolean) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const sink = gzip ? createGzip({ level: 9 }) : out;
  if (gzip) sink.pipe(out);
  for (const part of parts()) if (!sink.write(part)) await once(sink, 'drain');
  sink.end();
  await once(out, 'finish');
}

interface BenchCase {
  name: string;
  target: 'production' | 'offline';
  file: string;
  write: (file: string) => Promise<void>;
  params?: Record<string, unknown>;
}

const cases: BenchCase[] = BAD_INPUT_CASES.map((c) => ({
  ...c,
  write: (file) => fs.mkdir(path.dirname(file), { recursive: true }).then(() => fs.writeFile(file, c.content())),
}));
cases.push(
  {
    name: 'a gigabyte of blank lines in a small gzip',
    target: 'production',
    file: 'gigabyte-blank.jsonl.gz',
    write: (file) =>
      writeStreamed(
        file,
        function* () {
          const blank = Buffer.alloc(MB, 0x0a);
          for (let i = 0; i < 1024; i += 1) yield blank;
          yield Buffer.from('{"question":"what is gout","answer":"a"}\n');
        },
        true,
      ),
  },
  {
    name: 'a 200 MB element of a JSON array',
    target: 'production',
    file: 'huge-element-200mb.json',
    write: (file) =>
      writeStreamed(
        file,
        function* () {
          yield Buffer.from('[{"question":"what is gout","answer":"a"},{"question":"q","answer":"');
          const filler = Buffer.alloc(MB, 0x78);
          for (let i = 0; i < 200; i += 1) yield filler;
          yield Buffer.from('"}]');
        },
        false,
      ),
  },
);

buildBundles();
const work = await fs.mkdtemp(path.join(tmpdir(), 'medqa-bench-bad-input-'));
console.log(`bad-input corpus — Node ${process.version}; built bundles, folder store, one fresh process per case`);
console.log(['case', 'input KB', 'wall s', 'peak RSS MB', 'outcome', 'within limits'].join('\t'));
let failures = 0;
try {
  for (const [i, c] of cases.entries()) {
    const dataDir = path.join(work, String(i));
    const prefix = c.target === 'production' ? PRODUCTION_RAW_PREFIX : OFFLINE_RAW_PREFIX;
    const file = path.join(dataDir, prefix, c.file);
    await c.write(file);
    const size = (await fs.stat(file)).size;
    const action = c.target === 'production' ? 'transform' : 'offline-etl';
    const run = await runBundle(action, {
      store: 'folder',
      data_dir: dataDir,
      key: `${prefix}${c.file}`,
      log_level: 'silent',
      ...c.params,
    });
    const r = run.result as Record<string, any>;
    const outcome = r.error
      ? `error ${r.error.code}`
      : c.target === 'production'
        ? `kept ${r.records_out}, dropped ${JSON.stringify(r.dropped)}`
        : `quarantined ${r.quarantined?.length ?? 0}`;
    const ok = run.rss_mb < LIMIT_MB && run.wall_s < LIMIT_S && !r.error;
    if (!ok) failures += 1;
    console.log(
      [c.name, (size / 1024).toFixed(0), run.wall_s.toFixed(2), run.rss_mb.toFixed(0), outcome, ok ? 'yes' : 'NO'].join(
        '\t',
      ),
    );
    await fs.rm(dataDir, { recursive: true, force: true });
  }
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
console.log(
  failures
    ? `${failures} case(s) over ${LIMIT_MB} MB or ${LIMIT_S} s`
    : `every case under ${LIMIT_MB} MB and ${LIMIT_S} s`,
);
