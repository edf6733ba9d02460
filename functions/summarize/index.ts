import { summarize } from '../../shared/stages/summarize';
import { openwhiskMain } from '../../shared/adapter/openwhisk/main';

export const main = openwhiskMain(summarize);
