import { describe, expect, it } from 'vitest';
import { decodeObjectKey, type ObjectEvent } from '../shared/bucket/object-event';
import { dispatchObjectNotification } from '../shared/stages/on-object-created';

const ROUTES = {
  'data/offline/raw/': 'offline-raw-created',
  'data/production/retraining_data_raw/': 'production-raw-created',
};
const SECRET = 's3cr3t-token';

/** A notification record as MinIO sends it (key form-encoded, `/` too). */
function minioRecord(key: string, eventName = 's3:ObjectCreated:Put') {
  return {
    eventVersion: '2.0',
    eventSource: 'minio:s3',
    eventName,
    s3: {
      bucket: { name: 'medqa' },
      object: {
        key: encodeURIComponent(key).replace(/%20/g, '+'),
        size: 42,
        eTag: 'abc123',
        sequencer: '187A3C2B1D4E5F60',
      },
    },
  };
}

interface TestRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | object;
}

function request({ method = 'post', headers = { authorization: `Bearer ${SECRET}` }, body }: TestRequest): Request {
  const text = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
  return new Request('http://hook.test/', { method, headers, body: method === 'head' ? undefined : text });
}

/** The status and the parsed JSON body (if any) of a dispatch. */
async function answer(response: Response) {
  const text = await response.text();
  return { statusCode: response.status, body: text ? JSON.parse(text) : undefined };
}

async function dispatch(req: TestRequest) {
  const fired: [string, ObjectEvent][] = [];
  const response = await dispatchObjectNotification(request(req), {
    secret: SECRET,
    routes: ROUTES,
    fireTrigger: async (trigger, event) => void fired.push([trigger, event]),
  });
  return { response: await answer(response), fired };
}

describe('on-object-created', () => {
  it('fires the trigger whose prefix matches, with bucket, key, etag and size', async () => {
    const { response, fired } = await dispatch({
      body: JSON.stringify({
        EventName: 's3:ObjectCreated:Put',
        Records: [minioRecord('data/production/retraining_data_raw/day 1/log+2 ü.jsonl')],
      }),
    });
    expect(response.statusCode).toBe(202);
    expect(fired).toEqual([
      [
        'production-raw-created',
        { bucket: 'medqa', key: 'data/production/retraining_data_raw/day 1/log+2 ü.jsonl', etag: 'abc123', size: 42 },
      ],
    ]);
  });

  it("ignores the pipeline's own outputs, deletions and keys with no route", async () => {
    const body = {
      Records: [
        minioRecord('data/production/retraining_data_staged/x.jsonl'),
        minioRecord('data/production/production_data_archive/x.jsonl'),
        minioRecord('data/offline/raw/old.json', 's3:ObjectRemoved:Delete'),
        minioRecord('elsewhere/file.txt'),
      ],
    };
    const { response, fired } = await dispatch({ body });
    expect(fired).toEqual([]);
    expect(response.body).toMatchObject({
      ignored: [
        { why: 'pipeline output' },
        { why: 'pipeline output' },
        { key: 'elsewhere/file.txt', why: 'no route for this prefix' },
      ],
    });
  });

  it.each([
    ['no header', {}],
    ['a wrong secret', { authorization: 'Bearer nope' }],
    ['a prefix of the secret', { authorization: `Bearer ${SECRET.slice(0, 5)}` }],
  ])('answers 401 for %s, firing nothing', async (_, headers) => {
    const { response, fired } = await dispatch({
      headers,
      body: { Records: [minioRecord('data/offline/raw/a.json')] },
    });
    expect(response.statusCode).toBe(401);
    expect(fired).toEqual([]);
  });

  it('accepts the secret verbatim, as MinIO sends a two-word token', async () => {
    const { response } = await dispatch({ headers: { authorization: SECRET }, body: { Records: [] } });
    expect(response.statusCode).toBe(202);
  });

  it('answers 400 with a clear message for a body that is not a notification', async () => {
    expect((await dispatch({ body: 'not json' })).response).toMatchObject({
      statusCode: 400,
      body: { error: expect.stringMatching(/not JSON/) },
    });
    expect((await dispatch({ body: { Records: [{ eventName: 'x' }] } })).response).toMatchObject({
      statusCode: 400,
      body: { error: expect.stringMatching(/^not a bucket notification: Records\.0\.s3/) },
    });
  });

  it("answers MinIO's HEAD probe, refuses other methods, and 500s when firing fails so MinIO retries", async () => {
    expect((await dispatch({ method: 'head' })).response.statusCode).toBe(200);
    expect((await dispatch({ method: 'put' })).response.statusCode).toBe(405);
    const failing = await dispatchObjectNotification(
      request({ body: { Records: [minioRecord('data/offline/raw/a.json')] } }),
      {
        secret: SECRET,
        routes: ROUTES,
        fireTrigger: () => Promise.reject(new Error('controller down')),
      },
    );
    expect(await answer(failing)).toMatchObject({
      statusCode: 500,
      body: { error: 'firing offline-raw-created failed: controller down' },
    });
  });

  it('decodes keys exactly once: "+" is a space, "%2B" a plus, MinIO\'s "%2F" a slash, raw keys pass', () => {
    expect(decodeObjectKey('in+put%2Fa%2Bb.csv')).toBe('in put/a+b.csv');
    expect(decodeObjectKey('data/offline/raw/my+file%25.json')).toBe('data/offline/raw/my file%.json');
    expect(decodeObjectKey('raw/100%.json')).toBe('raw/100%.json');
  });
});
