import type { WebRequest } from '../dispatch/on-object-created';

/**
 * The request a web action received, whatever its flavour: with `raw-http` the body arrives as
 * `__ow_body` (base64 for JSON and binary content types, plain for text); without it, a JSON
 * body's fields are merged into the parameters.
 */
export function webRequestFromOpenWhisk(params: Record<string, unknown>): WebRequest {
  const headers = (params.__ow_headers ?? {}) as Record<string, string>;
  const method = typeof params.__ow_method === 'string' ? params.__ow_method : 'post';
  let body: WebRequest['body'];
  if (typeof params.__ow_body === 'string') {
    body = looksLikeJson(params.__ow_body) ? params.__ow_body : Buffer.from(params.__ow_body, 'base64').toString('utf8');
  } else {
    body = Object.fromEntries(Object.entries(params).filter(([name]) => !name.startsWith('__ow_')));
  }
  return { method, headers, body };
}

function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}
