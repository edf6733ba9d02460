/** What a web action returns for the `.http` extension. */
export interface WebActionResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export type FetchHandler = (request: Request) => Response | Promise<Response>;

/**
 * Types OpenWhisk passes as plain text in `__ow_body`; everything else arrives base64 with
 * `raw-http` (JSON included). Responses of these types are sent as text, others base64.
 */
const TEXT_TYPES = /^text\//;
const TEXT_RESPONSE_TYPES = /^(text\/|application\/(json|javascript|xml|x-ndjson)|image\/svg\+xml)/;

/**
 * The request a web action received, as a standard Request, for both flavours. With `raw-http`
 * the body is `__ow_body`, base64 unless the content type is text; a JSON body that arrives
 * plain (older controllers) is taken as it is — base64 never starts with `{` or `[`. Without
 * `raw-http` the controller merged a JSON body into the parameters: they become the JSON body.
 */
export function requestFromOpenWhisk(params: Record<string, unknown>): Request {
  const headers = { ...((params.__ow_headers ?? {}) as Record<string, string>) };
  const method = (typeof params.__ow_method === 'string' ? params.__ow_method : 'get').toUpperCase();
  const path = typeof params.__ow_path === 'string' ? params.__ow_path : '';
  const query = typeof params.__ow_query === 'string' && params.__ow_query ? `?${params.__ow_query}` : '';
  let body: BodyInit | undefined;
  if (method !== 'GET' && method !== 'HEAD') {
    if (typeof params.__ow_body === 'string') body = decodeBody(params.__ow_body, headers['content-type'] ?? '');
    else {
      body = JSON.stringify(Object.fromEntries(Object.entries(params).filter(([name]) => !name.startsWith('__ow_'))));
      headers['content-type'] = 'application/json';
    }
  }
  return new Request(`https://${headers.host ?? 'openwhisk'}${path}${query}`, { method, headers, body });
}

function decodeBody(body: string, contentType: string): BodyInit {
  if (TEXT_TYPES.test(contentType)) return body;
  const first = body.trimStart()[0];
  if (/json/.test(contentType) && (first === '{' || first === '[')) return body;
  return Buffer.from(body, 'base64');
}

/** A Response as the `{statusCode, headers, body}` a `.http` web action returns (binary bodies base64). */
export async function resultFromResponse(response: Response): Promise<WebActionResult> {
  const type = response.headers.get('content-type') ?? '';
  const payload = Buffer.from(await response.arrayBuffer());
  return {
    statusCode: response.status,
    headers: Object.fromEntries(response.headers),
    body:
      TEXT_RESPONSE_TYPES.test(type) || payload.length === 0 ? payload.toString('utf8') : payload.toString('base64'),
  };
}

export interface WebMainOptions {
  /**
   * Redirect the action's bare URL (no trailing slash) to the slash form, so a page's
   * relative URLs resolve under the action.
   */
  redirectBareUrl?: boolean;
}

/** A fetch handler (a Hono app's `fetch`, say) as an OpenWhisk raw HTTP web action. */
export function openwhiskWebMain(handler: FetchHandler, options: WebMainOptions = {}) {
  return async function main(params: Record<string, unknown>): Promise<WebActionResult> {
    const method = typeof params.__ow_method === 'string' ? params.__ow_method.toUpperCase() : 'GET';
    if (options.redirectBareUrl && !params.__ow_path && (method === 'GET' || method === 'HEAD')) {
      const action = (process.env.__OW_ACTION_NAME ?? '/dashboard').split('/').pop();
      const query = typeof params.__ow_query === 'string' && params.__ow_query ? `?${params.__ow_query}` : '';
      return { statusCode: 302, headers: { location: `${action}/${query}` }, body: '' };
    }
    return resultFromResponse(await handler(requestFromOpenWhisk(params)));
  };
}
