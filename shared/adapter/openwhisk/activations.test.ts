import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openwhiskActivations, siblingAction } from './activations';

/** A controller that throttles the first invoke and refuses the part it cannot take. */
let throttled = 0;
const invokes: { path: string; query: string; part: unknown }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://controller');
    const params = JSON.parse(body || '{}');
    invokes.push({ path: decodeURIComponent(url.pathname), query: url.search, part: params.part });
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (throttled++ === 0) return reply(429, { error: 'Too many requests in the last minute' });
    if (params.part === 3) return reply(400, { error: 'The request content was malformed' });
    reply(202, { activationId: `act-${params.part}` });
  });
});
let apihost = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apihost = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('OpenWhisk activations', () => {
  it('are absent without the API key that provide-api-key gives', () => {
    expect(openwhiskActivations({ __OW_API_HOST: 'https://ow.example' })).toBeUndefined();
  });

  it('invoke the sibling action without blocking, retry a throttled invoke, and report a refused one', async () => {
    const activations = openwhiskActivations({
      __OW_API_HOST: apihost,
      __OW_API_KEY: 'uuid:key',
      __OW_ACTION_NAME: '/guest/medqa/reconcile',
    })!;
    expect(activations.mode).toBe('detached');
    const runs = await activations.start('transform', [{ part: 1 }, { part: 2 }, { part: 3 }]);
    expect(runs.map((run) => run.id)).toEqual(['act-1', 'act-2', '']);
    expect(runs[2]!.notStarted).toMatch(/400/);
    expect(invokes.every((invoke) => invoke.path === '/api/v1/namespaces/guest/actions/medqa/transform')).toBe(true);
    expect(invokes.every((invoke) => /blocking=false/.test(invoke.query))).toBe(true);
    expect(invokes.filter((invoke) => invoke.part === 1 || invoke.part === 2)).toHaveLength(3); // one was retried
  });

  it('name the action in the package of the running one', () => {
    expect(siblingAction('/guest/medqa/reconcile', 'transform')).toBe('/guest/medqa/transform');
    expect(siblingAction('/guest/transform', 'transform')).toBe('/guest/transform');
    expect(siblingAction(undefined, 'transform')).toBe('transform');
  });
});
