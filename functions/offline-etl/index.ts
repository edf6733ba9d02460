import { offlineEtl } from '../../shared/offline/offline-etl';
import { openwhiskMain } from '../../shared/runtime/openwhisk';

export const main = openwhiskMain(offlineEtl);
