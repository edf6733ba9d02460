import { simulate } from '../../shared/stages/simulate';
import { openwhiskMain } from '../../shared/adapter/openwhisk/main';

export const main = openwhiskMain(simulate);
