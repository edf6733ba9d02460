import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { newExpectations, productionLogLines } from '../../test/fixtures/production-logs';
import { tempDir } from '../../test/helpers/temp-dir';
import { FolderStore, JsonlWriter, readText } from '../store';
import { lineBatches } from './line-batch';
import { KeptEarlier, outcomeBatchOfLines } from './outcome-batch';
import { StageWorkerPool, stageWorkerCount, useStageWorkerFile } from './stage-workers';
import { StagedOutput } from './staged-output';

const context = {
  safeTypes: new Set(['symptoms', 'causes']),
  maxRecordBytes: 65536,
  format: 'jsonl',
  source: { key: 'k', etag: 'e' },
};

/** Enough lines for several batches, so that the worker gets some of them. */
function logFile(): Readable {
  // Four lines in ten ask an earlier question again: duplicates for each thread to find.
  const lines = [...productionLogLines({ records: 3000, seed: 5, repeats: 0.4 }, newExpectations())];
  return Readable.from([Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')]))]);
}

async function stageWith(workerSource: string): Promise<Error> {
  const store = new FolderStore(await tempDir());
  const staged = new JsonlWriter(store, 'staged.jsonl');
  const quarantine = new JsonlWriter(store, 'quarantine.jsonl');
  const pool = new StageWorkerPool(1, workerSource);
  try {
    return await pool.stage(logFile(), context, new StagedOutput(staged, quarantine, context.source)).then(
      () => new Error('staging succeeded'),
      (err: Error) => err,
    );
  } finally {
    await pool.stop();
    await Promise.all([staged.abort(new Error('test over')), quarantine.abort(new Error('test over'))]);
  }
}

describe('transform worker threads', () => {
  it('fail the file with the worker error when a worker throws', async () => {
    const err = await stageWith(
      `require('node:worker_threads').parentPort.on('message', (m) => { if (m.lines) throw new Error('worker broke on a batch'); });`,
    );
    expect(err.message).toBe('worker broke on a batch');
  });

  it('fail the file when a worker thread exits', async () => {
    const err = await stageWith(
      `require('node:worker_threads').parentPort.on('message', (m) => { if (m.lines) process.exit(3); });`,
    );
    expect(err.message).toMatch(/worker thread stopped \(exit code 3\)/);
  });

  it('run unbundled from stage-worker.ts, and stage byte for byte what this thread does alone', async () => {
    expect(stageWorkerCount(64 * 1024 * 1024, 1)).toBe(0); // no worker source yet: this thread alone
    useStageWorkerFile(
      fileURLToPath(new URL('./stage-worker.ts', import.meta.url)),
      createRequire(import.meta.url).resolve('tsx/cjs'),
    );
    expect(stageWorkerCount(64 * 1024 * 1024, 1)).toBe(1);

    const store = new FolderStore(await tempDir());
    const staged = new JsonlWriter(store, 'threads.jsonl');
    const quarantine = new JsonlWriter(store, 'threads-quarantine.jsonl');
    const pool = new StageWorkerPool(1);
    try {
      await pool.stage(logFile(), context, new StagedOutput(staged, quarantine, context.source));
    } finally {
      await pool.stop();
    }
    await Promise.all([staged.close(), quarantine.close()]);

    const aloneStaged = new JsonlWriter(store, 'alone.jsonl');
    const aloneQuarantine = new JsonlWriter(store, 'alone-quarantine.jsonl');
    const alone = new StagedOutput(aloneStaged, aloneQuarantine, context.source);
    for await (const batch of lineBatches(logFile(), context.maxRecordBytes))
      await alone.apply(outcomeBatchOfLines(batch, context));
    await Promise.all([aloneStaged.close(), aloneQuarantine.close()]);
    expect(await readText(store, 'threads.jsonl')).toBe(await readText(store, 'alone.jsonl'));
    expect(await readText(store, 'threads-quarantine.jsonl')).toBe(await readText(store, 'alone-quarantine.jsonl'));
  });

  it('quarantine a repeat found by its own thread byte for byte as the staged output would', async () => {
    const store = new FolderStore(await tempDir());
    const stage = async (name: string, earlier?: KeptEarlier) => {
      const staged = new JsonlWriter(store, `${name}.jsonl`);
      const quarantine = new JsonlWriter(store, `${name}-quarantine.jsonl`);
      const output = new StagedOutput(staged, quarantine, context.source);
      let foundByThread = 0;
      for await (const lines of lineBatches(logFile(), context.maxRecordBytes)) {
        const batch = outcomeBatchOfLines(lines, context, earlier);
        foundByThread += batch.dropped.byReason.duplicate ?? 0;
        await output.apply(batch);
      }
      await Promise.all([staged.close(), quarantine.close()]);
      return { foundByThread, counts: output.summaryCounts() };
    };
    const withMemory = await stage('remembered', new KeptEarlier());
    const without = await stage('plain');
    expect(withMemory.foundByThread).toBeGreaterThan(100);
    expect(without.foundByThread).toBe(0);
    expect(withMemory.counts).toEqual(without.counts);
    expect(without.counts.dropped.duplicate).toBeGreaterThanOrEqual(withMemory.foundByThread);
    expect(await readText(store, 'remembered.jsonl')).toBe(await readText(store, 'plain.jsonl'));
    expect(await readText(store, 'remembered-quarantine.jsonl')).toBe(await readText(store, 'plain-quarantine.jsonl'));
  });
});
