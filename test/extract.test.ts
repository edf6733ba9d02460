import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ActionDefinition, invokeAction } from '../shared/runtime';
import { extract, networkError } from '../shared/stages/extract';
import { FolderStore, listAll, type ObjectStore, readText } from '../shared/store';
import { SMALL_EXPORT, toJsonl } from './fixtures/medquad-fixtures';
import { type RunningS3rver, startS3rver } from './helpers/s3rver';
import { tempDir } from './helpers/temp-dir';

const BODY = toJsonl(SMALL_EXPORT);
const BIG = Buffer.alloc(3 * 1024 * 1024, 'x');

/** A local server with the cases a download meets: fine, missing, stalled, cut short, too big. */
function startServer(): Promise<{ base: string; server: Server }> {
  const server = createServer((req, res) => {
    switch (req.url) {
      case '/data/medquad.jsonl':
        res.writeHead(200, { 'content-type': 'application/x-ndjson', 'content-length': BODY.length });
        return res.end(BODY);
      case '/data/big.bin':
        res.writeHead(200, { 'content-length': BIG.length });
        return res.end(BIG);
      case '/data/chunked.bin': // no content-length: the limit is enforced while streaming
        res.writeHead(200);
        for (let i = 0; i < 6; i += 1) res.write(Buffer.alloc(512 * 1024, 'y'));
        return res.end();
      case '/data/slow.jsonl':
        res.writeHead(200, { 'content-length': BODY.length });
        res.write(BODY.subarray(0, 100)); // then nothing more
        return;
      case '/data/moved.jsonl': // a hop on the same (allowed) host, as the hub redirects to its CDN
        res.writeHead(302, { location: '/data/medquad.jsonl' });
        return res.end();
      case '/data/elsewhere.jsonl': // a hop to a host off the allow-list
        res.writeHead(302, {
          location: `http://localhost:${(server.address() as AddressInfo).port}/data/medquad.jsonl`,
        });
        return res.end();
      case '/data/truncated.jsonl':
        res.writeHead(200, { 'content-length': BODY.length });
        res.write(BODY.subarray(0, 200), () => res.destroy());
        return;
      default:
        res.writeHead(404, 'Not Found');
        return res.end('no such file');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

let http: { base: string; server: Server };
let s3rver: RunningS3rver;
beforeAll(async () => {
  http = await startServer();
  s3rver = await startS3rver();
});
afterAll(async () => {
  http?.server.closeAllConnections();
  await new Promise((resolve) => http?.server.close(resolve));
  await s3rver?.stop();
});

/** The tests' server is on loopback, which the default allow-list (the Hugging Face hub) refuses. */
const LOOPBACK = '127.0.0.1';

const run = (store: ObjectStore, params: Record<string, unknown>) =>
  invokeAction(
    extract as ActionDefinition,
    { log_level: 'silent', allowed_hosts: LOOPBACK, ...params },
    { store },
  ) as Promise<Record<string, any>>;

describe.each([
  ['folder store', async () => new FolderStore(await tempDir())],
  ['S3 store on s3rver', () => s3rver.newStore()],
] as const)('extract through the %s', (_, newStore) => {
  it('streams the file into data/offline/raw/ under its URL name', async () => {
    const store = await newStore();
    const result = await run(store, { url: `${http.base}/data/medquad.jsonl`, progress_every_bytes: 100 });
    expect(result).toMatchObject({ status: 'downloaded', key: 'data/offline/raw/medquad.jsonl', bytes: BODY.length });
    expect(await readText(store, 'data/offline/raw/medquad.jsonl')).toBe(BODY.toString());
  });

  it.each([
    ['a 404', '/data/missing.parquet', {}, 'HTTP_ERROR', /answered 404 Not Found/],
    ['a stalled server', '/data/slow.jsonl', { idle_timeout_ms: 300 }, 'TIMEOUT', /no data arrived for 300 ms/],
    ['a body cut short', '/data/truncated.jsonl', {}, 'TRUNCATED', /the connection broke after \d+ of \d+ bytes/],
    [
      'a file over max_bytes',
      '/data/big.bin',
      { max_bytes: 1024 * 1024 },
      'TOO_LARGE',
      /3145728 bytes, over max_bytes 1048576/,
    ],
    [
      'a stream growing past max_bytes',
      '/data/chunked.bin',
      { max_bytes: 1024 * 1024 },
      'TOO_LARGE',
      /passed max_bytes/,
    ],
  ])('fails on %s with a clear error and stores nothing', async (_, path, extra, code, message) => {
    const store = await newStore();
    const result = await run(store, { url: http.base + path, ...extra });
    expect(result.error.code).toMatch(code);
    expect(result.error.message).toMatch(message);
    expect(await listAll(store, 'data/')).toEqual([]);
  });
});

describe('extract fetches only from allowed hosts', () => {
  it('refuses loopback and any host off the list by default, before sending anything', async () => {
    const store = new FolderStore(await tempDir());
    const result = await run(store, { url: `${http.base}/data/medquad.jsonl`, allowed_hosts: undefined });
    expect(result.error).toMatchObject({
      code: 'HOST_NOT_ALLOWED',
      message: expect.stringMatching(/does not fetch from 127\.0\.0\.1: allowed hosts are huggingface\.co, /),
    });
    expect(await listAll(store, 'data/')).toEqual([]);
  });

  it('follows a redirect within the list and refuses one that leaves it', async () => {
    const store = new FolderStore(await tempDir());
    expect(await run(store, { url: `${http.base}/data/moved.jsonl` })).toMatchObject({
      status: 'downloaded',
      key: 'data/offline/raw/moved.jsonl',
      bytes: BODY.length,
    });
    const refused = await run(store, { url: `${http.base}/data/elsewhere.jsonl` });
    expect(refused.error).toMatchObject({
      code: 'HOST_NOT_ALLOWED',
      message: expect.stringMatching(/a redirect led to localhost/),
    });
    expect((await listAll(store, 'data/')).map((o) => o.key)).toEqual(['data/offline/raw/moved.jsonl']);
  });

  it('matches "*.host" entries to subdomains only', async () => {
    const { hostAllowed, DEFAULT_ALLOWED_HOSTS } = await import('../shared/stages/extract');
    expect(hostAllowed('huggingface.co', DEFAULT_ALLOWED_HOSTS)).toBe(true);
    expect(hostAllowed('cdn-lfs-us-1.hf.co', DEFAULT_ALLOWED_HOSTS)).toBe(true);
    expect(hostAllowed('cas-bridge.xethub.hf.co', DEFAULT_ALLOWED_HOSTS)).toBe(true);
    expect(hostAllowed('evilhuggingface.co', DEFAULT_ALLOWED_HOSTS)).toBe(false);
    expect(hostAllowed('169.254.169.254', DEFAULT_ALLOWED_HOSTS)).toBe(false);
  });
});

describe('extract without network', () => {
  it('fails fast and says how to drop the file by hand', async () => {
    const closed = createServer();
    const port = await new Promise<number>((resolve) =>
      closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)),
    );
    await new Promise((resolve) => closed.close(resolve)); // nothing listens there now
    const started = Date.now();
    const result = await run(new FolderStore(await tempDir()), { url: `http://127.0.0.1:${port}/medquad.parquet` });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.error.code).toBe('NETWORK_UNAVAILABLE');
    expect(result.error.message).toMatch(
      new RegExp(`could not reach 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\).*copy the file into data/offline/raw/`),
    );
  });

  it('recognises an unresolvable host as no network', () => {
    const err = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND huggingface.co' },
    });
    expect(networkError(err, new URL('https://huggingface.co/x.parquet')).message).toMatch(
      /could not reach huggingface.co \(ENOTFOUND\)/,
    );
  });

  it('refuses URLs it cannot use', async () => {
    const store = new FolderStore(await tempDir());
    expect((await run(store, { url: 'ftp://example.org/x' })).error).toEqual({
      code: 'BAD_PARAMS',
      message: 'url must be http or https, got ftp:',
    });
    expect((await run(store, { url: 'http://127.0.0.1:1/' })).error.message).toMatch(/pass -p target_name/);
  });
});
