import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDashboardAssets } from '../frontend/build-assets.mjs';
import { ACTIONS } from '../shared/actions';
import { inProcessActivations } from '../shared/adapter/local/activations';
import { DEFAULT_SETTLE_MS, LocalRuntime } from '../shared/adapter/local/runtime';
import { localWebApp, serveLocalWeb } from '../shared/adapter/local/web';
import { SUMMARY_KEY } from '../shared/bucket/keys';
import { parseManifest } from '../shared/manifest';
import { useStageWorkerFile } from '../shared/production/stage-workers';
import {
  createLogger,
  invokeAction,
  isErrorResult,
  type LogSink,
  openStore,
  PipelineError,
  paramHelp,
  paramsFromEnv,
  setText,
} from '../shared/runtime';
import { dispatchObjectNotification } from '../shared/stages/on-object-created';
import { collectStatus, formatStatus } from '../shared/status/status';
import { StoreError } from '../shared/store';
import { parseArgs } from './args';
import { deploy } from './deploy';
import { progressBar } from './progress-bar';
import { provision } from './provision';
import { printable, readableLogLine, runLine } from './run-report';

const USAGE = `medqa — the medqa data pipeline

Usage:
  medqa start [--data-dir DIR] [--port 8080] [--host 127.0.0.1] [--scan-interval SECONDS]
              [--settle-ms MS] [--store s3] [--poll-interval SECONDS] [--json-logs]
      Runs the pipeline locally: the folder DIR is the bucket (default .medqa/bucket,
      or MEDQA_DATA_DIR); files dropped under its raw prefixes fire their actions. With
      MEDQA_STORE=s3 (or --store s3) and MEDQA_S3_* it runs on that bucket instead and finds
      new objects by listing every --poll-interval seconds (MEDQA_POLL_INTERVAL, default 5);
      with MEDQA_WEBHOOK_SECRET set it also takes MinIO's webhook at /on-object-created.
      Prints a line per run and per step; --json-logs writes the steps as JSON lines on stderr.
  medqa invoke <action> [-p name value]... [-P params.json] [--verbose]
      Runs one action against the store and prints its JSON result (like wsk action invoke -r);
      logs go to stderr, warnings and errors only unless --verbose. Exit status 0 on success,
      1 when the action returns an error, 2 for a missing or malformed parameter.
      medqa invoke <action> --help lists the action's parameters.
  medqa deploy [--dry-run] [--apihost H --auth KEY --namespace NS] [--no-build] [--insecure]
      Builds the bundles (unless dist/ is newer than every source) and creates or updates the
      package, actions, triggers and rules of manifest.yaml in OpenWhisk (credentials from
      flags, WSK_APIHOST/WSK_AUTH, or ~/.wskprops). Unchanged entities are left alone;
      --dry-run prints the plan only, against an empty namespace when no credentials are set.
  medqa provision [--webhook-url URL] [--target-id MEDQA]
      Creates the bucket (MEDQA_S3_* settings) and routes its object-created notifications for
      each raw prefix to the MinIO webhook target; prints the mc commands MinIO needs for it.
  medqa status [--json]
      Per stage: what is pending, failed (with the last error) and quarantined; the latest
      split and retraining version. Reads the store the settings point at.
  medqa actions
      Lists the actions.
  medqa --version
      Prints the version.

Settings come from MEDQA_<NAME> environment variables and -p name value (JSON when it parses).
medqa <command> --help prints that command's usage; --help never runs anything.`;

/** Each command's part of the usage, for `medqa <command> --help`. */
const COMMAND_USAGE = new Map(
  USAGE.split(/\n(?= {2}medqa )/)
    .slice(1)
    .map((part) => [part.trim().split(/\s+/)[1]!, `Usage:\n${part.replace(/\n\n[\s\S]*$/, '')}`] as const),
);

/** The flags each command takes; any other is a usage error. */
const COMMAND_FLAGS: Record<string, readonly string[]> = {
  start: ['data-dir', 'port', 'host', 'scan-interval', 'settle-ms', 'store', 'poll-interval', 'json-logs'],
  invoke: ['verbose'],
  deploy: ['dry-run', 'apihost', 'auth', 'namespace', 'manifest', 'no-build', 'insecure'],
  provision: ['webhook-url', 'target-id'],
  status: ['json'],
  actions: [],
  help: [],
};

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

