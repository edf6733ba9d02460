import type { Hono } from 'hono';

/** Content types whose bodies travel as text; everything else is base64 (OpenWhisk web action rules). */
const TEXT_TYPES = /^(text\/|application\/(json|javascript|xml|x-ndjson)|image\/svg\+xml)/;

/**
 * Runs a Hono app as an OpenWhisk raw HTTP web action: `__ow_method`, `__ow_path`,
 * `__ow_headers`, `__ow_query` and `__ow_body` become a Request; the Response becomes
 * `{statusCode, headers, body}`, base64 for binary types. The action's bare URL (no trailing
 * slash) is redirected to the slash form, so the page's relative URLs resolve under it.
 */
export function handleOpenWhisk(app: Hono) {
  return async function main(params: Record<string, unknown>) {
    const headers = (params.__ow_headers ?? {}) as Record<string, string>;
    const path = typeof params.__ow_path === 'string' ? params.__ow_path : '';
    const query = typeof params.__ow_query === 'string' && params.__ow_query ? `?${params.__ow_query}` : '';
    const method = (typeof params.__ow_method === 'string' ? params.__ow_method : 'get').toUpperCase();
    if (path === '' && (method === 'GET' || method === 'HEAD')) {
      const action = (process.env.__OW_ACTION_NAME ?? '/dashboard').split('/').pop();
      return { statusCode: 302, headers: { location: `${action}/${query}` }, body: '' };
    }
    let body: BodyInit | undefined;
    if (typeof params.__ow_body === 'string' && method !== 'GET' && method !== 'HEAD') {
      body = TEXT_TYPES.test(headers['content-type'] ?? '') ? params.__ow_body : Buffer.from(params.__ow_body, 'base64');
    }
    const request = new Request(`https://${headers.host ?? 'openwhisk'}${path}${query}`, { method, headers, body });
    const response = await app.fetch(request);
    const type = response.headers.get('content-type') ?? '';
    const payload = Buffer.from(await response.arrayBuffer());
    return {
      statusCode: response.status,
      headers: Object.fromEntries(response.headers),
      body: TEXT_TYPES.test(type) || payload.length === 0 ? payload.toString('utf8') : payload.toString('base64'),
    };
  };
}
