import { openwhiskMain } from '../../shared/adapter/openwhisk/main';
import { offlineEtl } from '../../shared/stages/offline-etl';

export const main = openwhiskMain(offlineEtl);
