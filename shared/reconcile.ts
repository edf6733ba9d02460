import type { ActionDefinition } from './runtime';
import { offlineEtl } from './stages/offline-etl';
import { reconcileAction } from './stages/reconcile';
import { transform } from './stages/transform';

/**
 * reconcile with the stages a lost event would have run, composed here rather than imported by
 * the stage (a stage never imports another): the OpenWhisk bundle, the local runtime and
 * `medqa invoke` all take this one.
 */
export const reconcile = reconcileAction({
  offline: offlineEtl as ActionDefinition,
  production: transform as ActionDefinition,
});
