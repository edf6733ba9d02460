import { describe, expect, it, vi } from 'vitest';
import { outcomeBatch } from './outcome-batch';
import type { OutcomeContext } from './record-outcome';

vi.mock('./record-outcome', () => ({
  recordOutcome: (record: { value: unknown }) => {
    if (record.value === 'boom') throw new TypeError('cannot read properties of undefined');
    return { kind: 'drop', reason: 'invalid_json', quarantine: '{}' };
  },
}));

describe('outcomeBatch', () => {
  it('names the line of a record whose outcome failed unexpectedly', () => {
    const records = [
      { position: 1, value: 'fine' },
      { position: 42, value: 'boom' },
    ];
    expect(() => outcomeBatch(records, { format: 'jsonl' } as OutcomeContext)).toThrow(
      'line 42: cannot read properties of undefined',
    );
  });
});
