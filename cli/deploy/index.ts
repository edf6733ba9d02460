import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import openwhisk from 'openwhisk';
import { resolveCredentials } from './credentials';
import { desiredState } from './desired-state';
import { planDeployment } from './plan';

export interface DeployOptions {
  manifestPath: string;
  flags: Record<string, string | true>;
  env: NodeJS.ProcessEnv;
  out: (line: string) => void;
}

/**
 * `medqa deploy [--dry-run]`: builds the bundles, then creates or updates the package, actions,
 * triggers (alarm feeds included) and rules of manifest.yaml in an OpenWhisk namespace with the
 * openwhisk client. Entities that already match are left alone.
 */
export async function deploy({ manifestPath, flags, env, out }: DeployOptions): Promise<number> {
  // Build from the project folder, whatever folder the command was started in.
  if (!flags['no-build'])
    execFileSync(process.execPath, ['build.mjs'], { stdio: 'ignore', cwd: path.dirname(path.resolve(manifestPath)) });
  const credentials = resolveCredentials(flags, env);
  const ow = openwhisk({ ...credentials, ignore_certs: flags.insecure === true });
  const steps = await planDeployment(ow, desiredState(manifestPath, env));
  const dryRun = flags['dry-run'] === true;
  out(`${dryRun ? 'plan' : 'deploying'} to ${credentials.apihost} (namespace ${credentials.namespace}):`);
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
