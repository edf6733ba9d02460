import { dashboardApp, type DashboardAssets } from '../../shared/dashboard/app';
import { handleOpenWhisk } from '../../shared/runtime/hono-openwhisk';
import { StoreSettingsSchema, paramsFromEnv, storeFromSettings } from '../../shared/runtime';

/** The built page, inlined by build.mjs. */
declare const MEDQA_DASHBOARD_ASSETS: string;
const assets = JSON.parse(MEDQA_DASHBOARD_ASSETS) as DashboardAssets;

/** The dashboard as a raw HTTP web action: store settings from the package parameters. */
export async function main(params: Record<string, unknown>) {
  const settings = StoreSettingsSchema.parse({ ...paramsFromEnv(process.env), ...params });
  const token = (name: string) => (typeof params[name] === 'string' && params[name] ? (params[name] as string) : undefined);
  return handleOpenWhisk(dashboardApp({ store: storeFromSettings(settings), assets, uploadToken: token('upload_token'), readToken: token('read_token') }))(params);
}
