import { openwhiskMain } from '../../shared/adapter/openwhisk/main';
import { summarize } from '../../shared/stages/summarize';

export const main = openwhiskMain(summarize);
