import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
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
import { tempDir } from './helpers/temp-dir';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');
const run = (action: unknown, store: FolderStore, params: Record<string, unknown> = {}) =>
  invokeAction(action as ActionDefinition, { log_level: 'silent', ...params }, { store });

let browser: Browser | undefined;
let server: ChildProcess | undefined;
let url = '';

/** A bucket with a split, two days of production logs and a retraining version. */
async function generatedBucket(): Promise<string> {
  const dir = await tempDir('medqa-dashboard-');
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
  await run(retrainBatch, store);
  return dir;
}

describe.skipIf(!existsSync(CHROMIUM))('dashboard in headless Chromium', () => {
  beforeAll(async () => {
    const dataDir = await generatedBucket();
    server = spawn(process.execPath, ['bin/medqa.mjs', 'start', '--port', '0', '--scan-interval', '0'], {
      env: { ...process.env, MEDQA_DATA_DIR: dataDir, MEDQA_LOG_LEVEL: 'warn' },
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
  });

  it('renders the charts, filters and searches the explorer, downloads the CSV', async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 10_000 });
    expect(await page.locator('.uplot canvas').count()).toBeGreaterThanOrEqual(8);
    // Questions kept out as unsafe, by type: the fixture logs hold dosing and side-effect questions.
    expect(await page.locator('#chart-unsafe-types .uplot canvas').count()).toBe(1);
    expect(await page.locator('#offline-facts').textContent()).toMatch(/final records/);
    expect(await page.locator('#offline-dropped-note').textContent()).toMatch(
      /^[\d,]+ rows without an answer are dropped/,
    );
    expect(await page.locator('#version-select option').first().textContent()).toBe('v1');

    const all = await page.locator('#rows tbody tr').count();
    expect(all).toBeGreaterThan(50);
    const type = await page.locator('#filter-type option').nth(1).getAttribute('value');
    await page.selectOption('#filter-type', type!);
    const filtered = await page.locator('#rows tbody tr').count();
    expect(filtered).toBeGreaterThan(0);
    expect(filtered).toBeLessThan(all);
    const types = await page.locator('#rows tbody tr td:nth-child(2)').allTextContents();
    expect(new Set(types)).toEqual(new Set([type]));

    await page.selectOption('#filter-type', '');
    await page.fill('#search', 'ashgrove');
    const searched = await page.locator('#rows tbody tr').count();
    expect(searched).toBeGreaterThan(0);
    expect(searched).toBeLessThan(all);
    expect((await page.locator('#rows tbody').textContent())!.toLowerCase()).toContain('ashgrove');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const csv = await fs.readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('split,question_type,question,answer');
    expect(lines).toHaveLength(searched + 1);

    await fs.mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    expect(errors).toEqual([]);
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
