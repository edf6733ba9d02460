import { transform } from '../../shared/stages/transform';
import { openwhiskMain } from '../../shared/adapter/openwhisk/main';

export const main = openwhiskMain(transform);
