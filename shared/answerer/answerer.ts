import { SPLIT_KEYS, SPLIT_METADATA_KEY } from '../bucket/keys';
import type { SplitRecord } from '../bucket/split-metadata';
import { readJsonLines } from '../readers';
import type { ObjectStore } from '../store';
import { Bm25Index } from './bm25';

/** What the index keeps of a training record: enough to answer and to say what matched. */
export type IndexedRecord = Pick<SplitRecord, 'question' | 'answer' | 'question_type' | 'question_focus'>;

/**
 * The baseline answerer: retrieval over the training split's questions (BM25), answering with
 * the stored answer of the best match. It lets the whole loop run with no model server.
 */
export class BaselineAnswerer {
  /** The index being built or built, for one split ETag: concurrent requests share one build. */
  private building: { etag: string; index: Promise<Bm25Index<IndexedRecord>> } | undefined;

  constructor(private readonly store: ObjectStore) {}

  /** Answers from the current split, rebuilding the index when the split changed. */
  async answer(question: string, k = 1): Promise<{ doc: IndexedRecord; score: number }[]> {
    const index = await this.currentIndex();
    return index ? index.search(question, k) : [];
  }

  private async currentIndex(): Promise<Bm25Index<IndexedRecord> | undefined> {
    const metadata = await this.store.head(SPLIT_METADATA_KEY);
    if (!metadata) return undefined;
    if (this.building?.etag !== metadata.etag) {
      const index = buildIndex(this.store);
      this.building = { etag: metadata.etag, index };
      // A failed build is not kept: the next request tries again.
      index.catch(() => {
        if (this.building?.index === index) this.building = undefined;
      });
    }
    return this.building.index;
  }
}

export async function buildIndex(
  store: ObjectStore,
  splitKey = SPLIT_KEYS.training,
): Promise<Bm25Index<IndexedRecord>> {
  const index = new Bm25Index<IndexedRecord>();
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
