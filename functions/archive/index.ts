import { archive } from '../../shared/stages/archive';
import { openwhiskMain } from '../../shared/adapter/openwhisk/main';

export const main = openwhiskMain(archive);
