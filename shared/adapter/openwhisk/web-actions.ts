import { toErrorResult } from '../../runtime/errors';
import { openStore } from '../../runtime/open-store';
import { paramsFromEnv, setText } from '../../runtime/params';
import { type DashboardAssets, dashboardApp } from '../../stages/dashboard';
import { dispatchObjectNotification } from '../../stages/on-object-created';
import type { ObjectStore } from '../../store';
import { openwhiskWebMain, type WebActionResult } from './web';

/**
 * The dashboard as a raw HTTP web action: store settings from the package parameters (over
 * `MEDQA_*` variables), the upload and read tokens from `upload_token` and `read_token`.
 */
export function openwhiskDashboardMain(assets: DashboardAssets) {
  return async function main(params: Record<string, unknown>): Promise<WebActionResult> {
    let store: ObjectStore;
    try {
      store = openStore({ ...paramsFromEnv(process.env), ...params });
    } catch (err) {
      // A package parameter is wrong: say which, as JSON, instead of the platform's bare 502.
      const { error } = toErrorResult(err);
      return { statusCode: 500, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error }) };
    }
    const app = dashboardApp({
      store,
      assets,
      uploadToken: setText(params, 'upload_token'),
      readToken: setText(params, 'read_token'),
    });
    return openwhiskWebMain(app.fetch, { redirectBareUrl: true })(params);
  };
}

/** Fires an OpenWhisk trigger with the activation's own key (`provide-api-key: true`). */
export type FireTrigger = (trigger: string, event: Record<string, unknown>) => Promise<void>;

const fireWithActivationKey: FireTrigger = async (trigger, event) => {
  // Required on the first notification, not when the bundle loads; reads __OW_API_HOST and __OW_API_KEY.
  const openwhisk = require('openwhisk') as typeof import('openwhisk');
  await openwhisk().triggers.invoke({ name: trigger, params: event });
};

/**
 * on-object-created as a raw HTTP web action: MinIO / S3 notifications in, one trigger fired per
 * object under a raw prefix. `routes` (raw prefix → trigger) come from manifest.yaml at build
 * time; a `routes` parameter overrides them, `webhook_secret` is the bearer the sender must give.
 */
export function openwhiskObjectNotificationMain(routes: Record<string, string>, fire = fireWithActivationKey) {
  return async function main(params: Record<string, unknown>) {
    const dispatch = (request: Request) =>
      dispatchObjectNotification(request, {
        secret: setText(params, 'webhook_secret'),
        routes: (params.routes as Record<string, string> | undefined) ?? routes,
        fireTrigger: (trigger, event) => fire(trigger, event as unknown as Record<string, unknown>),
      });
    return openwhiskWebMain(dispatch)(params);
  };
}
