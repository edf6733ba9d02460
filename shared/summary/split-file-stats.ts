import { SAMPLE_ANSWER_CHARS, SAMPLE_PER_SPLIT, type Summary } from '../bucket/dashboard-summary';
import { SPLIT_NAMES, type SplitName } from '../bucket/keys';
import { addLength, emptyHistogram } from './histogram';
import type { LengthCounts } from './length-counts';

type SampleRow = NonNullable<Summary['offline']>['sample'][number];

/**
 * What the dashboard shows of the split files, gathered row by row in file order: each split's
 * question lengths (binned for the chart, exact for the quartiles) and an even sample. offline-etl
 * feeds it the rows as it writes them, so the summary need not read the files back; a refresh
 * that finds no kept partial feeds it the files.
 */
export class SplitFileStats {
  readonly lengths = Object.fromEntries(SPLIT_NAMES.map((name) => [name, emptyHistogram()])) as Record<
    SplitName,
    number[]
  >;
  readonly exactLengths = Object.fromEntries(SPLIT_NAMES.map((name) => [name, {}])) as Record<SplitName, LengthCounts>;
  private readonly samples = Object.fromEntries(SPLIT_NAMES.map((name) => [name, new EvenSample()])) as Record<
    SplitName,
    EvenSample
  >;

  add(split: SplitName, row: { question: string; answer: string; question_type: string }): void {
    const length = row.question.length;
    addLength(this.lengths[split], length);
    this.exactLengths[split][length] = (this.exactLengths[split][length] ?? 0) + 1;
    this.samples[split].offer(() => ({
      split,
      question: row.question,
      answer: row.answer.slice(0, SAMPLE_ANSWER_CHARS),
      question_type: row.question_type,
    }));
  }

  /** The sample of every split, SAMPLE_PER_SPLIT rows each at most, spread evenly over its file. */
  sample(): SampleRow[] {
    return SPLIT_NAMES.flatMap((name) => this.samples[name].rows());
  }
}

/**
 * Rows spread evenly over a file of a length not known in advance: every `step`-th row is kept,
 * and when twice the wanted number are held every other one goes and the step doubles. Memory is
 * two samples' worth whatever the file's size.
 */
class EvenSample {
  private kept: SampleRow[] = [];
  private step = 1;
  private seen = 0;

  offer(row: () => SampleRow): void {
    if (this.seen++ % this.step !== 0) return;
    this.kept.push(row());
    if (this.kept.length === 2 * SAMPLE_PER_SPLIT) {
      this.kept = this.kept.filter((_, i) => i % 2 === 0);
      this.step *= 2;
    }
  }

  rows(): SampleRow[] {
    if (this.kept.length <= SAMPLE_PER_SPLIT) return this.kept;
    return Array.from(
      { length: SAMPLE_PER_SPLIT },
      (_, i) => this.kept[Math.floor((i * this.kept.length) / SAMPLE_PER_SPLIT)]!,
    );
  }
}
