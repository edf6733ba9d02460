import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/temp-dir';
import { PRODUCTION_RAW_PREFIX } from '../../bucket/keys';
import type { DashboardAssets } from '../../stages/dashboard';
import { openwhiskDashboardMain, openwhiskObjectNotificationMain } from './web-actions';

const ASSETS: DashboardAssets = { 'index.html': '<!doctype html>', 'app.js': '', 'app.css': '' };
const ROUTES = { [PRODUCTION_RAW_PREFIX]: 'production-raw-created' };

/** A raw-http POST as OpenWhisk hands it over: the JSON body base64-encoded. */
function rawHttpPost(body: unknown, headers: Record<string, string>) {
  return {
    __ow_method: 'post',
    __ow_path: '',
    __ow_headers: { 'content-type': 'application/json', ...headers },
    __ow_body: Buffer.from(JSON.stringify(body)).toString('base64'),
  };
}

describe('OpenWhisk web actions', () => {
  it('on-object-created fires the trigger of the prefix for a base64 notification with the webhook secret', async () => {
    const fired: [string, Record<string, unknown>][] = [];
    const main = openwhiskObjectNotificationMain(ROUTES, async (trigger, event) => void fired.push([trigger, event]));
    const key = `${PRODUCTION_RAW_PREFIX}day-1.jsonl`;
    const notification = {
      EventName: 's3:ObjectCreated:Put',
      Records: [
        {
          eventName: 's3:ObjectCreated:Put',
          s3: { bucket: { name: 'medqa' }, object: { key: encodeURIComponent(key), size: 5, eTag: 'e1' } },
        },
      ],
    };
    const ok = await main({ webhook_secret: 'hush', ...rawHttpPost(notification, { authorization: 'Bearer hush' }) });
    expect(ok.statusCode).toBe(202);
    expect(fired).toEqual([['production-raw-created', expect.objectContaining({ bucket: 'medqa', key })]]);

    const refused = await main({
      webhook_secret: 'hush',
      ...rawHttpPost(notification, { authorization: 'Bearer no' }),
    });
    expect(refused.statusCode).toBe(401);
    expect(fired).toHaveLength(1);
  });

  it('the dashboard takes its store and read token from the package parameters', async () => {
    const main = openwhiskDashboardMain(ASSETS);
    const params = { data_dir: await tempDir(), read_token: 'r34d' };
    const get = (authorization?: string) =>
      main({
        ...params,
        __ow_method: 'get',
        __ow_path: '/api/records',
        __ow_query: 'split=production',
        __ow_headers: authorization ? { authorization } : {},
      });
    expect((await get()).statusCode).toBe(401);
    expect((await get('Bearer r34d')).statusCode).toBe(200);
  });

  it('the dashboard answers a wrong store setting with a JSON error naming it', async () => {
    const answer = await openwhiskDashboardMain(ASSETS)({ store: 'ftp', __ow_method: 'get', __ow_path: '/' });
    expect(answer.statusCode).toBe(500);
    expect(JSON.parse(answer.body).error).toMatchObject({
      code: 'BAD_PARAMS',
      message: expect.stringContaining('MEDQA_STORE'),
    });
  });
});
