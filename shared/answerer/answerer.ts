import { SPLIT_KEYS, SPLIT_METADATA_KEY } from '../bucket/keys';
import { readJsonLines } from '../readers';
import type { ObjectStore } from '../store';
import { Bm25Index } from './bm25';

export interface SplitRecord {
  question: string;
  answer: string;
  question_type: string;
  question_focus: string | null;
}

/**
 * The baseline answerer: retrieval over the training split's questions (BM25), answering with
 * the stored answer of the best match. It lets the whole loop run with no model server.
 */
export class BaselineAnswerer {
  private index: Bm25Index<SplitRecord> | undefined;
  private builtFrom: string | undefined;

  constructor(private readonly store: ObjectStore) {}

  /** Answers from the current split, rebuilding the index when the split changed. */
  async answer(question: string, k = 1): Promise<{ doc: SplitRecord; score: number }[]> {
    const index = await this.currentIndex();
    return index ? index.search(question, k) : [];
  }

  private async currentIndex(): Promise<Bm25Index<SplitRecord> | undefined> {
    const metadata = await this.store.head(SPLIT_METADATA_KEY);
    if (!metadata) return undefined;
    if (this.index && this.builtFrom === metadata.etag) return this.index;
    this.index = await buildIndex(this.store);
    this.builtFrom = metadata.etag;
    return this.index;
  }
}

export async function buildIndex(store: ObjectStore, splitKey = SPLIT_KEYS.training): Promise<Bm25Index<SplitRecord>> {
  const index = new Bm25Index<SplitRecord>();
  for await (const row of readJsonLines<SplitRecord>(store, splitKey)) {
    index.add(row.question, {
      question: row.question,
      answer: row.answer,
      question_type: row.question_type,
      question_focus: row.question_focus ?? null,
    });
  }
  return index;
}
