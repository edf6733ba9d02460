import { archive } from '../../shared/production/archive';
import { openwhiskMain } from '../../shared/runtime/openwhisk';

export const main = openwhiskMain(archive);
