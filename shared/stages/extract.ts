import { Readable, Transform } from 'node:stream';
import * as z from 'zod';
import { OFFLINE_RAW_PREFIX } from '../bucket/keys';
import { defineAction, type Logger, optionalText, PipelineError, positiveInt, text, textList } from '../runtime';

/** The published Hugging Face `lavita/MedQuAD` file (47,441 rows). */
export const LAVITA_MEDQUAD_URL =
  'https://huggingface.co/datasets/lavita/MedQuAD/resolve/main/data/train-00000-of-00001-e36383d177026d53.parquet';

const MIB = 1024 * 1024;

/**
 * Hosts extract may fetch from: the Hugging Face hub and the CDN hosts its downloads redirect to.
 * `*.example.org` allows every subdomain. A deployment setting (MEDQA_ALLOWED_HOSTS), never a
 * caller's: the Knative adapter refuses it in a request.
 */
export const DEFAULT_ALLOWED_HOSTS = ['huggingface.co', '*.huggingface.co', '*.hf.co'];
/** Redirects followed at most: the hub answers with one or two. */
const MAX_REDIRECTS = 5;

const ExtractParams = z.object({
  url: text().default(LAVITA_MEDQUAD_URL).describe('the export to download (its host must be on allowed_hosts)'),
  /** File name under data/offline/raw/; by default the last segment of the URL's path. */
  target_name: optionalText().describe("file name under the offline raw prefix (default: the URL's last segment)"),
  /** The whole download must finish within this (OpenWhisk stops actions at 5 min). */
  timeout_ms: positiveInt(240_000).describe('the whole download must end within this'),
  /** Give up when no byte has arrived for this long. */
  idle_timeout_ms: positiveInt(30_000).describe('a download that sends nothing for this long is given up'),
  max_bytes: positiveInt(1024 * MIB).describe('a larger download is refused'),
  progress_every_bytes: positiveInt(4 * MIB).describe('a progress line after each this many bytes'),
  allowed_hosts: textList()
    .prefault(DEFAULT_ALLOWED_HOSTS)
    .describe('hosts a download and each of its redirects may go to (deployment setting only)'),
});

/**
 * extract: streams a dataset file from a URL into data/offline/raw/, where its arrival fires
 * offline-etl like any dropped file. The body goes straight to the store (never held in
 * memory); a download that fails, stalls, is cut short or grows too large stores nothing.
 */
export const extract = defineAction({
  name: 'extract',
  description: `Download a MedQuAD export (default: the Hugging Face lavita/MedQuAD parquet) into ${OFFLINE_RAW_PREFIX}`,
  params: ExtractParams,
  async run(params, { store, log }) {
    const url = parseUrl(params.url);
    const key = OFFLINE_RAW_PREFIX + targetName(url, params.target_name);
    const abort = new AbortController();
    const total = setTimeout(
      () => abort.abort(new PipelineError('TIMEOUT', `the download did not finish within ${params.timeout_ms} ms`)),
      params.timeout_ms,
    );
    let idle: NodeJS.Timeout | undefined;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(
        () => abort.abort(new PipelineError('TIMEOUT', `no data arrived for ${params.idle_timeout_ms} ms`)),
        params.idle_timeout_ms,
      );
    };
    try {
      armIdle();
      const response = await fetchAllowed(url, params.allowed_hosts, abort.signal);
      if (!response.ok || !response.body) {
        throw new PipelineError(
          'HTTP_ERROR',
          `GET ${url.href} answered ${response.status} ${response.statusText}`.trim(),
        );
      }
      const expected = Number(response.headers.get('content-length') ?? NaN);
      if (expected > params.max_bytes)
        throw new PipelineError('TOO_LARGE', `the file is ${expected} bytes, over max_bytes ${params.max_bytes}`);
      log.info('download_started', {
        url: url.href,
        key,
        bytes_expected: Number.isFinite(expected) ? expected : undefined,
      });

      const meter = byteMeter({
        expected,
        maxBytes: params.max_bytes,
        progressEvery: params.progress_every_bytes,
        log,
        onBytes: armIdle,
      });
      // The store's put reports the meter's failure; this listener only keeps a failure that
      // happens after put gave up from also surfacing as an uncaught 'error' event.
      meter.on('error', () => undefined);
      const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
      body.once('error', (err) => {
        const reason = abort.signal.aborted
          ? (abort.signal.reason as Error)
          : new PipelineError(
              'TRUNCATED',
              `the connection broke after ${meter.bytes}${Number.isFinite(expected) ? ` of ${expected}` : ''} bytes: ${(err as { cause?: Error }).cause?.message ?? err.message}`,
            );
        meter.destroy(reason);
      });
      const stored = await store.put(key, body.pipe(meter)).catch((err) => {
        throw abort.signal.aborted ? abort.signal.reason : err;
      });
      log.info('download_stored', { key, bytes: meter.bytes });
      return { status: 'downloaded', url: url.href, key, etag: stored.etag, bytes: meter.bytes };
    } finally {
      clearTimeout(total);
      clearTimeout(idle);
    }
  },
});

