import { execFileSync } from 'node:child_process';

/** Builds the action bundles once before any test file runs: several files load dist/. */
export default function buildBundles(): void {
  execFileSync(process.execPath, ['build.mjs'], { stdio: 'pipe' });
}
