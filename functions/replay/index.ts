import { replay } from '../../shared/stages/replay';
import { openwhiskMain } from '../../shared/adapter/openwhisk/main';

export const main = openwhiskMain(replay);
