import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanSinceLastCheck, markerFile } from './integrity-marker';
import { openDatabase, writeTransaction, applyMigrations, type Db } from './database';
import { StoreError } from './errors';
import type { Migration } from './migrations';
import { isRoot, readOnlyDir, tempDir, tinyFilesystem } from '../../../../test/helpers/fs-faults';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

function tmpDb(): string {
  const dir = tempDir();
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'sportello.db');
}

function expectStoreError(fn: () => unknown, kind: StoreError['kind']): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).kind).toBe(kind);
    return err as StoreError;
  }
  throw new Error(`expected StoreError ${kind}, nothing was thrown`);
}

describe('openDatabase', () => {
  it('opens a real file with WAL, synchronous=FULL, foreign keys and all migrations', () => {
    const file = tmpDb();
    const db = openDatabase(file);
    cleanups.push(() => db.close());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const versions = (db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[]).map((r) => r.version);
    expect(versions).toContain(1);
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
  });

  it('applies each migration once, in version order, across reopenings', () => {
    const file = tmpDb();
    const calls: number[] = [];
    const migrations: Migration[] = [
      {
        version: 3,
        name: 'c',
        up: (db) => {
          calls.push(3);
          db.exec('CREATE TABLE c (x INTEGER) STRICT');
        },
      },
      {
        version: 2,
        name: 'b',
        up: (db) => {
          calls.push(2);
          db.exec('CREATE TABLE b (x INTEGER) STRICT');
        },
      },
    ];
    openDatabase(file, { migrations }).close();
    openDatabase(file, { migrations }).close();
    expect(calls).toEqual([2, 3]);
  });

  it('rolls back every migration of a failed upgrade', () => {
    const file = tmpDb();
    const migrations: Migration[] = [
      { version: 2, name: 'ok', up: (db) => db.exec('CREATE TABLE ok (x INTEGER) STRICT') },
      { version: 3, name: 'broken', up: (db) => db.exec('CREATE TABLE broken (x NOPE_TYPE) STRICT') },
    ];
    expectStoreError(() => openDatabase(file, { migrations }), 'migration-failed');
    const raw = new Database(file);
    cleanups.push(() => raw.close());
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'ok'").get()).toEqual({ n: 0 });
  });

  it('rejects duplicate migration versions', () => {
    const db = new Database(tmpDb());
    cleanups.push(() => db.close());
    const m = { version: 5, name: 'x', up: () => undefined };
    expectStoreError(() => applyMigrations(db, [m, { ...m, name: 'y' }]), 'migration-failed');
  });

  it('reports a corrupted file as corrupt', () => {
    const file = tmpDb();
    const db = openDatabase(file);
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(500));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Overwrite the middle of the file (b-tree pages) with garbage, keeping the header valid.
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, 4096);
    fs.closeSync(fd);
    expectStoreError(() => openDatabase(file), 'corrupt');
  });

  it('skips the whole-file check only for a file untouched since a clean close and checked within a week', () => {
    const file = tmpDb();
    const db = openDatabase(file);
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 200; i++) insert.run('x'.repeat(500));
    expect(fs.existsSync(markerFile(file))).toBe(false); // a writer holds it: nothing vouches for it
    db.close();
    expect(fs.existsSync(markerFile(file))).toBe(true);
    // Damage the file system never reports (bit rot: same size, same modification time), made here by
    // writing the pages and vouching for the result as a clean close would…
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, 4096);
    fs.closeSync(fd);
    const vouched = JSON.parse(fs.readFileSync(markerFile(file), 'utf8')) as { checkedAt: number };
    const st = fs.statSync(file);
    fs.writeFileSync(markerFile(file), JSON.stringify({ size: st.size, mtimeMs: st.mtimeMs, checkedAt: vouched.checkedAt }));
    // …is not looked for at a routine start (the marker vouches for the file)…
    const reader = openDatabase(file, { readonly: true });
    reader.close();
    // …but the weekly full check finds it.
    const marker = JSON.parse(fs.readFileSync(markerFile(file), 'utf8')) as { checkedAt: number };
    fs.writeFileSync(markerFile(file), JSON.stringify({ ...marker, checkedAt: marker.checkedAt - 8 * 86_400_000 }));
    expectStoreError(() => openDatabase(file), 'corrupt');
  });

  it('checks the whole file after a writer did not close cleanly', () => {
    const file = tmpDb();
    const db = openDatabase(file);
    db.close();
    const again = openDatabase(file); // drops the marker while it writes
    expect(fs.existsSync(markerFile(file))).toBe(false);
    // A crash: the process dies holding the database, so no marker is written and the next open checks.
    again.prepare("INSERT INTO meta VALUES ('k', 'v')").run();
    expect(cleanSinceLastCheck(file, Date.now())).toBeNull();
    again.close();
  });

  it('reports a file that is not a database as corrupt', () => {
    const file = tmpDb();
    fs.writeFileSync(file, 'this is not sqlite'.repeat(100));
    expectStoreError(() => openDatabase(file), 'corrupt');
  });

  it('reports a database locked by another writer as locked', () => {
    const file = tmpDb();
    const db = openDatabase(file, { busyTimeoutMs: 50 });
    cleanups.push(() => db.close());
    const other = new Database(file);
    cleanups.push(() => other.close());
    other.exec('BEGIN IMMEDIATE');
    cleanups.push(() => other.exec('ROLLBACK'));
    expectStoreError(() => writeTransaction(db, () => db.prepare("INSERT INTO meta VALUES ('k', 'v')").run()), 'locked');
  });

  it('reports a read-only location as read-only', () => {
    const ro = readOnlyDir();
    cleanups.push(ro.cleanup);
    expectStoreError(() => openDatabase(path.join(ro.dir, 'sportello.db')), 'read-only');
  });

  it('reports a full disk as disk-full and keeps the committed data', () => {
    const tiny = tinyFilesystem(256); // room for the schema and the writer-lock sidecars, not for 40 MB of filler
    cleanups.push(tiny.cleanup);
    const db: Db = openDatabase(path.join(tiny.dir, 'sportello.db'));
    cleanups.push(() => db.close());
    if (!tiny.real) db.pragma('max_page_count = 40'); // not root: let SQLite itself run out of pages
    db.exec('CREATE TABLE filler (x TEXT)');
    writeTransaction(db, () => db.prepare("INSERT INTO meta VALUES ('before', 'ok')").run());
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    const err = expectStoreError(() => {
      for (let i = 0; i < 10_000; i++) writeTransaction(db, () => insert.run('y'.repeat(4000)));
    }, 'disk-full');
    expect(err.userMessage).toMatch(/disk is full/i);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'before'").get()).toEqual({ value: 'ok' });
  });

  // Issue #10 §6: existing databases, not just new ones; readers work from a read-only copy.
  it.skipIf(!isRoot)('an existing database on a read-only mount: the writer is told read-only, a reader works from a copy', () => {
    const dir = tempDir();
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'sportello.db');
    const live = openDatabase(file);
    writeTransaction(live, () => live.prepare("INSERT INTO meta VALUES ('in-wal', 'yes')").run());
    // A copy taken while the terminal ran (database + WAL), put on read-only media.
    const media = tempDir();
    for (const suffix of ['', '-wal']) fs.copyFileSync(`${file}${suffix}`, path.join(media, `sportello.db${suffix}`));
    live.close();
    execFileSync('mount', ['--bind', media, media]);
    execFileSync('mount', ['-o', 'remount,bind,ro', media]);
    cleanups.push(() => {
      execFileSync('umount', [media]);
      fs.rmSync(media, { recursive: true, force: true });
    });
    const onMedia = path.join(media, 'sportello.db');
    expectStoreError(() => openDatabase(onMedia), 'read-only');
    const reader = openDatabase(onMedia, { readonly: true });
    expect(reader.prepare("SELECT value FROM meta WHERE key = 'in-wal'").get()).toEqual({ value: 'yes' });
    expectStoreError(() => writeTransaction(reader, () => reader.prepare("INSERT INTO meta VALUES ('x', 'y')").run()), 'read-only');
    reader.close();
  });

  it('an existing database on a full disk: the writer is told disk-full, a reader still works', () => {
    const tiny = tinyFilesystem(512);
    cleanups.push(tiny.cleanup);
    const file = path.join(tiny.dir, 'sportello.db');
    openDatabase(file).close();
    if (!tiny.real) return; // filling a volume needs the tmpfs (root)
    try {
      fs.writeFileSync(path.join(tiny.dir, 'filler'), Buffer.alloc(4 * 1024 * 1024));
    } catch {
      // ENOSPC: exactly what we want
    }
    expectStoreError(() => openDatabase(file), 'disk-full');
    const reader = openDatabase(file, { readonly: true });
    expect(reader.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toMatchObject({ n: expect.any(Number) });
    reader.close();
  });
});
