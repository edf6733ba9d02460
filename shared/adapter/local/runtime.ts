import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { Cron } from 'croner';
import { droppedFiles } from '../../bucket/drops';
import { isTemporaryName } from '../../bucket/keys';
import type { ObjectEvent } from '../../bucket/object-event';
import type { ObjectRoute, PipelineManifest } from '../../manifest';
import { sweepSpillFolders } from '../../readers';
import {
  type ActionDefinition,
  type ActionResult,
  type Activations,
  type ErrorResult,
  invokeAction,
  isErrorResult,
  type Logger,
  type LogSink,
  PipelineError,
} from '../../runtime';
import { DEFAULT_LEFTOVER_AGE_MS } from '../../stages/reconcile';
import { LinkRefusedError, type ObjectStore } from '../../store';
import { inProcessActivations } from './activations';
import { RouteQueue } from './route-queue';

/** How long a file must stay unchanged before it is read: a writer that pauses shorter is not cut off. */
export const DEFAULT_SETTLE_MS = 2000;

export interface LocalRuntimeOptions {
  manifest: PipelineManifest;
  actions: Record<string, ActionDefinition>;
  /** The bucket: a folder store is watched for new files, any other store (S3, MinIO) is listed on an interval. */
  store: ObjectStore;
  /** Settings passed to every invocation (from MEDQA_* variables). */
  params?: Record<string, unknown>;
  log: Logger;
  /** Where the actions' log lines go (stderr by default). */
  logSink?: LogSink;
  /**
   * How often raw prefixes are listed for objects never processed or whose run failed. On an
   * S3 store this is how new objects are found (there is no folder to watch).
   */
  scanIntervalMs?: number;
  /** A file must keep its size this long before it is read: a copy in progress is never read half-way. */
  settleMs?: number;
  /** Called after every run, for the console and for tests. */
  onRun?: (run: RunReport) => void;
}

export interface RunReport {
  action: string;
  trigger: string;
  event?: ObjectEvent;
  result: ActionResult | ErrorResult;
}

/**
 * The whole pipeline in one process: on the folder store a watcher plus periodic scans fire the
 * object routes of manifest.yaml; on an S3 store (MinIO, s3rver, AWS) listing on an interval
 * does; croner fires the alarms.
 */
