import { openwhiskDashboardMain } from '../../shared/adapter/openwhisk/web-actions';
import type { DashboardAssets } from '../../shared/stages/dashboard';

/** The built page, inlined by build.mjs. */
declare const MEDQA_DASHBOARD_ASSETS: string;

export const main = openwhiskDashboardMain(JSON.parse(MEDQA_DASHBOARD_ASSETS) as DashboardAssets);
