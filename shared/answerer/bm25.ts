/**
 * Okapi BM25 over short texts (questions): the baseline answerer's retrieval. Small and in
 * memory: the training split is thousands of questions, not millions.
 */
const STOPWORDS = new Set(
  'a an and are as at be by can do does for from how i in is it me my of on or should the to what when where which who why will with you your are'.split(
    ' ',
  ),
);
const K1 = 1.2;
const B = 0.75;

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 1 && !STOPWORDS.has(token));
}

export class Bm25Index<T> {
  private readonly docs: T[] = [];
  private readonly lengths: number[] = [];
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private totalLength = 0;

  add(text: string, doc: T): void {
    const id = this.docs.length;
    const tokens = tokenize(text);
    this.docs.push(doc);
    this.lengths.push(tokens.length);
    this.totalLength += tokens.length;
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    for (const [token, tf] of counts) {
      let list = this.postings.get(token);
      if (!list) this.postings.set(token, (list = []));
      list.push({ doc: id, tf });
    }
  }

  get size(): number {
    return this.docs.length;
  }

  /** The k best documents for the query, best first, with their scores. */
  search(query: string, k = 1): { doc: T; score: number }[] {
    const n = this.docs.length;
    if (n === 0) return [];
    const avgLength = this.totalLength / n;
    const scores = new Map<number, number>();
    for (const token of new Set(tokenize(query))) {
      const list = this.postings.get(token);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
      for (const { doc, tf } of list) {
        const norm = tf + K1 * (1 - B + (B * this.lengths[doc]!) / avgLength);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (K1 + 1)) / norm);
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([doc, score]) => ({ doc: this.docs[doc]!, score }));
  }
}
