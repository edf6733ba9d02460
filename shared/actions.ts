import type { ActionDefinition } from './runtime';
import { archive } from './stages/archive';
import { extract } from './stages/extract';
import { offlineEtl } from './stages/offline-etl';
import { reconcileAction } from './stages/reconcile';
import { replay } from './stages/replay';
import { retrainBatch } from './stages/retrain-batch';
import { simulate } from './stages/simulate';
import { summarize } from './stages/summarize';
import { transform } from './stages/transform';

/** reconcile runs the stages a lost event would have run: composed here, not imported by the stage. */
export const reconcile = reconcileAction({
  offline: offlineEtl as ActionDefinition,
  production: transform as ActionDefinition,
});

/** Every action by its manifest name: what the local runtime and `medqa invoke` can run. */
export const ACTIONS: Record<string, ActionDefinition> = {
  [offlineEtl.name]: offlineEtl as ActionDefinition,
  [extract.name]: extract as ActionDefinition,
  [transform.name]: transform as ActionDefinition,
  [archive.name]: archive as ActionDefinition,
  [retrainBatch.name]: retrainBatch as ActionDefinition,
  [reconcile.name]: reconcile as ActionDefinition,
  [simulate.name]: simulate as ActionDefinition,
  [replay.name]: replay as ActionDefinition,
  [summarize.name]: summarize as ActionDefinition,
};
