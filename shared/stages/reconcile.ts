import * as z from 'zod';
import { droppedFiles, misplacedDrops } from '../bucket/drops';
import { OFFLINE_RAW_PREFIX, PRODUCTION_RAW_PREFIX } from '../bucket/keys';
import { sweepSpillFolders } from '../readers';
import { type ActionDefinition, DEADLINE_MARGIN_MS, defineAction, invokeAction, isErrorResult } from '../runtime';

/** Leftovers younger than this may belong to a write still in progress (a large upload, a slow spill). */
export const DEFAULT_LEFTOVER_AGE_MS = 6 * 3_600_000;

const ReconcileParams = z.object({
  /** A raw object older than this that is still waiting lost its event (webhooks can drop them). */
  stale_after_ms: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(10 * 60_000)
    .describe('a raw file older than this that still waits lost its event and is run'),
  /**
   * Partial files and incomplete uploads of writes that died are removed once this old (a write in progress is
   * younger).
   */
  leftover_age_ms: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(DEFAULT_LEFTOVER_AGE_MS)
    .describe('partial files and incomplete uploads of dead writes older than this are removed'),
});

/** The stages reconcile runs for what it finds: given by whoever composes the actions (shared/actions.ts). */
export interface ReconcileTargets {
  /** Rebuilds the split from every offline export (offline-etl). */
  offline: ActionDefinition;
  /** Stages one production log (transform). */
  production: ActionDefinition;
}

/**
 * reconcile, on an alarm: finds raw objects whose event never arrived or whose run failed —
 * production logs still in the raw prefix after `stale_after_ms`, offline exports the current
 * split does not include — and processes them now. OpenWhisk never retries an invocation and a
 * webhook can drop an event: this is what makes "nothing is lost" hold. Stops taking new files
 * before the activation deadline and says how many are left.
 */
export function reconcileAction(targets: ReconcileTargets) {
  return defineAction({
    name: 'reconcile',
    description: 'Process raw objects whose object event was lost or whose run failed',
    params: ReconcileParams,
    async run(params, context) {
      const { store, log } = context;
      const now = Date.now();
      const processed: { key: string; status: unknown }[] = [];
      const failed: { key: string; error: { code: string; message: string } }[] = [];
      let remaining = 0;
      const settings = { store: store.kind, log_level: 'warn' };
      const runStage = (action: ActionDefinition, params: Record<string, unknown>) =>
        invokeAction(
          action,
          { ...settings, ...params },
          // The platform's activations too: a large file's parts that never finished are started again.
          {
            store,
            invocation: context.invocation,
            ...(context.activations ? { activations: context.activations } : {}),
          },
        );

      // Offline: offline-etl itself tells whether the split includes every export (cheap when it does).
      let offlineStale = false;
      for await (const object of droppedFiles(store, OFFLINE_RAW_PREFIX)) {
        if (now - object.lastModified.getTime() >= params.stale_after_ms) offlineStale = true;
      }
      if (offlineStale) {
        const result = await runStage(targets.offline, {});
        if (isErrorResult(result)) failed.push({ key: OFFLINE_RAW_PREFIX, error: result.error });
        else if (result.status !== 'unchanged') processed.push({ key: OFFLINE_RAW_PREFIX, status: result.status });
      }

      // Production: anything still in raw is unprocessed (processed files move to the archive).
      let checked = 0;
      // Files younger than stale_after_ms may still get their own event: counted, not processed.
      const waiting: string[] = [];
      for await (const object of droppedFiles(store, PRODUCTION_RAW_PREFIX)) {
        checked += 1;
        if (now - object.lastModified.getTime() < params.stale_after_ms) {
          waiting.push(object.key);
          continue;
        }
        if (context.timeLeftMs() < DEADLINE_MARGIN_MS) {
          remaining += 1;
          continue;
        }
        const result = await runStage(targets.production, { key: object.key, etag: object.etag });
        if (isErrorResult(result)) failed.push({ key: object.key, error: result.error });
        else processed.push({ key: object.key, status: result.status });
      }
      const leftovers =
        ((await store.sweepLeftovers?.(params.leftover_age_ms)) ?? 0) +
        (await sweepSpillFolders(params.leftover_age_ms));
      log.info('reconciled', {
        checked,
        processed: processed.length,
        failed: failed.length,
        remaining,
        waiting: waiting.length,
        leftovers,
      });
      // A file where a drop folder should be is never processed: said loudly, every run.
      const misplaced = await misplacedDrops(store);
      for (const key of misplaced) log.warn('misplaced_drop', { key, fix: `move it to ${key}/` });
      return {
        status: remaining ? 'stopped_before_deadline' : 'done',
        checked,
        processed,
        failed,
        remaining,
        // Not stale yet: their event may still come; the next reconcile takes what is left.
        waiting: { count: waiting.length, stale_after_ms: params.stale_after_ms, keys: waiting.slice(0, 20) },
        leftovers_removed: leftovers,
        ...(misplaced.length && { misplaced }),
        ...(remaining
          ? { reason: `${remaining} stale file(s) left for the next run: the activation deadline was near` }
          : {}),
      };
    },
  });
}
