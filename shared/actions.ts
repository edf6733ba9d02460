import { extract } from './extract/extract';
import { offlineEtl } from './offline/offline-etl';
import { archive } from './production/archive';
import { replay } from './production/replay';
import { transform } from './production/transform';
import { reconcile } from './reconcile/reconcile';
import { retrainBatch } from './retraining/retrain-batch';
import { simulate } from './simulate/simulate';
import { summarize } from './summary/summarize';
import type { ActionDefinition } from './runtime';

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
