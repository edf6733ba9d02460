/**
 * retrain-batch benchmark: one version built from N staged records (generated, in files of
 * 100,000, each with its line index as transform writes it), wall time, MB/s and peak RSS of
 * the built bundle, next to a bare pass over the same staged bytes (split lines, JSON.parse,
 * JSON.stringify, write) in the same run; then the same version built by parsing every line,
 * as for files staged before line indexes existed.
 *   npm run bench:retrain -- [--records 1000000]
 */

import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { includedMarkerKey, PRODUCTION_STAGED_PREFIX, SPLIT_KEYS, VERSION_TRACKER_KEY } from '../shared/bucket/keys';
import { LINE_INDEX_ENTRY_BYTES, writeLineIndexEntry } from '../shared/bucket/line-index';
import { fingerprintDigest, questionKey } from '../shared/records/normalize';
import { openStore } from '../shared/runtime/open-store';
import { BytesWriter } from '../shared/store';
import { buildBundles, runBundle, runInFreshProcess } from './lib/child-run';
import { tableRow } from './lib/table-row';

const args = process.argv.slice(2);
const records = Number(args.includes('--records') ? args[args.indexOf('--records') + 1] : 1_000_000);
const PER_FILE = 100_000;

buildBundles();
const work = await fs.mkdtemp(path.join(tmpdir(), 'medqa-bench-retrain-'));
const dataDir = path.join(work, 'bucket');
const stagedFiles: string[] = [];
const store = openStore({ data_dir: dataDir });
try {
  // An evaluation split, so the guard runs as in production.
  await fs.mkdir(path.join(dataDir, path.dirname(SPLIT_KEYS.evaluation)), { recursive: true });
  await fs.writeFile(
    path.join(dataDir, SPLIT_KEYS.evaluation),
    `${Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({ question: `what is held-out condition ${i}?`, answer: 'x' }),
    ).join('\n')}\n`,
  );
  for (let file = 0; file * PER_FILE < records; file += 1) {
    const rel = `bench/day-${String(file).padStart(3, '0')}.jsonl`;
    const staged = `${PRODUCTION_STAGED_PREFIX}${rel}/etag${file}-r1.jsonl`;
    const full = path.join(dataDir, staged);
    const index = new BytesWriter(store, staged.replace(/\.jsonl$/, '.index'));
    const count = Math.min(PER_FILE, records - file * PER_FILE);
    const entry = new Uint8Array(LINE_INDEX_ENTRY_BYTES);
    // As transform writes them, so that the summary refresh after the version reads no staged line.
    const lengthCounts: Record<string, number> = {};
    async function* lines() {
      for (let i = 0; i < count; i += 1) {
        const n = file * PER_FILE + i;
        const question = `what are the symptoms of generated condition ${n % 400_000}?`;
        const answer = `Generated answer ${n}. It varies from person to person; see a doctor if it gets worse.`;
        const line = `${JSON.stringify({
          record_id: n.toString(16).padStart(16, '0'),
          question,
          answer,
          question_type: 'symptoms',
          question_type_source: 'inferred',
          timestamp: '2026-05-01T10:00:00.000Z',
          slice: 'web',
          symptoms: null,
          latency_ms: 412.7,
          source_key: `data/production/retraining_data_raw/${rel}`,
          source_etag: `etag${file}`,
          source_line: i + 1,
        })}\n`;
        const questionDigest = fingerprintDigest(questionKey(question));
        lengthCounts[question.length] = (lengthCounts[question.length] ?? 0) + 1;
        writeLineIndexEntry(
          entry,
          0,
          fingerprintDigest(question, answer),
          questionDigest,
          line.length,
          question.length,
          0,
        );
        await index.write(entry.slice());
        yield line;
      }
    }
    const { etag } = await store.put(staged, Readable.from(lines()));
    await index.close();
    await fs.writeFile(
      full.replace(/\.jsonl$/, '.summary.json'),
      JSON.stringify({
        schema_version: 1,
        source_key: `data/production/retraining_data_raw/${rel}`,
        source_etag: `etag${file}`,
        source_size: 0,
        format: 'jsonl',
        rules_version: 1,
        records_in: count,
        records_out: count,
        dropped: {},
        redactions: {},
        question_types: { symptoms: count },
        question_length_histogram: [],
        question_length_counts: lengthCounts,
        records_by_day: { '2026-05-01': count },
        unknown_fields: {},
        staged_key: staged,
        line_index: {
          key: staged.replace(/\.jsonl$/, '.index'),
          staged_etag: etag,
          entry_bytes: LINE_INDEX_ENTRY_BYTES,
          types: ['symptoms'],
        },
        quarantine_key: null,
        created_at: new Date().toISOString(),
      }),
    );
    stagedFiles.push(full);
  }
  let bytes = 0;
  for (const file of stagedFiles) bytes += (await fs.stat(file)).size;
  const mb = bytes / 1e6;

  const bare = await runInFreshProcess<{ lines: number }>(`
    require('tsx/cjs');
    const { splitLines } = require(${JSON.stringify(path.resolve('shared/readers/lines.ts'))});
    const fs = require('node:fs');
    const { once } = require('node:events');
    const out = fs.createWriteStream(${JSON.stringify(path.join(work, 'bare.jsonl'))});
    let lines = 0;
    for (const file of ${JSON.stringify(stagedFiles)}) {
      for await (const line of splitLines(fs.createReadStream(file), 1 << 20)) {
        lines += 1;
        if (!out.write(JSON.stringify(JSON.parse(line.bytes.toString('utf8'))) + '\\n')) await once(out, 'drain');
      }
    }
    out.end();
    await once(out, 'finish');
    result = { lines };`);
  const indexed = await runBundle('retrain-batch', { store: 'folder', data_dir: dataDir, log_level: 'warn' });
  if (indexed.result.error) throw new Error(JSON.stringify(indexed.result.error));
  // The same files as staged before line indexes: the version again, every line parsed.
  await fs.rm(path.join(dataDir, 'data/production/retraining_data_transformed'), { recursive: true, force: true });
  for (const file of stagedFiles) {
    const summaryFile = file.replace(/\.jsonl$/, '.summary.json');
    await store.delete(includedMarkerKey(path.relative(dataDir, summaryFile)));
    const { line_index: _, ...summary } = JSON.parse(await fs.readFile(summaryFile, 'utf8'));
    await fs.writeFile(summaryFile, JSON.stringify(summary));
  }
  const parsed = await runBundle('retrain-batch', { store: 'folder', data_dir: dataDir, log_level: 'warn' });
  if (parsed.result.error) throw new Error(JSON.stringify(parsed.result.error));
  if (parsed.result.record_count !== indexed.result.record_count || !(await store.head(VERSION_TRACKER_KEY)))
    throw new Error(
      `the two versions differ: ${indexed.result.record_count} and ${parsed.result.record_count} records`,
    );
  console.log(
    `retrain-batch benchmark — Node ${process.version}; folder store; ${records} staged records in ${stagedFiles.length} files (${mb.toFixed(0)} MB); fresh process per run`,
  );
  console.log(['run', 'wall s', 'records/s', 'MB/s', 'peak RSS MB'].join('\t'));
  const row = (name: string, run: { wall_s: number; rss_mb: number }, ...more: string[]) =>
    console.log(tableRow(name, records, mb, run, ...more));
  row('bare pass', bare);
  for (const [name, run] of [
    ['retrain-batch (line index)', indexed],
    ['retrain-batch (parsing each line)', parsed],
  ] as const)
    row(
      name,
      run,
      `${((100 * bare.wall_s) / run.wall_s).toFixed(0)} % of bare`,
      `v1: ${run.result.record_count} records`,
    );
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
