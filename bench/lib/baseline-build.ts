import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

/**
 * The bundles of an earlier commit of this repository, built in `dir`: its tree exported with
 * `git archive`, its own locked dependencies installed, its own build.mjs run. A benchmark can
 * then run both builds on the same input in the same run, so a speed-up is measured, not
 * remembered.
 */
export async function buildBaseline(revision: string, dir: string): Promise<{ root: string; commit: string }> {
  const commit = execFileSync('git', ['rev-parse', '--short', `${revision}^{commit}`], { encoding: 'utf8' }).trim();
  const root = path.join(dir, `baseline-${commit}`);
  await fs.mkdir(root, { recursive: true });
  const tree = execFileSync('git', ['archive', '--format=tar', commit], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', root], { input: tree });
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: root, stdio: 'ignore' });
  execFileSync(process.execPath, ['build.mjs'], { cwd: root, stdio: 'ignore' });
  return { root, commit };
}
