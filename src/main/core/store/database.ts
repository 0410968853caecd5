// The one place that opens SQLite. Durability settings are not negotiable: every payment is committed
// to disk before money changes hands (issue #4), so WAL + synchronous=FULL (fsync on every commit).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreError, classifySqliteError } from './errors';
import { ALL_MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export type OpenOptions = {
  /** Migrations to apply (default: every migration of the app). */
  migrations?: readonly Migration[];
  /** How long a writer waits for a lock before failing with StoreError 'locked'. */
  busyTimeoutMs?: number;
  /** Open without creating or migrating (diagnostics, journal verify of a copy). */
  readonly?: boolean;
};

/**
 * Opens (creating if needed) the database at `file`, applies pending migrations in one transaction and
 * runs an integrity check. Throws StoreError with a distinct kind for corrupt / locked / read-only /
 * disk-full locations.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Db {
  const migrations = opts.migrations ?? ALL_MIGRATIONS;
  let db: Db;
  try {
    if (!opts.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    db = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false, timeout: opts.busyTimeoutMs ?? 2000 });
  } catch (err) {
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
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreError('corrupt', `quick_check: ${String(check)}`);
    if (!opts.readonly) applyMigrations(db, migrations);
    return db;
  } catch (err) {
    try {
      db.close();
    } catch {
      // already broken; the original error is what matters
    }
    throw toStoreError(err, 'cannot-open');
  }
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
