import { extract } from '../../shared/stages/extract';
import { openwhiskMain } from '../../shared/adapter/openwhisk/main';

export const main = openwhiskMain(extract);
