export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  /** The least severe level written: runs this one starts log at it too. */
  readonly level: LogLevel;
  debug(step: string, fields?: Record<string, unknown>): void;
  info(step: string, fields?: Record<string, unknown>): void;
  warn(step: string, fields?: Record<string, unknown>): void;
  error(step: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export type LogSink = (line: string) => void;

/** Writes on stderr so that stdout carries only results (what `medqa invoke` prints). */
const stderrSink: LogSink = (line) => process.stderr.write(`${line}\n`);

/**
 * One JSON line per step: `{"time","level","action","step",...}`. Callers pass counts and
 * keys, never record text: records may carry personal data.
 */
export function createLogger(
  level: LogLevel = 'info',
  base: Record<string, unknown> = {},
  sink: LogSink = stderrSink,
): Logger {
  const emit =
    (at: LogLevel) =>
    (step: string, fields: Record<string, unknown> = {}) => {
      if (RANK[at] < RANK[level]) return;
      sink(JSON.stringify({ time: new Date().toISOString(), level: at, ...base, step, ...fields }));
    };
  return {
    level,
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => createLogger(level, { ...base, ...fields }, sink),
  };
}
