import { describe, expect, it } from 'vitest';
import { runLine } from './main';

describe('the run line medqa start prints', () => {
  it('escapes control characters of a file name, so a name cannot rewrite the terminal', () => {
    const line = runLine('transform', 'data/production/retraining_data_raw/a\n\u001b[2Jb.jsonl', { status: 'staged' });
    expect(line).toBe('transform data/production/retraining_data_raw/a\\u000a\\u001b[2Jb.jsonl → staged');
  });

  it('says a file could not be read instead of "staged"', () => {
    expect(runLine('transform', 'k.jsonl', { status: 'staged', dropped: { unreadable_file: 1 } })).toBe(
      'transform k.jsonl → not readable, quarantined and archived',
    );
    expect(runLine('transform', 'k.jsonl', { error: { code: 'NOT_FOUND', message: 'no object' } })).toBe(
      'transform k.jsonl → failed: NOT_FOUND: no object',
    );
  });
});
