import { describe, expect, it } from 'vitest';
import { MEDQUAD_COLUMNS, MedQuadRowSchema, medQuadRow } from './medquad';

describe('MedQuAD rows', () => {
  it('converts cells by hand exactly as the schema does', () => {
    // Every kind of cell a JSON, CSV or parquet reader gives, in every column and beside another.
    const cells: unknown[] = [
      ...[undefined, null, '', 'text', 'Ünïcode', 0, -0, 42, 1.5, Number.NaN, Number.POSITIVE_INFINITY, true, false],
      ...[[], ['a'], {}, { a: 1 }, 12n],
    ];
    const rows: Record<string, unknown>[] = [{}, { extra: 'x' }];
    for (const column of MEDQUAD_COLUMNS) for (const cell of cells) rows.push({ [column]: cell, question: 'q' });
    for (const cell of cells) rows.push(Object.fromEntries(MEDQUAD_COLUMNS.map((column) => [column, cell])));
    let failures = 0;
    for (const row of rows) {
      const parsed = MedQuadRowSchema.safeParse(row);
      const byHand = medQuadRow(row);
      expect(byHand !== undefined, String(Object.values(row))).toBe(parsed.success);
      if (!parsed.success) {
        failures += 1;
        continue;
      }
      // An absent cell is null by hand and absent or null by the schema: the same to every reader.
      for (const column of MEDQUAD_COLUMNS) expect(byHand![column]).toBe(parsed.data[column] ?? null);
    }
    expect(failures).toBeGreaterThan(50);
  });
});
