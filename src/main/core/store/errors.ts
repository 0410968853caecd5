// Storage failures a clerk or technician must be able to tell apart (issue: "a corrupted file, a locked
// database, a read-only location and a full disk each produce a distinct, clear error").
// 'in-use': another program holds the database's writer lock (issue #9 §3, see writer-lock.ts).
export type StoreErrorKind = 'corrupt' | 'locked' | 'in-use' | 'read-only' | 'disk-full' | 'cannot-open' | 'migration-failed' | 'io';

const MESSAGES: Record<StoreErrorKind, string> = {
  corrupt: 'The database file is damaged (integrity check failed). Stop taking payments and call a technician; do not delete the file.',
  locked: 'The database is locked by another Sportello process. Close the other instance and try again.',
  'in-use': 'The database is in use by another Sportello program: only one program may record payments. Use "Sincronizza ora" on the terminal, or stop it first.',
  'read-only': 'The database location is read-only. Payments cannot be recorded; check the data directory permissions.',
  'disk-full': 'The disk is full. Payments cannot be recorded until space is freed.',
  'cannot-open': 'The database file cannot be opened.',
  'migration-failed': 'The database could not be upgraded to this version of Sportello.',
  io: 'A disk error occurred while writing the database.',
};

const IN_USE_ADVICE = 'only one program may record payments. Use "Sincronizza ora" on the terminal, or stop it first.';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly kind: StoreErrorKind,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    // 'in-use' leads with the holder (the detail), so the one line a technician reads says who it is.
    super(kind === 'in-use' ? `${detail}: ${IN_USE_ADVICE}` : `${MESSAGES[kind]} (${detail})`, options);
  }
  /** The clerk-facing sentence without the technical detail. */
  get userMessage(): string {
    return MESSAGES[this.kind];
  }
}

/** Maps a better-sqlite3 / OS error to a StoreError. Returns the input unchanged when it is not a storage error. */
export function classifySqliteError(err: unknown): unknown {
  if (err instanceof StoreError) return err;
  if (!(err instanceof Error)) return err;
  const code = (err as { code?: string }).code ?? '';
  const msg = err.message;
  const detail = code ? `${code}: ${msg}` : msg;
  // SHMSIZE: the WAL index (-shm) could not be extended — on every platform SQLite supports, a full disk.
  if (code.startsWith('SQLITE_FULL') || code === 'SQLITE_IOERR_SHMSIZE' || /database or disk is full|ENOSPC/i.test(msg) || code === 'ENOSPC')
    return new StoreError('disk-full', detail, { cause: err });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || /database is locked/i.test(msg)) return new StoreError('locked', detail, { cause: err });
  if (code.startsWith('SQLITE_READONLY') || /readonly database|EROFS|EACCES/i.test(msg) || code === 'EACCES' || code === 'EROFS') return new StoreError('read-only', detail, { cause: err });
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB') || /malformed|not a database/i.test(msg)) return new StoreError('corrupt', detail, { cause: err });
  if (code.startsWith('SQLITE_CANTOPEN')) return new StoreError('cannot-open', detail, { cause: err });
  if (code.startsWith('SQLITE_IOERR')) return new StoreError('io', detail, { cause: err });
  return err;
}
