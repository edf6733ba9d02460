import { describe, expect, it } from 'vitest';
import { readableLogLine, runLine } from './run-report';

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

describe('the counts of a run line', () => {
  it("gives an offline build's records, its drops in words (largest first) and its splits", () => {
    const line = runLine('offline-etl', 'data/offline/raw/medquad.parquet', {
      status: 'built',
      initial_records: 47_457,
      final_records: 16_377,
      split_counts: { training: 13_101, validation: 1_638, evaluation: 1_638 },
      dropped: { duplicate: 46, missing_answer: 31_034, invalid_json: 0 },
    });
    expect(line).toBe(
      'offline-etl data/offline/raw/medquad.parquet → built: 16,377 records of 47,457 (31,034 without answer, 46 duplicate); training 13,101 · validation 1,638 · evaluation 1,638',
    );
  });

  it("gives a log's kept records, and sums up reasons beyond the fourth", () => {
    const line = runLine('transform', 'k.jsonl', {
      status: 'staged',
      records_in: 1000,
      records_out: 900,
      dropped: { a: 50, b: 20, c: 10, d: 8, e: 7, f: 5 },
    });
    expect(line).toBe(
      'transform k.jsonl → staged: 900 of 1,000 records kept (50 a, 20 b, 10 c, 8 d, 12 for other reasons)',
    );
  });

  it('names a new version and what it was built from', () => {
    expect(
      runLine('retrain-batch', undefined, {
        status: 'created',
        version: 'v3',
        record_count: 13_582,
        staged_files: 4,
        dropped: {},
      }),
    ).toBe('retrain-batch → created v3: 13,582 records from 4 staged file(s)');
    expect(runLine('retrain-batch', undefined, { status: 'nothing_new', reason: 'no staged files since v3' })).toBe(
      'retrain-batch → nothing_new (no staged files since v3)',
    );
  });
});

describe('a log line as a person reads it', () => {
  it('shows the time, the action, the step and its counts, and leaves out the bookkeeping', () => {
    const json = JSON.stringify({
      time: '2026-12-02T01:02:03.456Z',
      level: 'info',
      action: 'transform',
      activation: 'abc',
      step: 'staged',
      records_in: 2000,
      dropped: { duplicate: 10 },
    });
    expect(readableLogLine(json)).toBe('01:02:03  transform  staged: records_in 2,000, dropped duplicate 10');
  });

  it('marks warnings, escapes control characters, and passes other lines through', () => {
    const json = JSON.stringify({
      time: '2026-12-02T01:02:03Z',
      level: 'warn',
      action: 'x',
      step: 'link_refused',
      key: 'a\u001bb',
    });
    expect(readableLogLine(json)).toBe('01:02:03  x  WARN link_refused: key a\\u001bb');
    expect(readableLogLine('not json')).toBe('not json');
  });
});
