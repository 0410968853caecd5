// Structured logging for the core and drivers. No console.* elsewhere in src/main or drivers:
// modules take a Logger (namespace per module) so tests can capture and technicians can export logs.
import type { Logger } from '../../../common/logger';
import { redactSecrets } from './redact';

/** The one Logger type (src/common/logger.ts), shared with the drivers. */
export type { Logger } from '../../../common/logger';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogRecord = { readonly time: string; readonly level: LogLevel; readonly ns: string; readonly msg: string; readonly data?: unknown };
export type LogSink = (record: LogRecord) => void;

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Keeps the last `capacity` records in memory for the technician's log viewer and export. */
export class LogRing {
  private readonly records: LogRecord[] = [];
  constructor(private readonly capacity = 2000) {}
  readonly sink: LogSink = (r) => {
    this.records.push(r);
    if (this.records.length > this.capacity) this.records.shift();
  };
  list(): readonly LogRecord[] {
    return this.records.slice();
  }
}

/** Writes JSON lines to stderr (never stdout: CLI commands own stdout for their JSON output). */
export const stderrSink: LogSink = (r) => {
  process.stderr.write(`${JSON.stringify(r)}\n`);
};

export function createLogger(ns: string, opts: { sinks?: LogSink[]; level?: LogLevel } = {}): Logger {
  const sinks = opts.sinks ?? [];
  const min = LEVELS[opts.level ?? 'info'];
  const emit = (level: LogLevel, msg: string, data?: unknown) => {
    if (LEVELS[level] < min || sinks.length === 0) return;
    const record: LogRecord = { time: new Date().toISOString(), level, ns, msg: redactSecrets(msg), ...(data === undefined ? {} : { data: redactSecrets(data) }) };
    for (const s of sinks) s(record);
  };
  return {
    debug: (m, d) => emit('debug', m, d),
    info: (m, d) => emit('info', m, d),
    warn: (m, d) => emit('warn', m, d),
    error: (m, d) => emit('error', m, d),
    child: (sub) => createLogger(`${ns}/${sub}`, opts),
  };
}

/** A logger that drops everything: the default for library code when nobody passes one. */
export const silentLogger: Logger = createLogger('silent');
