import { type ActionDefinition, invokeAction } from '../../shared/runtime';
import type { ObjectStore } from '../../shared/store';

/** Runs an action on a store the way the platform would, with its logs silenced. */
export function runAction(
  action: unknown,
  store: ObjectStore,
  params: Record<string, unknown> = {},
): Promise<Record<string, any>> {
  return invokeAction(action as ActionDefinition, { log_level: 'silent', ...params }, { store }) as Promise<
    Record<string, any>
  >;
}
