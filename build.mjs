// Bundles each function under functions/<name>/index.ts into dist/<name>.js: one minified
// CommonJS file per action, as the OpenWhisk nodejs:20 runtime loads it (it loads no ESM).

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildDashboardAssets } from './frontend/build-assets.mjs';

const FUNCTIONS_DIR = 'functions';
let evaluations = 0;
const OUT_DIR = 'dist';

const names = readdirSync(FUNCTIONS_DIR).filter((name) => existsSync(join(FUNCTIONS_DIR, name, 'index.ts')));
rmSync(OUT_DIR, { recursive: true, force: true });

// The webhook dispatcher routes by the trigger prefixes of manifest.yaml, read by the same
// parser as the local runtime and the deploy command, so the three cannot disagree.
/** @type {import('./shared/manifest').PipelineManifest} */
const manifest = await evaluate(
  `import { readFileSync } from 'node:fs'; import { parseManifest } from './shared/manifest';
   export default parseManifest(readFileSync('manifest.yaml', 'utf8'));`,
);
const objectRoutes = Object.fromEntries(manifest.objectRoutes.map((route) => [route.prefix, route.trigger]));

const started = Date.now();
// The dashboard page (uPlot and all), inlined into the dashboard action: no CDN, no extra files.
const dashboardAssets = await buildDashboardAssets();
/**
 * A plugin that gives the module at `file` (a path from the repository root) the source `contents`.
 * @param {string} file @param {string} contents @returns {import('esbuild').Plugin}
 */
const replacedModule = (file, contents) => ({
  name: `replaced ${file}`,
  setup(build) {
    // Either separator, so that the build works on Windows too.
    const filter = new RegExp(`[\\\\/]${file.replaceAll('.', '\\.').replaceAll('/', '[\\\\/]')}$`);
    build.onLoad({ filter }, () => ({ contents, loader: 'ts' }));
  },
});
/**
 * The module at `file`, whose export `name` is worked out from constants, replaced by the value
 * itself: the work is done here, once, instead of at every cold start.
 * @param {string} file @param {string} name @returns {Promise<import('esbuild').Plugin>}
 */
async function precomputed(file, name) {
  const value = await evaluate(`export { ${name} as default } from './${file}';`);
  return replacedModule(file, `export const ${name} = ${JSON.stringify(value)};`);
}
const precomputedModules = await Promise.all([
  // The question-type rules' prefilter: the bundles carry neither the regex parser nor the
  // patterns' parsing at cold start.
  precomputed('shared/question-type/rule-text.ts', 'RULE_PREFILTER'),
  // The trie of the cue words that gate the number rules (about 15 ms of a cold start when built there).
  precomputed('shared/pii/cue-trie.ts', 'CUE_TRIE'),
  // The scan for the name rules' cue words (about 3 ms).
  precomputed('shared/pii/name-cue-scan.ts', 'NAME_CUE_SCAN'),
]);
// The name table (shared/pii/name-table.ts) is built from the word-list packages once, here. The
// actions carry it as a literal; the stage worker gets it from the thread that starts it, so
// the transform bundle stores it once.
const nameTable = await evaluate(`export { buildNameTable as default } from './shared/pii/name-table-source';`).then(
  (buildNameTable) => buildNameTable(),
);
/** @param {string} contents @returns {import('esbuild').Plugin} */
const nameTableModule = (contents) => ({
  name: 'name-table',
  setup(build) {
    build.onLoad({ filter: /[\\/]shared[\\/]pii[\\/]name-table\.ts$/ }, () => ({ contents, loader: 'ts' }));
  },
});
const nameTableLiteral = nameTableModule(`export const NAME_TABLE = ${JSON.stringify(nameTable)};`);
const nameTableFromParent = nameTableModule(
  `import { workerData } from 'node:worker_threads'; export const NAME_TABLE: string = workerData.nameTable;`,
);
/** One minified CommonJS file for Node 20, as the nodejs:20 runtime loads it. @type {import('esbuild').BuildOptions} */
const nodeBundle = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Node 20 has Unicode property escapes (\p{Lu}); esbuild's table says otherwise and would turn every
  // such regex literal into a `new RegExp(...)` call, evaluated again each time the function runs.
  supported: { 'regexp-unicode-property-escapes': true },
  format: 'cjs',
  // The packages' ES module builds: esbuild drops what is never imported (half of the AWS SDK's
  // client code) and runs the rest without a module wrapper each, so a cold start loads less.
  mainFields: ['module', 'main'],
  // MEDQA_NO_MINIFY=1 keeps names and source paths, for reading a CPU profile of a bundle.
  minify: process.env.MEDQA_NO_MINIFY !== '1',
  legalComments: 'none',
  logLevel: 'warning',
  // import.meta is empty in CommonJS: code relying on it would crash at run time, so refuse to build.
  logOverride: { 'empty-import-meta': 'error' },
  plugins: [...precomputedModules, nameTableLiteral],
};
// transform's worker thread, started from its source text: an action is one file, with no second file to load.
const stageWorker = await build({
  ...nodeBundle,
  plugins: [...precomputedModules, nameTableFromParent],
  entryPoints: ['shared/production/stage-worker.ts'],
  write: false,
});
const [stageWorkerFile] = stageWorker.outputFiles;
if (!stageWorkerFile) throw new Error('the stage worker bundle came out empty');
const stageWorkerSource = asciiOnly(stageWorkerFile.text);
const actionBundle = {
  ...nodeBundle,
  // Preinstalled in the nodejs:20 image.
  external: ['openwhisk'],
  define: {
    MEDQA_OBJECT_ROUTES: JSON.stringify(JSON.stringify(objectRoutes)),
    MEDQA_DASHBOARD_ASSETS: JSON.stringify(JSON.stringify(dashboardAssets)),
    MEDQA_STAGE_WORKER: JSON.stringify(stageWorkerSource),
  },
};

