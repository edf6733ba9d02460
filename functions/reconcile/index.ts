import { openwhiskMain } from '../../shared/adapter/openwhisk/main';
import { reconcile } from '../../shared/reconcile';

// Bundled with the stages it runs: on OpenWhisk it stages lost files itself.
export const main = openwhiskMain(reconcile);
