import { extract } from '../../shared/extract/extract';
import { openwhiskMain } from '../../shared/runtime/openwhisk';

export const main = openwhiskMain(extract);