export class LocalRuntime {
  private readonly queues = new Map<ObjectRoute, RouteQueue>();
  /** Objects already processed successfully, per route: key → ETag. Failed ones are retried by the next scan. */
  private readonly processed = new Map<ObjectRoute, Map<string, string>>();
  private readonly crons: Cron[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private watcher: FSWatcher | undefined;
  private scanTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Runs the actions start (transform's parts): in this process, one per two cores. */
  private readonly activations: Activations;

  constructor(private readonly options: LocalRuntimeOptions) {
    this.activations = inProcessActivations(options.actions, {
      store: options.store,
      ...(options.logSink ? { logSink: options.logSink } : {}),
    });
    for (const route of options.manifest.objectRoutes) {
      if (!options.actions[route.action])
        throw new Error(`manifest.yaml routes ${route.prefix} to ${route.action}, which this build does not have`);
      this.queues.set(route, new RouteQueue((event) => this.runObjectEvent(route, event)));
      this.processed.set(route, new Map());
    }
  }

  get routes(): ObjectRoute[] {
    return [...this.queues.keys()];
  }

  async start({ watchFiles = true }: { watchFiles?: boolean } = {}): Promise<void> {
    const { store, manifest } = this.options;
    const folder = store.localFolder;
    if (folder) for (const route of this.routes) await ensureDropFolder(folder, route.prefix);
    // Leftovers of writes that died, as old as reconcile's default: a younger multipart upload or
    // spill folder may belong to another client still writing.
    const swept =
      ((await store.sweepLeftovers?.(DEFAULT_LEFTOVER_AGE_MS)) ?? 0) +
      (await sweepSpillFolders(DEFAULT_LEFTOVER_AGE_MS));
    if (swept) this.options.log.info('leftovers_removed', { files: swept });
    if (watchFiles && folder) await this.startWatcher(folder);
    for (const schedule of manifest.schedules) {
      this.crons.push(
        new Cron(schedule.cron, { timezone: 'UTC', protect: true }, () => {
          void this.track(this.invoke(schedule.action, schedule.trigger, schedule.payload));
        }),
      );
    }
    await this.scan();
    const interval = this.options.scanIntervalMs ?? 30_000;
    if (interval > 0)
      this.scanTimer = setInterval(
        () =>
          void this.scan().catch((err) => this.options.log.error('scan_failed', { message: (err as Error).message })),
        interval,
      );
  }

  /** Queues every object under the routed prefixes that has not been processed yet (or changed since). */
  async scan(): Promise<void> {
    const settleMs = this.options.settleMs ?? DEFAULT_SETTLE_MS;
    let fresh = false;
    for (const [route, queue] of this.queues) {
      const done = this.processed.get(route)!;
      const listed = new Set<string>();
      for await (const object of droppedFiles(this.options.store, route.prefix)) {
        listed.add(object.key);
        if (done.get(object.key) === object.etag) continue;
        if (Date.now() - object.lastModified.getTime() < settleMs) {
          fresh = true; // may still be arriving: look again once it has settled
          continue;
        }
        queue.push({ bucket: this.options.store.bucket, key: object.key, etag: object.etag, size: object.size });
      }
      // Gone (archived, deleted): the same file put again later is new work, not one already done.
      for (const key of done.keys()) if (!listed.has(key)) done.delete(key);
    }
    if (fresh && !this.stopped) setTimeout(() => void this.scan().catch(() => undefined), settleMs).unref();
  }

  /** Resolves when no run is queued or in progress. */
  async idle(): Promise<void> {
    do {
      await Promise.all([...this.queues.values()].map((queue) => queue.idle()));
      await Promise.all([...this.running]);
    } while ([...this.queues.values()].some((queue) => queue.size > 0) || this.running.size > 0);
  }

  /** Stops watching and scheduling, then waits for runs in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.scanTimer);
    for (const cron of this.crons) cron.stop();
    await this.watcher?.close();
    await this.idle();
  }

  /** Runs an action by name with parameters, as `medqa invoke` and the alarms do. */
  async invoke(actionName: string, trigger: string, params: Record<string, unknown>, event?: ObjectEvent) {
    const action = this.options.actions[actionName];
    if (!action) throw new Error(`no action named ${actionName}`);
    const result = await invokeAction(
      action,
      { ...this.options.params, ...params, ...event },
      { store: this.options.store, logSink: this.options.logSink, activations: this.activations },
    );
    this.options.onRun?.({ action: actionName, trigger, event, result });
    return result;
  }

  /**
   * An object-created notification (a MinIO webhook): the object is queued at once instead of
   * at the next listing. Its ETag, which MinIO leaves out of some events, is read from the store,
   * so a listing that sees the object while it runs does not queue it again.
   */
  async notify(trigger: string, event: ObjectEvent): Promise<void> {
    const routes = this.routes.filter((route) => route.trigger === trigger && event.key.startsWith(route.prefix));
    if (routes.length === 0 || this.stopped) return;
    if (event.bucket !== this.options.store.bucket) {
      this.options.log.warn('notification_for_other_bucket', { bucket: event.bucket, key: event.key });
      return;
    }
    const info = await this.options.store.head(event.key);
    if (!info) return; // already processed and archived, or deleted
    this.queueObject(routes, event.key, info);
  }

  /**
   * Queues a stored object on each route. A write event (watcher, webhook) always runs, even with
   * an ETag processed before: the same file dropped again is new work; only a listing skips
   * what was processed (scan).
   */
  private queueObject(routes: ObjectRoute[], key: string, info: { etag: string; size: number }): void {
    for (const route of routes)
      this.queues.get(route)!.push({ bucket: this.options.store.bucket, key, etag: info.etag, size: info.size });
  }

  private async runObjectEvent(route: ObjectRoute, event: ObjectEvent): Promise<void> {
    if (this.stopped) return;
    const result = await this.invoke(route.action, route.trigger, {}, event);
    if (isErrorResult(result)) {
      this.options.log.warn('run_failed_will_retry', { action: route.action, key: event.key, ...result.error });
    } else {
      if (event.etag) this.processed.get(route)!.set(event.key, event.etag);
    }
  }

  private async startWatcher(folder: string): Promise<void> {
    const dirs = this.routes.map((route) => path.join(folder, ...route.prefix.split('/')));
    const settle = this.options.settleMs ?? DEFAULT_SETTLE_MS;
    this.watcher = watch(dirs, {
      ignoreInitial: true, // the start-up scan covers what is already there
      // A link could lead outside the bucket; the folder store refuses links, and so does the watcher.
      followSymlinks: false,
      // Still being written under a temporary name: the rename to the final name fires an event.
      ignored: (file: string) => isTemporaryName(file),
      awaitWriteFinish: { stabilityThreshold: settle, pollInterval: Math.min(100, settle) },
    });
    const onFile = (file: string) =>
      void this.onFileSettled(folder, file).catch((err) =>
        this.options.log.error('watch_failed', { file, message: (err as Error).message }),
      );
    this.watcher.on('add', onFile).on('change', onFile);
    await new Promise<void>((resolve) => this.watcher!.once('ready', () => resolve()));
  }

  private async onFileSettled(folder: string, file: string): Promise<void> {
    const key = path.relative(folder, file).split(path.sep).join('/');
    const info = await this.options.store.head(key).catch((err: unknown) => {
      if (!(err instanceof LinkRefusedError)) throw err;
      this.options.log.warn('link_refused', { key, reason: err.message });
      return undefined;
    });
    if (!info) return; // gone again (moved to quarantine, deleted)
    this.queueObject(
      this.routes.filter((route) => key.startsWith(route.prefix)),
      key,
      info,
    );
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.running.add(promise);
    void promise.finally(() => this.running.delete(promise)).catch(() => undefined);
    return promise;
  }
}

/**
 * The folder a route's files are dropped into. A file where the folder should be (a `cp x
 * data/production/retraining_data_raw` without the trailing slash) is reported, not worked around.
 */
async function ensureDropFolder(bucket: string, prefix: string): Promise<void> {
  const folder = path.join(bucket, ...prefix.split('/'));
  const existing = await fs.lstat(folder).catch(() => undefined);
  if (existing?.isSymbolicLink()) {
    throw new PipelineError(
      'SYMLINK',
      `${folder} is a symbolic link: the folder store never follows links, so nothing outside the bucket is ` +
        'read, moved or deleted through one; replace it with a folder and move the files in',
    );
  }
  if (existing && !existing.isDirectory()) {
    throw new PipelineError(
      'NOT_A_FOLDER',
      `${folder} is a file, not the folder files are dropped into (copied without the trailing "/"?): ` +
        `move it away, then copy it into ${prefix} with the slash`,
    );
  }
  await fs.mkdir(folder, { recursive: true });
}
