// One writer per database (issue #9 §3). A second program that would write the same database (a second
// `serve`, a second Electron instance, `sync`, `pay`, `exceptions resolve`, `shift` …) is refused at once,
// with a message naming the holder; read-only commands open the database without taking part.
//
// The lock is SQLite's own file lock, not a home-made protocol: the writer opens a sidecar SQLite file
// `<db>-writer.lock` with `locking_mode=EXCLUSIVE` and keeps an `BEGIN EXCLUSIVE` transaction open on it
// for as long as it runs. SQLite holds the operating-system lock (fcntl on POSIX, LockFileEx on Windows)
// until that connection closes, and the OS drops it when the process dies — so a crashed holder never
// blocks anybody: the next opener simply acquires it. There is nothing to clean up and nothing a crash
// can leave half-written. Two connections in the SAME process conflict too (SQLite's unix VFS tracks
// locks per inode; Windows locks are per handle).
//
// Because only one live process can hold the lock, a writer that starts may treat every payment left
// by another boot as orphaned: its owner is dead (recovery relies on this).
//
// Who holds it is recorded, for the refusal message only, in `<db>-writer.json` (written atomically
// after acquiring, removed on a clean release). The lock itself never depends on that file.
//
// Never open `<db>-writer.lock` with anything but this module: on POSIX, closing ANY descriptor of a
// file drops every fcntl lock the process holds on it (SQLite works around this for its own handles).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, classifySqliteError } from './errors';

/** Who holds the writer lock of a database. */
export type WriterHolder = {
  readonly pid: number;
  readonly host: string;
  /** ISO-8601 time the lock was taken. */
  readonly since: string;
  /** What holds it, e.g. "sportello serve", "sportello sync", "Sportello (Electron)". */
  readonly command: string;
  readonly bootId?: string;
};

export type WriterLockOptions = {
  /** Label shown to a refused opener (default: derived from the process, e.g. "sportello sync"). */
  command?: string;
  /** The payment engine's boot id, when known, for diagnostics. */
  bootId?: string;
};

export type WriterLock = {
  readonly dbFile: string;
  readonly holder: WriterHolder;
  /** Closes the lock connection (idempotent): the next writer can open the database. */
  release(): void;
};

export function writerLockFile(dbFile: string): string {
  return `${path.resolve(dbFile)}-writer.lock`;
}

export function writerHolderFile(dbFile: string): string {
  return `${path.resolve(dbFile)}-writer.json`;
}

/**
 * Takes the writer lock of `dbFile` or throws StoreError 'in-use' naming the holder (no waiting: a
 * second writer is refused at once). Other storage failures throw their own StoreError kind.
 */
export function acquireWriterLock(dbFile: string, opts: WriterLockOptions = {}): WriterLock {
  const abs = path.resolve(dbFile);
  let conn: Database.Database;
  try {
    conn = new Database(writerLockFile(abs), { timeout: 0 });
  } catch (err) {
    throw toStoreError(err);
  }
  try {
    conn.pragma('busy_timeout = 0');
    // EXCLUSIVE locking mode: once taken, the file lock is kept until the connection closes.
    conn.pragma('locking_mode = EXCLUSIVE');
    // No rollback journal on disk: a killed holder leaves nothing behind but the empty lock file.
    conn.pragma('journal_mode = MEMORY');
    conn.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    closeQuietly(conn);
    const classified = classifySqliteError(err);
    if (classified instanceof StoreError && classified.kind === 'locked') throw inUseError(abs, readWriterHolder(abs));
    throw toStoreError(err);
  }
  const holder: WriterHolder = {
    pid: process.pid,
    host: os.hostname(),
    since: new Date().toISOString(),
    command: opts.command ?? defaultCommandLabel(),
    ...(opts.bootId ? { bootId: opts.bootId } : {}),
  };
  writeHolderRecord(abs, holder);
  let released = false;
  return {
    dbFile: abs,
    holder,
    release() {
      if (released) return;
      released = true;
      removeHolderRecord(abs, holder);
      closeQuietly(conn);
    },
  };
}

/** The recorded holder of `dbFile`'s writer lock, or null when none is recorded (readable without the lock). */
export function readWriterHolder(dbFile: string): WriterHolder | null {
  try {
    const raw = JSON.parse(fs.readFileSync(writerHolderFile(dbFile), 'utf8')) as Partial<WriterHolder>;
    if (typeof raw.pid !== 'number' || typeof raw.host !== 'string' || typeof raw.since !== 'string' || typeof raw.command !== 'string') return null;
    return { pid: raw.pid, host: raw.host, since: raw.since, command: raw.command, ...(typeof raw.bootId === 'string' ? { bootId: raw.bootId } : {}) };
  } catch {
    return null;
  }
}

/** One line: who holds the database, e.g. `"sportello serve" (pid 4242 on host till-3, since 2026-…)`. */
export function describeWriterHolder(holder: WriterHolder | null): string {
  if (!holder) return 'another program (it has not recorded its name yet)';
  return `"${holder.command}" (pid ${holder.pid} on host ${holder.host}, since ${holder.since})`;
}

function inUseError(dbFile: string, recorded: WriterHolder | null): StoreError {
  // A record left by a process that died on this host describes an old holder, not the live one (which
  // is between taking the lock and writing its record).
  const holder = recorded && recorded.host === os.hostname() && !processAlive(recorded.pid) ? null : recorded;
  return new StoreError('in-use', `the database ${dbFile} is in use by ${describeWriterHolder(holder)}`);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** "sportello sync", "sportello exceptions resolve", "Sportello (Electron)", or the script's name. */
export function defaultCommandLabel(argv: readonly string[] = process.argv): string {
  if (process.versions.electron) return 'Sportello (Electron)';
  const script = path.basename(argv[1] ?? process.argv0);
  if (script === 'sportello' || script === 'cli.cjs' || script === 'entry.ts') {
    // The command and its sub-command (`exceptions resolve`, `report z`); flags and values are left out.
    const isWord = (w: string | undefined): w is string => typeof w === 'string' && /^[a-z][a-z-]*$/.test(w);
    const words = isWord(argv[2]) ? (isWord(argv[3]) ? [argv[2], argv[3]] : [argv[2]]) : [];
    return ['sportello', ...words].join(' ');
  }
  return `node ${script}`;
}

function writeHolderRecord(dbFile: string, holder: WriterHolder): void {
  // Best effort: the record only improves the refusal message; the lock does not depend on it.
  const file = writerHolderFile(dbFile);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, `${JSON.stringify(holder)}\n`);
    fs.renameSync(tmp, file);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing more to do
    }
  }
}

function removeHolderRecord(dbFile: string, holder: WriterHolder): void {
  const current = readWriterHolder(dbFile);
  if (!current || current.pid !== holder.pid || current.since !== holder.since || current.host !== holder.host) return;
  try {
    fs.rmSync(writerHolderFile(dbFile), { force: true });
  } catch {
    // a stale record is harmless: it is only read by a refused opener
  }
}

function closeQuietly(conn: Database.Database): void {
  try {
    conn.close();
  } catch {
    // closing a lock connection cannot lose data
  }
}

function toStoreError(err: unknown): StoreError {
  const c = classifySqliteError(err);
  if (c instanceof StoreError) return c;
  return new StoreError('cannot-open', `writer lock: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}
