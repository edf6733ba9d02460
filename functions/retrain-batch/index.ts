import { retrainBatch } from '../../shared/stages/retrain-batch';
import { openwhiskMain } from '../../shared/adapter/openwhisk/main';

export const main = openwhiskMain(retrainBatch);
