/**
 * Dashboard benchmark: size of dashboard/summary.json and time of summarize on a split plus a
 * million production records, and the time from navigation to the first chart in headless
 * Chromium (median of 5 loads).
 *   node --import tsx bench/dashboard.ts --split-dir DIR [--records 1000000]
 * DIR is a bucket where offline-etl has run (e.g. on ../shared/data/medquad/medquad.parquet).
 */

import { once } from 'node:events';
import { createWriteStream, existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { buildDashboardAssets } from '../frontend/build-assets.mjs';
import { localWebApp, serveLocalWeb } from '../shared/adapter/local/web';
import { PRODUCTION_RAW_PREFIX } from '../shared/bucket/keys';
import { openStore } from '../shared/runtime/open-store';
import { dashboardApp } from '../shared/stages/dashboard';
import { newExpectations, productionLogLines } from '../test/fixtures/production-logs';
import { buildBundles, runBundle } from './lib/child-run';

const args = process.argv.slice(2);
const splitDir = args[args.indexOf('--split-dir') + 1];
const records = Number(args.includes('--records') ? args[args.indexOf('--records') + 1] : 1_000_000);
if (!splitDir || !args.includes('--split-dir')) {
  console.error('usage: node --import tsx bench/dashboard.ts --split-dir DIR [--records N]');
  process.exit(2);
}

buildBundles();
const work = await fs.mkdtemp(path.join(tmpdir(), 'medqa-bench-dashboard-'));
try {
  const bucket = path.join(work, 'bucket');
  await fs.cp(path.join(splitDir, 'data', 'dataset-split'), path.join(bucket, 'data', 'dataset-split'), {
    recursive: true,
  });
  // A million production records through transform, in files of 100,000: the summary reads their partial summaries.
  for (let file = 0; file * 100_000 < records; file += 1) {
    const raw = path.join(bucket, PRODUCTION_RAW_PREFIX, `day-${file}.jsonl`);
    await fs.mkdir(path.dirname(raw), { recursive: true });
    const out = createWriteStream(raw);
    for (const line of productionLogLines(
      { records: Math.min(100_000, records - file * 100_000), seed: file + 1 },
      newExpectations(),
    )) {
      if (!out.write(Buffer.concat([line, Buffer.from('\n')]))) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const staged = await runBundle('transform', {
      store: 'folder',
      data_dir: bucket,
      key: `${PRODUCTION_RAW_PREFIX}day-${file}.jsonl`,
      log_level: 'warn',
    });
    if (staged.result.error) throw new Error(JSON.stringify(staged.result.error));
  }
  const rebuild = await runBundle('summarize', { store: 'folder', data_dir: bucket, rebuild: true, log_level: 'warn' });
  const refresh = await runBundle('summarize', { store: 'folder', data_dir: bucket, log_level: 'warn' });
  console.log(
    `summary: ${(rebuild.result.bytes / 1024).toFixed(1)} KiB for ${rebuild.result.offline_records} offline and ${rebuild.result.production_records} production records`,
  );
  console.log(
    `summarize, full rebuild: ${(rebuild.wall_s * 1000).toFixed(0)} ms; refresh from the kept partials: ${(refresh.wall_s * 1000).toFixed(0)} ms (bundle load included)`,
  );

  // api/records over the whole training split: a first page, a page deep in the file, a search.
  const app = dashboardApp({ store: openStore({ data_dir: bucket }), assets: await buildDashboardAssets() });
  for (const query of ['split=training', 'split=training&offset=5000', 'split=training&q=glaucoma']) {
    const runs: number[] = [];
    let total = 0;
    for (let i = 0; i < 5; i += 1) {
      const started = performance.now();
      total = ((await (await app.request(`/api/records?${query}`)).json()) as { total: number }).total;
      runs.push(performance.now() - started);
    }
    runs.sort((a, b) => a - b);
    console.log(
      `api/records?${query}: median ${runs[2]!.toFixed(0)} ms (max ${runs[4]!.toFixed(0)}), ${total} matches`,
    );
  }

  if (existsSync('/usr/bin/chromium')) {
    const { server, url } = await serveLocalWeb(
      localWebApp(openStore({ data_dir: bucket }), await buildDashboardAssets()),
      0,
    );
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const times: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const started = performance.now();
      await page.goto(url);
      await page.waitForSelector('.bars li, .uplot canvas');
      times.push(performance.now() - started);
      await page.close();
    }
    await browser.close();
    server.close();
    times.sort((a, b) => a - b);
    console.log(
      `navigation to first chart in headless Chromium: median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)})`,
    );
  }
} finally {
  await fs.rm(work, { recursive: true, force: true });
}