await Promise.all(
  names.map((name) =>
    build({
      ...actionBundle,
      entryPoints: [join(FUNCTIONS_DIR, name, 'index.ts')],
      outfile: join(OUT_DIR, `${name}.js`),
    }),
  ),
);
// The Knative container: every action behind one HTTP server (shared/adapter/knative/server.ts).
await build({
  ...actionBundle,
  entryPoints: ['shared/adapter/knative/server.ts'],
  outfile: join(OUT_DIR, 'knative-server.js'),
});

// The repo is "type": "module"; mark dist/ as CommonJS so Node (tests, benchmarks) loads the
// bundles exactly as the OpenWhisk runtime does.
mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, 'package.json'), '{ "type": "commonjs" }\n');
for (const file of readdirSync(OUT_DIR).filter((name) => name.endsWith('.js'))) {
  const path = join(OUT_DIR, file);
  writeFileSync(path, asciiOnly(readFileSync(path, 'utf8')));
}
for (const name of names) {
  const size = statSync(join(OUT_DIR, `${name}.js`)).size;
  console.log(`dist/${name}.js  ${(size / 1024).toFixed(0)} KiB`);
}
console.log(`built ${names.length} action bundle(s) in ${Date.now() - started} ms`);

/**
 * `code` with every character above U+007F written as a \u escape. V8 holds a source that is
 * all ASCII one byte per character, and reads and compiles it faster (transform's 1.6 MB bundle
 * loads about 6 ms sooner). esbuild escapes string literals but leaves regex literals and
 * template literals as written; in the bundles those are patterns, where an escape matches the
 * same character. An identity escape ("\é") gives up its backslash to the new escape.
 * @param {string} code
 */
function asciiOnly(code) {
  return code.replace(/(\\*)([\u0080-\uffff])/g, (_, backslashes, char) => {
    const kept = backslashes.length % 2 === 1 ? backslashes.slice(1) : backslashes;
    return `${kept}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * The default export of a TypeScript module given as source, bundled and run in this process.
 * Packages stay external and load from node_modules, so CommonJS dependencies work as usual.
 */
/**
 * @param {string} source
 * @returns {Promise<any>}
 */
async function evaluate(source) {
  const bundled = await build({
    stdin: { contents: source, resolveDir: '.', loader: 'ts' },
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'warning',
  });
  const cache = join('node_modules', '.cache', 'medqa-build');
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `evaluate-${process.pid}-${evaluations++}.mjs`);
  const [output] = bundled.outputFiles;
  if (!output) throw new Error('nothing to evaluate: the bundle came out empty');
  writeFileSync(file, output.text);
  try {
    return (await import(pathToFileURL(file).href)).default;
  } finally {
    rmSync(file, { force: true });
  }
}
