import { summarize } from '../../shared/summary/summarize';
import { openwhiskMain } from '../../shared/runtime/openwhisk';

export const main = openwhiskMain(summarize);