const MANIFEST_URL = new URL('../manifest.yaml', import.meta.url);

const STORE_HINT =
  'medqa: check MEDQA_S3_ENDPOINT, MEDQA_S3_BUCKET, MEDQA_S3_ACCESS_KEY_ID and MEDQA_S3_SECRET_ACCESS_KEY ' +
  '(or unset MEDQA_STORE and MEDQA_S3_ENDPOINT for the folder store)';

export async function main(argv: string[]): Promise<number> {
  // transform's worker threads, as the bundles have them: stage-worker.ts, run through tsx.
  useStageWorkerFile(
    fileURLToPath(new URL('../shared/production/stage-worker.ts', import.meta.url)),
    fileURLToPath(import.meta.resolve('tsx/cjs')),
  );
  try {
    return await run(argv);
  } catch (err) {
    // Settings the user can fix (a bad MEDQA_* value, say) are reported in one line, not a stack trace.
    if (err instanceof PipelineError) {
      process.stderr.write(`medqa: ${err.message}\n`);
      return 2;
    }
    // A store that cannot be reached or refuses the credentials: what to check, in two lines.
    if (err instanceof StoreError) {
      process.stderr.write(`medqa: ${err.message}\n${err.code === 'STORE_UNAVAILABLE' ? `${STORE_HINT}\n` : ''}`);
      return 1;
    }
    throw err;
  }
}

async function run(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (err) {
    process.stderr.write(`medqa: ${(err as Error).message}\n`);
    return 2;
  }
  const [command, ...rest] = args.positionals;
  if (args.flags.version && command === undefined) {
    process.stdout.write(`medqa ${VERSION}\n`);
    return 0;
  }
  if (command === undefined) {
    const unknown = Object.keys(args.flags).filter((flag) => flag !== 'help');
    if (unknown.length > 0) {
      process.stderr.write(`medqa: unknown flag ${unknown.map((f) => `--${f}`).join(', ')}\n\n${USAGE}\n`);
      return 2;
    }
  }
  // Only invoke takes a positional (the action); anything more is a mistake to name, not ignore.
  const extra = rest.slice(command === 'invoke' ? 1 : 0);
  if (command !== undefined && COMMAND_FLAGS[command] && extra.length > 0) {
    process.stderr.write(`medqa ${command}: unexpected argument ${JSON.stringify(extra[0])}\n`);
    process.stderr.write(`${COMMAND_USAGE.get(command) ?? USAGE}\n`);
    return 2;
  }
  if (command !== undefined && COMMAND_FLAGS[command]) {
    const unknown = Object.keys(args.flags).filter(
      (flag) => flag !== 'help' && !COMMAND_FLAGS[command]!.includes(flag),
    );
    if (unknown.length > 0) {
      process.stderr.write(`medqa ${command}: unknown flag ${unknown.map((f) => `--${f}`).join(', ')}\n`);
      process.stderr.write(`${COMMAND_USAGE.get(command) ?? USAGE}\n`);
      return 2;
    }
    // --help describes and never runs: `invoke simulate --help` sends no requests.
    if (args.flags.help) {
      if (command === 'invoke' && rest[0] && !ACTIONS[rest[0]]) {
        process.stderr.write(`${unknownAction(rest[0])}\n`);
        return 2;
      }
      process.stdout.write(
        `${command === 'invoke' && rest[0] ? actionHelp(rest[0]) : (COMMAND_USAGE.get(command) ?? USAGE)}\n`,
      );
      return 0;
    }
  }
  switch (command) {
    case 'invoke':
      return invoke(rest[0], args.params, args.flags.verbose === true);
    case 'start':
      return start(args.flags);
    case 'deploy':
      return deploy({
        manifestPath: fileURLToPath(MANIFEST_URL),
        flags: args.flags,
        env: process.env,
        out: (line) => process.stdout.write(`${line}\n`),
      }).catch((err: Error) => {
        process.stderr.write(`medqa deploy: ${err.message}\n`);
        return 1;
      });
    case 'provision':
      return provision({
        manifestPath: fileURLToPath(MANIFEST_URL),
        params: { ...paramsFromEnv(process.env), ...args.params },
        flags: args.flags,
        env: process.env,
        out: (line) => process.stdout.write(`${line}\n`),
      }).catch((err: Error) => {
        process.stderr.write(`medqa provision: ${err.message}\n`);
        return 1;
      });
    case 'status': {
      const store = openStore({ ...paramsFromEnv(process.env), ...args.params });
      const status = await collectStatus(store);
      process.stdout.write(
        // Keys and messages are named by whoever dropped the file: shown with control characters escaped.
        `${args.flags.json ? JSON.stringify(status, null, 2) : formatStatus(status, store.bucket).split('\n').map(printable).join('\n')}\n`,
      );
      return 0;
    }
    case 'actions':
      for (const action of Object.values(ACTIONS)) process.stdout.write(`${action.name}\t${action.description}\n`);
      return 0;
    case undefined:
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return args.flags.help || command === 'help' ? 0 : 2;
    default:
      process.stderr.write(`medqa: unknown command ${JSON.stringify(command)}\n\n${USAGE}\n`);
      return 2;
  }
}

