/** Names numbered from 0 in the order they first turn up: a batch's or a file's question types and days. */
export class Numbering {
  readonly values: string[] = [];
  private readonly numbers = new Map<string, number>();

  index(value: string): number {
    let n = this.numbers.get(value);
    if (n === undefined) {
      n = this.values.push(value) - 1;
      this.numbers.set(value, n);
    }
    return n;
  }
}
