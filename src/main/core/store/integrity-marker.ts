// When the start-up integrity check may be skipped (issue #16 §3). `PRAGMA quick_check` reads the whole
// file: 10 s on a year of data (bench/year-data). A writer that closes cleanly records, beside the database,
// the file's size and modification time and when the last full check ran; the next open skips the check
// only if the file is exactly as that writer left it (no crash, no one else wrote it, no WAL left) and the
// last full check is less than FULL_CHECK_EVERY_MS old. A crash, a foreign write or a week without a check
// means a full check at the next start, as before.
import fs from 'node:fs';

export const FULL_CHECK_EVERY_MS = 7 * 86_400_000;

type Marker = { size: number; mtimeMs: number; checkedAt: number };

export function markerFile(dbFile: string): string {
  return `${dbFile}-checked.json`;
}

function read(dbFile: string): Marker | null {
  try {
    const m = JSON.parse(fs.readFileSync(markerFile(dbFile), 'utf8')) as Partial<Marker>;
    return typeof m.size === 'number' && typeof m.mtimeMs === 'number' && typeof m.checkedAt === 'number' ? (m as Marker) : null;
  } catch {
    return null;
  }
}

/** The time of the last full check if the file is untouched since a clean close, else null (check now). */
export function cleanSinceLastCheck(dbFile: string, now: number): number | null {
  const m = read(dbFile);
  if (!m || now - m.checkedAt > FULL_CHECK_EVERY_MS) return null;
  try {
    if (fs.existsSync(`${dbFile}-wal`) && fs.statSync(`${dbFile}-wal`).size > 0) return null;
    const st = fs.statSync(dbFile);
    return st.size === m.size && st.mtimeMs === m.mtimeMs ? m.checkedAt : null;
  } catch {
    return null;
  }
}

/** A writer opened the file: until it closes cleanly, no marker vouches for it. */
export function dropMarker(dbFile: string): void {
  fs.rmSync(markerFile(dbFile), { force: true });
}

/** After a writer's clean close (the WAL checkpointed into the file): vouch for the file as it is now. */
export function writeMarker(dbFile: string, checkedAt: number): void {
  try {
    const st = fs.statSync(dbFile);
    fs.writeFileSync(markerFile(dbFile), JSON.stringify({ size: st.size, mtimeMs: st.mtimeMs, checkedAt } satisfies Marker));
  } catch {
    // No marker means a full check next time: never an error at close.
  }
}
