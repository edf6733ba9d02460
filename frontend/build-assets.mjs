// Builds the dashboard page into three strings (index.html, app.js, app.css), so that they can
// be inlined into the dashboard action bundle: the page needs no CDN and no extra files.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** @param {string} file a path relative to this folder */
const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/** @returns {Promise<Record<'index.html' | 'app.js' | 'app.css', string>>} */
export async function buildDashboardAssets() {
  const result = await build({
    entryPoints: [here('./app.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome110', 'firefox110', 'safari16'],
    outdir: 'out',
    write: false,
    logLevel: 'warning',
  });
  /** @param {string} ext */
  const file = (ext) => {
    const output = result.outputFiles.find((f) => f.path.endsWith(ext));
    if (!output) throw new Error(`the dashboard build wrote no ${ext} file`);
    return output.text;
  };
  return { 'index.html': readFileSync(here('./index.html'), 'utf8'), 'app.js': file('.js'), 'app.css': file('.css') };
}
