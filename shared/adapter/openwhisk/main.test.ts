import { afterEach, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { tempDir } from '../../../test/helpers/temp-dir';
import { defineAction, type Invocation, PipelineError } from '../../runtime';
import { openwhiskMain } from './main';

const OW_VARIABLES = ['__OW_ACTIVATION_ID', '__OW_DEADLINE', '__OW_API_KEY', '__OW_API_HOST'] as const;
afterEach(() => {
  for (const name of OW_VARIABLES) delete process.env[name];
});

/** An action that reports what the platform told it, or fails as asked. */
const probe = defineAction({
  name: 'probe',
  description: 'reports its invocation',
  params: z.object({ fail: z.enum(['pipeline', 'bug']).optional() }),
  async run(params, { invocation, activations }) {
    if (params.fail === 'pipeline') throw new PipelineError('NOT_FOUND', 'no such object');
    if (params.fail === 'bug') throw new TypeError('x is undefined');
    const seen: Invocation = invocation;
    return { status: 'ok', invocation: seen, parts_mode: activations?.mode ?? null };
  },
});

describe('openwhiskMain', () => {
  it('gives the stage the activation id and deadline from __OW_*, and starts parts only with the API key', async () => {
    const dataDir = await tempDir();
    process.env.__OW_ACTIVATION_ID = 'a1b2c3';
    process.env.__OW_DEADLINE = String(Date.now() + 60_000);
    const alone = await openwhiskMain(probe)({ data_dir: dataDir });
    expect(alone).toMatchObject({
      status: 'ok',
      invocation: { id: 'a1b2c3', deadline: Number(process.env.__OW_DEADLINE) },
      parts_mode: null,
    });
    process.env.__OW_API_KEY = 'uuid:key';
    process.env.__OW_API_HOST = 'https://ow.example.org';
    expect(await openwhiskMain(probe)({ data_dir: dataDir })).toMatchObject({ parts_mode: 'detached' });
  });

  it('resolves every failure to {error: {code, message}} without a stack trace', async () => {
    const dataDir = await tempDir();
    const main = openwhiskMain(probe);
    expect(await main({ data_dir: dataDir, fail: 'pipeline' })).toEqual({
      error: { code: 'NOT_FOUND', message: 'no such object' },
    });
    const bug = (await main({ data_dir: dataDir, fail: 'bug' })) as { error: { code: string; message: string } };
    expect(bug.error.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(bug)).not.toMatch(/\bat .*\.ts:\d+/);
    expect(await main({ data_dir: dataDir, fail: 'maybe' })).toMatchObject({ error: { code: 'BAD_PARAMS' } });
  });

  it('refuses to start with too little time left before the deadline', async () => {
    process.env.__OW_DEADLINE = String(Date.now() + 500);
    expect(await openwhiskMain(probe)({ data_dir: await tempDir() })).toMatchObject({
      error: { code: 'DEADLINE' },
    });
  });
});
