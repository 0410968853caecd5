// Spawns the real CLI against a real database file: `journal verify` and `journal export` (issue #4 §4).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/common/clock';
import { createShiftServices } from '../../src/main/core/shifts/create-shift-services';
import { openDatabase } from '../../src/main/core/store/database';
import { FAST_SCRYPT, tempDb } from './operators-test-db';

const BIN = path.resolve(__dirname, '../../bin/sportello');
// Built once in beforeAll; afterwards skip the launcher's staleness walk (other areas edit sources meanwhile).
const env = { ...process.env, SPORTELLO_CONFIG: '', SPORTELLO_DB: '', SPORTELLO_NO_REBUILD: '1' };

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'journal', ...args], { encoding: 'utf8', timeout: 60_000, env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let t: ReturnType<typeof tempDb>;
let entries = 0;

beforeAll(async () => {
  spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8', timeout: 120_000 });
  t = tempDb();
  const clock = new ManualClock();
  const { operators, shifts } = await createShiftServices({ db: t.db, clock, terminalId: 'T01', demo: true, scryptParams: FAST_SCRYPT });
  await operators.login('mario', '0000');
  await operators.login('mario', '1234');
  const s = shifts.open('mario', 10_000);
  shifts.cashMovement(s.id, 'in', 500, 'monete, "rotoli"\nda 2 €', 'mario');
  shifts.close('mario', 10_500, { acknowledgeWarnings: false });
  entries = (t.db.prepare('SELECT COUNT(*) AS n FROM journal').get() as { n: number }).n;
  t.db.close();
});
afterAll(() => t.cleanup());

describe('sportello journal', () => {
  it('verify: exit 0 and the entry count when the chain is intact', () => {
    const r = cli(['verify', '--db', t.file]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, count: entries });
  });

  it('export --format csv --out: header plus one RFC 4180 record per entry, quotes and newlines escaped', () => {
    const out = path.join(t.dir, 'journal.csv');
    const r = cli(['export', '--format', 'csv', '--db', t.file, '--out', out]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'csv', count: entries, out });
    const text = fs.readFileSync(out, 'utf8');
    expect(text.startsWith('seq,at,type,payment_id,operator_id,data,prev_hash,hash\r\n')).toBe(true);
    // The cash-in reason holds quotes and a newline: JSON-escaped in `data`, then CSV-quoted (quotes doubled).
    expect(text).toContain('\\""rotoli\\""\\nda 2 €');
    const records = text.split('\r\n').filter(Boolean);
    expect(records).toHaveLength(entries + 1);
    expect(records.map((l) => l.split(',')[2])).toContain('report.z-issued');
    expect(fs.readdirSync(t.dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('export --format json to stdout: the entries in order with their hashes', () => {
    const r = cli(['export', '--format', 'json', '--db', t.file]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as { seq: number; type: string; operatorId: string | null; hash: string; prevHash: string }[];
    expect(list.map((e) => e.seq)).toEqual(Array.from({ length: entries }, (_, i) => i + 1));
    expect(list[1]?.prevHash).toBe(list[0]?.hash);
    expect(list.map((e) => e.type)).toContain('operator.login-failed');
  });

  it('refuses bad input with one line and exit 2', () => {
    const bad = cli(['export', '--format', 'xml', '--db', t.file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const missing = cli(['verify', '--db', path.join(t.dir, 'nope.db')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no database at/);
    expect(fs.existsSync(path.join(t.dir, 'nope.db'))).toBe(false);
  });

  it('verify names the first altered entry (row UPDATEd behind the triggers), exit 4, one stderr line', () => {
    const copy = path.join(t.dir, 'tampered.db');
    fs.copyFileSync(t.file, copy);
    const db = openDatabase(copy);
    // What someone with a SQLite shell could do: drop the append-only trigger, then edit a row.
    db.exec('DROP TRIGGER journal_no_update');
    const target = db.prepare("SELECT seq FROM journal WHERE type = 'cash.in'").get() as { seq: number };
    db.prepare("UPDATE journal SET data = replace(data, '500', '50000') WHERE seq = ?").run(target.seq);
    db.close();
    const r = cli(['verify', '--db', copy]);
    expect(r.code).toBe(4);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^journal broken at entry ${target.seq}: `));
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, firstBadSeq: target.seq });
  });
});
