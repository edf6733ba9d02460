/**
 * What `medqa start` prints for people: one line per finished run, with its counts, and one
 * per logged step. Everything shown comes from keys and counts (logs never carry record text);
 * keys are written by whoever named the file, so control characters are shown escaped.
 */
import { type ActionResult, type ErrorResult, isErrorResult } from '../shared/runtime';

/** Drop reasons in words, where the name alone would puzzle ("missing_answer" rows have none). */
const REASON_WORDS: Record<string, string> = {
  missing_answer: 'without answer',
  missing_question: 'without question',
  unsafe_question_type: 'unsafe question type',
};
/** Reasons named in a line, at most; the rest are counted together. */
const REASONS_SHOWN = 4;

export function runLine(action: string, key: string | undefined, result: ActionResult | ErrorResult): string {
  const what = key ? ` ${printable(key)}` : '';
  if (isErrorResult(result))
    return `${action}${what} → failed: ${result.error.code}: ${printable(result.error.message)}`;
  const dropped = (result.dropped ?? {}) as Record<string, number>;
  if (dropped.unreadable_file) return `${action}${what} → not readable, quarantined and archived`;
  return `${action}${what} → ${String(result.status ?? 'done')}${counts(result, dropped)}`;
}

/** The counts of a result, in the terms of its action's output. */
function counts(result: ActionResult, dropped: Record<string, number>): string {
  const n = (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-US') : undefined);
  const drops = describeDrops(dropped);
  if (typeof result.final_records === 'number') {
    // offline-etl: the split built from the exports.
    const splits = result.split_counts as Record<string, number> | undefined;
    const perSplit = splits
      ? `; ${Object.entries(splits)
          .map(([name, count]) => `${name} ${n(count)}`)
          .join(' · ')}`
      : '';
    const of = typeof result.initial_records === 'number' ? ` of ${n(result.initial_records)}` : '';
    return `: ${n(result.final_records)} records${of}${drops ? ` (${drops})` : ''}${perSplit}`;
  }
  if (typeof result.records_out === 'number') {
    // transform: the staged records of one log.
    return `: ${n(result.records_out)} of ${n(result.records_in)} records kept${drops ? ` (${drops})` : ''}`;
  }
  if (typeof result.record_count === 'number') {
    // retrain-batch: a new version.
    const from = typeof result.staged_files === 'number' ? ` from ${n(result.staged_files)} staged file(s)` : '';
    return ` ${String(result.version ?? '')}: ${n(result.record_count)} records${from}${drops ? ` (${drops})` : ''}`;
  }
  return typeof result.reason === 'string' ? ` (${printable(result.reason)})` : '';
}

/** "31,034 without answer, 46 duplicate": the largest first, the rest summed up. */
export function describeDrops(dropped: Record<string, number>): string {
  const entries = Object.entries(dropped)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  const shown = entries
    .slice(0, REASONS_SHOWN)
    .map(([reason, count]) => `${count.toLocaleString('en-US')} ${REASON_WORDS[reason] ?? reason.replace(/_/g, ' ')}`);
  const rest = entries.slice(REASONS_SHOWN).reduce((sum, [, count]) => sum + count, 0);
  if (rest > 0) shown.push(`${rest.toLocaleString('en-US')} for other reasons`);
  return shown.join(', ');
}

/** Log fields that are bookkeeping, not news: left out of the readable line. */
const QUIET_FIELDS = new Set(['time', 'level', 'action', 'activation', 'step', 'component']);

/**
 * One structured log line (logger.ts) as a person reads it:
 * `01:02:03  transform  staged: records_in 2,000, records_out 1,990, dropped duplicate 10`.
 * A line that is not a log entry is passed through.
 */
export function readableLogLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const who = String(entry.action ?? entry.component ?? '');
  const level = entry.level === 'warn' || entry.level === 'error' ? `${String(entry.level).toUpperCase()} ` : '';
  const fields = Object.entries(entry)
    .filter(([name, value]) => !QUIET_FIELDS.has(name) && value !== undefined)
    .map(([name, value]) => `${name} ${readableValue(value)}`)
    .filter((field) => !field.endsWith(' '));
  return printable(
    `${time}  ${who}  ${level}${String(entry.step ?? '')}${fields.length ? `: ${fields.join(', ')}` : ''}`,
  );
}

function readableValue(value: unknown): string {
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (Array.isArray(value)) return value.map(readableValue).join(' ');
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(([name, inner]) => `${name} ${readableValue(inner)}`)
      .join(' ');
  return String(value);
}

// Bidirectional overrides and isolates too: a name could otherwise show its text reversed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is escaped
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
