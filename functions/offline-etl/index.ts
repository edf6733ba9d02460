import { offlineEtl } from '../../shared/stages/offline-etl';
import { openwhiskMain } from '../../shared/adapter/openwhisk/main';

export const main = openwhiskMain(offlineEtl);
