import { describe, expect, it } from 'vitest';
import { PRODUCTION_STAGED_PREFIX, SPLIT_KEYS } from '../shared/bucket/keys';
import { dashboardApp } from '../shared/stages/dashboard';
import { FolderStore } from '../shared/store';
import { tempDir } from './helpers/temp-dir';

const ASSETS = { 'index.html': '', 'app.js': '', 'app.css': '' };
const line = (question: string, question_type: string, answer = `About ${question}.`) =>
  JSON.stringify({ question, answer, question_type });

async function bucket() {
  const store = new FolderStore(await tempDir());
  const rows = Array.from({ length: 230 }, (_, i) =>
    line(`what is condition ${i}`, i % 2 ? 'symptoms' : 'information'),
  );
  rows.splice(177, 0, line('what is glaucoma', 'information', 'An eye disease.'));
  await store.put(SPLIT_KEYS.training, `${rows.join('\n')}\n`);
  await store.put(`${PRODUCTION_STAGED_PREFIX}day1/abc-r3.jsonl`, `${line('is [NAME] ok', 'information')}\n`);
  await store.put(
    `${PRODUCTION_STAGED_PREFIX}day1/abc-r3.summary.json`,
    JSON.stringify({
      schema_version: 1,
      source_key: 'data/production/retraining_data_raw/day1.jsonl',
      source_etag: 'abc',
      source_size: 10,
      format: 'jsonl',
      rules_version: 3,
      records_in: 1,
      records_out: 1,
      dropped: {},
      redactions: { NAME: 1 },
      question_types: { information: 1 },
      question_length_histogram: [],
      records_by_day: {},
      unknown_fields: {},
      staged_key: `${PRODUCTION_STAGED_PREFIX}day1/abc-r3.jsonl`,
      quarantine_key: null,
      created_at: '2026-12-01T00:00:00Z',
    }),
  );
  return dashboardApp({ store, assets: ASSETS, readToken: 'reader' });
}

describe('GET api/records', () => {
  it('pages through the whole split, counting every match', async () => {
    const app = await bucket();
    const first = await (await app.request('/api/records?split=training&limit=100')).json();
    expect(first.total).toBe(231);
    expect(first.rows).toHaveLength(100);
    const last = await (await app.request('/api/records?split=training&offset=200&limit=100')).json();
    expect(last.rows).toHaveLength(31);
    expect(last.rows.at(-1)).toMatchObject({
      question: 'what is condition 229',
      line: 231,
      source: SPLIT_KEYS.training,
    });
  });

  it('searches question and answer case-insensitively, and filters by type', async () => {
    const app = await bucket();
    const found = await (await app.request('/api/records?split=training&q=GLAUCOMA')).json();
    expect(found).toMatchObject({ total: 1, rows: [{ question: 'what is glaucoma', line: 178 }] });
    const symptoms = await (await app.request('/api/records?split=training&type=symptoms&limit=5')).json();
    expect(symptoms.total).toBe(115);
    expect(symptoms.rows.every((r: { question_type: string }) => r.question_type === 'symptoms')).toBe(true);
  });

  it('says what to pass for a bad query, and serves production rows only with the read token', async () => {
    const app = await bucket();
    const bad = await app.request('/api/records?split=secret&limit=500');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^split: .*e\.g\. api\/records\?split=training/);
    expect((await app.request('/api/records?split=training&limit=101')).status).toBe(400);
    expect((await app.request('/api/records?split=production')).status).toBe(401);
    const production = await app.request('/api/records?split=production', {
      headers: { authorization: 'Bearer reader' },
    });
    expect(await production.json()).toMatchObject({ total: 1, rows: [{ question: 'is [NAME] ok' }] });
  });
});
