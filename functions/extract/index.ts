import { openwhiskMain } from '../../shared/adapter/openwhisk/main';
import { extract } from '../../shared/stages/extract';

export const main = openwhiskMain(extract);
