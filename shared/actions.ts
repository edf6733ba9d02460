import { extract } from './extract/extract';
import { offlineEtl } from './offline/offline-etl';
import type { ActionDefinition } from './runtime';

/** Every action by its manifest name: what the local runtime and `medqa invoke` can run. */
export const ACTIONS: Record<string, ActionDefinition> = {
  [offlineEtl.name]: offlineEtl as ActionDefinition,
  [extract.name]: extract as ActionDefinition,
};
