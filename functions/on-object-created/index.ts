import { openwhiskObjectNotificationMain } from '../../shared/adapter/openwhisk/web-actions';

/** Raw prefix → trigger, taken from manifest.yaml when the bundle is built (see build.mjs). */
declare const MEDQA_OBJECT_ROUTES: string;

export const main = openwhiskObjectNotificationMain(JSON.parse(MEDQA_OBJECT_ROUTES) as Record<string, string>);
