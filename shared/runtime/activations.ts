/**
 * Runs of an action started from inside another: how a stage spreads one job over the
 * platform (transform's parts). Each platform's adapter gives its own; where none can be
 * started the context has none, and the stage does the work itself.
 */
export interface Activations {
  /**
   * `awaited`: start() resolves once the runs are done, with their results (in-process; Knative,
   * whose requests stay open). `detached`: once the platform has taken them; they finish on
   * their own (OpenWhisk's non-blocking invoke).
   */
  readonly mode: 'awaited' | 'detached';
  /** How many runs the platform works on at once (Infinity where it adds capacity as runs queue). */
  readonly parallelism: number;
  start(action: string, runs: Record<string, unknown>[]): Promise<StartedRun[]>;
}

export interface StartedRun {
  /** The activation (or request) id the platform gave the run; empty when it could not be started. */
  id: string;
  /** The run's result, in `awaited` mode: a result or `{ error }`. */
  result?: Record<string, unknown>;
  /** Why the platform did not take the run (detached mode): it is started again later. */
  notStarted?: string;
}

/** `fn` over `items` with at most `limit` at once; results in the order of `items`. */
export async function mapPooled<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