/**
 * GET `url`, following redirects by hand so that every hop's host is checked against the
 * allow-list before anything is sent to it (a redirect to a loopback or internal address is refused).
 */
async function fetchAllowed(url: URL, allowedHosts: string[], signal: AbortSignal): Promise<Response> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    assertAllowedHost(current, allowedHosts, hop > 0);
    const response = await fetch(current, { signal, redirect: 'manual' }).catch((err) => {
      throw signal.aborted ? signal.reason : networkError(err, current);
    });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return response;
    await response.body?.cancel();
    current = new URL(location, current);
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      throw new PipelineError('REDIRECT_REFUSED', `${url.host} redirected to a ${current.protocol} URL`);
    }
  }
  throw new PipelineError('REDIRECT_REFUSED', `more than ${MAX_REDIRECTS} redirects from ${url.href}`);
}

export function hostAllowed(host: string, allowedHosts: string[]): boolean {
  const name = host.toLowerCase();
  return allowedHosts.some((entry) => {
    const allowed = entry.trim().toLowerCase();
    return allowed.startsWith('*.') ? name.endsWith(allowed.slice(1)) : name === allowed;
  });
}

function assertAllowedHost(url: URL, allowedHosts: string[], redirected: boolean): void {
  if (hostAllowed(url.hostname, allowedHosts)) return;
  throw new PipelineError(
    'HOST_NOT_ALLOWED',
    `${redirected ? 'a redirect led to' : 'extract does not fetch from'} ${url.hostname}: allowed hosts are ` +
      `${allowedHosts.join(', ')} (the deployment's MEDQA_ALLOWED_HOSTS setting)`,
  );
}

function parseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PipelineError('BAD_PARAMS', `url is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new PipelineError('BAD_PARAMS', `url must be http or https, got ${url.protocol}`);
  return url;
}

function targetName(url: URL, given: string | undefined): string {
  const name = (given ?? decodeURIComponent(url.pathname.split('/').pop() ?? '')).trim();
  if (!name || name.includes('/') || name === '.' || name === '..') {
    throw new PipelineError('BAD_PARAMS', `cannot name the file from ${url.href}: pass -p target_name <file name>`);
  }
  return name;
}

/** Counts bytes, enforces the limit and the expected length, and logs progress every few MB. */
function byteMeter(options: {
  expected: number;
  maxBytes: number;
  progressEvery: number;
  log: Logger;
  onBytes: () => void;
}) {
  let nextProgress = options.progressEvery;
  const meter = Object.assign(
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        meter.bytes += chunk.length;
        options.onBytes();
        if (meter.bytes > options.maxBytes)
          return callback(new PipelineError('TOO_LARGE', `the download passed max_bytes ${options.maxBytes}`));
        if (meter.bytes >= nextProgress) {
          options.log.info('download_progress', {
            bytes: meter.bytes,
            percent: Number.isFinite(options.expected) ? Math.floor((100 * meter.bytes) / options.expected) : undefined,
          });
          nextProgress += options.progressEvery;
        }
        callback(null, chunk);
      },
      flush(callback) {
        if (Number.isFinite(options.expected) && meter.bytes !== options.expected) {
          return callback(
            new PipelineError('TRUNCATED', `the server announced ${options.expected} bytes but sent ${meter.bytes}`),
          );
        }
        callback();
      },
    }),
    { bytes: 0 },
  );
  return meter;
}

const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNRESET',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Turns fetch's "fetch failed" into what the user can do about it. */
export function networkError(err: unknown, url: URL): Error {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code;
  if (code && OFFLINE_CODES.has(code)) {
    return new PipelineError(
      'NETWORK_UNAVAILABLE',
      `could not reach ${url.host} (${code}). Without network access, download ${url.href} on another machine ` +
        `and copy the file into ${OFFLINE_RAW_PREFIX} of the bucket (locally: .medqa/bucket/${OFFLINE_RAW_PREFIX}); offline-etl picks it up from there.`,
    );
  }
  return new PipelineError(
    'DOWNLOAD_FAILED',
    `GET ${url.href} failed: ${cause?.message ?? (err as Error)?.message ?? String(err)}`,
  );
}
