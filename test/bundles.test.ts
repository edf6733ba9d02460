import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS } from '../shared/actions';
import { OFFLINE_RAW_PREFIX } from '../shared/layout';
import { parseManifest, type PipelineManifest } from '../shared/manifest';
import { SMALL_EXPORT, toJsonl } from './fixtures/medquad-fixtures';
import { tempDir } from './helpers/temp-dir';

let manifest: PipelineManifest;

beforeAll(async () => {
  execFileSync(process.execPath, ['build.mjs'], { stdio: 'pipe' });
  manifest = parseManifest(await fs.readFile('manifest.yaml', 'utf8'));
});

/**
 * Loads a bundle the way the OpenWhisk nodejs:20 proxy loads a single-file action: the
 * source evaluated as CommonJS, from a folder with no node_modules of the project's.
 */
function invokeBundle(bundle: string, params: Record<string, unknown>, cwd: string): Record<string, any> {
  const script = `
    const source = require('fs').readFileSync(${JSON.stringify(path.resolve(bundle))}, 'utf8');
    const module = { exports: {} };
    new Function('module', 'exports', 'require', source)(module, module.exports, require);
    Promise.resolve(module.exports.main(${JSON.stringify(params)})).then((r) => process.stdout.write(JSON.stringify(r)));`;
  const out = execFileSync(process.execPath, ['-e', script], { cwd, env: { PATH: process.env.PATH, __OW_ACTIVATION_ID: 'act-123', __OW_DEADLINE: String(Date.now() + 60_000) } });
  return JSON.parse(out.toString());
}

describe('manifest.yaml and the action bundles', () => {
  it('declares package medqa with a nodejs:20 CommonJS bundle per action, each built', async () => {
    expect(manifest.packageName).toBe('medqa');
    for (const [name, spec] of Object.entries(manifest.actions)) {
      expect(spec.runtime, name).toBe('nodejs:20');
      expect(spec.function, name).toBe(`dist/${name}.js`);
      const code = await fs.readFile(spec.function, 'utf8');
      expect(code, name).not.toMatch(/import\.meta|^export |^import /m);
      expect(ACTIONS[name], `${name} is in shared/actions.ts`).toBeDefined();
    }
  });

  it('routes the offline raw prefix to offline-etl through a trigger carrying the prefix', () => {
    expect(manifest.objectRoutes).toContainEqual({ trigger: 'offline-raw-created', prefix: OFFLINE_RAW_PREFIX, action: 'offline-etl' });
  });

  it('runs offline-etl from its bundle as the runtime would, returning a JSON result', async () => {
    const dataDir = await tempDir();
    await fs.mkdir(path.join(dataDir, OFFLINE_RAW_PREFIX), { recursive: true });
    await fs.writeFile(path.join(dataDir, OFFLINE_RAW_PREFIX, 'x.jsonl'), toJsonl(SMALL_EXPORT));
    const result = invokeBundle('dist/offline-etl.js', { store: 'folder', data_dir: dataDir, log_level: 'silent' }, dataDir);
    expect(result).toMatchObject({ status: 'built', final_records: 6 });
    expect(result.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it('returns {error: {code, message}} with no stack trace for bad input', async () => {
    const result = invokeBundle('dist/offline-etl.js', { store: 'folder', data_dir: await tempDir(), split_seed: { nested: true }, log_level: 'silent' }, await tempDir());
    expect(Object.keys(result)).toEqual(['error']);
    expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
    expect(result.error.code).toBe('BAD_PARAMS');
  });
});
