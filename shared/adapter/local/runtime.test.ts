import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { tempDir } from '../../../test/helpers/temp-dir';
import { parseManifest } from '../../manifest';
import { type ActionDefinition, createLogger, defineAction, PipelineError } from '../../runtime';
import { FolderStore } from '../../store';
import { LocalRuntime, type RunReport } from './runtime';

const MANIFEST = `
project:
  packages:
    medqa:
      actions:
        ingest: { function: dist/ingest.js }
        nightly: { function: dist/nightly.js }
      triggers:
        inbox-created: { inputs: { prefix: inbox/ } }
        every-second: { feed: /whisk.system/alarms/alarm, inputs: { cron: "* * * * * *", trigger_payload: { job: tick } } }
      rules:
        inbox-to-ingest: { trigger: inbox-created, action: ingest }
        tick: { trigger: every-second, action: nightly }
`;

function recordingActions(failFirst: boolean) {
  const calls: Record<string, unknown>[] = [];
  let failures = failFirst ? 1 : 0;
  const ingest = defineAction({
    name: 'ingest',
    description: 'records its calls',
    params: z.object({ key: z.string(), etag: z.string(), size: z.number(), bucket: z.string() }),
    async run(params) {
      calls.push(params);
      if (failures > 0) {
        failures -= 1;
        throw new PipelineError('TRANSIENT', 'store hiccup');
      }
      return { status: 'ok' };
    },
  });
  const nightly = defineAction({
    name: 'nightly',
    description: 'tick',
    params: z.object({ job: z.string() }),
    run: async (p) => ({ status: p.job }),
  });
  return { calls, actions: { ingest, nightly } as Record<string, ActionDefinition> };
}

async function runtimeFor(failFirst = false, watchFiles = false) {
  const root = await tempDir();
  const store = new FolderStore(root);
  const { calls, actions } = recordingActions(failFirst);
  const runs: RunReport[] = [];
  const runtime = new LocalRuntime({
    manifest: parseManifest(MANIFEST),
    actions,
    store,
    params: { log_level: 'silent' },
    log: createLogger('silent'),
    scanIntervalMs: 0,
    settleMs: 50,
    onRun: (run) => runs.push(run),
  });
  return { root, store, runtime, calls, runs, start: () => runtime.start({ watchFiles }) };
}

describe('local runtime', () => {
  it('runs the routed action once per object found by the start-up scan, with the event parameters', async () => {
    const { store, runtime, calls, start } = await runtimeFor();
    const put = await store.put('inbox/a.jsonl', 'x');
    await new Promise((r) => setTimeout(r, 60));
    await start();
    await runtime.idle();
    expect(calls).toEqual([{ bucket: store.bucket, key: 'inbox/a.jsonl', etag: put.etag, size: 1 }]);
    await runtime.scan();
    await runtime.idle();
    expect(calls).toHaveLength(1); // processed objects are not run again
    await runtime.stop();
  });

  it('logs a failed run with its reason and retries it on the next scan', async () => {
    const { store, runtime, calls, runs, start } = await runtimeFor(true);
    await store.put('inbox/a.jsonl', 'x');
    await new Promise((r) => setTimeout(r, 60));
    await start();
    await runtime.idle();
    // The every-second alarm may fire in between: look at the ingest runs only.
    const ingestRuns = () => runs.filter((run) => run.action === 'ingest');
    expect(ingestRuns()[0]!.result).toEqual({ error: { code: 'TRANSIENT', message: 'store hiccup' } });
    await runtime.scan();
    await runtime.idle();
    expect(calls).toHaveLength(2);
    expect(ingestRuns()[1]!.result).toMatchObject({ status: 'ok' });
    await runtime.stop();
  });

  it('fires on files that arrive while it watches, only once they are complete', async () => {
    const { root, runtime, calls, start } = await runtimeFor(false, true);
    await start();
    const file = path.join(root, 'inbox', 'slow.jsonl');
    const handle = await fs.open(file, 'w');
    for (let i = 0; i < 5; i += 1) {
      await handle.write(`line ${i}\n`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await handle.close();
    for (let i = 0; i < 100 && calls.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    await runtime.idle();
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ key: 'inbox/slow.jsonl', size: 35 });
    await runtime.stop();
  });

  it('ignores files under a temporary name until they are renamed to their final name', async () => {
    const { root, runtime, calls, start } = await runtimeFor(false, true);
    await start();
    for (const name of ['day1.jsonl.part', 'day1.tmp', '.~lock.day1.jsonl#', '.hidden.jsonl']) {
      await fs.writeFile(path.join(root, 'inbox', name), 'partial\n');
    }
    await runtime.scan();
    await new Promise((r) => setTimeout(r, 300)); // past the 50 ms settle time: the watcher would have fired
    await runtime.idle();
    expect(calls).toEqual([]);
    await fs.rename(path.join(root, 'inbox', 'day1.jsonl.part'), path.join(root, 'inbox', 'day1.jsonl'));
    for (let i = 0; i < 100 && calls.length === 0; i += 1) await new Promise((r) => setTimeout(r, 20));
    await runtime.idle();
    expect(calls.map((c) => c.key)).toEqual(['inbox/day1.jsonl']);
    await runtime.stop();
  });

  it('runs alarm actions on their cron with the trigger payload', async () => {
    const { runtime, runs, start } = await runtimeFor();
    await start();
    for (let i = 0; i < 60 && runs.length === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    await runtime.stop();
    expect(runs[0]).toMatchObject({ action: 'nightly', trigger: 'every-second', result: { status: 'tick' } });
  });

  it('refuses a manifest that routes to an action the build does not have', () => {
    expect(
      () =>
        new LocalRuntime({
          manifest: parseManifest(MANIFEST),
          actions: {},
          store: new FolderStore('/tmp/unused'),
          log: createLogger('silent'),
        }),
    ).toThrow(/routes inbox\/ to ingest, which this build does not have/);
  });
});
