import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/temp-dir';
import { SPLIT_KEYS, SPLIT_METADATA_KEY } from '../bucket/keys';
import { FolderStore } from '../store';
import { BaselineAnswerer } from './answerer';

/** Counts reads of the training split: each is one index build. */
class CountingStore extends FolderStore {
  splitReads = 0;
  override async get(key: string) {
    if (key === SPLIT_KEYS.training) this.splitReads += 1;
    return super.get(key);
  }
}

describe('baseline answerer', () => {
  it('builds its index once for requests that arrive together, and again only when the split changes', async () => {
    const store = new CountingStore(await tempDir());
    const rows = [
      { question: 'what causes gout', answer: 'Uric acid crystals.', question_type: 'causes', question_focus: 'gout' },
      {
        question: 'what are the symptoms of asthma',
        answer: 'Wheezing.',
        question_type: 'symptoms',
        question_focus: 'asthma',
      },
    ];
    await store.put(SPLIT_KEYS.training, rows.map((row) => JSON.stringify(row)).join('\n'));
    await store.put(SPLIT_METADATA_KEY, '{"v":1}');
    const answerer = new BaselineAnswerer(store);
    const answers = await Promise.all(Array.from({ length: 20 }, () => answerer.answer('gout causes')));
    expect(answers.every(([best]) => best?.doc.answer === 'Uric acid crystals.')).toBe(true);
    expect(store.splitReads).toBe(1);
    await store.put(SPLIT_METADATA_KEY, '{"v":2}');
    await answerer.answer('asthma symptoms');
    expect(store.splitReads).toBe(2);
  });
});
