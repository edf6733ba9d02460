/**
 * The progress bar `medqa invoke` draws on a terminal: the actions' `progress` log lines
 * (runtime/progress.ts) redrawn in place on one line of stderr; other log lines are printed
 * above it (warnings and errors, or all with --verbose).
 */
import type { LogSink } from '../shared/runtime';
import { printable } from './run-report';

const BAR_WIDTH = 24;
const RANK: Record<string, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface ProgressBar {
  sink: LogSink;
  /** Clears the bar, before the result is printed. */
  done(): void;
}

export function progressBar(out: NodeJS.WriteStream, showFrom: 'info' | 'warn'): ProgressBar {
  let drawn = false;
  const clear = () => {
    if (drawn) out.write('\r\u001b[K');
    drawn = false;
  };
  return {
    sink(line) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        entry = {};
      }
      if (entry.step === 'progress') {
        clear();
        out.write(progressText(entry, out.columns || 80));
        drawn = true;
        return;
      }
      if ((RANK[String(entry.level)] ?? 99) < RANK[showFrom]!) return;
      clear();
      out.write(`${line}\n`);
    },
    done: clear,
  };
}

/** "[#########---------------] 37 %  120,000 records  45.2 MB  transform raw/x.jsonl", cut to the terminal's width. */
export function progressText(entry: Record<string, unknown>, columns: number): string {
  const percent = typeof entry.percent === 'number' ? entry.percent : undefined;
  const filled = percent === undefined ? 0 : Math.round((BAR_WIDTH * percent) / 100);
  const parts = [
    percent === undefined ? '' : `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent} %`,
    typeof entry.records === 'number' ? `${entry.records.toLocaleString('en-US')} records` : '',
    typeof entry.mb === 'number' ? `${entry.mb} MB` : '',
    `${String(entry.action ?? '')} ${String(entry.key ?? '')}`,
  ];
  const text = printable(parts.filter(Boolean).join('  '));
  return text.length < columns ? text : `${text.slice(0, Math.max(0, columns - 2))}…`;
}
