import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { openDatabase, writeTransaction, type Db } from '../store/database';
import { appendJournal, exportJournal, GENESIS_HASH, listJournal, verifyJournal } from './journal';
import { tempDir } from '../../../../test/helpers/fs-faults';

let db: Db;
let dir: string;
afterEach(() => {
  db?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function open(): Db {
  dir = tempDir();
  db = openDatabase(path.join(dir, 'j.db'));
  return db;
}

function append(n: number): void {
  for (let i = 0; i < n; i++) {
    writeTransaction(db, () =>
      appendJournal(db, { type: 'payment.captured', paymentId: `p${i}`, operatorId: 'mario', data: { amountCents: 1000 + i, note: `è € "x",\n${i}` }, at: `2026-11-22T10:00:0${i % 10}.000Z` }),
    );
  }
}

/** Tampering needs the append-only triggers out of the way, as an attacker with a SQLite shell would do. */
function tamper(sql: string): void {
  db.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;');
  db.exec(sql);
}

describe('journal', () => {
  it('chains each entry to the previous hash, starting from the genesis hash', () => {
    open();
    append(3);
    const entries = listJournal(db);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
    expect(verifyJournal(db)).toEqual({ ok: true, count: 3, lastHash: entries[2]?.hash });
  });

  it('refuses to append outside a transaction', () => {
    open();
    expect(() => appendJournal(db, { type: 'x' })).toThrow(/inside the write transaction/);
  });

  it('is append-only: UPDATE and DELETE are refused by the database', () => {
    open();
    append(2);
    expect(() => db.exec("UPDATE journal SET type = 'forged' WHERE seq = 1")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM journal WHERE seq = 2')).toThrow(/append-only/);
  });

  it('names the first altered entry', () => {
    open();
    append(5);
    tamper(`UPDATE journal SET data = '{"amountCents":1}' WHERE seq = 3`);
    expect(verifyJournal(db)).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('detects a deleted entry', () => {
    open();
    append(5);
    tamper('DELETE FROM journal WHERE seq = 2');
    expect(verifyJournal(db)).toMatchObject({ ok: false, firstBadSeq: 2 });
  });

  it('detects a re-hashed forgery by the broken link of the next entry', () => {
    open();
    append(4);
    // The forger recomputes entry 2's own hash but cannot fix entry 3's prev_hash without re-hashing the rest.
    tamper(`UPDATE journal SET hash = '${'f'.repeat(64)}' WHERE seq = 2`);
    const v = verifyJournal(db);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.firstBadSeq).toBe(2);
  });

  it('rolls back the journal entry together with a failed change', () => {
    open();
    append(1);
    expect(() =>
      writeTransaction(db, () => {
        appendJournal(db, { type: 'payment.collected', paymentId: 'px' });
        throw new Error('drawer jammed');
      }),
    ).toThrow('drawer jammed');
    expect(listJournal(db)).toHaveLength(1);
    expect(verifyJournal(db).ok).toBe(true);
  });

  it('exports CSV (RFC 4180 quoting) and JSON with every entry', () => {
    open();
    append(3);
    let csv = '';
    expect(exportJournal(db, 'csv', (c) => (csv += c))).toBe(3);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,at,type,payment_id,operator_id,data,prev_hash,hash');
    expect(csv).toContain('\\""x\\""'); // the JSON's \" inside a CSV cell: quotes doubled
    let json = '';
    exportJournal(db, 'json', (c) => (json += c));
    const parsed = JSON.parse(json) as { seq: number; data: { note: string } }[];
    expect(parsed.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(parsed[0]?.data.note).toContain('€');
    let empty = '';
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    open();
    exportJournal(db, 'json', (c) => (empty += c));
    expect(JSON.parse(empty)).toEqual([]);
  });

  it('any single-field alteration of any entry is detected at that entry (property)', () => {
    open();
    append(6);
    const original = db.prepare('SELECT * FROM journal ORDER BY seq').all() as Record<string, unknown>[];
    db.exec('DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete;');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.constantFrom('at', 'type', 'payment_id', 'operator_id', 'data'), fc.string({ minLength: 1, maxLength: 8 }), (seq, column, value) => {
        const before = original[seq - 1]?.[column];
        fc.pre(value !== before && !(column === 'data' && value === String(before)));
        db.prepare(`UPDATE journal SET ${column} = ? WHERE seq = ?`).run(column === 'data' ? JSON.stringify({ v: value }) : value, seq);
        const v = verifyJournal(db);
        db.prepare(`UPDATE journal SET ${column} = ? WHERE seq = ?`).run(before, seq);
        return !v.ok && v.firstBadSeq === seq;
      }),
      { numRuns: 60, seed: 42 },
    );
    expect(verifyJournal(db).ok).toBe(true);
  });
});
