/**
 * `GET api/records` and `GET api/quarantine`: one page of a split's records, of the staged
 * production records, or of the quarantine, for the dashboard. The file is streamed from the store and filtered on the
 * way, so a search
 * covers the whole split while memory holds one page; the matches are counted to the end.
 */
import * as z from 'zod';
import {
  isStagedSummaryKey,
  OFFLINE_QUARANTINE_PREFIX,
  PRODUCTION_QUARANTINE_PREFIX,
  PRODUCTION_STAGED_PREFIX,
  SPLIT_KEYS,
  SPLIT_NAMES,
} from '../bucket/keys';
import { readObject } from '../bucket/read';
import { type ProductionQuarantineEntry, StagedSummarySchema } from '../bucket/staged';
import { quarantinedFileCounts } from '../offline/quarantine-file';
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

/**
 * The rows of one page out of a stream of matches: every match is counted, only those from
 * `offset` on are kept, until `limit` rows or MAX_PAGE_CHARS characters.
 */
class PageOfMatches<T> {
  total = 0;
  readonly rows: T[] = [];
  private chars = 0;

  constructor(private readonly query: { offset: number; limit: number }) {}

  /** Counts a match; `row` is built only when it goes on the page. */
  add(row: () => { row: T; chars: number }): void {
    this.total += 1;
    if (this.total <= this.query.offset || this.rows.length >= this.query.limit || this.chars >= MAX_PAGE_CHARS) return;
    const made = row();
    this.rows.push(made.row);
    this.chars += made.chars;
  }
}

/** Long text cut to fit a page. */
function shortened(text: string): string {
  return text.length > ANSWER_CHARS ? `${text.slice(0, ANSWER_CHARS)}…` : text;
}

interface StoredRow {
  question?: unknown;
  answer?: unknown;
  question_type?: unknown;
}

export async function recordsPage(store: ObjectStore, query: RecordsQuery): Promise<RecordsPage> {
  const needle = query.q?.trim().toLowerCase() || undefined;
  const type = query.type || undefined;
  const page = new PageOfMatches<RecordRow>(query);
  for (const key of await sourceKeys(store, query.split)) {
    let line = 0;
    for await (const row of readJsonLines<StoredRow>(store, key)) {
      line += 1;
      const question = String(row.question ?? '');
      const answer = String(row.answer ?? '');
      if (type && row.question_type !== type) continue;
      if (needle && !question.toLowerCase().includes(needle) && !answer.toLowerCase().includes(needle)) continue;
      page.add(() => {
        const shown = shortened(answer);
        return {
          row: { question, answer: shown, question_type: String(row.question_type ?? ''), source: key, line },
          chars: question.length + shown.length,
        };
      });
    }
  }
  return { split: query.split, total: page.total, offset: query.offset, rows: page.rows };
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

export const QuarantineQuery = z.object({
  reason: z.string().max(60).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_ROWS).default(50),
});
export type QuarantineQuery = z.infer<typeof QuarantineQuery>;

export interface QuarantinePage {
  /** Quarantined production records by reason, and offline files by reason. */
  counts: { production: Record<string, number>; offline: Record<string, number> };
  reason: string | null;
  total: number;
  offset: number;
  rows: { reason: string; detail: string | null; source_key: string; line: number; text: string }[];
}

/** A quarantine line as read back: the writer's shape, each field checked before use (an old line may lack it). */
type QuarantineLine = { [K in keyof ProductionQuarantineEntry]?: unknown } & {
  record?: { question?: unknown; answer?: unknown } | null;
};

/**
 * A page of the production quarantine for one reason (all reasons without one), with the counts
 * by reason of both stages. Quarantined text is PII-reduced as it was written; it is shown as
 * stored, question and answer (or the unparsable line) cut to fit the page.
 */
export async function quarantinePage(store: ObjectStore, query: QuarantineQuery): Promise<QuarantinePage> {
  const production: Record<string, number> = {};
  const page = new PageOfMatches<QuarantinePage['rows'][number]>(query);
  for await (const object of listObjects(store, PRODUCTION_QUARANTINE_PREFIX)) {
    if (!object.key.endsWith('.jsonl')) continue;
    for await (const entry of readJsonLines<QuarantineLine>(store, object.key)) {
      const reason = String(entry.reason ?? 'unknown');
      production[reason] = (production[reason] ?? 0) + 1;
      if (query.reason && reason !== query.reason) continue;
      page.add(() => {
        const text = shortened(
          entry.record
            ? `${String(entry.record.question ?? '')} — ${String(entry.record.answer ?? '')}`
            : String(entry.raw_text ?? ''),
        );
        return {
          row: {
            reason,
            detail: typeof entry.detail === 'string' ? entry.detail : null,
            source_key: String(entry.source_key ?? object.key),
            line: Number(entry.line ?? 0),
            text,
          },
          chars: text.length,
        };
      });
    }
  }
  return {
    counts: { production, offline: await quarantinedFileCounts(store, OFFLINE_QUARANTINE_PREFIX) },
    reason: query.reason ?? null,
    total: page.total,
    offset: query.offset,
    rows: page.rows,
  };
}
