import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { ProgressLog } from './progress';

describe('ProgressLog', () => {
  it('logs records, MB and percent once the interval has passed, not on every chunk', () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger('info', {}, (line) => lines.push(JSON.parse(line)));
    let now = 0;
    let records = 0;
    const progress = new ProgressLog(
      log,
      { key: 'raw/x.jsonl', size: 4_000_000 },
      () => records,
      5000,
      () => now,
    );
    for (let i = 0; i < 10; i += 1) {
      records += 100;
      now += 1000;
      progress.addBytes(200_000);
    }
    expect(lines.map(({ step, key, records, mb, percent }) => ({ step, key, records, mb, percent }))).toEqual([
      { step: 'progress', key: 'raw/x.jsonl', records: 500, mb: 1, percent: 25 },
      { step: 'progress', key: 'raw/x.jsonl', records: 1000, mb: 2, percent: 50 },
    ]);
  });

  it('leaves the percent out when the size is unknown', () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger('info', {}, (line) => lines.push(JSON.parse(line)));
    let now = 0;
    const progress = new ProgressLog(
      log,
      { key: 'k' },
      () => 7,
      5000,
      () => now,
    );
    now = 6000;
    progress.addBytes(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty('percent');
    expect(lines[0]).toMatchObject({ records: 7 });
  });
});
