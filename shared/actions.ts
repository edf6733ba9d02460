import { reconcile } from './reconcile';
import type { ActionDefinition } from './runtime';
import { archive } from './stages/archive';
import { extract } from './stages/extract';
import { offlineEtl } from './stages/offline-etl';
import { replay } from './stages/replay';
import { retrainBatch } from './stages/retrain-batch';
import { simulate } from './stages/simulate';
import { summarize } from './stages/summarize';
import { transform } from './stages/transform';

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
