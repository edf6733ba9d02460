import { openwhiskMain } from '../../shared/adapter/openwhisk/main';
import { replay } from '../../shared/stages/replay';

export const main = openwhiskMain(replay);
