/**
 * `GET api/records`: one page of a split's records, or of the staged production records, for the
 * dashboard's explorer. The file is streamed from the store and filtered on the way, so a search
 * covers the whole split while memory holds one page; the matches are counted to the end.
 */
import { z } from 'zod';
import { isStagedSummaryKey, PRODUCTION_STAGED_PREFIX, SPLIT_KEYS, SPLIT_NAMES } from '../bucket/keys';
import { readObject } from '../bucket/read';
import { StagedSummarySchema } from '../bucket/staged';
import { readJsonLines } from '../readers';
import { listObjects, type ObjectStore } from '../store';

export const MAX_PAGE_ROWS = 100;
/** A page stays well under OpenWhisk's 1 MB result limit: long answers are cut to fit. */
const MAX_PAGE_CHARS = 600_000;
const ANSWER_CHARS = 2000;

export const RecordsQuery = z.object({
  split: z.enum([...SPLIT_NAMES, 'production']),
  type: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_ROWS).default(50),
});
export type RecordsQuery = z.infer<typeof RecordsQuery>;

export interface RecordRow {
  question: string;
  answer: string;
  question_type: string;
  source: string;
  line: number;
}

export interface RecordsPage {
  split: RecordsQuery['split'];
  total: number;
  offset: number;
  rows: RecordRow[];
}

interface StoredRow {
  question?: unknown;
  answer?: unknown;
  question_type?: unknown;
}

export async function recordsPage(store: ObjectStore, query: RecordsQuery): Promise<RecordsPage> {
  const needle = query.q?.trim().toLowerCase() || undefined;
  const type = query.type || undefined;
  const rows: RecordRow[] = [];
  let chars = 0;
  let total = 0;
  for (const key of await sourceKeys(store, query.split)) {
    let line = 0;
    for await (const row of readJsonLines<StoredRow>(store, key)) {
      line += 1;
      const question = String(row.question ?? '');
      const answer = String(row.answer ?? '');
      if (type && row.question_type !== type) continue;
      if (needle && !question.toLowerCase().includes(needle) && !answer.toLowerCase().includes(needle)) continue;
      total += 1;
      if (total <= query.offset || rows.length >= query.limit || chars >= MAX_PAGE_CHARS) continue;
      const shown = answer.length > ANSWER_CHARS ? `${answer.slice(0, ANSWER_CHARS)}…` : answer;
      rows.push({ question, answer: shown, question_type: String(row.question_type ?? ''), source: key, line });
      chars += question.length + shown.length;
    }
  }
  return { split: query.split, total, offset: query.offset, rows };
}

/** The split file, or every complete staged file (its summary marks it complete), oldest name first. */
async function sourceKeys(store: ObjectStore, split: RecordsQuery['split']): Promise<string[]> {
  if (split !== 'production') return (await store.head(SPLIT_KEYS[split])) ? [SPLIT_KEYS[split]] : [];
  const keys: string[] = [];
  for await (const object of listObjects(store, PRODUCTION_STAGED_PREFIX)) {
    if (!isStagedSummaryKey(object.key)) continue;
    const summary = await readObject(store, object.key, StagedSummarySchema);
    if (summary && summary.records_out > 0) keys.push(summary.staged_key);
  }
  return keys;
}
