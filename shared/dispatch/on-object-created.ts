import { carriesSecret } from '../runtime/bearer';
import { DASHBOARD_PREFIX, PRODUCTION_ARCHIVE_PREFIX, PRODUCTION_QUARANTINE_PREFIX, PRODUCTION_STAGED_PREFIX, RETRAINING_PREFIX, OFFLINE_QUARANTINE_PREFIX } from '../layout';
import { NotificationBody, objectCreatedEvents, type ObjectEvent } from './object-notification';

/** The pipeline's own outputs: never routed, so no function can fire itself through a broad notification. */
export const OUTPUT_PREFIXES = [
  'data/dataset-split/',
  OFFLINE_QUARANTINE_PREFIX,
  PRODUCTION_STAGED_PREFIX,
  PRODUCTION_ARCHIVE_PREFIX,
  PRODUCTION_QUARANTINE_PREFIX,
  RETRAINING_PREFIX,
  DASHBOARD_PREFIX,
  'status/',
];

export interface WebRequest {
  method: string;
  headers: Record<string, string | undefined>;
  /** The body as text (already base64-decoded), or the parsed JSON when the platform merged it. */
  body: string | Record<string, unknown> | undefined;
}

export interface WebResponse {
  statusCode: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface DispatchOptions {
  /** The shared secret MinIO sends as `Authorization: Bearer <secret>` (or verbatim). */
  secret: string | undefined;
  /** Raw prefix → trigger name, from manifest.yaml. */
  routes: Record<string, string>;
  fireTrigger(trigger: string, event: ObjectEvent): Promise<void>;
}

const json = (statusCode: number, body: unknown): WebResponse => ({ statusCode, headers: { 'content-type': 'application/json' }, body });

/**
 * The MinIO / S3 webhook: checks the shared secret, reads the notification, and fires the
 * trigger whose prefix matches each created key. Answers fast; 5xx only when firing failed,
 * so that MinIO (with a queue_dir) delivers the event again.
 */
export async function dispatchObjectNotification(request: WebRequest, options: DispatchOptions): Promise<WebResponse> {
  const method = request.method.toLowerCase();
  if (method === 'head' || method === 'get') return { statusCode: 200 }; // MinIO probes the endpoint with HEAD
  if (method !== 'post') return json(405, { error: `method ${method.toUpperCase()} not allowed; POST a bucket notification` });
  if (!options.secret) return json(500, { error: 'webhook_secret is not configured' });
  if (!carriesSecret(request.headers.authorization, options.secret, { verbatim: true })) return json(401, { error: 'missing or wrong Authorization header' });

  let payload: unknown = request.body;
  if (typeof payload === 'string') {
    try {
      payload = JSON.parse(payload);
    } catch {
      return json(400, { error: 'the body is not JSON: expected an S3/MinIO bucket notification' });
    }
  }
  const parsed = NotificationBody.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return json(400, { error: `not a bucket notification: ${issue?.path.join('.') || 'body'}: ${issue?.message}` });
  }

  const fired: { key: string; trigger: string }[] = [];
  const ignored: { key: string; why: string }[] = [];
  for (const event of objectCreatedEvents(parsed.data)) {
    if (OUTPUT_PREFIXES.some((prefix) => event.key.startsWith(prefix))) {
      ignored.push({ key: event.key, why: 'pipeline output' });
      continue;
    }
    const prefix = Object.keys(options.routes)
      .filter((p) => event.key.startsWith(p))
      .sort((a, b) => b.length - a.length)[0];
    if (!prefix || event.key.endsWith('/')) {
      ignored.push({ key: event.key, why: 'no route for this prefix' });
      continue;
    }
    try {
      await options.fireTrigger(options.routes[prefix]!, event);
    } catch (err) {
      return json(500, { error: `firing ${options.routes[prefix]} failed: ${(err as Error).message}`, fired });
    }
    fired.push({ key: event.key, trigger: options.routes[prefix]! });
  }
  return json(202, { fired, ignored });
}