const actionList = () => `actions: ${Object.keys(ACTIONS).join(', ')}`;
const unknownAction = (name: string) => `medqa invoke: no action named ${JSON.stringify(name)}; ${actionList()}`;

/** An action's parameters as `medqa invoke <action> --help` lists them: name, kind, default, description. */
function actionHelp(name: string): string {
  const action = ACTIONS[name];
  if (!action) return unknownAction(name);
  const rows = paramHelp(action.params).map((p) => {
    const fallback = p.required
      ? 'required'
      : p.default === undefined
        ? 'optional'
        : `default ${JSON.stringify(p.default)}`;
    return `  -p ${p.name.padEnd(24)} ${p.kind.padEnd(16)} ${fallback}${p.description ? `  ${p.description}` : ''}`;
  });
  return [
    `medqa invoke ${name} [-p name value]...`,
    `  ${action.description}`,
    '',
    'Parameters:',
    ...rows,
    '',
    'Store settings (store, data_dir, s3_*) and log_level come from MEDQA_* variables or -p as well.',
  ].join('\n');
}

/**
 * The store and the runs an action starts (transform's parts), in this process and one per
 * core; none when the store settings are wrong, which invokeAction then reports.
 */
function inProcessRuns(params: Record<string, unknown>, logSink?: LogSink) {
  try {
    const store = openStore(params);
    return { store, activations: inProcessActivations(ACTIONS, { store, ...(logSink ? { logSink } : {}) }) };
  } catch {
    return {};
  }
}

async function invoke(name: string | undefined, cliParams: Record<string, unknown>, verbose = false): Promise<number> {
  const action = name ? ACTIONS[name] : undefined;
  if (!action) {
    process.stderr.write(`${name ? unknownAction(name) : `medqa invoke: which action? ${actionList()}`}\n`);
    return 2;
  }
  // Only the result goes to stdout; logs to stderr, quiet unless asked for. On a terminal the
  // actions' progress lines become a bar (which needs them logged, at info).
  const bar = process.stderr.isTTY ? progressBar(process.stderr, verbose ? 'info' : 'warn') : undefined;
  const logLevel = verbose || bar ? 'info' : 'warn';
  const params = { log_level: logLevel, ...paramsFromEnv(process.env), ...cliParams };
  const result = await invokeAction(action, params, { logSink: bar?.sink, ...inProcessRuns(params, bar?.sink) });
  bar?.done();
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  if (isErrorResult(result)) return result.error.code === 'BAD_PARAMS' ? 2 : 1;
  return 0;
}

