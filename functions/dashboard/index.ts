import { openwhiskWebMain } from '../../shared/adapter/openwhisk/web';
import { openStore } from '../../shared/runtime/open-store';
import { paramsFromEnv } from '../../shared/runtime/params';
import { type DashboardAssets, dashboardApp } from '../../shared/stages/dashboard';

/** The built page, inlined by build.mjs. */
declare const MEDQA_DASHBOARD_ASSETS: string;
const assets = JSON.parse(MEDQA_DASHBOARD_ASSETS) as DashboardAssets;

/** The dashboard as a raw HTTP web action: store settings from the package parameters. */
export async function main(params: Record<string, unknown>) {
  const settings = { ...paramsFromEnv(process.env), ...params };
  const token = (name: string) =>
    typeof params[name] === 'string' && params[name] ? (params[name] as string) : undefined;
  const app = dashboardApp({
    store: openStore(settings),
    assets,
    uploadToken: token('upload_token'),
    readToken: token('read_token'),
  });
  return openwhiskWebMain(app.fetch, { redirectBareUrl: true })(params);
}
