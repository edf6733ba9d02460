import { openwhiskMain } from '../../shared/adapter/openwhisk/main';
import { simulate } from '../../shared/stages/simulate';

export const main = openwhiskMain(simulate);
