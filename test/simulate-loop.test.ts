import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { localWebApp, serveLocalWeb } from '../shared/adapter/local/web';
import { PRODUCTION_RAW_PREFIX, SPLIT_KEYS } from '../shared/bucket/keys';
import { questionKey } from '../shared/records/normalize';
import { latestVersion, readRetrainingRecords } from '../shared/retraining/training-job-reader';
import { offlineEtl } from '../shared/stages/offline-etl';
import { retrainBatch } from '../shared/stages/retrain-batch';
import { simulate } from '../shared/stages/simulate';
import { transform } from '../shared/stages/transform';
import { FolderStore, listAll, readText } from '../shared/store';
import { generateRows, toJsonl } from './fixtures/medquad-fixtures';
import { runAction as run } from './helpers/run-action';
import { tempDir } from './helpers/temp-dir';

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function bucketWithSplit() {
  const store = new FolderStore(await tempDir());
  await store.put('data/offline/raw/export.jsonl', toJsonl(generateRows(1500, 8)));
  expect((await run(offlineEtl, store)).status).toBe('built');
  return store;
}

async function answererFor(store: FolderStore): Promise<string> {
  const { server, url } = await serveLocalWeb(localWebApp(store, { 'index.html': '', 'app.js': '', 'app.css': '' }), 0);
  servers.push(server);
  return `${url}api/answer`;
}

/** A server that misbehaves in one way: never answers, or answers 500. */
async function brokenServer(mode: 'hang' | '500'): Promise<string> {
  const server: Server = createServer((_, res) => {
    if (mode === '500') {
      res.writeHead(500);
      res.end('model crashed');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push({
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/answer`;
}

describe('simulate and the baseline answerer', () => {
  it('answers from the training split over HTTP', async () => {
    const store = await bucketWithSplit();
    const endpoint = await answererFor(store);
    const [first] = (await readText(store, SPLIT_KEYS.training))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const response = await fetch(endpoint, { method: 'POST', body: JSON.stringify({ question: first.question }) });
    expect(await response.json()).toMatchObject({ answer: first.answer, matched_question: first.question });
    expect((await fetch(endpoint, { method: 'POST', body: '{}' })).status).toBe(400);
  });

  it('fails with the count of timeouts and HTTP errors when nothing was answered, and logs nothing', async () => {
    const store = await bucketWithSplit();
    const hung = await run(simulate, store, {
      endpoint: await brokenServer('hang'),
      count: 4,
      rate: 100,
      timeout_ms: 200,
    });
    expect(hung.error).toEqual({
      code: 'NOTHING_ANSWERED',
      message: expect.stringMatching(
        /^none of the 4 requests to http:\/\/127\.0\.0\.1:\d+\/\w* was answered \(4 timed out\)$/,
      ),
    });
    const failing = await run(simulate, store, { endpoint: await brokenServer('500'), count: 5, rate: 100 });
    expect(failing.error).toMatchObject({
      code: 'NOTHING_ANSWERED',
      message: expect.stringMatching(/5 answered HTTP 500/),
    });
    expect(await listAll(store, PRODUCTION_RAW_PREFIX)).toEqual([]);
  });

  it('closes the loop: simulate → transform → archive → retrain-batch, v1 then no v2 then v2 with only new records', async () => {
    const store = await bucketWithSplit();
    const endpoint = await answererFor(store);
    const simulated = await run(simulate, store, {
      endpoint,
      count: 60,
      rate: 200,
      file_records: 25,
      split: 'validation',
    });
    expect(simulated).toMatchObject({
      requests: 60,
      answered: 60,
      keys_written: expect.arrayContaining([
        expect.stringMatching(/^data\/production\/retraining_data_raw\/simulated\//),
      ]),
    });
    expect(simulated.keys_written).toHaveLength(3);

    let staged = 0;
    for (const key of simulated.keys_written) staged += (await run(transform, store, { key })).records_out;
    expect(await listAll(store, PRODUCTION_RAW_PREFIX)).toEqual([]);

    const v1 = await run(retrainBatch, store);
    expect(v1).toMatchObject({ status: 'created', version: 'v1' });
    expect(v1.record_count).toBe(staged - (v1.dropped.duplicate ?? 0));
    expect(v1.record_count).toBeGreaterThan(40);
    expect(await run(retrainBatch, store)).toMatchObject({ status: 'nothing_new' });

    // Evaluation questions sent as traffic never reach a version.
    const more = await run(simulate, store, { endpoint, count: 30, rate: 200, split: 'evaluation', seed: 5 });
    for (const key of more.keys_written) await run(transform, store, { key });
    const noVersion = await run(retrainBatch, store);
    expect(noVersion).toMatchObject({
      status: 'nothing_new',
      latest_version: 'v1',
      dropped: { evaluation_question: expect.any(Number) },
    });
    expect(noVersion.dropped.evaluation_question).toBeGreaterThan(20);
    const evaluation = new Set(
      (await readText(store, SPLIT_KEYS.evaluation))
        .trim()
        .split('\n')
        .map((l) => questionKey(JSON.parse(l).question)),
    );
    for await (const record of readRetrainingRecords(store, 1))
      expect(evaluation.has(questionKey(record.question as string))).toBe(false);
    expect(await latestVersion(store)).toBe(1);

    // New traffic after that makes v2 of only the new records.
    const later = await run(simulate, store, { endpoint, count: 20, rate: 200, split: 'training', seed: 9 });
    let stagedLater = 0;
    for (const key of later.keys_written) stagedLater += (await run(transform, store, { key })).records_out;
    const v2 = await run(retrainBatch, store);
    expect(v2).toMatchObject({ status: 'created', version: 'v2' });
    expect(v2.record_count).toBe(stagedLater - (v2.dropped.duplicate ?? 0) - (v2.dropped.in_earlier_version ?? 0));
    expect(await latestVersion(store)).toBe(2);
  });
});
