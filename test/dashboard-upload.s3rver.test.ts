import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardApp } from '../shared/stages/dashboard';
import { readText } from '../shared/store';
import { type RunningS3rver, startS3rver } from './helpers/s3rver';

let s3rver: RunningS3rver;
beforeAll(async () => {
  s3rver = await startS3rver();
});
afterAll(async () => {
  await s3rver?.stop();
});

describe('dashboard upload on S3', () => {
  it('hands out a short-lived presigned PUT URL for a raw prefix that stores the file', async () => {
    const store = await s3rver.newStore();
    const app = dashboardApp({ store, assets: { 'index.html': '', 'app.js': '', 'app.css': '' }, uploadToken: 'up' });
    const content = '{"question":"q","answer":"a"}\n';
    const res = await app.request('/api/upload-url', {
      method: 'POST',
      headers: { authorization: 'Bearer up' },
      body: JSON.stringify({ target: 'production', name: 'day 1.jsonl', size: content.length }),
    });
    const { url, method, key, expires_in } = await res.json();
    expect({ method, key, expires_in }).toEqual({
      method: 'PUT',
      key: 'data/production/retraining_data_raw/day 1.jsonl',
      expires_in: 300,
    });
    expect(url).toMatch(/X-Amz-Expires=300/);
    const put = await fetch(url, {
      method: 'PUT',
      body: content,
      headers: { 'content-length': String(content.length) },
    });
    expect(put.status).toBe(200);
    expect(await readText(store, key)).toBe(content);
  });
});
