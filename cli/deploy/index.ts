import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import openwhisk from 'openwhisk';
import { type Credentials, resolveCredentials } from './credentials';
import { desiredState } from './desired-state';
import { planDeployment } from './plan';

export interface DeployOptions {
  manifestPath: string;
  flags: Record<string, string | true>;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
}

/**
 * `medqa deploy [--dry-run]`: builds the bundles (unless they are newer than every source),
 * then creates or updates the package, actions, triggers (alarm feeds included) and rules of
 * manifest.yaml in an OpenWhisk namespace with the openwhisk client. Entities that already match
 * are left alone. A dry run without credentials plans against an empty namespace.
 */
export async function deploy({ manifestPath, flags, env, out }: DeployOptions): Promise<number> {
  const projectDir = path.dirname(path.resolve(manifestPath));
  const dryRun = flags['dry-run'] === true;
  if (flags['no-build']) {
    // The caller vouches for dist/ (tests, a CI step that built it).
  } else if (bundlesAreFresh(projectDir)) {
    out('bundles in dist/ are newer than every source: not rebuilt');
  } else {
    // Build from the project folder, whatever folder the command was started in.
    execFileSync(process.execPath, ['build.mjs'], { stdio: 'ignore', cwd: projectDir });
  }
  let credentials: Credentials | undefined;
  try {
    credentials = resolveCredentials(flags, env);
  } catch (err) {
    if (!dryRun) throw err;
  }
  const ow = credentials ? openwhisk({ ...credentials, ignore_certs: flags.insecure === true }) : EMPTY_NAMESPACE;
  const steps = await planDeployment(ow, desiredState(manifestPath, env));
  out(
    credentials
      ? `${dryRun ? 'plan' : 'deploying'} to ${credentials.apihost} (namespace ${credentials.namespace}):`
      : 'plan against an empty namespace (no OpenWhisk credentials given):',
  );
  for (const step of steps) {
    out(
      `  ${step.change.padEnd(9)} ${step.kind.padEnd(7)} ${step.name}${step.change !== 'unchanged' && step.why ? `  (${step.why})` : ''}`,
    );
    if (!dryRun && step.change !== 'unchanged') await step.apply();
  }
  const changes = steps.filter((s) => s.change !== 'unchanged').length;
  out(dryRun ? `${changes} change(s) planned; nothing written (--dry-run)` : `${changes} change(s) applied`);
  return 0;
}

/** A namespace that holds nothing: every lookup answers 404, as the controller would. */
const notFound = async () => {
  throw Object.assign(new Error('not found'), { statusCode: 404 });
};
const EMPTY_NAMESPACE = {
  packages: { get: notFound },
  actions: { get: notFound },
  triggers: { get: notFound },
  rules: { get: notFound },
} as unknown as ReturnType<typeof openwhisk>;

/** What the bundles are built from: a change to any of them makes dist/ stale. */
const BUILD_INPUTS = ['functions', 'shared', 'frontend', 'build.mjs', 'manifest.yaml', 'package-lock.json'];

/** Whether every bundle in dist/ is newer than every file it is built from. */
export function bundlesAreFresh(projectDir: string): boolean {
  const dist = path.join(projectDir, 'dist');
  const bundles = existsSync(dist) ? readdirSync(dist).filter((name) => name.endsWith('.js')) : [];
  const actions = readdirSync(path.join(projectDir, 'functions'));
  if (actions.some((name) => !bundles.includes(`${name}.js`))) return false;
  const oldestBundle = Math.min(...bundles.map((name) => statSync(path.join(dist, name)).mtimeMs));
  return BUILD_INPUTS.every((input) => newestChange(path.join(projectDir, input)) < oldestBundle);
}

function newestChange(file: string): number {
  const info = statSync(file, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(file).map((name) => newestChange(path.join(file, name))));
}
