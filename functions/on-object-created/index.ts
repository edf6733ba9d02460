import openwhisk from 'openwhisk';
import { openwhiskWebMain } from '../../shared/adapter/openwhisk/web';
import { dispatchObjectNotification } from '../../shared/stages/on-object-created';

/** Raw prefix → trigger, taken from manifest.yaml when the bundle is built (see build.mjs). */
declare const MEDQA_OBJECT_ROUTES: string;

/** A raw HTTP web action (`.http`): MinIO / S3 notifications in, trigger fires out. */
export async function main(params: Record<string, unknown>) {
  const routes =
    (params.routes as Record<string, string> | undefined) ??
    (JSON.parse(MEDQA_OBJECT_ROUTES) as Record<string, string>);
  const secret = typeof params.webhook_secret === 'string' && params.webhook_secret ? params.webhook_secret : undefined;
  const dispatch = (request: Request) =>
    dispatchObjectNotification(request, {
      secret,
      routes,
      async fireTrigger(trigger, event) {
        // Reads __OW_API_HOST and __OW_API_KEY (the action has provide-api-key: true).
        await openwhisk().triggers.invoke({ name: trigger, params: event as unknown as Record<string, unknown> });
      },
    });
  return openwhiskWebMain(dispatch)(params);
}
