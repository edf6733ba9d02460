import { describe, expect, it } from 'vitest';
import { progressBar, progressText } from './progress-bar';

function terminal(columns = 80) {
  let written = '';
  const write = (text: string) => {
    written += text;
    return true;
  };
  const out = { columns, write } as unknown as NodeJS.WriteStream;
  return { out, written: () => written };
}
const CLEAR_LINE = '\r\u001b[K';
const entry = (fields: Record<string, unknown>) => JSON.stringify({ time: 't', action: 'transform', ...fields });

describe('the progress bar of medqa invoke', () => {
  it('draws a bar from the percent, with records and MB', () => {
    expect(
      progressText({ action: 'transform', key: 'raw/x.jsonl', percent: 50, records: 120_000, mb: 45.2 }, 100),
    ).toBe('[############------------] 50 %  120,000 records  45.2 MB  transform raw/x.jsonl');
    expect(progressText({ action: 'offline-etl', key: 'k', records: 3 }, 100)).toBe('3 records  offline-etl k');
    expect(progressText({ action: 'transform', key: 'x'.repeat(200), percent: 1 }, 40)).toHaveLength(39);
  });

  it('redraws one line in place, prints warnings above it, hides info, and clears it when done', () => {
    const tty = terminal();
    const bar = progressBar(tty.out, 'warn');
    bar.sink(entry({ level: 'info', step: 'progress', key: 'k', percent: 10 }));
    bar.sink(entry({ level: 'info', step: 'staged' }));
    bar.sink(entry({ level: 'warn', step: 'link_refused' }));
    bar.sink(entry({ level: 'info', step: 'progress', key: 'k', percent: 90 }));
    bar.done();
    const text = tty.written();
    expect(text).not.toContain('"staged"');
    expect(text).toContain('"link_refused"');
    expect(text.split(CLEAR_LINE)).toHaveLength(3); // cleared before the warning, and at the end
    expect(text.endsWith(CLEAR_LINE)).toBe(true);
  });
});
