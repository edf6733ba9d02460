import { transform } from '../../shared/production/transform';
import { openwhiskMain } from '../../shared/runtime/openwhisk';

export const main = openwhiskMain(transform);
