import { openwhiskMain } from '../../shared/adapter/openwhisk/main';
import { transform } from '../../shared/stages/transform';

export const main = openwhiskMain(transform);
