// The one place that opens SQLite. Durability settings are not negotiable: every payment is committed
// to disk before money changes hands (issue #4), so WAL + synchronous=FULL (fsync on every commit).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cleanSinceLastCheck, dropMarker, writeMarker } from './integrity-marker';
import { StoreError, classifySqliteError } from './errors';
import { ALL_MIGRATIONS, type Migration } from './migrations';
import { acquireWriterLock, type WriterLock, type WriterLockOptions } from './writer-lock';

export type Db = Database.Database;

export type OpenOptions = {
  /** Migrations to apply (default: every migration of the app). */
  migrations?: readonly Migration[];
  /** How long a writer waits for a lock before failing with StoreError 'locked'. */
  busyTimeoutMs?: number;
  /**
   * Open for reading only: no writer lock, no creating, no migrations, every write refused. Works while
   * another process writes the database (WAL). For commands that only look: queue, report x, journal,
   * exceptions list.
   */
  readonly?: boolean;
  /** How a writer names itself to a refused second writer (default: derived from the process). */
  writer?: WriterLockOptions;
};

/**
 * Opens (creating if needed) the database at `file`, applies pending migrations in one transaction and
 * runs an integrity check. Throws StoreError with a distinct kind for corrupt / locked / read-only /
 * disk-full locations.
 *
 * One writer per database (issue #9 §3): unless `readonly`, this first takes the database's writer lock
 * (writer-lock.ts), held until `db.close()`; a second writer — in this process or another — is refused at
 * once with StoreError 'in-use' naming the holder. A dead holder's lock is free.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  if (!opts.readonly) return openWriter(file, opts);
  try {
    return openOnce(file, opts);
  } catch (err) {
    // A reader must work from a read-only medium (a copy on a read-only mount, a full disk): SQLite needs to
    // create the WAL index (-shm) beside a WAL database even to read it. Read a private copy instead.
    if (!(err instanceof StoreError) || !['cannot-open', 'read-only', 'disk-full', 'io'].includes(err.kind) || !fs.existsSync(file)) throw err;
    return openReadOnlyCopy(file, opts, err);
  }
}

function openWriter(file: string, opts: OpenOptions): Db {
  try {
    return openOnce(file, opts);
  } catch (err) {
    // "unable to open" / a disk I/O error while the location cannot be written is a read-only location
    // (a read-only mount or file), and on a volume with no free space it is a full disk (issue #10 §6).
    if (err instanceof StoreError && (err.kind === 'cannot-open' || err.kind === 'io')) {
      if (!canWrite(file)) throw new StoreError('read-only', `${path.resolve(file)} or its directory is not writable`, { cause: err });
      if (noFreeSpace(file)) throw new StoreError('disk-full', `no free space on the volume of ${path.resolve(file)}`, { cause: err });
    }
    throw err;
  }
}

/** Copies the database (and its WAL, if any) to a private temp directory and opens that read-only. */
function openReadOnlyCopy(file: string, opts: OpenOptions, original: StoreError): Db {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sportello-ro-copy-'));
  const copy = path.join(dir, path.basename(file));
  try {
    fs.copyFileSync(file, copy);
    if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new StoreError(original.kind, `${original.detail}; a read-only copy could not be made either (${(err as NodeJS.ErrnoException).code ?? String(err)})`, { cause: err });
  }
  let db: Db;
  try {
    db = openOnce(copy, opts);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const close = db.close.bind(db);
  db.close = () => {
    try {
      return close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  return db;
}

function canWrite(file: string): boolean {
  const abs = path.resolve(file);
  try {
    fs.accessSync(path.dirname(abs), fs.constants.W_OK);
    if (fs.existsSync(abs)) fs.accessSync(abs, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function noFreeSpace(file: string): boolean {
  try {
    const s = fs.statfsSync(path.dirname(path.resolve(file)));
    return s.bavail * s.bsize < 64 * 1024;
  } catch {
    return false;
  }
}

function openOnce(file: string, opts: OpenOptions): Db {
  const migrations = opts.migrations ?? ALL_MIGRATIONS;
  let lock: WriterLock | null = null;
  let db: Db;
  try {
    if (!opts.readonly) {
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      if (file !== ':memory:' && file !== '') lock = acquireWriterLock(file, opts.writer);
    }
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false, timeout: opts.busyTimeoutMs ?? 2000 });
  } catch (err) {
    lock?.release();
    if (err instanceof StoreError && err.kind === 'in-use') throw err;
    // SQLite says only "unable to open database file"; the directory tells us whether it is read-only.
    if (!opts.readonly && !canWriteDirOf(file)) throw new StoreError('read-only', `${path.dirname(path.resolve(file))} is not writable`, { cause: err });
    throw toStoreError(err, 'cannot-open');
  }
  try {
    if (!opts.readonly) {
      // WAL lets the UI read while the sync worker writes; FULL fsyncs the WAL on each commit.
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') throw new StoreError('io', `journal_mode is ${String(mode)}, expected wal`);
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 2000}`);
    const onDisk = file !== ':memory:' && file !== '';
    let checkedAt = onDisk ? cleanSinceLastCheck(file, Date.now()) : null;
    if (checkedAt === null) {
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new StoreError('corrupt', `quick_check: ${String(check)}`);
      checkedAt = Date.now();
    }
    if (!opts.readonly) {
      if (onDisk) dropMarker(file);
      applyMigrations(db, migrations);
    }
    if (lock) releaseOnClose(db, lock, onDisk ? () => writeMarker(file, checkedAt) : null);
    return db;
  } catch (err) {
    try {
      db.close();
    } catch {
      // already broken; the original error is what matters
    }
    lock?.release();
    throw toStoreError(err, 'cannot-open');
  }
}

/** `db.close()` also releases the writer lock, so callers need nothing new. */
function releaseOnClose(db: Db, lock: WriterLock, onCleanClose: (() => void) | null): void {
  const close = db.close.bind(db);
  db.close = () => {
    try {
      const closed = close();
      onCleanClose?.();
      return closed;
    } finally {
      lock.release();
    }
  };
}

function canWriteDirOf(file: string): boolean {
  try {
    fs.accessSync(path.dirname(path.resolve(file)), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function toStoreError(err: unknown, fallback: 'cannot-open' | 'migration-failed'): StoreError {
  const classified = classifySqliteError(err);
  if (classified instanceof StoreError) return classified;
  const msg = err instanceof Error ? err.message : String(err);
  return new StoreError(fallback, msg, { cause: err });
}

/** Applies, in version order and inside one transaction, every migration newer than PRAGMA user_version. */
export function applyMigrations(db: Db, migrations: readonly Migration[]): void {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  const seen = new Set<number>();
  for (const m of sorted) {
    if (seen.has(m.version)) throw new StoreError('migration-failed', `duplicate migration version ${m.version}`);
    seen.add(m.version);
  }
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const pending = sorted.filter((m) => !applied.has(m.version));
  if (pending.length === 0) return;
  const run = db.transaction(() => {
    for (const m of pending) {
      try {
        m.up(db);
      } catch (err) {
        const c = classifySqliteError(err);
        if (c instanceof StoreError && c.kind !== 'io') throw c;
        throw new StoreError('migration-failed', `${m.version}-${m.name}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    }
  });
  run.immediate();
}

/**
 * Runs `fn` in an IMMEDIATE transaction (takes the write lock up front, so a busy DB fails before any
 * work) and converts storage failures to StoreError. Use this for every write that guards money.
 */
export function writeTransaction<T>(db: Db, fn: () => T): T {
  try {
    return db.transaction(fn).immediate();
  } catch (err) {
    throw classifySqliteError(err);
  }
}
