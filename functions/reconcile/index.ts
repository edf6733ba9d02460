import { openwhiskMain } from '../../shared/adapter/openwhisk/main';
import type { ActionDefinition } from '../../shared/runtime';
import { offlineEtl } from '../../shared/stages/offline-etl';
import { reconcileAction } from '../../shared/stages/reconcile';
import { transform } from '../../shared/stages/transform';

// The stages reconcile runs, bundled with it: on OpenWhisk it stages lost files itself.
export const main = openwhiskMain(
  reconcileAction({ offline: offlineEtl as ActionDefinition, production: transform as ActionDefinition }),
);
