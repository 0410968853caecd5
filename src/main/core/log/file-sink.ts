// A log sink that appends JSON lines to a file and rotates it by size (issue #16: a terminal that runs
// for months must not fill its disk with logs): when the next record would take the file past maxBytes,
// sportello.log becomes sportello.log.1, .1 becomes .2, …, and the oldest beyond `keep` is deleted. So
// the logs never take more than about maxBytes × (keep + 1). Writes are synchronous (a record is on the
// file when the call returns, so a crash loses no line before it); a write error never reaches the
// caller (logging must not stop a payment): the sink counts it and retries on the next record.
import fs from 'node:fs';
import path from 'node:path';
import type { LogRecord, LogSink } from './logger';

export type FileSinkOptions = {
  /** Rotate when the file would grow past this many bytes (default 10 MiB). */
  maxBytes?: number;
  /** Rotated files kept besides the current one (default 5). */
  keep?: number;
};

export const DEFAULT_LOG_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_LOG_KEEP = 5;

export type FileSink = { readonly sink: LogSink; readonly file: string; writeErrors(): number; close(): void };

export function createFileSink(file: string, opts: FileSinkOptions = {}): FileSink {
  const maxBytes = Math.max(1024, opts.maxBytes ?? DEFAULT_LOG_MAX_BYTES);
  const keep = Math.max(0, opts.keep ?? DEFAULT_LOG_KEEP);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let fd: number | null = null;
  let size = 0;
  let errors = 0;

  const open = () => {
    fd = fs.openSync(file, 'a', 0o600);
    size = fs.fstatSync(fd).size;
  };
  const rotate = () => {
    if (fd !== null) fs.closeSync(fd);
    fd = null;
    if (keep === 0) fs.rmSync(file, { force: true });
    else {
      fs.rmSync(`${file}.${keep}`, { force: true });
      for (let i = keep - 1; i >= 1; i--) if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
      if (fs.existsSync(file)) fs.renameSync(file, `${file}.1`);
    }
    open();
  };

  const sink: LogSink = (r: LogRecord) => {
    try {
      const line = Buffer.from(`${JSON.stringify(r)}\n`, 'utf8');
      if (fd === null) open();
      if (size > 0 && size + line.length > maxBytes) rotate();
      fs.writeSync(fd!, line);
      size += line.length;
    } catch {
      errors++;
      if (fd !== null) {
        try {
          fs.closeSync(fd);
        } catch {
          // already gone
        }
      }
      fd = null;
    }
  };

  return {
    sink,
    file,
    writeErrors: () => errors,
    close() {
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}
