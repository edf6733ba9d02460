import { spawn } from 'node:child_process';
import { once } from 'node:events';
import * as fs from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMALL_EXPORT, toJsonl } from './fixtures/medquad-fixtures';
import { tempDir } from './helpers/temp-dir';

const CLI = path.resolve('bin/medqa.mjs');

function medqa(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => ({ code: code as number | null, stdout, stderr }));
  return { child, exited, output: () => stdout };
}

async function dropExport(dataDir: string, name = 'small.jsonl') {
  await fs.mkdir(path.join(dataDir, 'data/offline/raw'), { recursive: true });
  await fs.writeFile(path.join(dataDir, 'data/offline/raw', name), toJsonl(SMALL_EXPORT));
}

describe('medqa invoke', () => {
  it('runs an action against the folder store and prints its JSON result, exit 0', async () => {
    const dataDir = await tempDir();
    await dropExport(dataDir);
    const { code, stdout, stderr } = await medqa(['invoke', 'offline-etl', '-p', 'split_seed', '7'], {
      MEDQA_DATA_DIR: dataDir,
    }).exited;
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ status: 'built', final_records: 6 });
    expect(JSON.parse(await fs.readFile(path.join(dataDir, 'data/dataset-split/metadata.json'), 'utf8')).seed).toBe(
      '7',
    );
    // Only the result on stdout; the logs stay quiet unless --verbose, then JSON lines on stderr.
    expect(stderr).toBe('');
    const verbose = await medqa(['invoke', 'offline-etl', '-p', 'split_seed', '7', '--verbose'], {
      MEDQA_DATA_DIR: dataDir,
    }).exited;
    expect(JSON.parse(verbose.stdout)).toMatchObject({ status: 'unchanged' });
    const lines = verbose.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((line) => JSON.parse(line).action === 'offline-etl')).toBe(true);
  });

  it('takes -p data_dir over MEDQA_DATA_DIR, and exits 2 with the error JSON for a malformed parameter', async () => {
    const dataDir = await tempDir();
    const { code, stdout } = await medqa(
      ['invoke', 'offline-etl', '-p', 'data_dir', dataDir, '-p', 'split_ratios', '[1,2]'],
      { MEDQA_DATA_DIR: '/nonexistent' },
    ).exited;
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toEqual({
      error: { code: 'BAD_PARAMS', message: expect.stringContaining('split_ratios') },
    });
  });

  it('exits 1 with the error JSON when the action fails, and says what to pass for a missing parameter', async () => {
    const dataDir = await tempDir();
    const missingFile = await medqa([
      'invoke',
      'transform',
      '-p',
      'data_dir',
      dataDir,
      '-p',
      'key',
      'data/production/retraining_data_raw/none.jsonl',
    ]).exited;
    expect(missingFile.code).toBe(1);
    expect(JSON.parse(missingFile.stdout).error.code).toBe('NOT_FOUND');
    const missingKey = await medqa(['invoke', 'transform', '-p', 'data_dir', dataDir]).exited;
    expect(missingKey.code).toBe(2);
    expect(JSON.parse(missingKey.stdout).error.message).toBe(
      "transform: missing -p key (the raw object's key, e.g. data/production/retraining_data_raw/x.jsonl)",
    );
  });

  it("lists an action's parameters with --help and runs nothing", async () => {
    const dataDir = await tempDir();
    const { code, stdout } = await medqa(['invoke', 'retrain-batch', '--help', '-p', 'data_dir', dataDir]).exited;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^medqa invoke retrain-batch/);
    expect(stdout).toMatch(/-p claim_timeout_ms\s+number\s+default 900000/);
    expect(stdout).toMatch(/-p allow_without_split\s+boolean\s+default false/);
    await expect(fs.readdir(dataDir)).resolves.toEqual([]);
  });

  it('exits 2 naming the actions when the action does not exist', async () => {
    const { code, stderr } = await medqa(['invoke', 'nope']).exited;
    expect(code).toBe(2);
    expect(stderr).toMatch(/no action named "nope"; actions: offline-etl/);
  });
});

describe('medqa manners', () => {
  it('prints the version and exits 0', async () => {
    const { code, stdout } = await medqa(['--version']).exited;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^medqa \d+\.\d+\.\d+\n$/);
  });

  it("exits 2 naming an unknown flag, and prints a command's usage for --help", async () => {
    const bogus = await medqa(['status', '--bogus']).exited;
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toMatch(/^medqa status: unknown flag --bogus\n/);
    const help = await medqa(['start', '-h']).exited;
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:\n {2}medqa start \[--data-dir DIR\]/);
  });

  it('exits 2 and runs nothing for an unknown short flag, a stray argument or --help of an unknown action', async () => {
    const dataDir = await tempDir();
    for (const args of [
      ['invoke', 'summarize', '-x'],
      ['status', 'foo'],
      ['invoke', 'summarize', 'extra'],
      ['invoke', 'nope', '--help'],
      ['--bogus'],
    ]) {
      const { code, stderr } = await medqa(args, { MEDQA_DATA_DIR: dataDir }).exited;
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(/unknown flag (-x|--bogus)|unexpected argument|no action named "nope"/);
    }
    await expect(fs.readdir(dataDir)).resolves.toEqual([]);
  });

  it('describes every parameter of every action in its --help', async () => {
    const { stdout } = await medqa(['actions']).exited;
    for (const name of stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t')[0]!)) {
      const help = await medqa(['invoke', name, '--help']).exited;
      const rows = help.stdout.split('\n').filter((line) => line.startsWith('  -p '));
      expect(rows.length, name).toBeGreaterThan(0);
      for (const row of rows) expect(row, name).toMatch(/(required|optional|default .*?) {2}[a-z(]/);
    }
  });
});

