import { retrainBatch } from '../../shared/retraining/retrain-batch';
import { openwhiskMain } from '../../shared/runtime/openwhisk';

export const main = openwhiskMain(retrainBatch);
