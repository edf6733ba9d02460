import { replay } from '../../shared/production/replay';
import { openwhiskMain } from '../../shared/runtime/openwhisk';

export const main = openwhiskMain(replay);