describe('medqa status', () => {
  it('exits 2 with one line naming the MEDQA_* variable when a store setting is wrong', async () => {
    const { code, stdout, stderr } = await medqa(['status'], { MEDQA_STORE: 'ftp' }).exited;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^medqa: invalid store setting: store \(MEDQA_STORE\): .*\n$/);
  });

  it('shows file names with control and direction characters escaped', async () => {
    const dataDir = await tempDir();
    await dropExport(dataDir, 'a\u001b[2J\u202eb.jsonl');
    const { code, stdout } = await medqa(['status'], { MEDQA_DATA_DIR: dataDir }).exited;
    expect(code).toBe(0);
    expect(stdout).toContain('a\\u001b[2J\\u202eb.jsonl');
    expect(stdout.includes('\u001b') || stdout.includes('\u202e')).toBe(false);
  });

  it('exits 1 with what to check, not a stack trace, when the S3 store cannot be reached', async () => {
    const { code, stdout, stderr } = await medqa(['status'], {
      MEDQA_STORE: 's3',
      MEDQA_S3_ENDPOINT: 'http://127.0.0.1:9',
      MEDQA_S3_ACCESS_KEY_ID: 'k',
      MEDQA_S3_SECRET_ACCESS_KEY: 's',
    }).exited;
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^medqa: .*\nmedqa: check MEDQA_S3_ENDPOINT, MEDQA_S3_BUCKET/);
    expect(stderr).not.toMatch(/\n\s+at /);
    const notAUrl = await medqa(['status'], { MEDQA_STORE: 's3', MEDQA_S3_ENDPOINT: 'notaurl' }).exited;
    expect(notAUrl.code).toBe(2);
    expect(notAUrl.stderr).toMatch(/s3_endpoint \(MEDQA_S3_ENDPOINT\): expected an http/);
  });
});

describe('medqa start', () => {
  it('processes an export dropped while running, serves the web page, and stops cleanly on Ctrl-C', async () => {
    const dataDir = await tempDir();
    const run = medqa(['start', '--port', '0', '--scan-interval', '0'], {
      MEDQA_DATA_DIR: dataDir,
      MEDQA_LOG_LEVEL: 'warn',
    });
    const waitFor = async (pattern: RegExp) => {
      for (let i = 0; i < 200 && !pattern.test(run.output()); i += 1) await new Promise((r) => setTimeout(r, 50));
      expect(run.output()).toMatch(pattern);
      return run.output().match(pattern)!;
    };
    const [, url] = await waitFor(/dashboard: (http:\/\/localhost:\d+\/)/);
    await waitFor(/drop files into .*data\/offline\/raw\/ +→ offline-etl/);
    expect((await fetch(`${url}healthz`)).status).toBe(200);

    await dropExport(dataDir, 'dropped.jsonl');
    await waitFor(/offline-etl data\/offline\/raw\/dropped.jsonl → built/);
    const metadata = JSON.parse(await fs.readFile(path.join(dataDir, 'data/dataset-split/metadata.json'), 'utf8'));
    expect(metadata.final_records).toBe(6);

    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code).toBe(0);
  });

  it('says in one line that the port is taken, exit 2, instead of a stack trace', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const run = medqa(['start', '--port', String(port)], {
        MEDQA_DATA_DIR: await tempDir(),
        MEDQA_LOG_LEVEL: 'warn',
      });
      const { code, stderr } = await run.exited;
      expect(code).toBe(2);
      expect(stderr).toBe(`medqa: port ${port} is in use: pass --port N\n`);
    } finally {
      taken.close();
    }
  });

  it('picks up files already there at start-up', async () => {
    const dataDir = await tempDir();
    await dropExport(dataDir, 'before.jsonl');
    const run = medqa(['start', '--port', '0'], { MEDQA_DATA_DIR: dataDir, MEDQA_LOG_LEVEL: 'warn' });
    for (let i = 0; i < 200 && !/before.jsonl → built/.test(run.output()); i += 1)
      await new Promise((r) => setTimeout(r, 50));
    expect(run.output()).toMatch(/offline-etl data\/offline\/raw\/before.jsonl → built/);
    run.child.kill('SIGTERM');
    expect((await run.exited).code).toBe(0);
  });
});
