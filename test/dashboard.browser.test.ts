import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionDefinition, invokeAction } from '../shared/runtime';
import { offlineEtl } from '../shared/stages/offline-etl';
import { retrainBatch } from '../shared/stages/retrain-batch';
import { transform } from '../shared/stages/transform';
import { FolderStore } from '../shared/store';
import { generateRows, toJsonl } from './fixtures/medquad-fixtures';
import { productionLogFile } from './fixtures/production-logs';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');
const run = (action: unknown, store: FolderStore, params: Record<string, unknown> = {}) =>
  invokeAction(action as ActionDefinition, { log_level: 'silent', ...params }, { store });

let browser: Browser | undefined;
let server: ChildProcess | undefined;
let url = '';
let dataDir = '';

/** A bucket with a split, two days of production logs and a retraining version. */
async function generatedBucket(): Promise<string> {
  // Shared by every test of the file: not a tempDir(), which goes after the first test.
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'medqa-dashboard-'));
  const store = new FolderStore(dir);
  await store.put('data/offline/raw/export.jsonl', toJsonl(generateRows(1500, 4)));
  await run(offlineEtl, store);
  for (const day of ['day1', 'day2']) {
    const key = `data/production/retraining_data_raw/${day}.jsonl`;
    await store.put(
      key,
      productionLogFile({ records: 300, seed: day.length + day.charCodeAt(3), noise: 0.03 }).content,
    );
    await run(transform, store, { key });
  }
  // Questions the chatbot was asked that are evaluation questions: the version leaves them out.
  const evaluation = (await fs.readFile(path.join(dir, 'data/dataset-split/evaluation/testing.json'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
    .filter((row) => ['symptoms', 'causes', 'information'].includes(row.question_type))
    .slice(0, 5);
  await store.put(
    'data/production/retraining_data_raw/asked.jsonl',
    evaluation
      .map((row, i) => JSON.stringify({ ts: `2026-05-02T0${i}:00:00Z`, question: row.question, answer: row.answer }))
      .join('\n'),
  );
  await run(transform, store, { key: 'data/production/retraining_data_raw/asked.jsonl' });
  // A log of a day a week after the others: the days between have no data.
  const later = productionLogFile({ records: 5, seed: 9 })
    .content.toString()
    .replace(/"(ts|timestamp)":"2026-05-\d\d/g, '"$1":"2026-06-20');
  await store.put('data/production/retraining_data_raw/later.jsonl', later);
  await run(transform, store, { key: 'data/production/retraining_data_raw/later.jsonl' });
  await run(retrainBatch, store);
  return dir;
}

describe.skipIf(!existsSync(CHROMIUM))('dashboard in headless Chromium', () => {
  beforeAll(async () => {
    dataDir = await generatedBucket();
    server = spawn(process.execPath, ['bin/medqa.mjs', 'start', '--port', '0', '--scan-interval', '0'], {
      env: { ...process.env, MEDQA_DATA_DIR: dataDir, MEDQA_LOG_LEVEL: 'warn', MEDQA_READ_TOKEN: 'reader' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      server!.stdout!.on('data', (chunk) => {
        out += chunk;
        const match = out.match(/dashboard: (http:\/\/localhost:\d+\/)/);
        if (match) {
          url = match[1]!;
          resolve();
        }
      });
      server!.once('exit', (code) => reject(new Error(`medqa start exited with ${code}`)));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    server?.kill('SIGINT');
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  });

  for (const width of [1400, 900]) {
    it(`at ${width} px: every label drawn, exact quartiles, day gaps, the whole split paged and searched`, async () => {
      const page = await browser!.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
      const response = await fetch(`${url}api/summary`);
      const summary = await response.json();
      expect(response.status, JSON.stringify(summary)).toBe(200);

      // Every category of every bar chart is written out, largest first, with its count.
      const bars = async (id: string) =>
        page
          .locator(`#${id} .bars li`)
          .evaluateAll((items) =>
            items.map((li) => [
              li.querySelector('.bar-label')!.textContent,
              li.querySelector('.bar-value')!.textContent,
            ]),
          );
      const expected = (counts: Record<string, number>) =>
        Object.entries(counts)
          .filter(([, n]) => n > 0)
          .sort((a, b) => b[1] - a[1])
          .map(([label, n]) => [label, n.toLocaleString('en')]);
      expect(await bars('chart-offline-dropped')).toEqual(expected(summary.offline.dropped));
      expect(await bars('chart-production-dropped')).toEqual(expected(summary.production.dropped));
      expect(await bars('chart-redactions')).toEqual(expected(summary.production.redactions));
      expect(await bars('chart-unsafe-types')).toEqual(expected(summary.production.unsafe_question_types));
      const trainingTypes = Object.fromEntries(
        summary.offline.question_types.types.map((t: string, i: number) => [
          t,
          summary.offline.question_types.series.training[i],
        ]),
      );
      expect(await bars('chart-types')).toEqual(expected(trainingTypes));
      // Each label sits on its own line: none is drawn over another.
      const labelBoxes = await page
        .locator('#chart-types .bar-label')
        .evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => [r.top, r.bottom]));
      for (let i = 1; i < labelBoxes.length; i += 1)
        expect(labelBoxes[i]![0]).toBeGreaterThanOrEqual(labelBoxes[i - 1]![1]! - 0.5);
      // A single series has no legend row ("records: --").
      expect(await page.locator('#chart-volume .u-legend').count()).toBe(0);

      // Where the staged records not in the version went, with the counts of its metadata.
      const version = summary.versions[0];
      expect(version.dropped.evaluation_question).toBeGreaterThan(0);
      expect(await page.locator('#version-not-taken').textContent()).toContain(
        `${version.dropped.evaluation_question.toLocaleString('en')} evaluation questions`,
      );

      // The version's type shares beside the training split's, for every type of either.
      const shareLabels = await page.locator('#chart-version-shares .bar-label').allTextContents();
      expect(new Set(shareLabels)).toEqual(
        new Set([...summary.offline.question_types.types, ...Object.keys(summary.versions[0].question_type_counts)]),
      );

      // Drift per version, one point each, drawn against the threshold.
      expect(Number(await page.locator('#chart-drift-types').getAttribute('data-points'))).toBe(
        summary.versions.length,
      );
      expect(summary.versions[0].drift.type_mix).toEqual(expect.any(Number));
      // The questions each version's files kept out as unsafe, unclassified ones apart.
      const heldOut = Object.values(version.unsafe_question_types as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(heldOut).toBeGreaterThan(0);
      expect(Number(await page.locator('#chart-version-unsafe').getAttribute('data-points'))).toBe(
        summary.versions.length,
      );
      expect(await page.locator('#version-facts').textContent()).toContain(
        `${heldOut.toLocaleString('en')}held out as unsafe`,
      );
      expect(summary.versions[0].drift.question_length).toEqual(expect.any(Number));

      // Quartiles as pandas computes them from the split file.
      const training = (await fs.readFile(path.join(dataDir, 'data/dataset-split/training/training.json'), 'utf8'))
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const lengths = training.map((r) => r.question.length as number).sort((a, b) => a - b);
      const quantile = (q: number) => {
        const at = (lengths.length - 1) * q;
        const lo = Math.floor(at);
        return Math.round((lengths[lo]! + (lengths[Math.ceil(at)]! - lengths[lo]!) * (at - lo)) * 10) / 10;
      };
      expect(await page.locator('#quartiles').textContent()).toContain(
        `${[0.25, 0.5, 0.75].map(quantile).join(' / ')}training quartiles`,
      );

      // The days between the May logs and the June one are gaps, not a line.
      const volume = page.locator('#chart-volume');
      expect(Number(await volume.getAttribute('data-gaps'))).toBeGreaterThan(30);

      // The explorer pages through the whole training split, not a sample.
      await page.locator('#explorer').scrollIntoViewIfNeeded();
      await page.waitForSelector('#match-count:has-text("of")');
      expect(await page.locator('#match-count').textContent()).toBe(
        `1–50 of ${training.length.toLocaleString('en')} records`,
      );
      await page.click('#page-next');
      await page.waitForSelector('#match-count:has-text("51–100")');
      expect(await page.locator('#rows tbody tr').count()).toBe(50);
      // A record the summary's sample does not hold is found by searching.
      const sampled = new Set(summary.offline.sample.map((r: { question: string }) => r.question));
      const unsampled = training.find((r) => !sampled.has(r.question))!;
      await page.fill('#search', unsampled.question);
      await page.waitForFunction(
        (question) =>
          [...document.querySelectorAll('#rows tbody td:nth-child(2)')].some((td) => td.textContent === question),
        unsampled.question,
      );
      expect(await page.locator('#rows tbody td:nth-child(2)').allTextContents()).toContain(unsampled.question);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
      const csv = (await fs.readFile((await download.path())!, 'utf8')).trim().split('\r\n');
      expect(csv[0]).toBe('question_type,question,answer,source,line');
      expect(csv.length).toBeGreaterThan(1);

      // The quarantine, with the read token: every reason counted, a page of records for one.
      await page.fill('#read-token', 'reader');
      await page.click('#load-quarantine');
      await page.waitForSelector('#chart-quarantine-production .bars li');
      const quarantined = await bars('chart-quarantine-production');
      expect(quarantined.map(([reason]) => reason)).toEqual(expect.arrayContaining(['duplicate', 'invalid_json']));
      await page.selectOption('#quarantine-reason', 'duplicate');
      await page.waitForFunction(() =>
        [...document.querySelectorAll('#quarantine-rows tbody td:first-child')].every(
          (td) => td.textContent === 'duplicate',
        ),
      );
      expect(await page.locator('#quarantine-rows tbody tr').count()).toBeGreaterThan(0);

      await fs.mkdir(ARTIFACTS, { recursive: true });
      await page.fill('#search', '');
      await page.waitForSelector('#match-count:has-text("1–50")');
      await page.screenshot({ path: path.join(ARTIFACTS, `dashboard-${width}.png`), fullPage: true });
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('picks up a new summary without a reload', async () => {
    const page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${url}?refresh=1`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    const before = await page.locator('body').getAttribute('data-generated-at');
    const recordsIn = () => page.locator('#production-facts .fact').nth(1).textContent();
    const recordsBefore = await recordsIn();
    // Dropped into the running pipeline, which stages it and refreshes the summary.
    await new FolderStore(dataDir).put(
      'data/production/retraining_data_raw/day3.jsonl',
      productionLogFile({ records: 40, seed: 33 }).content,
    );
    await page.waitForFunction((old) => document.body.dataset.generatedAt !== old, before, { timeout: 15_000 });
    expect(await recordsIn()).not.toBe(recordsBefore);
    expect(await page.locator('#generated').textContent()).toMatch(/updated \d+ s ago/);
    await page.close();
  });

  it('shows what to do on a fresh install instead of an error', async () => {
    const { app } = await import('./helpers/empty-dashboard');
    const page = await browser!.newPage();
    const empty = await app();
    try {
      await page.goto(empty.url);
      await page.waitForSelector('#empty:not([hidden])', { timeout: 10_000 });
      expect(await page.locator('#empty').textContent()).toMatch(/data\/offline\/raw\//);
    } finally {
      empty.close();
    }
  });
});
