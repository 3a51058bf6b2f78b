/**
 * A small structured logger: one JSON object per line on stderr, or readable lines on a TTY.
 * Levels: debug < info < warn < error. `LOG_LEVEL` sets the floor.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LogSink {
  write(line: string): void;
}

export function createLogger(
  options: {
    level?: LogLevel;
    sink?: LogSink;
    pretty?: boolean;
    fields?: Record<string, unknown>;
  } = {},
): Logger {
  const floor = order[options.level ?? 'info'];
  const sink = options.sink ?? { write: (line: string) => process.stderr.write(line) };
  const pretty = options.pretty ?? false;
  const base = options.fields ?? {};
  const log = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
    if (order[level] < floor) return;
    const all = { ...base, ...fields };
    for (const [key, value] of Object.entries(all)) {
      if (value instanceof Error) all[key] = { message: value.message, stack: value.stack };
    }
    if (pretty) {
      const extra = Object.keys(all).length ? ` ${JSON.stringify(all)}` : '';
      sink.write(`${level.toUpperCase().padEnd(5)} ${message}${extra}\n`);
    } else {
      sink.write(JSON.stringify({ time: new Date().toISOString(), level, message, ...all }) + '\n');
    }
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** A logger that keeps lines in memory, for tests. */
export function memoryLogger(level: LogLevel = 'debug'): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level, sink: { write: (line) => lines.push(line) } });
  return Object.assign(logger, { lines });
}
