import { reconcile } from '../../shared/reconcile/reconcile';
import { openwhiskMain } from '../../shared/runtime/openwhisk';

export const main = openwhiskMain(reconcile);
