import { serve } from '@hono/node-server';
import { ACTIONS } from '../../actions';
import { paramsFromEnv } from '../../runtime';
import { knativeApp } from './app';

// Settings come from MEDQA_* variables of the Knative Service, as for the local runtime.
const port = Number(process.env.PORT ?? 8080);
serve({ fetch: knativeApp(ACTIONS, paramsFromEnv(process.env)).fetch, port }, (info) => {
  process.stdout.write(`medqa actions listening on :${info.port} (POST /<action>)\n`);
});
