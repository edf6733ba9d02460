import { isTemporaryName, OUTPUT_PREFIXES } from '../bucket/keys';
import { NotificationBody, type ObjectEvent, objectCreatedEvents } from '../bucket/object-event';
import { carriesSecret } from '../runtime/bearer';

export interface DispatchOptions {
  /** The shared secret MinIO sends as `Authorization: Bearer <secret>` (or verbatim). */
  secret: string | undefined;
  /** Raw prefix → trigger name, from manifest.yaml. */
  routes: Record<string, string>;
  fireTrigger(trigger: string, event: ObjectEvent): Promise<void>;
}

const json = (status: number, body: unknown) => Response.json(body, { status });

/**
 * The MinIO / S3 webhook: checks the shared secret, reads the notification, and fires the
 * trigger whose prefix matches each created key. Answers fast; 5xx only when firing failed,
 * so that MinIO (with a queue_dir) delivers the event again.
 */
export async function dispatchObjectNotification(request: Request, options: DispatchOptions): Promise<Response> {
  const method = request.method.toLowerCase();
  // MinIO probes the endpoint with HEAD before it sends anything.
  if (method === 'head' || method === 'get') return new Response(null, { status: 200 });
  if (method !== 'post')
    return json(405, { error: `method ${method.toUpperCase()} not allowed; POST a bucket notification` });
  if (!options.secret) return json(500, { error: 'webhook_secret is not configured' });
  if (!carriesSecret(request.headers.get('authorization') ?? undefined, options.secret, { verbatim: true })) {
    return json(401, { error: 'missing or wrong Authorization header' });
  }

  let payload: unknown;
  try {
    payload = JSON.parse(await request.text());
  } catch {
    return json(400, { error: 'the body is not JSON: expected an S3/MinIO bucket notification' });
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
    if (isTemporaryName(event.key)) {
      ignored.push({ key: event.key, why: 'temporary name: runs once renamed to its final name' });
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
