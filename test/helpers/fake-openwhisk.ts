import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: string;
  body: any;
}

/**
 * A stand-in for the OpenWhisk controller's REST API: it keeps entities (packages, actions,
 * triggers, rules) in memory, answers GET / PUT / DELETE / POST as the controller does for the
 * calls the project makes, and records every request for assertions.
 */
export async function startFakeOpenWhisk(
  options: {
    /** Called with each action invoked (after it was answered), as the controller would schedule it. */
    onActionInvoke?: (action: string, params: Record<string, unknown>) => void;
  } = {},
) {
  const entities = new Map<string, any>();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method ?? '', path: decodeURIComponent(url.pathname), query: url.search, body });
      const reply = (status: number, payload?: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(payload === undefined ? '' : JSON.stringify(payload));
      };
      const path = decodeURIComponent(url.pathname).replace(/^\/api\/v1\/namespaces\/[^/]+\//, '');
      if (req.method === 'GET')
        return entities.has(path)
          ? reply(200, entities.get(path))
          : reply(404, { error: 'The requested resource does not exist.' });
      if (req.method === 'PUT') {
        const name = path.split('/').pop();
        const entity = {
          name,
          namespace: 'guest',
          version: '0.0.1',
          ...body,
          annotations: body?.annotations ?? [],
          parameters: body?.parameters ?? [],
        };
        entities.set(path, entity);
        return reply(200, entity);
      }
      if (req.method === 'DELETE') {
        entities.delete(path);
        return reply(200, {});
      }
      if (req.method === 'POST') {
        reply(path.startsWith('triggers/') ? 202 : 200, { activationId: `act-${requests.length}` });
        if (path.startsWith('actions/')) options.onActionInvoke?.(path.slice('actions/'.length), body ?? {});
        return;
      }
      reply(405);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const apihost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apihost,
    requests,
    entities,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
