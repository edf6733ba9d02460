import type { ObjectStore } from '../../shared/store';

const MUTATIONS = new Set(['put', 'copy', 'delete', 'rename']);

/**
 * A store that fails its Nth write, copy, rename or delete of pipeline data (keys under `data/`; run
 * state under `status/` is not counted), as a process crash between two writes would: what
 * came before is stored, nothing after it happens.
 */
export function crashingStore(store: ObjectStore, failOnMutation: number): ObjectStore & { mutations: number } {
  let mutations = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'mutations') return mutations;
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (!MUTATIONS.has(String(property))) return value.bind(target);
      return (...args: unknown[]) => {
        const key = typeof args[0] === 'object' ? (args[0] as { key: string }).key : String(args[0]);
        if (!key.startsWith('data/')) return value.apply(target, args);
        mutations += 1;
        if (mutations === failOnMutation)
          return Promise.reject(
            new Error(`injected crash at mutation ${mutations} (${String(property)} ${String(args[0])})`),
          );
        return value.apply(target, args);
      };
    },
  }) as ObjectStore & { mutations: number };
}
