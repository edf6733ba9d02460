import { openwhiskMain } from '../../shared/adapter/openwhisk/main';
import { retrainBatch } from '../../shared/stages/retrain-batch';

export const main = openwhiskMain(retrainBatch);
