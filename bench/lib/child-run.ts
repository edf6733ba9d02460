import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import * as path from 'node:path';

export interface ChildMeasurement<T> {
  result: T;
  wall_s: number;
  rss_mb: number;
}

/** Builds the action bundles once, so benchmarks measure exactly what is deployed. */
export function buildBundles(): void {
  execFileSync(process.execPath, ['build.mjs'], { stdio: 'ignore' });
}

/**
 * Runs `body` (CommonJS source that sets `result` from an awaited expression) in a fresh Node
 * process and reports its wall time and its own peak RSS, so runs do not share a heap.
 */
export async function runInFreshProcess<T>(
  body: string,
  env: Record<string, string> = {},
): Promise<ChildMeasurement<T>> {
  const script = `
    (async () => {
      const started = process.hrtime.bigint();
      let result;
      ${body}
      const wall_s = Number(process.hrtime.bigint() - started) / 1e9;
      process.stdout.write(JSON.stringify({ result, wall_s, rss_mb: process.resourceUsage().maxRSS / 1024 }));
    })();`;
  // MEDQA_BENCH_PROFILE=DIR writes a CPU profile of each measured process there.
  const profile = process.env.MEDQA_BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.MEDQA_BENCH_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`benchmark child exited with ${code}`);
  return JSON.parse(out) as ChildMeasurement<T>;
}

/**
 * Invokes a built action bundle's `main` with parameters in a fresh process; `root` is the checkout whose dist/ it
 * takes.
 */
export function runBundle<T = Record<string, any>>(
  action: string,
  params: Record<string, unknown>,
  env: Record<string, string> = {},
  root = '.',
): Promise<ChildMeasurement<T>> {
  const bundle = path.resolve(root, `dist/${action}.js`);
  return runInFreshProcess<T>(
    `result = await require(${JSON.stringify(bundle)}).main(${JSON.stringify(params)});`,
    env,
  );
}
