import { simulate } from '../../shared/simulate/simulate';
import { openwhiskMain } from '../../shared/runtime/openwhisk';

export const main = openwhiskMain(simulate);
