import * as z from 'zod';
import { failureKey, RUNS_PREFIX, runKey } from '../bucket/keys';
import { ONE_OFF_PARSE } from '../bucket/one-off-parse';
import { readRequiredObject } from '../bucket/read';
import { type FailureRecord, type RunRecord, RunRecordSchema } from '../bucket/run-records';
import { listObjects, type ObjectStore } from '../store';
import type { Activations } from './activations';
import { type ErrorResult, PipelineError, toErrorResult } from './errors';
import { createLogger, type Logger, type LogLevel, type LogSink } from './logger';
import { openStore } from './open-store';
import { missingParamHint } from './param-help';
import { describeZodError } from './params';

/** Platform-neutral facts about one invocation (from `__OW_*` on OpenWhisk, generated locally). */
export interface Invocation {
  id: string;
  /** Epoch ms by which the platform kills the activation, when it has one. */
  deadline?: number;
}

export interface ActionContext {
  store: ObjectStore;
  log: Logger;
  invocation: Invocation;
  /** Starts other runs (transform's parts) on the platform; absent where none can be started. */
  activations?: Activations;
  /** Milliseconds until the platform's deadline (Infinity without one): loops stop taking new work near it. */
  timeLeftMs(): number;
}

/** An action is not started with less time than this left: it would be killed half-way. */
export const MIN_TIME_TO_START_MS = 2_000;
/** Actions that work through many files stop taking new ones this long before the deadline (one file's worth). */
export const DEADLINE_MARGIN_MS = 30_000;

export type ActionResult = Record<string, unknown>;

/**
 * One pipeline stage: a name (as in manifest.yaml), its parameter schema (event parameters
 * and settings, with defaults) and the stage logic, written against the store interface.
 */
export interface ActionDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  params: S;
  run(params: z.infer<S>, context: ActionContext): Promise<ActionResult>;
}

export function defineAction<S extends z.ZodType>(definition: ActionDefinition<S>): ActionDefinition<S> {
  return definition;
}

export interface InvokeOptions {
  invocation?: Invocation;
  /** A ready store (the local runtime shares one); otherwise built from the parameters. */
  store?: ObjectStore;
  logSink?: LogSink;
  /** How this platform starts other runs (see ActionContext.activations). */
  activations?: Activations;
}

const LogLevelSchema = z.enum(['debug', 'info', 'warn', 'error', 'silent']).catch('info');

/** Missing parameters named with what to pass (from their descriptions), other problems as zod states them. */
function badParamsMessage(action: ActionDefinition, error: z.ZodError): string {
  const missing = error.issues
    .filter(
      (issue) => issue.code === 'invalid_type' && issue.path.length === 1 && /received undefined/.test(issue.message),
    )
    .map((issue) => missingParamHint(action.params, String(issue.path[0])))
    .filter((hint): hint is string => hint !== undefined);
  if (missing.length === error.issues.length) return `${action.name}: ${missing.join('; ')}`;
  return `invalid parameters for ${action.name}: ${describeZodError(error)}`;
}

/**
 * Runs an action the same way on every platform: validates parameters, opens the store,
 * times the run, and turns every failure into `{ error: { code, message } }` (never a throw,
 * never a stack trace in the result).
 */
export async function invokeAction(
  action: ActionDefinition,
  rawParams: Record<string, unknown>,
  options: InvokeOptions = {},
): Promise<ActionResult | ErrorResult> {
  const started = performance.now();
  const invocation = options.invocation ?? { id: cryptoRandomId() };
  const level: LogLevel = LogLevelSchema.parse(rawParams.log_level ?? 'info');
  const log = createLogger(level, { action: action.name, activation: invocation.id }, options.logSink);
  const params = withoutPlatformParams(rawParams);
  try {
    const parsed = action.params.safeParse(params, ONE_OFF_PARSE);
    if (!parsed.success) throw new PipelineError('BAD_PARAMS', badParamsMessage(action, parsed.error));
    const timeLeftMs = () => (invocation.deadline ? invocation.deadline - Date.now() : Number.POSITIVE_INFINITY);
    if (timeLeftMs() < MIN_TIME_TO_START_MS) {
      throw new PipelineError(
        'DEADLINE',
        `only ${Math.max(0, Math.round(timeLeftMs()))} ms left before the activation deadline: not started`,
      );
    }
    const store = options.store ?? openStore(params);
    log.info('start', { store: store.kind, key: typeof params.key === 'string' ? params.key : undefined });
    let result: ActionResult;
    try {
      result = await action.run(parsed.data, {
        store,
        log,
        invocation,
        timeLeftMs,
        ...(options.activations ? { activations: options.activations } : {}),
      });
    } catch (err) {
      const failure = toErrorResult(err);
      await recordFailure(store, action.name, params, failure, log);
      await recordRun(
        store,
        action.name,
        'failed',
        Math.round(performance.now() - started),
        `${failure.error.code}: ${failure.error.message}`,
      );
      throw err;
    }
    await clearFailure(store, action.name, params);
    const duration_ms = Math.round(performance.now() - started);
    await recordRun(
      store,
      action.name,
      String(result.status ?? 'ok'),
      duration_ms,
      typeof result.reason === 'string' ? result.reason : null,
    );
    log.info('done', { duration_ms });
    return { ...result, duration_ms };
  } catch (err) {
    const failure = toErrorResult(err);
    log.error('failed', { ...failure.error, duration_ms: Math.round(performance.now() - started) });
    return failure;
  }
}

/** Best effort: a store too broken to take the record must not hide the original error. */
async function recordFailure(
  store: ObjectStore,
  action: string,
  params: Record<string, unknown>,
  failure: ErrorResult,
  log: Logger,
): Promise<void> {
  if (typeof params.key !== 'string' || !params.key) return;
  const record: FailureRecord = {
    action,
    key: params.key,
    etag: params.etag ?? null,
    error: failure.error,
    at: new Date().toISOString(),
  };
  await store
    .put(failureKey(action, params.key), JSON.stringify(record, null, 2))
    .catch((err: Error) => log.warn('failure_not_recorded', { message: err.message }));
}

/** Best effort, like the failure record: the run's own result matters more. */
async function recordRun(
  store: ObjectStore,
  action: string,
  status: string,
  duration_ms: number,
  detail: string | null,
): Promise<void> {
  const record: RunRecord = { action, at: new Date().toISOString(), status, duration_ms, detail };
  await store.put(runKey(action), JSON.stringify(record)).catch(() => undefined);
}

/** The last run of every action that has run, by action name. */
export async function lastRuns(store: ObjectStore): Promise<RunRecord[]> {
  const runs: RunRecord[] = [];
  for await (const object of listObjects(store, RUNS_PREFIX))
    runs.push(await readRequiredObject(store, object.key, RunRecordSchema));
  return runs.sort((a, b) => a.action.localeCompare(b.action));
}

async function clearFailure(store: ObjectStore, action: string, params: Record<string, unknown>): Promise<void> {
  if (typeof params.key !== 'string' || !params.key) return;
  await store.delete(failureKey(action, params.key)).catch(() => undefined);
}

export function isErrorResult(result: ActionResult | ErrorResult): result is ErrorResult {
  return typeof result.error === 'object' && result.error !== null;
}

/** `__ow_*` request fields and the like are the adapter's business, not the stage's. */
function withoutPlatformParams(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([name]) => !name.startsWith('__')));
}

function cryptoRandomId(): string {
  return globalThis.crypto.randomUUID().replace(/-/g, '');
}
