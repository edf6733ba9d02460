import { openwhiskMain } from '../../shared/adapter/openwhisk/main';
import { archive } from '../../shared/stages/archive';

export const main = openwhiskMain(archive);
