import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { newExpectations, productionLogLines } from '../../test/fixtures/production-logs';
import { tempDir } from '../../test/helpers/temp-dir';
import { FolderStore, JsonlWriter } from '../store';
import { StageWorkerPool } from './stage-workers';
import { StagedOutput } from './staged-output';

const context = {
  safeTypes: new Set(['symptoms', 'causes']),
  maxRecordBytes: 65536,
  format: 'jsonl',
  source: { key: 'k', etag: 'e' },
};

/** Enough lines for several batches, so that the worker gets some of them. */
function logFile(): Readable {
  const lines = [...productionLogLines({ records: 3000, seed: 5 }, newExpectations())];
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
});