async function start(flags: Record<string, string | true>): Promise<number> {
  const envParams = paramsFromEnv(process.env);
  if (typeof flags['data-dir'] === 'string') envParams.data_dir = flags['data-dir'];
  if (typeof flags.store === 'string') envParams.store = flags.store;
  // The same store settings as invoke: the folder store by default, S3 with MEDQA_S3_* or --store s3.
  const store = openStore(envParams);
  const onS3 = store.kind === 's3';
  // One request before the banner: an unreachable store or wrong credentials end here, in two lines.
  await store.head(SUMMARY_KEY);
  // Steps as readable lines among the run lines, or as JSON lines on stderr for a log shipper.
  const logSink = flags['json-logs'] ? undefined : (line: string) => process.stdout.write(`${readableLogLine(line)}\n`);
  const log = createLogger(envParams.log_level === 'debug' ? 'debug' : 'info', { component: 'local-runtime' }, logSink);
  const manifest = parseManifest(readFileSync(MANIFEST_URL, 'utf8'));
  // A folder is watched and rescanned now and then; an S3 bucket has nothing to watch and is listed often.
  const scanSeconds = onS3
    ? Number(flags['poll-interval'] ?? envParams.poll_interval ?? 5)
    : Number(flags['scan-interval'] ?? 30);
  // 0 turns the folder's rescans off (the watcher still fires); S3 needs its listing.
  if (!(scanSeconds > 0 || (!onS3 && scanSeconds === 0))) {
    throw new PipelineError(
      'BAD_PARAMS',
      `--${onS3 ? 'poll-interval (MEDQA_POLL_INTERVAL)' : 'scan-interval'} must be a positive number of seconds`,
    );
  }
  const settleMs = Number(flags['settle-ms'] ?? envParams.settle_ms ?? DEFAULT_SETTLE_MS);
  if (!Number.isInteger(settleMs) || settleMs < 0) {
    throw new PipelineError('BAD_PARAMS', `--settle-ms (MEDQA_SETTLE_MS) must be a whole number of milliseconds`);
  }

  const runtime = new LocalRuntime({
    manifest,
    actions: ACTIONS,
    store,
    params: envParams,
    log,
    logSink,
    scanIntervalMs: scanSeconds * 1000,
    settleMs,
    onRun: ({ action, event, result }) => {
      process.stdout.write(`${new Date().toISOString().slice(11, 19)}  ${runLine(action, event?.key, result)}\n`);
    },
  });

  const port = Number(flags.port ?? envParams.port ?? 8080);
  // The page is built from frontend/ at start-up (esbuild, well under a second), so it is never stale.
  const assets = await buildDashboardAssets();
  const token = (name: string) => setText(envParams, name);
  const webhookSecret = token('webhook_secret');
  // The MinIO webhook a `medqa provision --webhook-url http://host:port/on-object-created` sets up.
  const objectNotifications = (request: Request) =>
    dispatchObjectNotification(request, {
      secret: webhookSecret,
      routes: Object.fromEntries(manifest.objectRoutes.map((route) => [route.prefix, route.trigger])),
      fireTrigger: (trigger, event) => runtime.notify(trigger, event),
    });
  const host = String(flags.host ?? envParams.host ?? '127.0.0.1');
  const { server, url } = await serveLocalWeb(
    localWebApp(
      store,
      assets,
      { uploadToken: token('upload_token'), readToken: token('read_token') },
      objectNotifications,
    ),
    port,
    host,
  ).catch((err: NodeJS.ErrnoException) => {
    throw new PipelineError(
      'BAD_PARAMS',
      err.code === 'EADDRINUSE'
        ? `port ${port} is in use: pass --port N`
        : err.code === 'EADDRNOTAVAIL'
          ? `${host} is not an address of this machine (--host)`
          : err.message,
    );
  });
  process.stdout.write(
    [
      'medqa pipeline running locally',
      onS3
        ? `  bucket (S3 store): s3://${store.bucket}${envParams.s3_endpoint ? ` at ${String(envParams.s3_endpoint)}` : ''}, listed every ${scanSeconds} s`
        : `  bucket (folder store): ${store.bucket}`,
      ...runtime.routes.map((route) =>
        onS3
          ? `  put objects under s3://${store.bucket}/${route.prefix}  → ${route.action}`
          : `  drop files into ${store.bucket}/${route.prefix}  → ${route.action}`,
      ),
      ...manifest.schedules.map((s) => `  schedule ${s.cron} (UTC) → ${s.action}`),
      `  dashboard: ${url}`,
      webhookSecret
        ? `  MinIO webhook: ${url}on-object-created (Authorization: the MEDQA_WEBHOOK_SECRET)`
        : '  MinIO webhook: off (set MEDQA_WEBHOOK_SECRET to accept notifications)',
      '  Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await runtime.start();

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) process.exit(130); // second Ctrl-C: do not wait
      stopping = true;
      process.stdout.write('stopping: waiting for runs in progress (Ctrl-C again to force)\n');
      void runtime
        .stop()
        .then(() => new Promise((done) => server.close(done)))
        .then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
