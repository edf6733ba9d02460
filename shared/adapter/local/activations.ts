import { availableParallelism } from 'node:os';
import { type ActionDefinition, invokeAction } from '../../runtime/action';
import { type Activations, mapPooled } from '../../runtime/activations';
import { PipelineError } from '../../runtime/errors';
import type { LogSink } from '../../runtime/logger';
import type { ObjectStore } from '../../store';

export interface InProcessOptions {
  /** The store the runs share (the caller's). */
  store: ObjectStore;
  /** Runs at once; default: one per two cores (a run of transform keeps its own thread and a worker busy). */
  concurrency?: number;
  logSink?: LogSink;
}

/**
 * Activations in this process (the local runtime, `medqa invoke`): runs go through invokeAction
 * like any other, at most `concurrency` at once, and start() waits for them.
 */
export function inProcessActivations(
  actions: Record<string, ActionDefinition>,
  options: InProcessOptions,
): Activations {
  const concurrency = options.concurrency ?? Math.max(1, Math.floor(availableParallelism() / 2));
  return {
    mode: 'awaited',
    parallelism: concurrency,
    async start(name, runs) {
      const action = actions[name];
      if (!action) throw new PipelineError('NOT_FOUND', `no action ${name} to start`);
      return mapPooled(runs, concurrency, async (params) => {
        const id = globalThis.crypto.randomUUID().replace(/-/g, '');
        const result = await invokeAction(action, params, {
          store: options.store,
          invocation: { id },
          ...(options.logSink ? { logSink: options.logSink } : {}),
        });
        return { id, result: result as Record<string, unknown> };
      });
    },
  };
}
